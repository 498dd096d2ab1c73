// @real-io: times both PageRank engines with the wall clock.
/**
 * The chapter's measurements: both engines on the same graph, partitions and iterations, in the
 * same run (time per iteration, total, speed-up), and the fault experiment (a lost partition:
 * lineage recomputation against rerunning the job).
 */
import { performance } from 'node:perf_hooks';
import type { Links } from './graph';
import { maxAbsDifference, pageRank } from './pagerank';
import { pageRankMapReduce } from './mr-pagerank';
import { pageRankSpark } from './spark-pagerank';

/** One iteration of both engines. */
export interface IterationTimeRow {
  readonly iteration: number;
  readonly sparkMs: number;
  readonly mapReduceMs: number;
  /** mapReduceMs / sparkMs. */
  readonly speedUp: number;
}

/** A comparison of both engines. */
export interface EngineComparison {
  readonly rows: readonly IterationTimeRow[];
  readonly sparkTotalMs: number;
  readonly mapReduceTotalMs: number;
  /** Loading (caching `links` / writing the first job's input) is not part of the totals. */
  readonly sparkLoadMs: number;
  readonly mapReduceLoadMs: number;
  readonly referenceMs: number;
  /** max |Spark − MapReduce| (0: same order of sums) and max |Spark − reference|. */
  readonly engineDifference: number;
  readonly referenceDifference: number;
  readonly fsyncCalls: number;
  /** Wall time the MapReduce-style engine spent inside fsync, ms. */
  readonly fsyncMs: number;
  readonly bytesWritten: number;
  readonly bytesRead: number;
  /** The Spark-style ranks (equal to the MapReduce-style ones) and the last ranks' lineage. */
  readonly ranks: Map<string, number>;
  readonly lineage: string;
}

/**
 * Runs the reference, the Spark-style and the MapReduce-style PageRank on `links`.
 *
 * @example
 * const c = compareEngines(loadGraphDataset(), { partitions: 4, iterations: 10 });
 * c.mapReduceTotalMs / c.sparkTotalMs; // the speed-up
 */
export function compareEngines(links: Links, options: { partitions?: number; iterations?: number; damping?: number } = {}): EngineComparison {
  const t0 = performance.now();
  const reference = pageRank(links, options);
  const referenceMs = performance.now() - t0;
  const spark = pageRankSpark(links, { ...options, now: () => performance.now() });
  const mr = pageRankMapReduce(links, options);
  const rows = spark.iterationMs.map((sparkMs, i) => {
    const mapReduceMs = mr.iterationMs[i] as number;
    return { iteration: i + 1, sparkMs, mapReduceMs, speedUp: mapReduceMs / sparkMs };
  });
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    rows, sparkTotalMs: sum(spark.iterationMs), mapReduceTotalMs: sum(mr.iterationMs), sparkLoadMs: spark.loadMs, mapReduceLoadMs: mr.loadMs, referenceMs,
    engineDifference: maxAbsDifference(spark.ranks, mr.ranks), referenceDifference: maxAbsDifference(reference, spark.ranks),
    fsyncCalls: mr.fsyncCalls, fsyncMs: mr.fsyncMs, bytesWritten: mr.bytesWritten, bytesRead: mr.bytesRead, ranks: spark.ranks, lineage: spark.lineage,
  };
}

/** The fault experiment's result. */
export interface PartitionLossExperiment {
  readonly iteration: number;
  readonly partition: number;
  readonly sparkIterationMs: readonly number[];
  readonly mapReduceIterationMs: readonly number[];
  /** Spark: time recomputing the lost partitions from lineage; which ones. */
  readonly sparkRecomputeMs: number;
  readonly sparkRecomputed: readonly string[];
  /** MapReduce: time rerunning the job whose output was lost. */
  readonly mapReduceRerunMs: number;
  /** Both engines still agree exactly, and with the reference within 1e−12. */
  readonly sameRanks: boolean;
}

/**
 * Loses partition `partition` before iteration `iteration`: in Spark, the cached `links`
 * partition (recomputed from lineage); in MapReduce, that part of the previous job's output
 * (the job is rerun). Returns both runs' times.
 */
export function losePartitionExperiment(
  links: Links,
  options: { iteration: number; partition: number; partitions?: number; iterations?: number; damping?: number },
): PartitionLossExperiment {
  const { iteration, partition, ...rest } = options;
  const spark = pageRankSpark(links, { ...rest, now: () => performance.now(), losses: [{ iteration, rdd: 'links', partition }] });
  const mr = pageRankMapReduce(links, { ...rest, losses: [{ iteration, partition }] });
  return {
    iteration, partition,
    sparkIterationMs: spark.iterationMs, mapReduceIterationMs: mr.iterationMs,
    sparkRecomputeMs: spark.recomputed.reduce((s, c) => s + c.ms, 0),
    sparkRecomputed: spark.recomputed.map((c) => `${c.rdd}[${c.partition}]`),
    mapReduceRerunMs: mr.reruns.reduce((s, r) => s + r.ms, 0),
    sameRanks: maxAbsDifference(spark.ranks, mr.ranks) === 0 && maxAbsDifference(pageRank(links, rest), spark.ranks) < 1e-12,
  };
}
