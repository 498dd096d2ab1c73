/**
 * The properties HDFS promises, as lib/sim checkers: no block ever loses its last live
 * replica (checked incrementally at every crash), and by the end every block has its
 * replicas back.
 */
import { checker } from '../sim/checkers';
import type { CheckerFactory, ClusterView } from '../sim/checkers';
import type { NodeId } from '../sim/types';
import { blocksOnDisk, DataNode } from './datanode';
import type { DfsMessage } from './messages';

/**
 * `noBlockLost`: at every moment each block has a replica on some live DataNode. Incremental:
 * a crash removes that node from the holders of the blocks on its disk, a restart puts it back,
 * a `blockStored` output adds one.
 *
 * @example
 * hdfsCluster({ seed: 1, placement: 'rackUnaware', checkers: [noBlockLost(layout)] }); // a rack failure breaks it
 */
export function noBlockLost(layout: ReadonlyMap<string, readonly NodeId[]>): CheckerFactory<DfsMessage, unknown> {
  return checker<DfsMessage, unknown>('noBlockLost', () => {
    const holders = new Map<string, Set<NodeId>>([...layout].map(([b, nodes]) => [b, new Set(nodes)]));
    return {
      onEvent(event, cluster) {
        if (event.kind === 'crash') {
          const lost: string[] = [];
          for (const b of blocksOnDisk(cluster.durable(event.node))) {
            const h = holders.get(b);
            if (h === undefined) continue;
            h.delete(event.node);
            if (h.size === 0) lost.push(b);
          }
          if (lost.length > 0) {
            const where = layout.get(lost[0] as string) ?? [];
            return { message: `${lost.length} bloque(s) sin ninguna réplica viva al caer ${event.node}: ${lost.slice(0, 3).join(', ')}${lost.length > 3 ? '…' : ''} (${lost[0]} se escribió en ${where.join(', ')})`, nodes: [event.node] };
          }
        } else if (event.kind === 'restart') {
          for (const b of blocksOnDisk(cluster.durable(event.node))) holders.get(b)?.add(event.node);
        } else if (event.kind === 'output' && event.label === 'blockStored') {
          const b = (event.data as { block?: string } | undefined)?.block;
          if (b !== undefined) holders.get(b)?.add(event.node);
        }
        return undefined;
      },
    };
  });
}

/**
 * `reReplicated`: at the end of the run every block has `replication` replicas on live
 * DataNodes (or one on every live DataNode, if fewer are left).
 */
export function reReplicated(blocks: readonly string[], replication: number): CheckerFactory<DfsMessage, unknown> {
  return checker<DfsMessage, unknown>('reReplicated', () => ({
    atEnd(cluster: ClusterView<unknown>) {
      const counts = new Map<string, number>(blocks.map((b) => [b, 0]));
      let liveDataNodes = 0;
      for (const node of cluster.nodes.values()) {
        if (!(node instanceof DataNode)) continue;
        liveDataNodes++;
        for (const b of node.blocks) if (counts.has(b)) counts.set(b, (counts.get(b) ?? 0) + 1);
      }
      const wanted = Math.min(replication, liveDataNodes);
      const short = [...counts].filter(([, n]) => n < wanted);
      if (short.length === 0) return undefined;
      return `${short.length} bloque(s) con menos de ${wanted} réplicas vivas al final: ${short.slice(0, 3).map(([b, n]) => `${b} (${n})`).join(', ')}`;
    },
  }));
}
