// @real-io: starts chapter 04's worker processes and times both word counts.
/**
 * The lecture's Twitter example as a word count («detectar tendencias»): the same count over the
 * tweets with chapter 04's real MapReduce (worker processes over JSON-RPC, files renamed into
 * place) and with the tiny RDD engine in memory; both must equal the single-process reference.
 */
import { performance } from 'node:perf_hooks';
import { parseCommentLine, wordsOf } from '../mapreduce/comments';
import { runMapReduce } from '../mapreduce/coordinator';
import { runSequential, sortedEntries } from '../mapreduce/jobs';
import { startWorkerPool } from '../mapreduce/pool';
import { SparkContext } from './rdd';
import type { Pair } from './rdd';

/**
 * The word count Spark-style: `textFile(...).flatMap(words).map(w → (w, 1)).reduceByKey(+)`,
 * sorted by word like chapter 04's output. Malformed lines are skipped.
 *
 * @example
 * wordCountSpark(['{"text": "gol gol"}'], 2); // [['gol', 2]]
 */
export function wordCountSpark(lines: readonly string[], partitions = 4): [string, number][] {
  const sc = new SparkContext({ partitions });
  const counts = sc
    .parallelize(lines, partitions, 'tweets (entrada)')
    .flatMap((line) => {
      const parsed = parseCommentLine(line);
      return 'reason' in parsed ? [] : wordsOf(parsed.text);
    })
    .map((word): Pair<number> => [word, 1])
    .reduceByKey((a, b) => a + b)
    .collect();
  return sortedEntries(new Map(counts));
}

/** A finished trending-words comparison. */
export interface TrendingRun {
  /** `[word, count]` sorted by word, equal in the three ways. */
  readonly counts: [string, number][];
  /** The `top` most frequent words, most frequent first (ties by word). */
  readonly top: [string, number][];
  readonly equal: boolean;
  readonly mapReduceMs: number;
  readonly sparkMs: number;
  /** Starting the worker processes (not part of `mapReduceMs`). */
  readonly startMs: number;
  readonly workers: number;
  /** The worker processes' pids (all stopped when the promise resolves). */
  readonly workerPids: readonly number[];
}

/**
 * Counts the words of `lines` with chapter 04's MapReduce (`workers` processes; stopped in a
 * `finally`) and with the RDD engine, and checks both against `runSequential`.
 *
 * @example
 * const run = await trendingWords(loadTweetsDataset(), { workers: 2, top: 10 });
 */
export async function trendingWords(lines: readonly string[], options: { workers?: number; top?: number; partitions?: number } = {}): Promise<TrendingRun> {
  const workers = options.workers ?? 2;
  const top = options.top ?? 10;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers debe ser un entero ≥ 1, y es ${String(workers)}`);
  const t0 = performance.now();
  const pool = await startWorkerPool({ count: workers });
  const startMs = performance.now() - t0;
  try {
    const t1 = performance.now();
    const run = await runMapReduce({ job: 'wordcount', lines, workers: pool.workers });
    const mapReduceMs = performance.now() - t1;
    const t2 = performance.now();
    const spark = wordCountSpark(lines, options.partitions ?? 4);
    const sparkMs = performance.now() - t2;
    const reference = JSON.stringify(runSequential('wordcount', lines).result);
    const equal = JSON.stringify(run.result) === reference && JSON.stringify(spark) === reference;
    const ranked = [...spark].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { counts: spark, top: ranked.slice(0, top), equal, mapReduceMs, sparkMs, startMs, workers, workerPids: pool.workers.map((w) => w.pid) };
  } finally {
    await pool.stop();
  }
}
