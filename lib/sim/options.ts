/**
 * The options and counters of a {@link Simulation}.
 */
import type { Seed } from '../random/index';
import type { ClockModel } from '../clocks/physical';
import type { Checker } from './checkers';
import type { Fault, RandomFaultOptions } from './faults';
import type { NetworkModel } from './network';
import type { MessageFormatter } from './trace';
import type { NodeFactory, NodeId, ProtocolNode } from './types';

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
  /** Invariants checked after every event. */
  readonly checkers?: readonly Checker<N>[];
  /** On a violation: stop the run and set `violation` (default) or throw. */
  readonly onViolation?: 'stop' | 'throw';
  /** Record the trace (default true); off for fast sweeps and benchmarks. */
  readonly trace?: boolean;
  /** How trace lines print messages (default {@link formatMessage}). */
  readonly formatMessage?: MessageFormatter<M>;
  /** Deep-copy messages at the network boundary (default true). */
  readonly copyMessages?: boolean;
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

/** A message that reached an id outside the cluster (a client). */
export interface ExternalDelivery<M> {
  readonly timeMs: number;
  readonly from: NodeId;
  readonly message: M;
}

