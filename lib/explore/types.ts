/**
 * The explorer's vocabulary: the choices a schedule is made of, the options that bound a
 * search, and the answer it gives.
 */
import type { Checker } from '../sim/checkers';
import type { TraceEvent } from '../sim/trace';
import type { NodeFactory, NodeId, ProtocolNode } from '../sim/types';

/**
 * One step of a schedule: what the network, a timer or a fault does next. A message is named
 * by its sender, receiver and content (equal in-flight copies are interchangeable).
 */
export type Choice<M = unknown> =
  /** The network delivers one in-flight message. */
  | { readonly type: 'deliver'; readonly from: NodeId; readonly to: NodeId; readonly message: M }
  /** The network delivers a copy of an in-flight message and keeps the original in flight. */
  | { readonly type: 'duplicate'; readonly from: NodeId; readonly to: NodeId; readonly message: M }
  /** The network loses an in-flight message. */
  | { readonly type: 'drop'; readonly from: NodeId; readonly to: NodeId; readonly message: M }
  /** An armed timer fires (the explorer lets any armed timer fire at any moment). */
  | { readonly type: 'timer'; readonly node: NodeId; readonly name: string }
  /** A live node crashes: its volatile state, timers and nothing else are lost. */
  | { readonly type: 'crash'; readonly node: NodeId }
  /** A crashed node restarts from its durable store. */
  | { readonly type: 'restart'; readonly node: NodeId };

/** The kinds of {@link Choice}. */
export type ChoiceKind = Choice['type'];

/** What the explorer may do besides delivering messages and firing timers. */
export interface ExploreFaults {
  /** Lose in-flight messages (default true). Lost messages never matter for safety alone, but they make schedules readable. */
  readonly drop?: boolean;
  /** At most this many duplicated deliveries in a run (default 0). */
  readonly duplicates?: number;
  /** At most this many crashes in a run; a crashed node may restart at any later step (default 0). */
  readonly crashes?: number;
}

/** Options of {@link explore} and {@link randomWalk}. */
export interface ExploreOptions<M, N extends ProtocolNode<M>> {
  /** The cluster's node ids (small: 2–5 nodes). */
  readonly nodeIds: readonly NodeId[];
  /** Builds a node, exactly as for a `Simulation`. */
  readonly createNode: NodeFactory<M, N>;
  /** Invariants checked in every state (the simulator's plain checkers). */
  readonly checkers: readonly Checker<N>[];
  /** Seed of the nodes' random streams (default 1); node `id` gets `createRng(`${seed}/${id}`)`, forked once per life. */
  readonly seed?: string | number;
  /** Faults the schedule may contain. */
  readonly faults?: ExploreFaults;
  /** Explore schedules of at most this many steps (default 30). */
  readonly maxDepth?: number;
  /** Stop after this many distinct states (default 1,000,000); the answer is then `incomplete`. */
  readonly maxStates?: number;
  /** Stop after this much wall-clock time (default none); the answer is then `incomplete`, and no longer deterministic. */
  readonly timeBudgetMs?: number;
}

/** Options of {@link randomWalk}: the explorer's options plus the walks to make. */
export interface RandomWalkOptions<M, N extends ProtocolNode<M>> extends ExploreOptions<M, N> {
  /** Number of random schedules to try (default 1,000). */
  readonly walks?: number;
  /** Seed of the walks' choices (default 1). */
  readonly walkSeed?: string | number;
  /** Probability that a step is a fault (loss, duplicate, crash, restart) when one is enabled (default 0.1). */
  readonly faultProbability?: number;
}

/** The outcome of a search. */
export type ExploreVerdict =
  /** A reachable state breaks a checker: see `counterexample`. */
  | 'violation'
  /** Every state up to `depth` steps was checked, none breaks a checker. */
  | 'safe'
  /** The state or time budget ran out before `depth + 1` was finished: nothing is known beyond `depth`. */
  | 'incomplete';

/** A schedule that breaks a checker, shortest for a breadth-first search. */
export interface Counterexample<M> {
  /** The schedule, step by step. */
  readonly choices: readonly Choice<M>[];
  /** The checker that failed and what it said. */
  readonly checker: string;
  readonly message: string;
  /** The schedule replayed in a real `ManualSimulation`: draw it with `spaceTimeDiagram`. */
  readonly trace: readonly TraceEvent<M>[];
  /** True when the replay in `Simulation` hit the same checker at the last step. */
  readonly replayed: boolean;
}

/** The answer of {@link explore} or {@link randomWalk}. */
export interface ExploreResult<M> {
  readonly verdict: ExploreVerdict;
  /** Safe: schedules of up to this many steps all checked. Violation: the counterexample's length. */
  readonly depth: number;
  /** True when no new state exists beyond `depth`: the whole reachable state space was checked. */
  readonly exhausted: boolean;
  /** Distinct states reached (after deduplication). */
  readonly distinctStates: number;
  /** Transitions computed (a state's successors, duplicates included). */
  readonly transitions: number;
  /** Wall-clock time of the search (the only field that changes from run to run). */
  readonly elapsedMs: number;
  /** Why the search stopped early, when `verdict === 'incomplete'`. */
  readonly stoppedBy?: 'maxStates' | 'timeBudget';
  readonly counterexample?: Counterexample<M>;
  /** The answer in one Spanish sentence, for students. */
  readonly summary: string;
}
