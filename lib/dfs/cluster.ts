/**
 * A whole simulated HDFS cluster on lib/sim: a NameNode (`nn`), DataNodes on racks, a
 * namespace of files already written (their blocks placed by the chosen policy), and the
 * checkers of this folder.
 */
import { createRng } from '../random/index';
import type { Rng, Seed } from '../random/index';
import type { AnyChecker } from '../sim/checkers';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import type { HdfsConfig } from './config';
import { HDFS_DEFAULTS } from './config';
import { DataNode, NAMENODE_ID } from './datanode';
import type { DfsMessage } from './messages';
import { formatDfsMessage } from './messages';
import { NameNode } from './namenode';
import type { PlacementChoice, PlacementPolicy } from './placement';
import { chooseTargets, placementChoice } from './placement';
import type { DfsFile, RackTopology } from './topology';
import { rackTopology, splitIntoBlocks } from './topology';

/** A node of the simulated cluster. */
export type DfsNode = NameNode | DataNode;

/** Options of {@link hdfsCluster}. */
export interface HdfsClusterOptions {
  readonly seed: Seed;
  /** Racks (default 3) and DataNodes per rack (default 4). */
  readonly racks?: number;
  readonly nodesPerRack?: number;
  /** How many files to write before the run (default 30; sizes 0,5–6 MiB, most written from a DataNode). */
  readonly files?: number;
  readonly config?: Partial<HdfsConfig>;
  /**
   * The placement policy of the writes and of re-replication (default `'hdfs'`). Only `'hdfs'`
   * (or a `chooseTarget`) checks racks, so only then are single-rack blocks re-replicated.
   */
  readonly placement?: PlacementPolicy;
  /** A placement decision that overrides `placement` (exercise 10.2's cells pass the student's). */
  readonly chooseTarget?: PlacementChoice;
  readonly priorityOrder?: 'hdfs' | 'fifo';
  readonly keepDeadReplicas?: boolean;
  /** Message loss on every link (default 0). */
  readonly loss?: number;
  readonly trace?: boolean;
  /** Checkers, or a function of the written layout that returns them (`noBlockLost(layout)` needs it). */
  readonly checkers?: readonly AnyChecker<DfsMessage, DfsNode>[] | ((layout: ReadonlyMap<string, readonly NodeId[]>) => readonly AnyChecker<DfsMessage, DfsNode>[]);
}

/** A built cluster: the simulation and what was written before it started. */
export interface HdfsCluster {
  readonly sim: Simulation<DfsMessage, DfsNode>;
  readonly topology: RackTopology;
  readonly config: HdfsConfig;
  readonly files: readonly DfsFile[];
  /** Where each block's replicas were written. */
  readonly layout: ReadonlyMap<string, readonly NodeId[]>;
  /** The NameNode (never crashed in this folder's scenarios). */
  namenode(): NameNode;
}

/** Random files for a seed: sizes 0,5–6 MiB; 80 % written from a DataNode, the rest from outside. */
export function randomFiles(rng: Rng, count: number, dataNodes: readonly NodeId[], blockSizeBytes: number): DfsFile[] {
  const specs = Array.from({ length: count }, (_, i) => ({
    name: `/datos/archivo-${String(i + 1).padStart(2, '0')}.csv`,
    sizeBytes: Math.round(rng.uniform(0.5, 6) * blockSizeBytes),
    writer: rng.bernoulli(0.8) ? rng.choice(dataNodes) : null,
  }));
  return splitIntoBlocks(specs, blockSizeBytes);
}

/** Places every block of `files` with `choose` (the write pipeline's targets), from the seed. */
export function placeFiles(files: readonly DfsFile[], topology: RackTopology, choose: PlacementChoice, replication: number, rng: Rng): Map<string, NodeId[]> {
  const layout = new Map<string, NodeId[]>();
  for (const f of files) {
    for (const b of f.blocks) {
      layout.set(b, chooseTargets({ choose, rackOf: topology.rackOf, chosen: [], writer: f.writer, eligible: topology.dataNodes, count: replication, rng }));
    }
  }
  return layout;
}

/**
 * Builds the cluster: topology, files, their placement, the NameNode and DataNodes.
 *
 * @example
 * const c = hdfsCluster({ seed: 1 });
 * c.sim.at(60_000, () => c.sim.crash('d1'));
 * c.sim.runFor(20 * 60_000);
 * c.namenode().underReplicatedByPriority(); // { highest: 0, …, low: 0 } once re-replicated
 */
export function hdfsCluster(options: HdfsClusterOptions): HdfsCluster {
  const config: HdfsConfig = { ...HDFS_DEFAULTS, ...options.config };
  const topology = rackTopology({ racks: options.racks ?? 3, nodesPerRack: options.nodesPerRack ?? 4 });
  const rng = createRng(`${String(options.seed)}/hdfs-archivos`);
  const files = randomFiles(rng.fork('files'), options.files ?? 30, topology.dataNodes, config.blockSizeBytes);
  const choose = options.chooseTarget ?? placementChoice(options.placement ?? 'hdfs', topology.dataNodes);
  const layout = placeFiles(files, topology, choose, config.replication, rng.fork('layout'));
  const initial = new Map<NodeId, string[]>(topology.dataNodes.map((d) => [d, []]));
  for (const [b, nodes] of layout) for (const n of nodes) initial.get(n)?.push(b);
  const sim = new Simulation<DfsMessage, DfsNode>({
    seed: options.seed,
    trace: options.trace ?? false,
    nodeIds: [NAMENODE_ID, ...topology.dataNodes],
    formatMessage: formatDfsMessage,
    network: { latency: latency.uniform(0.5, 2), loss: options.loss ?? 0 },
    createNode: (context) => context.id === NAMENODE_ID
      ? new NameNode(context, { config, rackOf: topology.rackOf, files, chooseTarget: choose, priorityOrder: options.priorityOrder ?? 'hdfs', keepDeadReplicas: options.keepDeadReplicas ?? false, checkRacks: options.chooseTarget !== undefined || (options.placement ?? 'hdfs') === 'hdfs' })
      : new DataNode(context, { config, initialBlocks: initial.get(context.id) ?? [] }),
    checkers: [...(typeof options.checkers === 'function' ? options.checkers(layout) : options.checkers ?? [])],
  });
  return {
    sim, topology, config, files, layout,
    namenode: () => {
      const nn = sim.node(NAMENODE_ID);
      if (!(nn instanceof NameNode)) throw new Error('el NameNode no está en marcha');
      return nn;
    },
  };
}

/** Live replicas of every block now: the truth, read from the live DataNodes' disks. */
export function liveReplicaCounts(cluster: HdfsCluster): Map<string, number> {
  const counts = new Map<string, number>([...cluster.layout.keys()].map((b) => [b, 0]));
  for (const id of cluster.topology.dataNodes) {
    const node = cluster.sim.node(id);
    if (!(node instanceof DataNode)) continue;
    for (const b of node.blocks) if (counts.has(b)) counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return counts;
}
