/**
 * PageRank Spark-style (the RDD paper's §3.2.2 example): `links` is hash-partitioned and cached
 * once; every iteration joins it with the current `ranks` (co-partitioned: no shuffle of the
 * graph), sends contributions through one shuffle (`reduceByKey`) and caches the new ranks. Only
 * the contributions cross partitions; the graph never leaves memory. A lost cached partition is
 * recomputed from lineage before the iteration that needs it.
 */
import type { Links } from './graph';
import { checkPageRankInput } from './pagerank';
import type { PageRankOptions } from './pagerank';
import { SparkContext } from './rdd';
import type { Pair, PartitionComputation, Rdd } from './rdd';

/** A fault: before iteration `iteration` (1-based), the cached partition `partition` of `rdd` is lost. */
export interface CachedPartitionLoss {
  readonly iteration: number;
  readonly rdd: 'links' | 'ranks';
  readonly partition: number;
}

/** Options of {@link pageRankSpark}. */
export interface SparkPageRankOptions extends PageRankOptions {
  /** Partitions of `links`, `ranks` and every shuffle (default 4). */
  readonly partitions?: number;
  readonly losses?: readonly CachedPartitionLoss[];
  /** A clock, for `iterationMs` and the recomputations' times (real I/O callers pass `performance.now`). */
  readonly now?: () => number;
}

/** A finished Spark-style run. */
export interface SparkPageRankRun {
  readonly ranks: Map<string, number>;
  /** Loading and caching `links` (the first action), then each iteration, in ms (0 without a clock). */
  readonly loadMs: number;
  readonly iterationMs: readonly number[];
  /** Cached partitions recomputed from lineage, with the iteration that needed them. */
  readonly recomputed: readonly (PartitionComputation & { iteration: number })[];
  /** The last ranks' lineage (`toDebugString`). */
  readonly lineage: string;
}

/**
 * Runs PageRank with the tiny RDD engine; the result equals {@link pageRank}'s within rounding
 * (the sums run in another order) and {@link pageRankMapReduce}'s exactly.
 *
 * @example
 * const run = pageRankSpark(loadGraphDataset(), { partitions: 4, iterations: 10,
 *   losses: [{ iteration: 5, rdd: 'links', partition: 2 }] });
 * run.recomputed; // [{ rdd: 'links', partition: 2, iteration: 5, … }]
 */
export function pageRankSpark(links: Links, options: SparkPageRankOptions = {}): SparkPageRankRun {
  const { damping, iterations } = checkPageRankInput(links, options);
  const partitions = options.partitions ?? 4;
  const losses = options.losses ?? [];
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions debe ser un entero ≥ 1, y es ${String(partitions)}`);
  for (const loss of losses) {
    if (!Number.isInteger(loss.iteration) || loss.iteration < 1 || loss.iteration > iterations) throw new RangeError(`una pérdida debe ocurrir en una iteración de 1 a ${iterations}, y es ${String(loss.iteration)}`);
    if (!Number.isInteger(loss.partition) || loss.partition < 0 || loss.partition >= partitions) throw new RangeError(`la partición perdida debe estar entre 0 y ${partitions - 1}, y es ${String(loss.partition)}`);
    if (loss.rdd !== 'links' && loss.rdd !== 'ranks') throw new RangeError(`solo se pueden perder particiones de «links» o «ranks», no de «${String(loss.rdd)}»`);
  }
  const sc = new SparkContext({ partitions, now: options.now });
  const n = links.size;
  const base = (1 - damping) / n;
  const t0 = sc.now();
  // The input: the graph's lines in contiguous splits, as textFile reads them.
  const input = sc.parallelize<Pair<readonly string[]>>([...links], partitions, 'aristas (entrada)');
  const graph = input.partitionBy(partitions).named('links').cache();
  graph.count();
  let ranks: Rdd<Pair<number>> = graph.mapValues(() => 1 / n).named('ranks_0').cache();
  ranks.count();
  const loadMs = sc.now() - t0;
  const iterationMs: number[] = [];
  const recomputed: (PartitionComputation & { iteration: number })[] = [];
  for (let k = 1; k <= iterations; k++) {
    for (const loss of losses) if (loss.iteration === k) (loss.rdd === 'links' ? graph : ranks).losePartition(loss.partition);
    const logged = sc.log.length;
    const start = sc.now();
    // Cached for this iteration only: two actions read it (the dangling mass, then the contributions).
    const joined = graph.join(ranks).cache();
    // Action 1: the dangling mass D (rank of nodes with no out-links), summed per partition.
    const danglingPerPartition = joined.mapPartitions((records) => {
      let sum = 0;
      for (const [, [targets, rank]] of records) if (targets.length === 0) sum += rank;
      return [sum];
    }).collect();
    const dangling = danglingPerPartition.reduce((a, b) => a + b, 0);
    // Every node sends 0 to itself (so it keeps a rank with no in-links) and r/outdeg to each target.
    const contributions = joined.flatMap(([node, [targets, rank]]) => {
      const out: Pair<number>[] = [[node, 0]];
      const share = rank / targets.length;
      for (const t of targets) out.push([t, share]);
      return out;
    });
    const previous = ranks;
    ranks = contributions.reduceByKey((a, b) => a + b).mapValues((sum) => base + damping * (sum + dangling / n)).named(`ranks_${k}`).cache();
    ranks.count(); // Action 2: materialise and cache the new ranks.
    // The shuffle that made the previous ranks can go: the new ranks are cached.
    previous.unpersist();
    joined.unpersist();
    if (k > 1) previous.parents[0]?.releaseShuffle();
    iterationMs.push(sc.now() - start);
    for (const c of sc.log.slice(logged)) if (c.recompute) recomputed.push({ ...c, iteration: k });
  }
  const all = new Map<string, number>(ranks.collect());
  const result = new Map<string, number>();
  for (const node of links.keys()) result.set(node, all.get(node) as number);
  return { ranks: result, loadMs, iterationMs, recomputed, lineage: ranks.lineage() };
}
