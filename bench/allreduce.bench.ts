// @real-io: measures ring AllReduce on worker threads against one postMessage of the same bytes.
/**
 * Ring AllReduce's speed on real worker threads, next to a reference measured in the same run.
 *
 * For vectors of 1 MB and 8 MB (10⁶ bytes) and N = 2 and 4 threads, two times of one ring AllReduce:
 * - **ring** (`ringMs`): measured inside the threads, once every thread holds its vector and all
 *   are told to start: the slowest thread's time from sending its first chunk to holding its last
 *   received one (2(N − 1) chunk messages of M/N bytes per thread over MessagePorts, each chunk
 *   copied once by `slice` and its buffer transferred);
 * - **total** (`ms`): seen by the main thread, also copying each thread its vector (structured
 *   clone) and the sums back;
 * as megabytes of the vector per second, next to the reference: one `postMessage` of the same M
 * bytes from the main thread to a thread (structured clone) until its acknowledgement. The ratios
 * are ring time / postMessage time and total time / postMessage time, per round (rounds alternate
 * reference and measured runs; the median round's ratio is reported). The threads share this
 * machine's cores and memory bandwidth: this is not a network.
 * Run: `npx tsx bench/allreduce.bench.ts` (or `npm run bench -- allreduce`).
 */
import { cpus } from 'node:os';
import { AllReducePool, liveAllReduceThreads } from '../lib/allreduce/index';

const ROUNDS = 7;
const MB = 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const pool = await AllReducePool.start(4);
  try {
    console.log(`AllReduce en anillo (hilos + MessagePort) frente a un solo postMessage de los mismos bytes; ${cpus().length} núcleos`);
    console.log('tamaño | N | anillo (dentro de los hilos) MB/s | total MB/s | postMessage MB/s | anillo/postMessage | total/postMessage (tiempo)');
    for (const megabytes of [1, 8]) {
      const length = (megabytes * MB) / 8;
      const single = new Float64Array(length).fill(1);
      for (const n of [2, 4]) {
        const vectors = Array.from({ length: n }, (_, r) => new Float64Array(length).fill(r + 1));
        await pool.allReduce(vectors); await pool.postOnce(single); // warm-up
        const ring: number[] = [];
        const total: number[] = [];
        const post: number[] = [];
        const ringRatios: number[] = [];
        const totalRatios: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const p = await pool.postOnce(single);
          const { ringMs, ms } = await pool.allReduce(vectors);
          post.push(p);
          ring.push(ringMs);
          total.push(ms);
          ringRatios.push(ringMs / p);
          totalRatios.push(ms / p);
        }
        const rate = (ms: number) => (megabytes / (ms / 1000)).toFixed(0);
        console.log(`${megabytes} MB | ${n} | ${rate(median(ring))} | ${rate(median(total))} | ${rate(median(post))} | ${median(ringRatios).toFixed(1)}× | ${median(totalRatios).toFixed(1)}×`);
      }
    }
  } finally {
    await pool.close();
  }
  if (liveAllReduceThreads() !== 0) throw new Error('quedó un hilo vivo');
}

void main();
