/**
 * Histories of operations on a shared object: the input of the linearizability checker.
 *
 * An operation is invoked by a client at `invokeMs` and either completes (`ok`: it took
 * effect and returned `output`; `fail`: it certainly did NOT take effect) or stays
 * unknown (`info`: it may or may not have taken effect, and never completes), as in
 * Jepsen's `:ok` / `:fail` / `:info` completions.
 * @packageDocumentation
 */

/** The outcome of an operation: took effect, certainly did not, or unknown. */
export type OperationStatus = 'ok' | 'fail' | 'info';

/** One operation of a history: who invoked what, when, and how it ended. */
export interface Operation<I = unknown, O = unknown> {
  /** Unique in the history, in invoke order. */
  readonly id: number;
  /** The client / process that invoked it. */
  readonly client: string;
  /** Optional partition key (P-compositionality), e.g. a register's name. */
  readonly key?: string;
  /** What was asked, e.g. `{ f: 'write', value: 3 }`, `{ f: 'read' }`, `{ f: 'cas', from, to }`. */
  readonly input: I;
  /** What was answered: present when `status === 'ok'` (or `'fail'` with an error). */
  readonly output?: O;
  /** When the client invoked it (simulated or real milliseconds). */
  readonly invokeMs: number;
  /** When it completed; absent when `status === 'info'` (unknown outcome). */
  readonly completeMs?: number;
  /** ok = took effect with output; fail = certainly did not; info = unknown. */
  readonly status: OperationStatus;
}

/** A history: operations, in invoke order. */
export type History<I = unknown, O = unknown> = readonly Operation<I, O>[];

const STATUSES: readonly OperationStatus[] = ['ok', 'fail', 'info'];

/**
 * Serialises a history as JSON lines, one operation per line (keys in a fixed order).
 * @example
 * const text = historyToJsonLines(history);
 * const again = historyFromJsonLines(text);
 */
export function historyToJsonLines(h: History): string {
  return h
    .map((op) => {
      const line: Record<string, unknown> = { id: op.id, client: op.client };
      if (op.key !== undefined) line['key'] = op.key;
      line['input'] = op.input;
      if (op.output !== undefined) line['output'] = op.output;
      line['invokeMs'] = op.invokeMs;
      if (op.completeMs !== undefined) line['completeMs'] = op.completeMs;
      line['status'] = op.status;
      return JSON.stringify(line);
    })
    .map((line) => line + '\n')
    .join('');
}

/**
 * Parses and validates a history written by {@link historyToJsonLines}; blank lines are
 * skipped. Throws an `Error` naming the line and the field on any malformed entry.
 */
export function historyFromJsonLines(text: string): History {
  if (typeof text !== 'string') throw new TypeError('historyFromJsonLines: se esperaba un texto');
  const operations: Operation[] = [];
  const ids = new Set<number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new Error(`historia, línea ${lineNumber}: JSON no válido (${(error as Error).message})`);
    }
    const op = validateOperation(parsed, `historia, línea ${lineNumber}`);
    if (ids.has(op.id)) throw new Error(`historia, línea ${lineNumber}: id ${op.id} repetido`);
    ids.add(op.id);
    operations.push(op);
  });
  return operations;
}

/**
 * Checks that a value is a well-formed {@link Operation} and returns it typed; throws an
 * `Error` starting with `where` otherwise. Used by the parser and by the checker.
 */
