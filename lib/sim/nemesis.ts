/**
 * The nemesis: a function the simulator calls with every event of the run, which answers
 * with faults (Jepsen's nemesis, driven by the run instead of a clock). It can crash the node
 * that just applied an entry, isolate the node that just became leader, make flash crashes of
 * a few ms, drop chosen messages with `dropIf`, or change link models mid-run.
 */
import type { Rng } from '../random/index';
import type { LinkModel } from './network';
import type { DropFilter } from './options';
import type { TraceEvent } from './trace';
import type { NodeId } from './types';

/** What a nemesis may do: the scenario calls of a `Simulation`, plus its own random stream. */
export interface NemesisControl<M> {
  /** Current simulated time. */
  readonly nowMs: number;
  /** The cluster's node ids. */
  readonly nodeIds: readonly NodeId[];
  /** A random stream for the nemesis only (forked from the seed: same seed, same faults). */
  readonly nemesisRng: Rng;
  /** True unless `id` is crashed. */
  isUp(id: NodeId): boolean;
  crash(id: NodeId): unknown;
  restart(id: NodeId): unknown;
  partition(...groups: NodeId[][]): unknown;
  heal(): unknown;
  cut(a: NodeId, b: NodeId, options?: { oneWay?: boolean }): unknown;
  restore(a: NodeId, b: NodeId, options?: { oneWay?: boolean }): unknown;
  /** Runs `action` at simulated time `timeMs` (>= now). */
  at(timeMs: number, action: () => void): unknown;
  /** Drops every message `filter` accepts, from now until the returned function is called. */
  dropIf(filter: DropFilter<M>): () => void;
  /** Replaces the model of the link `from → to` (and back if `bothWays`); `undefined` returns it to the default. */
  setLink(from: NodeId, to: NodeId, model: LinkModel | undefined, options?: { bothWays?: boolean }): unknown;
}

/**
 * A nemesis: called after each event's step (in event order, with the cluster as that step
 * left it); faults it causes are events too, so it sees its own crashes. It must be
 * deterministic: draw chance from `control.nemesisRng`, never `Math.random`.
 *
 * @example
 * // Crash whichever node just applied an entry, and bring it back 5 ms later (a flash crash).
 * const nemesis: Nemesis<RaftMessage> = (event, control) => {
 *   if (event.kind === 'output' && event.label === 'applied' && control.isUp(event.node)) {
 *     control.crash(event.node);
 *     control.at(control.nowMs + 5, () => control.restart(event.node));
 *   }
 * };
 * new Simulation({ seed, nodeIds, createNode, nemesis });
 */
export type Nemesis<M> = (event: TraceEvent<M>, control: NemesisControl<M>) => void;

/** Options of {@link crashOnOutput}. */
export interface CrashOnOutputOptions {
  /** Restart the node this long after the crash (default: never). A few ms make a flash crash. */
  readonly restartAfterMs?: number;
  /** Chance of acting on each matching output (default 1), drawn from `nemesisRng`. */
  readonly probability?: number;
  /** Act at most this many times in the run (default: no limit). */
  readonly times?: number;
}

/**
 * A nemesis that crashes the node that just emitted an output labelled `label` (e.g. crash
 * the leader right after it applies an entry), optionally restarting it later.
 *
 * @example
 * new Simulation({ …, nemesis: crashOnOutput('applied', { restartAfterMs: 3, probability: 0.1 }) });
 */
export function crashOnOutput<M>(label: string, options: CrashOnOutputOptions = {}): Nemesis<M> {
  const { restartAfterMs, probability = 1, times = Infinity } = options;
  checkProbability(probability);
  let acted = 0;
  return (event, control) => {
    if (event.kind !== 'output' || event.label !== label || acted >= times) return;
    if (!control.nodeIds.includes(event.node) || !control.isUp(event.node)) return;
    if (probability < 1 && control.nemesisRng.next() >= probability) return;
    acted++;
    const node = event.node;
    control.crash(node);
    if (restartAfterMs !== undefined) control.at(control.nowMs + restartAfterMs, () => control.restart(node));
  };
}

/** Options of {@link isolateOnOutput}. */
export interface IsolateOnOutputOptions {
  /** Heal this long after the partition starts (default: never). */
  readonly healAfterMs?: number;
  /** Chance of acting on each matching output (default 1). */
  readonly probability?: number;
  /** Act at most this many times (default: no limit). */
  readonly times?: number;
}

/**
 * A nemesis that partitions the node that just emitted `label` (e.g. `'leader'`) from the rest
 * of the cluster (clients stay connected to everyone), healing after `healAfterMs`.
 */
export function isolateOnOutput<M>(label: string, options: IsolateOnOutputOptions = {}): Nemesis<M> {
  const { healAfterMs, probability = 1, times = Infinity } = options;
  checkProbability(probability);
  let acted = 0;
  return (event, control) => {
    if (event.kind !== 'output' || event.label !== label || acted >= times) return;
    if (!control.nodeIds.includes(event.node)) return;
    if (probability < 1 && control.nemesisRng.next() >= probability) return;
    acted++;
    control.partition([event.node], control.nodeIds.filter((id) => id !== event.node));
    if (healAfterMs !== undefined) control.at(control.nowMs + healAfterMs, () => control.heal());
  };
}

/** One nemesis made of several, each called with every event in the order given. */
export function combineNemeses<M>(...nemeses: readonly Nemesis<M>[]): Nemesis<M> {
  return (event, control) => {
    for (const nemesis of nemeses) nemesis(event, control);
  };
}

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`nemesis: probability must be in [0, 1], got ${p}`);
}
