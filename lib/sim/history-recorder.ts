/**
 * Histories from outputs: a client reports each operation with `output` effects labelled
 * `op:invoke`, then `op:ok`, `op:fail` or `op:info`, and the simulator (or anyone holding the
 * outputs, like the real-process runtime) turns them into a {@link History} for the
 * linearizability checker. The closed-loop client emits them for you.
 */
import type { History, Operation, OperationStatus } from '../linearizability/history';
import type { OutputRecord } from './checkers';
import type { NodeId } from './types';

/** The output labels of the operation protocol, e.g. `output(OPERATION.invoke, { request, input })`. */
export const OPERATION = { invoke: 'op:invoke', ok: 'op:ok', fail: 'op:fail', info: 'op:info' } as const;

/** The data of an `op:invoke` output: the client's own request id, what it asks, and an optional key. */
export interface InvokeData<I = unknown> {
  readonly request: string;
  readonly input: I;
  readonly key?: string;
}

/** The data of an `op:ok` / `op:fail` / `op:info` output: which request, and the answer if any. */
export interface CompleteData<O = unknown> {
  readonly request: string;
  readonly output?: O;
}

interface Pending {
  readonly id: number;
  readonly client: NodeId;
  readonly key: string | undefined;
  readonly input: unknown;
  readonly invokeMs: number;
}

/**
 * Builds a history incrementally from operation outputs. Operation ids are dense from 0 in
 * invoke order; an operation still open when the history is read shows as `'info'` (its
 * outcome is unknown: Jepsen's `:info`), and never gets a `completeMs`.
 */
export class HistoryRecorder {
  private readonly operations: (Operation | Pending)[] = [];
  private readonly open = new Map<string, number>();
  private cached: History | undefined;

  /** True if `label` belongs to the operation protocol. */
  static isOperationLabel(label: string): boolean {
    return label.length > 3 && label.charCodeAt(0) === 111 /* o */ && label.startsWith('op:');
  }

  /** Records one operation output of `client` at `timeMs`; throws a clear error on a malformed one. */
  record(client: NodeId, label: string, data: unknown, timeMs: number): void {
    const request = readRequest(label, data);
    const openKey = `${client}\u0000${request}`;
    if (label === OPERATION.invoke) {
      if (this.open.has(openKey)) throw new Error(`${client}: op:invoke de la petición "${request}", que ya está en curso`);
      const invoke = data as InvokeData;
      if (invoke.key !== undefined && typeof invoke.key !== 'string') throw new TypeError(`${client}: op:invoke: key debe ser un texto`);
      this.open.set(openKey, this.operations.length);
      this.operations.push({ id: this.operations.length, client, key: invoke.key, input: invoke.input, invokeMs: timeMs });
    } else {
      const status = STATUS_OF[label];
      if (status === undefined) throw new Error(`${client}: etiqueta de operación desconocida "${label}" (use op:invoke, op:ok, op:fail u op:info)`);
      const index = this.open.get(openKey);
      if (index === undefined) throw new Error(`${client}: ${label} de la petición "${request}", que no está en curso`);
      this.open.delete(openKey);
      const pending = this.operations[index] as Pending;
      const output = (data as CompleteData).output;
      this.operations[index] = finished(pending, status, output, timeMs);
    }
    this.cached = undefined;
  }

  /** The history so far: completed operations as they ended, open ones as `'info'`. */
  get history(): History {
    if (this.cached === undefined) {
      this.cached = Object.freeze(this.operations.map((op) => ('status' in op ? op : finished(op, 'info', undefined, 0))));
    }
    return this.cached;
  }

  /** How many operations are still in flight. */
  get openOperations(): number {
    return this.open.size;
  }
}

/**
 * The history in a list of outputs (e.g. `sim.outputs`, or a real run's collected outputs).
 *
 * @example
 * const history = historyFromOutputs(sim.outputs); // the same as sim.history
 */
export function historyFromOutputs(outputs: readonly OutputRecord[]): History {
  const recorder = new HistoryRecorder();
  for (const o of outputs) if (HistoryRecorder.isOperationLabel(o.label)) recorder.record(o.node, o.label, o.data, o.timeMs);
  return recorder.history;
}

const STATUS_OF: Readonly<Record<string, OperationStatus>> = { [OPERATION.ok]: 'ok', [OPERATION.fail]: 'fail', [OPERATION.info]: 'info' };

function readRequest(label: string, data: unknown): string {
  const request = typeof data === 'object' && data !== null ? (data as { request?: unknown }).request : undefined;
  if (typeof request !== 'string' && typeof request !== 'number') {
    throw new TypeError(`${label}: los datos deben llevar "request" (el id de la petición), recibido ${JSON.stringify(data)}`);
  }
  return String(request);
}

function finished(p: Pending, status: OperationStatus, output: unknown, timeMs: number): Operation {
  const done = status !== 'info';
  return Object.freeze({
    id: p.id,
    client: p.client,
    ...(p.key === undefined ? {} : { key: p.key }),
    input: p.input,
    ...(done && output !== undefined ? { output } : {}),
    invokeMs: p.invokeMs,
    ...(done ? { completeMs: timeMs } : {}),
    status,
  });
}
