/**
 * Checkers: named functions over the cluster, run by the simulator after every event. They
 * live beside each protocol (`electionSafety`, `mutualExclusion`, …) so tests, sweeps and
 * notebooks all call the same function. A plain {@link Checker} looks at the cluster after
 * each event; a {@link CheckerFactory} (built with {@link checker}) is instantiated per run
 * and also sees every event as it happens and the end of the run.
 */
import type { History } from '../linearizability/history';
import type { TraceEvent } from './trace';
import type { NodeId, ReadonlyDurableStore } from './types';

/**
 * What a checker sees: the live nodes (crashed ones are absent), the disks of every node
 * (crashed or not), the time, the outputs and the clients' history so far. Client actors are
 * not cluster nodes: they are never in `nodes`.
 */
export interface ClusterView<N> {
  /** Simulated (true) time of the event just processed. */
  readonly nowMs: number;
  /** Live nodes by id; a crashed node is missing until it restarts. */
  readonly nodes: ReadonlyMap<NodeId, N>;
  /** Ids of crashed nodes. */
  readonly crashed: ReadonlySet<NodeId>;
  /** Every output so far, in order (clients' included). */
  readonly outputs: readonly OutputRecord[];
  /** The client ids of the run (empty without clients). */
  readonly clients: readonly NodeId[];
  /** The operations the clients invoked so far; one still in flight shows as `'info'`. */
  readonly history: History;
  /**
   * A read-only view of node `id`'s disk, crashed or not: for a crashed node, what its restart
   * will read; for a live one in `'fsync'` durability, also the writes not yet synced.
   */
  durable(id: NodeId): ReadonlyDurableStore;
}

/** One `output` effect, as recorded by the simulator (its data is a copy taken at the output). */
export interface OutputRecord {
  readonly timeMs: number;
  readonly node: NodeId;
  readonly label: string;
  readonly data?: unknown;
}

/**
 * What a check returns: nothing when the property holds, else a description of the
 * violation, optionally with the nodes it is about (a report filters the trace to them).
 */
export type CheckResult = string | { readonly message: string; readonly nodes?: readonly NodeId[] } | undefined | null | void;

/**
 * A checker: returns a description of the violation, or nothing when the invariant holds.
 * Its function name is its name in reports, so declare it as a named function.
 *
 * @example
 * // Raft's Election Safety (§5.2): at most one leader PER TERM. Two leaders at once are
 * // legal (a deposed leader in a minority partition has not heard of the new term yet).
 * function electionSafety(cluster: ClusterView<RaftNode>): CheckResult {
 *   const leaderOf = new Map<number, NodeId>();
 *   for (const node of cluster.nodes.values()) {
 *     if (node.role !== 'leader') continue;
 *     const other = leaderOf.get(node.currentTerm);
 *     if (other !== undefined) return { message: `two leaders in term ${node.currentTerm}: ${other}, ${node.id}`, nodes: [other, node.id] };
 *     leaderOf.set(node.currentTerm, node.id);
 *   }
 * }
 */
export type Checker<N> = (cluster: ClusterView<N>) => CheckResult;

/**
 * A run-level checker: one instance per run, so it can keep incremental state. `onEvent` is
 * called with every event of the run (after the step that caused it, even with the trace off);
 * `atEnd` by `sim.finish()`. Both return what a {@link Checker} returns.
 */
export interface RunChecker<M, N> {
  /** The name reported with a violation. */
  readonly name: string;
  /** Called once per event, in order, with the cluster as left by that event's step. */
  onEvent?(event: TraceEvent<M>, cluster: ClusterView<N>): CheckResult;
  /** Called by `sim.finish()`: properties of the whole run (e.g. the history is linearizable). */
  atEnd?(cluster: ClusterView<N>): CheckResult;
}

/** Builds a fresh {@link RunChecker} for each run; pass it in `checkers` like a plain checker. */
export interface CheckerFactory<M = unknown, N = unknown> {
  /** The name reported with a violation. */
  readonly checkerName: string;
  /** A new instance with empty state, for one run. */
  create(): RunChecker<M, N>;
}

/** What `SimulationOptions.checkers` accepts: plain checkers and factories, mixed. */
export type AnyChecker<M, N> = Checker<N> | CheckerFactory<M, N>;

/**
 * Declares a run-level checker: `make` returns the handlers with their own state, once per run.
 *
 * @example
 * // Raft's State Machine Safety, incrementally: remember each (index → term, command) applied once.
 * const stateMachineSafety = checker<RaftMessage, RaftNode>('stateMachineSafety', () => {
 *   const applied = new Map<number, string>();
 *   return {
 *     onEvent(event) {
 *       if (event.kind !== 'output' || event.label !== 'applied') return;
 *       const { index, command } = event.data as { index: number; command: string };
 *       const before = applied.get(index);
 *       if (before !== undefined && before !== command) return { message: `index ${index}: ${before} ≠ ${command}`, nodes: [event.node] };
 *       applied.set(index, command);
 *     },
 *   };
 * });
 */
export function checker<M, N>(name: string, make: () => Omit<RunChecker<M, N>, 'name'>): CheckerFactory<M, N> {
  return { checkerName: name, create: () => ({ name, ...make() }) };
}

/** True for a factory (an object), false for a plain checker (a function). */
export function isCheckerFactory<M, N>(value: AnyChecker<M, N>): value is CheckerFactory<M, N> {
  return typeof value === 'object' && value !== null && typeof (value as CheckerFactory<M, N>).create === 'function';
}

/** A broken invariant: which checker, what it said, when, and the seed that replays it. */
export interface Violation {
  /** The checker's name (`'protocolException'` when protocol code threw). */
  readonly checker: string;
  /** The checker's description of what is wrong. */
  readonly message: string;
  /** Simulated time of the event after which the checker failed. */
  readonly timeMs: number;
  /** Number of events processed when it failed (the event index is `eventCount − 1`). */
  readonly eventCount: number;
  /** The seed of the run: replaying it reproduces the violation exactly. */
  readonly seed: string;
  /** The nodes the violation is about, when the checker named them. */
  readonly nodes?: readonly NodeId[];
}

/** The one-line report of a violation (Spanish, it is shown to students). */
export function formatViolation(violation: Violation): string {
  const nodes = violation.nodes !== undefined && violation.nodes.length > 0 ? ` [nodos: ${violation.nodes.join(', ')}]` : '';
  return (
    `Invariante «${violation.checker}» violado en t=${Math.round(violation.timeMs)} ms ` +
    `(evento ${violation.eventCount}): ${violation.message}${nodes} — reprodúcelo con seed=${violation.seed}`
  );
}

/** The error thrown by a simulation created with `onViolation: 'throw'`. */
export class InvariantViolationError extends Error {
  constructor(readonly violation: Violation) {
    super(formatViolation(violation));
    this.name = 'InvariantViolationError';
  }
}

/** The name a checker is reported under. */
export function checkerName(checker: Checker<never> | CheckerFactory<never, never>): string {
  if (typeof checker === 'object') return checker.checkerName;
  return checker.name || 'anonymousChecker';
}

/** Splits a {@link CheckResult} into message and nodes; `undefined` when the property holds. */
export function readCheckResult(result: CheckResult): { message: string; nodes?: readonly NodeId[] } | undefined {
  if (!result) return undefined;
  if (typeof result === 'string') return { message: result };
  return result.nodes === undefined ? { message: result.message } : { message: result.message, nodes: [...result.nodes] };
}