export function validateOperation(value: unknown, where: string): Operation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: se esperaba un objeto operación`);
  }
  const o = value as Record<string, unknown>;
  const id = o['id'];
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
    throw new Error(`${where}: 'id' debe ser un entero >= 0`);
  }
  if (typeof o['client'] !== 'string') throw new Error(`${where}: 'client' debe ser un texto`);
  if (o['key'] !== undefined && typeof o['key'] !== 'string') {
    throw new Error(`${where}: 'key' debe ser un texto si está presente`);
  }
  if (!('input' in o)) throw new Error(`${where}: falta 'input'`);
  const invokeMs = o['invokeMs'];
  if (typeof invokeMs !== 'number' || !Number.isFinite(invokeMs)) {
    throw new Error(`${where}: 'invokeMs' debe ser un número finito`);
  }
  const status = o['status'];
  if (typeof status !== 'string' || !STATUSES.includes(status as OperationStatus)) {
    throw new Error(`${where}: 'status' debe ser 'ok', 'fail' o 'info'`);
  }
  const completeMs = o['completeMs'];
  if (status === 'info') {
    if (completeMs !== undefined) throw new Error(`${where}: una operación 'info' no tiene 'completeMs'`);
  } else {
    if (typeof completeMs !== 'number' || !Number.isFinite(completeMs)) {
      throw new Error(`${where}: 'completeMs' debe ser un número finito en una operación '${status}'`);
    }
    if (completeMs < invokeMs) throw new Error(`${where}: 'completeMs' es anterior a 'invokeMs'`);
  }
  return value as Operation;
}

/**
 * Writes a history as Jepsen/EDN-style text: one `:invoke` line per operation at its
 * invoke time and one `:ok` / `:fail` / `:info` line at its completion, in time order.
 * An `info` operation's completion line goes at the end (its time is unknown).
 * @example
 * historyToEdn([{ id: 0, client: '0', input: { f: 'write', value: 3 }, invokeMs: 1, completeMs: 4, status: 'ok' }]);
 * // {:process 0, :type :invoke, :f :write, :value 3, :time 1000000}
 * // {:process 0, :type :ok, :f :write, :value 3, :time 4000000}
 */
export function historyToEdn(h: History): string {
  interface Line { readonly timeMs: number; readonly last: number; readonly order: number; readonly text: string }
  const lines: Line[] = [];
  let order = 0;
  const endMs = h.reduce((m, op) => Math.max(m, op.completeMs ?? op.invokeMs), 0);
  for (const op of h) {
    lines.push({ timeMs: op.invokeMs, last: 0, order: order++, text: ednLine(op, 'invoke', op.invokeMs) });
  }
  for (const op of h) {
    const timeMs = op.status === 'info' ? endMs : (op.completeMs ?? op.invokeMs);
    lines.push({ timeMs, last: op.status === 'info' ? 1 : 0, order: order++, text: ednLine(op, op.status, timeMs) });
  }
  // Completions at the same instant as invokes go after them only when their op was
  // invoked first; sorting by (time, order) keeps each op's invoke before its completion.
  lines.sort((a, b) => a.timeMs - b.timeMs || a.last - b.last || a.order - b.order);
  return lines.map((l) => l.text + '\n').join('');
}

function ednLine(op: Operation, type: 'invoke' | OperationStatus, timeMs: number): string {
  const input = op.input as Record<string, unknown> | null;
  const f = input !== null && typeof input === 'object' && typeof input['f'] === 'string' ? input['f'] : 'op';
  const value = type === 'ok' && op.output !== undefined ? mergedValue(input, op.output) : inputValue(input);
  const parts = [`:process ${ednProcess(op.client)}`, `:type :${type}`, `:f ${ednKeyword(f)}`];
  if (op.key !== undefined) parts.push(`:key ${ednValue(op.key)}`);
  parts.push(`:value ${ednValue(value)}`);
  if (type === 'fail' && op.output !== undefined) parts.push(`:error ${ednValue(op.output)}`);
  // Jepsen times are nanoseconds since the start of the test.
  parts.push(`:time ${Math.round(timeMs * 1e6)}`);
  return `{${parts.join(', ')}}`;
}

function inputValue(input: Record<string, unknown> | null): unknown {
  if (input === null || typeof input !== 'object') return input;
  if ('value' in input) return input['value'];
  if ('from' in input && 'to' in input) return [input['from'], input['to']];
  const rest = Object.keys(input).filter((k) => k !== 'f' && k !== 'key');
  if (rest.length === 0) return null;
  const o: Record<string, unknown> = {};
  for (const k of rest) o[k] = input[k];
  return o;
}

function mergedValue(input: Record<string, unknown> | null, output: unknown): unknown {
  // A read's :ok carries what was read; a write's :ok repeats what was written.
  if (output !== null && typeof output === 'object' && 'value' in (output as object)) {
    return (output as Record<string, unknown>)['value'];
  }
  if (input !== null && typeof input === 'object' && ('value' in input || 'from' in input)) return inputValue(input);
  return output;
}

function ednProcess(client: string): string {
  return /^\d+$/.test(client) ? client : ednValue(client);
}

function ednKeyword(name: string): string {
  return /^[A-Za-z*+!_?<>=-][\w*+!?<>=.-]*$/.test(name) ? `:${name}` : ednValue(name);
}

/** EDN for plain JSON data: nil, booleans, numbers, strings, vectors, maps with keyword keys. */
function ednValue(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(ednValue).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${ednKeyword(k)} ${ednValue(v)}`).join(', ')}}`;
  }
  return JSON.stringify(String(value));
}
