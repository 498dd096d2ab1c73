/**
 * HDFS's timing and replication knobs, with their real defaults (hdfs-default.xml), the
 * dead-node timeout formula and the priority of an under-replicated block.
 */

/** The knobs of the simulated HDFS cluster (milliseconds and bytes). */
export interface HdfsConfig {
  /** `dfs.heartbeat.interval`: a DataNode heartbeats every 3 s. */
  readonly heartbeatIntervalMs: number;
  /** `dfs.namenode.heartbeat.recheck-interval`: the NameNode looks for dead nodes every 5 min. */
  readonly recheckIntervalMs: number;
  /** `dfs.namenode.redundancy.interval.seconds`: the replication monitor runs every 3 s. */
  readonly replicationIntervalMs: number;
  /** `dfs.namenode.replication.work.multiplier.per.iteration`: blocks scheduled per live node per round (2). */
  readonly workMultiplier: number;
  /** `dfs.namenode.replication.max-streams`: copies a DataNode sends at once (2). */
  readonly maxStreams: number;
  /** `dfs.namenode.replication.max-streams-hard-limit`: the same for single-replica blocks (4). */
  readonly maxStreamsHardLimit: number;
  /** `dfs.namenode.reconstruction.pending.timeout-sec`: a scheduled copy not confirmed by then is retried (5 min). */
  readonly pendingTimeoutMs: number;
  /** `dfs.replication`: replicas per block (3). */
  readonly replication: number;
  /** `dfs.blocksize`: 128 MiB in HDFS; the kit scales it down (see {@link SCALED_BLOCK_SIZE_BYTES}). */
  readonly blockSizeBytes: number;
  /** How fast a DataNode copies a block to another one (bytes per ms; 100 MB/s by default). */
  readonly bandwidthBytesPerMs: number;
}

/** HDFS's block size (128 MiB), for the record. */
export const HDFS_BLOCK_SIZE_BYTES = 128 * 1024 * 1024;

/** The kit's block size: 1 MiB, 128 times smaller than HDFS's, so a file of a few MiB has a few blocks. */
export const SCALED_BLOCK_SIZE_BYTES = 1024 * 1024;

/** HDFS's defaults (timing exactly as hdfs-default.xml), with the kit's scaled block size. */
export const HDFS_DEFAULTS: HdfsConfig = {
  heartbeatIntervalMs: 3_000,
  recheckIntervalMs: 300_000,
  replicationIntervalMs: 3_000,
  workMultiplier: 2,
  maxStreams: 2,
  maxStreamsHardLimit: 4,
  pendingTimeoutMs: 300_000,
  replication: 3,
  blockSizeBytes: SCALED_BLOCK_SIZE_BYTES,
  bandwidthBytesPerMs: 100_000,
};

/**
 * HDFS's defaults with the slow timers divided by 10 (recheck 30 s, pending timeout 30 s), so
 * a sweep of hundreds of seeds needs fewer simulated minutes; heartbeats stay at 3 s.
 */
export const SCALED_TIMING: HdfsConfig = { ...HDFS_DEFAULTS, recheckIntervalMs: 30_000, pendingTimeoutMs: 30_000 };

/**
 * The time after its last heartbeat at which the NameNode considers a DataNode dead:
 * `2 · recheck + 10 · heartbeat` (DatanodeManager's `heartbeatExpireInterval`), 10.5 min by default.
 *
 * @example
 * deadNodeTimeoutMs(HDFS_DEFAULTS); // 630000 (10,5 min)
 */
export function deadNodeTimeoutMs(config: Pick<HdfsConfig, 'recheckIntervalMs' | 'heartbeatIntervalMs'>): number {
  return 2 * config.recheckIntervalMs + 10 * config.heartbeatIntervalMs;
}

/** The priority levels of HDFS's LowRedundancyBlocks queues, most urgent first. */
export type RedundancyPriority = 'highest' | 'veryLow' | 'low' | 'badlyDistributed' | 'corrupt';

/**
 * The levels in the order the replication monitor serves them (`badlyDistributed` gets one
 * extra copy on another rack; `corrupt` blocks have no live source and are never scheduled).
 */
export const PRIORITY_ORDER: readonly RedundancyPriority[] = ['highest', 'veryLow', 'low', 'badlyDistributed', 'corrupt'];

/** Spanish names of the priority levels, for tables and legends. */
export const PRIORITY_NAMES: Readonly<Record<RedundancyPriority, string>> = {
  highest: 'una sola réplica (prioridad máxima)',
  veryLow: 'muy pocas réplicas (menos de 1/3)',
  low: 'faltan réplicas',
  badlyDistributed: 'réplicas en un solo rack',
  corrupt: 'sin réplicas vivas (perdido)',
};

/**
 * The queue HDFS puts a block in (LowRedundancyBlocks.getPriority, contiguous blocks): no live
 * replica → corrupt/missing; one → highest; fewer than a third of the expected → veryLow;
 * otherwise low; enough replicas but all on one rack → badlyDistributed; `undefined` if fine.
 *
 * @example
 * redundancyPriority(1, 3, 1); // 'highest'
 */
export function redundancyPriority(liveReplicas: number, expected: number, racksOfReplicas: number, racksAvailable = 2): RedundancyPriority | undefined {
  if (liveReplicas >= expected) return racksOfReplicas < 2 && expected > 1 && racksAvailable > 1 ? 'badlyDistributed' : undefined;
  if (liveReplicas === 0) return 'corrupt';
  if (liveReplicas === 1) return 'highest';
  if (liveReplicas * 3 < expected) return 'veryLow';
  return 'low';
}
