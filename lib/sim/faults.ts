/**
 * Faults as data: a declarative schedule (what breaks, when, and when it heals), or one
 * drawn at random from a seed. The simulation turns each entry into timed events.
 */
import type { Rng } from '../random/index';
import type { NodeId } from './types';

/** One scheduled fault. Times are simulated milliseconds from the start of the run. */
export type Fault =
  /** Nodes in different groups cannot talk from `atMs` until `healAtMs` (if given). */
  | { readonly type: 'partition'; readonly atMs: number; readonly groups: readonly (readonly NodeId[])[]; readonly healAtMs?: number }
  /** `node` stops at `atMs`, losing volatile state and timers; it boots again at `restartAtMs`. */
  | { readonly type: 'crash'; readonly atMs: number; readonly node: NodeId; readonly restartAtMs?: number }
  /** Every message from `from` to `to` (and back, if `bothWays`) is dropped in `[atMs, untilMs)`. */
  | { readonly type: 'dropLink'; readonly atMs: number; readonly from: NodeId; readonly to: NodeId; readonly untilMs?: number; readonly bothWays?: boolean };

/** Fault constructors that read like a scenario. */
export const fault = {
  /** A partition into `groups` from `atMs`, healed at `healAtMs`. */
  partition: (atMs: number, groups: NodeId[][], healAtMs?: number): Fault =>
    healAtMs === undefined ? { type: 'partition', atMs, groups } : { type: 'partition', atMs, groups, healAtMs },
  /** A crash of `node` at `atMs`, restarted at `restartAtMs`. */
  crash: (atMs: number, node: NodeId, restartAtMs?: number): Fault =>
    restartAtMs === undefined ? { type: 'crash', atMs, node } : { type: 'crash', atMs, node, restartAtMs },
  /** A cut link in both directions between `a` and `b` during `[atMs, untilMs)`. */
  cut: (atMs: number, a: NodeId, b: NodeId, untilMs?: number): Fault =>
    untilMs === undefined
      ? { type: 'dropLink', atMs, from: a, to: b, bothWays: true }
      : { type: 'dropLink', atMs, from: a, to: b, untilMs, bothWays: true },
};

/** Options of {@link randomFaults}. */
export interface RandomFaultOptions {
  /** The nodes that may crash or be partitioned. */
  readonly nodeIds: readonly NodeId[];
  /** Faults start in `[0, durationMs)`. */
  readonly durationMs: number;
  /** How many crashes (each restarted; default 1). */
  readonly crashes?: number;
  /** How many partitions (each healed; default 1). */
  readonly partitions?: number;
  /** How many one-link cuts (each restored; default 0). */
  readonly cuts?: number;
  /** Mean time a fault lasts, exponentially distributed (default `durationMs / 5`). */
  readonly meanDownMs?: number;
  /** Crash at most this many nodes at once, e.g. a minority (default: any number). */
  readonly maxSimultaneousCrashes?: number;
}

/**
 * Draws a fault schedule from a random stream: crashes with restarts, partitions that heal,
 * cut links that come back. Same stream, same schedule.
 *
 * @example
 * const faults = randomFaults(createRng(7), { nodeIds: ['n1', 'n2', 'n3'], durationMs: 5_000 });
 */
export function randomFaults(rng: Rng, options: RandomFaultOptions): Fault[] {
  const { nodeIds, durationMs } = options;
  const meanDownMs = options.meanDownMs ?? durationMs / 5;
  const faults: Fault[] = [];
  const crashWindows: { node: NodeId; atMs: number; restartAtMs: number }[] = [];
  const limit = options.maxSimultaneousCrashes ?? nodeIds.length;
  for (let i = 0; i < (options.crashes ?? 1); i++) {
    const atMs = Math.floor(rng.uniform(0, durationMs));
    const restartAtMs = atMs + Math.max(1, Math.round(rng.exponential(meanDownMs)));
    const down = crashWindows.filter((w) => w.atMs < restartAtMs && atMs < w.restartAtMs);
    const candidates = nodeIds.filter((id) => !down.some((w) => w.node === id));
    if (down.length >= limit || candidates.length === 0) continue;
    const node = rng.choice(candidates);
    crashWindows.push({ node, atMs, restartAtMs });
    faults.push({ type: 'crash', atMs, node, restartAtMs });
  }
  for (let i = 0; i < (options.partitions ?? 1); i++) {
    const atMs = Math.floor(rng.uniform(0, durationMs));
    const healAtMs = atMs + Math.max(1, Math.round(rng.exponential(meanDownMs)));
    const shuffled = rng.shuffle(nodeIds);
    const cut = rng.int(1, Math.max(1, shuffled.length - 1));
    faults.push({ type: 'partition', atMs, groups: [shuffled.slice(0, cut), shuffled.slice(cut)], healAtMs });
  }
  for (let i = 0; i < (options.cuts ?? 0); i++) {
    if (nodeIds.length < 2) break;
    const atMs = Math.floor(rng.uniform(0, durationMs));
    const untilMs = atMs + Math.max(1, Math.round(rng.exponential(meanDownMs)));
    const [from, to] = rng.sample(nodeIds, 2) as [NodeId, NodeId];
    faults.push({ type: 'dropLink', atMs, from, to, untilMs, bothWays: true });
  }
  return faults.sort((a, b) => a.atMs - b.atMs);
}

/**
 * Throws a clear error for a fault that can never make sense, before anything is scheduled:
 * a bad time, an end before its start, an unknown id (B4), a crash of a client.
 */
export function validateFault(f: Fault, nodeIds: readonly NodeId[], clientIds: readonly NodeId[], nowMs: number): void {
  const known = (id: NodeId, what: string, clientsToo: boolean) => {
    if (nodeIds.includes(id) || (clientsToo && clientIds.includes(id))) return;
    const clients = clientIds.length > 0 ? `; clients: ${clientIds.join(', ')}` : '';
    if (clientIds.includes(id)) throw new Error(`${what}: "${id}" is a client; clients do not crash`);
    throw new Error(`${what}: unknown node "${id}" (nodes: ${nodeIds.join(', ')}${clients})`);
  };
  const times = (end: number | undefined, endName: string) => {
    if (!Number.isFinite(f.atMs)) throw new RangeError(`${f.type}: atMs must be a finite number, got ${f.atMs}`);
    if (f.atMs < nowMs) throw new RangeError(`${f.type}: cannot schedule in the past: atMs=${f.atMs} < now=${nowMs}`);
    if (end !== undefined && !(end >= f.atMs)) throw new RangeError(`${f.type}: ${endName}=${end} is before atMs=${f.atMs}`);
  };
  switch (f.type) {
    case 'partition':
      times(f.healAtMs, 'healAtMs');
      for (const group of f.groups) for (const id of group) known(id, 'partition', true);
      break;
    case 'crash':
      times(f.restartAtMs, 'restartAtMs');
      known(f.node, 'crash', false);
      break;
    case 'dropLink':
      times(f.untilMs, 'untilMs');
      known(f.from, 'cut', true);
      known(f.to, 'cut', true);
      if (f.from === f.to) throw new Error(`cut: "${f.from}" → "${f.to}" is not a link (a node always reaches itself)`);
      break;
  }
}
