/**
 * The options and counters of a {@link Simulation}.
 */
import type { Seed } from '../random/index';
import type { ClockModel } from '../clocks/physical';
import type { AnyChecker } from './checkers';
import type { DurabilityMode } from './durable';
import type { Fault, RandomFaultOptions } from './faults';
import type { Nemesis } from './nemesis';
import type { NetworkModel } from './network';
import type { MessageFormatter } from './trace';
import type { NodeFactory, NodeId, ProtocolNode } from './types';

/**
 * `T`, but not a place TypeScript infers `T` from (TS 5.4's `NoInfer`, written for tslab's
 * TS 5.0): the message type comes from `createNode`, not from checkers, nemesis or clients.
 */
export type NoInference<T> = [T][T extends unknown ? 0 : never];

/** Options of a {@link Simulation}. */
export interface SimulationOptions<M, N extends ProtocolNode<M>> {
  /** The seed: the same seed gives the same run, event for event. */
  readonly seed: Seed;
  /** The cluster's node ids, in display order. */
  readonly nodeIds: readonly NodeId[];
  /** Builds a node (at boot and after each restart). */
  readonly createNode: NodeFactory<M, N>;
  /** Latency, loss, duplication and reordering, per link or for all (default: uniform 5–15 ms, no faults). */
  readonly network?: NetworkModel;
  /** A declarative fault schedule. */
  readonly faults?: readonly Fault[];
  /** A fault schedule drawn from the seed (node ids default to the cluster's). */
  readonly randomFaults?: Omit<RandomFaultOptions, 'nodeIds'> & { readonly nodeIds?: readonly NodeId[] };
  /** Hardware clocks per node, or bounds to draw them from the seed (default: perfect clocks). */
  readonly clocks?: ReadonlyMap<NodeId, ClockModel> | { readonly maxOffsetMs?: number; readonly maxDriftPpm?: number };
  /**
   * Client actors: ordinary protocol nodes outside the cluster (not in `nodeIds`, never
   * crashed, not seen by checkers as nodes) whose messages cross the simulated network. Their
   * `context.nodeIds` are the cluster's. See `closedLoopClient`.
   */
  readonly clients?: ClientOptions<NoInference<M>>;
  /**
   * Invariants: plain checkers (run after every event) and `checker(...)` / `eventually(...)`
   * factories (instantiated per run; they see every event and the end of the run).
   */
  readonly checkers?: readonly AnyChecker<NoInference<M>, NoInference<N>>[];
  /** Reacts to every event with faults (crash the node that just became leader…); see `nemesis.ts`. */
  readonly nemesis?: Nemesis<NoInference<M>>;
  /**
   * When durable writes survive a crash: `'immediate'` (default: every write at once) or
   * `'fsync'` (only writes covered by a completed `fsync` effect; a crash loses the rest).
   */
  readonly durability?: DurabilityMode;
  /** How long an `fsync` takes in `'fsync'` durability, in simulated ms (default 1). */
  readonly fsyncMs?: number;
  /** On a violation: stop the run and set `violation` (default) or throw. */
  readonly onViolation?: 'stop' | 'throw';
  /** Record the trace (default true); off for fast sweeps and benchmarks. */
  readonly trace?: boolean;
  /** How trace lines print messages (default {@link formatMessage}). */
  readonly formatMessage?: MessageFormatter<M>;
  /** Deep-copy messages at the network boundary (default true). */
  readonly copyMessages?: boolean;
  /**
   * The most events one run may process (default 10,000,000). A run that reaches it stops with
   * an `eventBudget` violation instead of running on: a protocol whose events multiply without
   * end (each duplicate starting a new message chain, a timer re-armed at 0 ms) cannot hang a
   * test or a sweep.
   */
  readonly maxEvents?: number;
}

/** Counters of a run; always kept, even with the trace off. */
export interface SimulationStats {
  events: number;
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  timersFired: number;
}

/** The client actors of a simulation: their ids and their factory (e.g. `closedLoopClient(...)`). */
export interface ClientOptions<M> {
  readonly ids: readonly NodeId[];
  readonly createClient: NodeFactory<M, ProtocolNode<M>>;
}

/** A message as a `dropIf` filter sees it, at its send. */
export interface MessageInFlight<M> {
  readonly timeMs: number;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly message: M;
}

/** A message-level fault: returns true to drop the message (traced as a drop, reason `'filtered'`). */
export type DropFilter<M> = (message: MessageInFlight<M>) => boolean;

/** A message that reached an id that is neither a node nor a client (e.g. `'client'`). */
export interface ExternalDelivery<M> {
  readonly timeMs: number;
  readonly from: NodeId;
  readonly message: M;
}

