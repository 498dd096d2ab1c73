/**
 * The chapter's experiment: kill a DataNode (or a whole rack) and sample, every few seconds,
 * how many blocks really lack replicas and how many the NameNode believes are
 * under-replicated, by HDFS priority.
 */
import type { Seed } from '../random/index';
import type { NodeId } from '../sim/types';
import type { HdfsConfig, RedundancyPriority } from './config';
import { deadNodeTimeoutMs } from './config';
import type { HdfsCluster } from './cluster';
import { hdfsCluster, liveReplicaCounts } from './cluster';
import type { PlacementChoice, PlacementPolicy } from './placement';

/** One sample of a {@link ReplicationTimeline}. */
export interface TimelineSample {
  readonly timeMs: number;
  /** Blocks with fewer live replicas than `replication` (the truth, from the disks). */
  readonly underReplicated: number;
  /** Blocks with exactly one live replica (one more failure loses them). */
  readonly singleReplica: number;
  /** Blocks with no live replica at all. */
  readonly lost: number;
  /** The NameNode's view, by priority queue. */
  readonly byPriority: Readonly<Record<RedundancyPriority, number>>;
}

/** Options of {@link replicationTimeline}. */
export interface ReplicationTimelineOptions {
  readonly seed: Seed;
  /** `'node'`: one DataNode dies; `'rack'`: every DataNode of one rack dies at once. */
  readonly failure: 'node' | 'rack';
  /** Which node or rack (default `'d1'` / `'r1'`). */
  readonly target?: string;
  readonly config?: Partial<HdfsConfig>;
  readonly files?: number;
  readonly failAtMs?: number;
  /** Run length (default: failure + dead-node timeout + recheck interval + 5 min). */
  readonly durationMs?: number;
  readonly sampleEveryMs?: number;
  /** Sampling step for `fineWindowMs` after the NameNode declares the death (default 250 ms for 40 s). */
  readonly fineSampleEveryMs?: number;
  readonly fineWindowMs?: number;
  readonly placement?: PlacementPolicy;
  readonly chooseTarget?: PlacementChoice;
  readonly priorityOrder?: 'hdfs' | 'fifo';
}

/** What {@link replicationTimeline} measured. */
export interface ReplicationTimeline {
  readonly cluster: HdfsCluster;
  readonly failed: readonly NodeId[];
  readonly failAtMs: number;
  readonly samples: readonly TimelineSample[];
  /** When the NameNode declared the (first) dead DataNode, or undefined. */
  readonly detectedAtMs: number | undefined;
  /** First sample after the failure with every block fully replicated again, or undefined. */
  readonly repairedAtMs: number | undefined;
  /** Blocks whose replicas were all on the failed nodes. */
  readonly lostBlocks: number;
  /** Copies scheduled by the NameNode. */
  readonly copies: number;
  /** Blocks under-replicated right after the failure, by how many live replicas they kept. */
  readonly initialByLive: ReadonlyMap<number, number>;
}

/**
 * Runs the experiment on a fresh cluster.
 *
 * @example
 * const t = replicationTimeline({ seed: 1, failure: 'rack' });
 * console.log(t.detectedAtMs, t.repairedAtMs, t.lostBlocks); // ~11–16 min, a few s later, 0
 */
export function replicationTimeline(options: ReplicationTimelineOptions): ReplicationTimeline {
  const cluster = hdfsCluster({
    seed: options.seed, files: options.files ?? 30,
    ...(options.config ? { config: options.config } : {}),
    ...(options.placement ? { placement: options.placement } : {}),
    ...(options.chooseTarget ? { chooseTarget: options.chooseTarget } : {}),
    ...(options.priorityOrder ? { priorityOrder: options.priorityOrder } : {}),
  });
  const { sim, topology, config } = cluster;
  const target = options.target ?? (options.failure === 'node' ? 'd1' : 'r1');
  const failed = options.failure === 'node' ? [target] : topology.dataNodes.filter((d) => topology.rackOf.get(d) === target);
  if (failed.length === 0 || !failed.every((d) => topology.rackOf.has(d))) throw new RangeError(`no hay ${options.failure === 'node' ? 'DataNode' : 'rack'} ${target}`);
  const failAtMs = options.failAtMs ?? 60_000;
  const durationMs = options.durationMs ?? failAtMs + deadNodeTimeoutMs(config) + config.recheckIntervalMs + 300_000;
  const every = options.sampleEveryMs ?? 5_000;
  const fine = options.fineSampleEveryMs ?? 250;
  const fineWindowMs = options.fineWindowMs ?? 40_000;
  sim.at(failAtMs, () => { for (const d of failed) sim.crash(d); });
  const samples: TimelineSample[] = [];
  let detectedAtMs: number | undefined;
  let repairedAtMs: number | undefined;
  let initialByLive = new Map<number, number>();
  let scanned = 0;
  // True at the event where the NameNode declares the first death (outputs are scanned once each).
  const detectedNow = (): boolean => {
    for (; scanned < sim.outputs.length; scanned++) {
      const o = sim.outputs[scanned];
      if (o?.label === 'datanodeDead' && detectedAtMs === undefined) {
        detectedAtMs = o.timeMs;
        scanned++;
        return true;
      }
    }
    return false;
  };
  const sample = (t: number) => {
    const values = [...liveReplicaCounts(cluster).values()];
    const underReplicated = values.filter((n) => n < config.replication).length;
    samples.push({ timeMs: t, underReplicated, singleReplica: values.filter((n) => n === 1).length, lost: values.filter((n) => n === 0).length, byPriority: cluster.namenode().underReplicatedByPriority() });
    if (t > failAtMs && initialByLive.size === 0) {
      initialByLive = new Map();
      for (const n of values) if (n < config.replication) initialByLive.set(n, (initialByLive.get(n) ?? 0) + 1);
    }
    if (t > failAtMs && repairedAtMs === undefined && underReplicated === 0) repairedAtMs = t;
  };
  sample(0);
  // Coarse samples, and fine ones for a while from the moment the NameNode notices the death.
  let fineUntilMs = -1;
  while (sim.nowMs < durationMs) {
    const step = Math.min(sim.nowMs < fineUntilMs ? fine : every, durationMs - sim.nowMs);
    if (sim.runUntil(detectedNow, { limitMs: step }) && fineUntilMs < 0) fineUntilMs = sim.nowMs + fineWindowMs;
    sample(sim.nowMs);
  }
  const lostBlocks = samples.reduce((m, s) => Math.max(m, s.lost), 0);
  return { cluster, failed, failAtMs, samples, detectedAtMs, repairedAtMs, lostBlocks, copies: cluster.namenode().scheduled.length, initialByLive };
}
