/**
 * Generated histories with known verdicts, for tests, benchmarks and notebooks: a simulated
 * atomic register or key-value store whose operations take effect at a random instant
 * inside their interval (so the history is linearizable by construction), optionally with
 * stale reads injected (so it certainly is not).
 * @packageDocumentation
 */
import type { Rng } from '../random/index';
import type { History, Operation, OperationStatus } from './history';

/** Options of {@link generateHistory}. */
export interface GenerateOptions {
  /** 'register': read / write / cas on `{ f }` inputs; 'kv': get / put / append. */
  readonly kind: 'register' | 'kv';
  readonly operations: number;
  readonly clients: number;
  /** Keys the operations spread over (register names or kv keys); default 1. */
  readonly keys?: number;
  /** Share of operations whose outcome is unknown ('info'); default 0.02. */
  readonly infoRate?: number;
  /** Share of operations that certainly fail ('fail'); default 0.02. */
  readonly failRate?: number;
  /** Probability that an 'info' operation took effect (at some point after its invoke); default 0.5. */
  readonly infoEffect?: number;
  /** How many reads to turn stale (each certainly not linearizable); default 0. */
  readonly staleReads?: number;
  /** Latency of an operation in ms, uniform in [1, maxLatencyMs]; default 20. */
  readonly maxLatencyMs?: number;
  /** A client's pause between operations, uniform in [0, maxThinkMs] ms; default 2 (busy clients). */
  readonly maxThinkMs?: number;
}

/** A generated history, and the ids of the reads made stale. */
export interface GeneratedHistory {
  readonly history: History;
  readonly staleReadIds: number[];
}

interface Draft {
  client: string;
  key: string;
  invokeMs: number;
  completeMs: number | undefined;
  status: OperationStatus;
  /** When it takes effect; undefined if never. */
  pointMs: number | undefined;
  input: Record<string, unknown>;
  output?: unknown;
  /** For ok operations that changed their key's value: the value just before. */
  before?: unknown;
  changed: boolean;
}

/**
 * Generates a history: `clients` closed-loop clients, each invoking its next operation when
 * the previous one completes (or times out, for 'info' ones), all values unique, so a read
 * can be made certainly stale by answering the value of before a write that completed
 * before the read began.
 * @example
 * const { history } = generateHistory(createRng(1), { kind: 'register', operations: 1_000, clients: 5 });
 * checkLinearizability(registerModel(), history).verdict; // 'ok'
 */
export function generateHistory(rng: Rng, options: GenerateOptions): GeneratedHistory {
  const { kind, operations, clients } = options;
  if (!Number.isInteger(operations) || operations < 0) throw new RangeError(`operations debe ser un entero >= 0, es ${operations}`);
  if (!Number.isInteger(clients) || clients < 1) throw new RangeError(`clients debe ser un entero >= 1, es ${clients}`);
  const keys = options.keys ?? 1;
  const infoRate = options.infoRate ?? 0.02;
  const failRate = options.failRate ?? 0.02;
  const maxLatencyMs = options.maxLatencyMs ?? 20;
  const maxThinkMs = options.maxThinkMs ?? 2;
  const infoEffect = options.infoEffect ?? 0.5;
  const clock = Array.from({ length: clients }, () => rng.int(0, maxLatencyMs));
  const drafts: Draft[] = [];
  for (let k = 0; k < operations; k++) {
    // The client with the earliest clock invokes next (ties: lowest index), as a closed loop would.
    let c = 0;
    for (let j = 1; j < clients; j++) if ((clock[j] as number) < (clock[c] as number)) c = j;
    const invokeMs = clock[c] as number;
    const latency = rng.int(1, maxLatencyMs);
    const roll = rng.next();
    const status: OperationStatus = roll < infoRate ? 'info' : roll < infoRate + failRate ? 'fail' : 'ok';
    const pointMs = status === 'fail' ? undefined
      : status === 'info' ? (rng.bernoulli(infoEffect) ? invokeMs + rng.uniform(0, 3 * latency) : undefined)
        : invokeMs + rng.uniform(0, latency);
    const completeMs = status === 'info' ? undefined : invokeMs + latency;
    // A client that saw no answer gives up after its timeout and goes on.
    clock[c] = invokeMs + (status === 'info' ? 2 * latency : latency) + rng.int(0, maxThinkMs);
    drafts.push({ client: `c${c}`, key: `k${rng.int(0, keys - 1)}`, invokeMs, completeMs, status, pointMs, input: {}, changed: false });
  }
  applyInOrder(rng, drafts, kind);
  drafts.sort((a, b) => a.invokeMs - b.invokeMs);
  const history: Operation[] = drafts.map((d, id) => toOperation(d, id, keys));
  const staleReadIds = injectStaleReads(rng, drafts, history, options.staleReads ?? 0, kind);
  return { history, staleReadIds };
}

