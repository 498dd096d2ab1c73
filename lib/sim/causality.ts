/**
 * Causality of a trace: Lamport and vector timestamps for every event that happens at a node,
 * computed from the trace alone. The events of the theory are sends, deliveries and outputs
 * (local events); each ticks its node, and a delivery first merges the sender's timestamp.
 * A timer firing is an input, not an event: what it causes (a send, an output) is stamped.
 * Boots, crashes and faults are not events of the protocol either.
 */
import { vectorMax } from '../clocks/vector';
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
 * events are skipped; a delivery from outside the cluster counts as a local event.
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
    if (event.kind === 'deliver') {
      const stamp = sent.get(event.messageId);
      if (stamp !== undefined) {
        l = Math.max(l, stamp.lamport);
        v = vectorMax(v, stamp.vector);
      }
    }
    l += 1;
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
