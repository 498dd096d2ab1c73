/**
 * The master–worker render on real threads, next to the reference measured in the same run:
 * the same video rendered in this thread, one fragment after another (`renderSerially`).
 *
 * Figures, each the median of several rounds made back to back (reference, then pool runs):
 * - speed-up of the pool with 1, 2 and 4 worker threads over the reference (on this machine's
 *   `os.availableParallelism()` cores);
 * - the master's overhead per fragment with one worker (messages, copies, scheduling), as a
 *   fraction of one fragment's render time;
 * - the cost of starting a worker thread (tsx hook included), in fragments' worth of render;
 * - the extra time of a run where one worker hangs mid-fragment, in units of the deadline.
 *
 * Run: `npx tsx bench/master-worker.bench.ts` (or `npm run bench -- master-worker`);
 * `BENCH_ROUNDS=N` changes the number of rounds (default 3).
 */
import { availableParallelism } from 'node:os';
import { LECTURE_FRAGMENT_S, LECTURE_VIDEO, liveWorkerThreads, renderSerially, runMasterWorker } from '../lib/master-worker/index';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WORKERS = [1, 2, 4];
const TIMEOUT_MS = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (x: number, d = 2) => x.toFixed(d);

async function main(): Promise<void> {
  const reference: number[] = [];
  const pool = new Map<number, number[]>(WORKERS.map((w) => [w, []]));
  const startPerThread: number[] = [];
  const crashExtra: number[] = [];
  let fragments = 0;
  let sha = '';
  renderSerially(LECTURE_VIDEO, LECTURE_FRAGMENT_S); // warm-up (JIT of this thread)
  for (let round = 0; round < ROUNDS; round++) {
    const t = performance.now();
    const ref = renderSerially(LECTURE_VIDEO, LECTURE_FRAGMENT_S);
    reference.push(performance.now() - t);
    fragments = ref.fragments;
    sha = ref.sha256;
    for (const workers of WORKERS) {
      const run = await runMasterWorker({ workers, timeoutMs: 4 * TIMEOUT_MS });
      if (run.sha256 !== sha) throw new Error(`bench: la salida con ${workers} hilos no es la de referencia`);
      pool.get(workers)!.push(run.totalMs);
      startPerThread.push(run.startMs / workers);
    }
    const clean = pool.get(2)!.at(-1)!;
    const crashed = await runMasterWorker({ workers: 2, timeoutMs: TIMEOUT_MS, faults: [{ fragment: 3, kind: 'hang' }] });
    if (crashed.sha256 !== sha) throw new Error('bench: la salida con la caída no es la de referencia');
    crashExtra.push((crashed.totalMs - clean) / TIMEOUT_MS);
  }
  if (liveWorkerThreads() !== 0) throw new Error('bench: quedan hilos vivos');
  const refMs = median(reference);
  const perFragmentMs = refMs / fragments;
  console.log(`master-worker: ${fragments} fragmentos de ${LECTURE_FRAGMENT_S} s, ${availableParallelism()} núcleos, ${ROUNDS} rondas (medianas)`);
  console.log(`  reference (one thread, no workers)   ${fmt(refMs, 0)} ms   = 1.00   (${fmt(perFragmentMs, 1)} ms per fragment)`);
  for (const workers of WORKERS) {
    const ms = median(pool.get(workers)!);
    console.log(`  pool, ${workers} worker thread${workers > 1 ? 's' : ' '}            ${fmt(ms, 0)} ms   speed-up ×${fmt(refMs / ms)}`);
  }
  const overhead = (median(pool.get(1)!) - refMs) / fragments;
  console.log(`  master overhead per fragment (1 worker)   ${fmt(overhead, 1)} ms = ${fmt(overhead / perFragmentMs)} × a fragment's render`);
  const start = median(startPerThread);
  console.log(`  starting one worker thread                ${fmt(start, 0)} ms = ${fmt(start / perFragmentMs, 1)} fragments' worth`);
  console.log(`  one hung worker (deadline ${TIMEOUT_MS} ms) adds    ${fmt(median(crashExtra))} × the deadline`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