/** Decides inputs and outputs by applying the operations at their points, in point order. */
function applyInOrder(rng: Rng, drafts: Draft[], kind: 'register' | 'kv'): void {
  const values = new Map<string, unknown>();
  let unique = 0;
  const byPoint = drafts.map((d, index) => ({ d, index }))
    .sort((a, b) => (a.d.pointMs ?? Infinity) - (b.d.pointMs ?? Infinity) || a.index - b.index);
  for (const { d } of byPoint) {
    const current = values.get(d.key) ?? (kind === 'kv' ? '' : null);
    const roll = rng.next();
    unique += 1;
    if (kind === 'register') {
      if (roll < 0.5) {
        d.input = { f: 'read' };
        d.output = current;
      } else if (roll < 0.8) {
        d.input = { f: 'write', value: unique };
        setValue(d, values, current, unique);
      } else {
        const from = rng.bernoulli(0.6) ? current : rng.int(0, unique);
        const swapped = d.pointMs !== undefined && from === current;
        d.input = { f: 'cas', from, to: unique };
        d.output = swapped;
        if (swapped) setValue(d, values, current, unique);
      }
    } else if (roll < 0.5) {
      d.input = { f: 'get', key: d.key };
      d.output = current;
    } else if (roll < 0.6) {
      d.input = { f: 'put', key: d.key, value: `x ${unique} y` };
      setValue(d, values, current, `x ${unique} y`);
    } else {
      d.input = { f: 'append', key: d.key, value: `x ${unique} y` };
      setValue(d, values, current, `${String(current)}x ${unique} y`);
    }
  }
}

function setValue(d: Draft, values: Map<string, unknown>, current: unknown, next: unknown): void {
  if (d.pointMs === undefined) return; // never takes effect
  values.set(d.key, next);
  d.before = current;
  d.changed = true;
}

function toOperation(d: Draft, id: number, keys: number): Operation {
  return {
    id, client: d.client, ...(keys > 1 ? { key: d.key } : {}), input: d.input,
    ...(d.status === 'ok' && d.output !== undefined ? { output: d.output } : {}),
    invokeMs: d.invokeMs, ...(d.completeMs !== undefined ? { completeMs: d.completeMs } : {}), status: d.status,
  };
}

/**
 * Makes `count` reads stale: each answers the value its key had just before an ok write
 * that completed before the read was invoked. Values are unique, so no later order can
 * bring that value back: the read certainly cannot be linearized.
 */
function injectStaleReads(rng: Rng, drafts: Draft[], history: Operation[], count: number, kind: 'register' | 'kv'): number[] {
  const ids: number[] = [];
  const reads = rng.shuffle(drafts.map((d, i) => i).filter((i) => {
    const d = drafts[i] as Draft;
    return d.status === 'ok' && (d.input['f'] === 'read' || d.input['f'] === 'get');
  }));
  for (const i of reads) {
    if (ids.length >= count) break;
    const read = drafts[i] as Draft;
    let latest: Draft | undefined;
    for (const d of drafts) {
      if (d.key !== read.key || d.status !== 'ok' || !d.changed || (d.completeMs as number) >= read.invokeMs) continue;
      if (latest === undefined || (d.completeMs as number) > (latest.completeMs as number)) latest = d;
    }
    if (latest === undefined) continue;
    const op = history[i] as Operation;
    history[i] = { ...op, output: latest.before ?? (kind === 'kv' ? '' : null) };
    ids.push(op.id);
  }
  return ids;
}
