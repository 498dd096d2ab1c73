/**
 * The properties of the chat's flood, as lib/sim run checkers: no peer shows a message twice
 * (`deliveredOnce`, checked at every event), and every message reaches every live peer
 * (`floodCoverage`, checked at the end of the run).
 */
import { checker } from '../sim/checkers';
import type { CheckerFactory, ClusterView, OutputRecord } from '../sim/checkers';
import type { NodeId } from '../sim/types';
import type { P2PMessage } from './messages';
import type { P2PPeer } from './peer';

/** A delivered chat line as the peer's `deliver` output reports it. */
export interface DeliverData {
  readonly id: string;
  readonly origin: NodeId;
  readonly from: NodeId;
  readonly text: string;
}

/**
 * No peer shows the same message id twice: de-duplication by id works whatever the paths,
 * retransmissions and network duplicates.
 */
export const deliveredOnce: CheckerFactory<P2PMessage, P2PPeer> = checker('deliveredOnce', () => {
  const shown = new Set<string>();
  return {
    onEvent(event) {
      if (event.kind !== 'output' || event.label !== 'deliver') return undefined;
      const { id } = event.data as DeliverData;
      const key = `${event.node}\u0000${id}`;
      if (shown.has(key)) return { message: `${event.node} mostró ${id} dos veces`, nodes: [event.node] };
      shown.add(key);
      return undefined;
    },
  };
});

/** Which messages were written (the origin's own `deliver`) and which peer showed which id. */
export function floodDeliveries(outputs: readonly OutputRecord[]): { posts: { id: string; origin: NodeId; timeMs: number }[]; shown: Map<string, Set<NodeId>> } {
  const posts: { id: string; origin: NodeId; timeMs: number }[] = [];
  const shown = new Map<string, Set<NodeId>>();
  for (const record of outputs) {
    if (record.label !== 'deliver') continue;
    const data = record.data as DeliverData;
    if (data.from === record.node && data.origin === record.node) posts.push({ id: data.id, origin: data.origin, timeMs: record.timeMs });
    if (!shown.has(data.id)) shown.set(data.id, new Set());
    shown.get(data.id)?.add(record.node);
  }
  return { posts, shown };
}

/**
 * Every message written by a peer still in the chat at the end reaches every peer that was in
 * the chat when the message was written and still is at the end (online, not crashed). Peers that
 * left, crashed or were offline miss what they miss; a message whose writer is gone is not
 * required (it may have died with it).
 */
export const floodCoverage: CheckerFactory<P2PMessage, P2PPeer> = checker('floodCoverage', () => ({
  atEnd(cluster: ClusterView<P2PPeer>) {
    const { posts, shown } = floodDeliveries(cluster.outputs);
    const joinedAt = new Map<NodeId, number>();
    for (const record of cluster.outputs) if (record.label === 'joined') joinedAt.set(record.node, record.timeMs);
    const live = [...cluster.nodes.values()].filter((peer) => peer.status === 'online').map((peer) => peer.id);
    for (const post of posts) {
      if (!live.includes(post.origin)) continue;
      const missing = live.filter((id) => (joinedAt.get(id) ?? Infinity) <= post.timeMs && !(shown.get(post.id)?.has(id) ?? false));
      if (missing.length > 0) return { message: `${post.id} no llegó a ${missing.join(', ')} (${missing.length} de ${live.length} pares vivos)`, nodes: [post.origin, ...missing] };
    }
    return undefined;
  },
}));
