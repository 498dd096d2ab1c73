/**
 * MapReduce throughput: comments per second of the sentiment count with 1, 2 and 4 worker
 * processes, next to a single-process loop over the same comments (the reference), measured in
 * the same run; and the JSON-RPC overhead per task as a fraction of the task's time, next to a
 * bare `ping` round trip to the same workers.
 *
 * After a warm-up job, rounds of reference, 1, 2 and 4 workers are run back to back and the
 * median round's figures are reported: the machine's speed drifts over seconds, so only runs
 * made moments apart compare.
 *
 * Run: `npx tsx bench/mapreduce.bench.ts` (or `npm run bench -- mapreduce`);
 * `MAPREDUCE_BENCH_COMMENTS=400000` for a bigger input, `MAPREDUCE_BENCH_ROUNDS=5` for more rounds.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { commentsToLines, generateComments, runMapReduce, runSequential, startWorkerPool } from '../lib/mapreduce/index';
import type { MapReduceRun } from '../lib/mapreduce/index';
import { formatNumber } from '../lib/plot/index';
import { JsonRpcHttpClient } from '../lib/rpc/index';

const COMMENTS = Number(process.env.MAPREDUCE_BENCH_COMMENTS ?? 200_000);
const ROUNDS = Number(process.env.MAPREDUCE_BENCH_ROUNDS ?? 3);
const WORKER_COUNTS = [1, 2, 4];
const dir = join(__dirname, '..', 'build', 'bench-mapreduce');

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number, d = 0) => formatNumber(x, { decimals: d });

/** Share of each task's round trip that is not the worker's own work: RPC, HTTP, JSON, scheduling. */
function overhead(run: MapReduceRun): { fraction: number; taskMs: number } {
  const ok = run.attempts.filter((a) => a.outcome === 'ok' && a.workMs !== undefined);
  const total = ok.reduce((s, a) => s + (a.endMs - a.startMs), 0);
  const work = ok.reduce((s, a) => s + a.workMs!, 0);
  return { fraction: (total - work) / total, taskMs: total / ok.length };
}

async function main(): Promise<void> {
  const lines = commentsToLines(generateComments({ seed: 2026, count: COMMENTS }));
  const reference = JSON.stringify(runSequential('sentiment', lines).result);
  const pool = await startWorkerPool({ count: Math.max(...WORKER_COUNTS) });
  try {
    const job = (k: number) => runMapReduce({ job: 'sentiment', lines, workers: pool.workers.slice(0, k), nMap: 8, dir: join(dir, `k${k}`) });
    await job(2); // warm-up: the workers compile the map and reduce code
    const rounds: { loopMs: number; runs: Map<number, MapReduceRun> }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      const loop = runSequential('sentiment', lines);
      const loopMs = performance.now() - t0;
      if (JSON.stringify(loop.result) !== reference) throw new Error('the loop disagrees with itself');
      const runs = new Map<number, MapReduceRun>();
      for (const k of WORKER_COUNTS) {
        const run = await job(k);
        if (JSON.stringify(run.result) !== reference) throw new Error(`MapReduce with ${k} workers differs from the reference`);
        runs.set(k, run);
      }
      rounds.push({ loopMs, runs });
    }
    // The median round by the 1-worker time.
    const byOne = [...rounds].sort((a, b) => a.runs.get(1)!.totalMs - b.runs.get(1)!.totalMs);
    const round = byOne[Math.floor(byOne.length / 2)]!;
    const client = new JsonRpcHttpClient({ url: pool.workers[0]!.url, retries: 0 });
    const pings: number[] = [];
    try {
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        await client.call('ping');
        pings.push(performance.now() - t0);
      }
    } finally {
      client.close();
    }
    const pingMs = median(pings.slice(50));
    console.log(`MapReduce, sentiment count of ${fmt(COMMENTS)} comments (${availableParallelism()} cores; median of ${ROUNDS} rounds)`);
    console.log(`  single-process loop (reference)   ${fmt(COMMENTS / (round.loopMs / 1000)).padStart(10)} comments/s   ${fmt(round.loopMs)} ms   ×1,00`);
    for (const k of WORKER_COUNTS) {
      const run = round.runs.get(k)!;
      const o = overhead(run);
      console.log(
        `  MapReduce, ${k} worker${k > 1 ? 's' : ' '}             ${fmt(COMMENTS / (run.totalMs / 1000)).padStart(10)} comments/s   ${fmt(run.totalMs)} ms   ×${fmt(round.loopMs / run.totalMs, 2)} of the loop;` +
          ` ${run.nMap + run.nReduce} tasks of ${fmt(o.taskMs, 1)} ms, RPC overhead ${fmt(100 * o.fraction, 1)} % of task time`,
      );
    }
    console.log(`  bare JSON-RPC ping to a worker: ${fmt(pingMs, 2)} ms (median of 150), ${fmt((100 * pingMs) / overhead(round.runs.get(1)!).taskMs, 2)} % of a 1-worker task`);
  } finally {
    await pool.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
