/**
 * Checkers of gossip and of the miners' chains, for lib/sim runs and sweeps.
 */
import { checker } from '../sim/checkers';
import type { GossipMessage } from './messages';
import type { GossipNode } from './node';
import type { MinerMessage, MinerNode } from './miner';

/**
 * End of run: every live gossip node has the rumour (gossip reaches every live node).
 *
 * @example
 * new Simulation({ …, checkers: [gossipCoverage] }); sim.runFor(5_000); sim.finish();
 */
export const gossipCoverage = checker<GossipMessage, GossipNode>('gossipCoverage', () => ({
  atEnd(cluster) {
    const missing = [...cluster.nodes.values()].filter((n) => n.rumor === undefined).map((n) => n.id);
    if (missing.length > 0) return { message: `${missing.length} nodos vivos sin el rumor al final: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? '…' : ''}`, nodes: missing.slice(0, 8) };
    return undefined;
  },
}));

/** Every event: no node ever holds a rumour other than the one injected (no corruption). */
export const gossipIntegrity = checker<GossipMessage, GossipNode>('gossipIntegrity', () => ({
  onEvent(event, cluster) {
    if (event.kind !== 'output' || event.label !== 'informed') return undefined;
    const node = cluster.nodes.get(event.node);
    return node && node.rumor !== 'bloque-1' ? { message: `${event.node} tiene un rumor distinto: ${String(node.rumor)}`, nodes: [event.node] } : undefined;
  },
}));

/** End of run: every live miner follows the same tip (the fork was resolved). */
export const chainConvergence = checker<MinerMessage, MinerNode>('chainConvergence', () => ({
  atEnd(cluster) {
    const tips = new Map<string, string[]>();
    for (const n of cluster.nodes.values()) tips.set(n.tip.hash, [...(tips.get(n.tip.hash) ?? []), n.id]);
    if (tips.size > 1) return { message: `los mineros acaban en ${tips.size} puntas distintas: ${[...tips].map(([h, ids]) => `${h.slice(0, 6)}←[${ids.join(' ')}]`).join(' ')}`, nodes: [...tips.values()].map((ids) => ids[0] as string) };
    return undefined;
  },
}));
