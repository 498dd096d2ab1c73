/**
 * Causality of a trace: Lamport and vector timestamps for every event that happens at a node,
 * computed from the trace alone. The events of the theory are sends, deliveries and outputs
 * (local events); each ticks its node, and a delivery first merges the sender's timestamp.
 * A timer firing is an input, not an event: what it causes (a send, an output) is stamped.
 * Boots, crashes and faults are not events of the protocol either.
 */
// Leaf modules of lib/clocks (they import nothing from lib/sim): no runtime import cycle.
import { lamportReceive } from '../clocks/lamport';
import { mergeVectorClocks } from '../clocks/vector';
import type { VectorClock } from '../clocks/vector';
import type { TraceEvent } from './trace';
import { eventNode } from './trace';
import type { NodeId } from './types';

const STAMPED_KINDS: ReadonlySet<TraceEvent['kind']> = new Set(['send', 'deliver', 'output'] as const);

/** A trace event at a node, with its position in the trace and its logical timestamps. */
export interface StampedEvent<M = unknown> {
  /** Index of the event in the trace. */
  readonly index: number;
  /** The node where it happened. */
  readonly node: NodeId;
  readonly event: TraceEvent<M>;
  /** Lamport timestamp. */
  readonly lamport: number;
  /** Vector timestamp. */
  readonly vector: VectorClock;
}

/**
 * Stamps every node event of a trace with Lamport and vector timestamps, as if each node ran
 * both clocks (the messages themselves need not carry them). Boots, crashes and network
 * events are skipped. Every id that sends or receives is stamped, including ids outside the
 * cluster: `Simulation.inject` records its message as a send by its `from` (default
 * `'client'`), so that client has events and its own entry in the vectors, and the delivery
 * is a receive that merges the client's timestamp. Only a delivery whose send is not in the
 * trace (e.g. a slice of a longer trace) counts as a plain local event.
 *
 * Uses exercises 02.1 (`lamportReceive`) and 02.3 (`mergeVectorClocks`): in a student's copy
 * it throws until both are solved.
 *
 * @example
 * const stamped = stampTrace(sim.trace);
 * stamped.map((e) => `${e.node} L=${e.lamport} V=${formatVector(e.vector, sim.nodeIds)}`);
 */
export function stampTrace<M>(trace: readonly TraceEvent<M>[]): StampedEvent<M>[] {
  const lamport = new Map<NodeId, number>();
  const vectors = new Map<NodeId, VectorClock>();
  const sent = new Map<number, { lamport: number; vector: VectorClock }>();
  const stamped: StampedEvent<M>[] = [];
  trace.forEach((event, index) => {
    if (!STAMPED_KINDS.has(event.kind)) return;
    const node = eventNode(event);
    if (node === undefined) return;
    let l = lamport.get(node) ?? 0;
    let v = vectors.get(node) ?? new Map<NodeId, number>();
    const stamp = event.kind === 'deliver' ? sent.get(event.messageId) : undefined;
    if (stamp !== undefined) {
      // The receive rules are the chapter 02 exercises (02.1, 02.3): the library has no other copy.
      l = lamportReceive(l, stamp.lamport);
      v = mergeVectorClocks(v, stamp.vector);
    } else {
      l += 1;
    }
    const next = new Map(v);
    next.set(node, (next.get(node) ?? 0) + 1);
    lamport.set(node, l);
    vectors.set(node, next);
    if (event.kind === 'send') sent.set(event.messageId, { lamport: l, vector: next });
    stamped.push({ index, node, event, lamport: l, vector: next });
  });
  return stamped;
}

/**
 * The happened-before relation of stamped events, computed the slow, obvious way: program
 * order plus send→deliver edges, closed transitively. A reference for tests; O(n²) memory.
 * Returns `hb[i][j] === true` when event i → event j (indices into `events`).
 */
export function happenedBeforeMatrix<M>(events: readonly StampedEvent<M>[]): boolean[][] {
  const n = events.length;
  const successors: number[][] = Array.from({ length: n }, () => []);
  const lastAt = new Map<NodeId, number>();
  const sendIndex = new Map<number, number>();
  events.forEach((e, i) => {
    const previous = lastAt.get(e.node);
    if (previous !== undefined) successors[previous]?.push(i);
    lastAt.set(e.node, i);
    if (e.event.kind === 'send') sendIndex.set(e.event.messageId, i);
    if (e.event.kind === 'deliver') {
      const s = sendIndex.get(e.event.messageId);
      if (s !== undefined) successors[s]?.push(i);
    }
  });
  const hb: boolean[][] = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  // Edges only point forward in trace order, so one backward pass closes the relation.
  for (let i = n - 1; i >= 0; i--) {
    const row = hb[i] as boolean[];
    for (const j of successors[i] ?? []) {
      row[j] = true;
      const reach = hb[j] as boolean[];
      for (let k = j + 1; k < n; k++) if (reach[k]) row[k] = true;
    }
  }
  return hb;
}
