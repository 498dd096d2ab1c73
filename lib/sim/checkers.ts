/**
 * Checkers: named pure functions over the cluster, run by the simulator after every event.
 * They live beside each protocol (`mutualExclusion`, `electionSafety`, …) so tests, sweeps and
 * notebooks all call the same function.
 */
import type { NodeId } from './types';

/** What a checker sees: the live nodes (crashed ones are absent), the time, and the outputs so far. */
export interface ClusterView<N> {
  /** Simulated (true) time of the event just processed. */
  readonly nowMs: number;
  /** Live nodes by id; a crashed node is missing until it restarts. */
  readonly nodes: ReadonlyMap<NodeId, N>;
  /** Ids of crashed nodes. */
  readonly crashed: ReadonlySet<NodeId>;
  /** Every output so far, in order. */
  readonly outputs: readonly OutputRecord[];
}

/** One `output` effect, as recorded by the simulator. */
export interface OutputRecord {
  readonly timeMs: number;
  readonly node: NodeId;
  readonly label: string;
  readonly data?: unknown;
}

/**
 * A checker: returns a description of the violation, or nothing when the invariant holds.
 * Its function name is its name in reports, so declare it as a named function.
 *
 * @example
 * function atMostOneLeader(cluster: ClusterView<RaftNode>): string | undefined {
 *   const leaders = [...cluster.nodes.values()].filter((n) => n.role === 'leader');
 *   if (leaders.length > 1) return `two leaders: ${leaders.map((n) => n.id).join(', ')}`;
 * }
 */
export type Checker<N> = (cluster: ClusterView<N>) => string | undefined | null | void;

/** A broken invariant: which checker, what it said, when, and the seed that replays it. */
export interface Violation {
  /** The checker's name. */
  readonly checker: string;
  /** The checker's description of what is wrong. */
  readonly message: string;
  /** Simulated time of the event after which the checker failed. */
  readonly timeMs: number;
  /** Number of events processed when it failed (the event index is `eventCount − 1`). */
  readonly eventCount: number;
  /** The seed of the run: replaying it reproduces the violation exactly. */
  readonly seed: string;
}

/** The one-line report of a violation (Spanish, it is shown to students). */
export function formatViolation(violation: Violation): string {
  return (
    `Invariante «${violation.checker}» violado en t=${Math.round(violation.timeMs)} ms ` +
    `(evento ${violation.eventCount}): ${violation.message} — reproduce with seed=${violation.seed}`
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
export function checkerName(checker: Checker<never>): string {
  return checker.name || 'anonymousChecker';
}
