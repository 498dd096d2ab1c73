/**
 * Chapter 05's speeds, each next to a reference measured in the same run:
 * - the primary-backup crash sweep (4 nodes, 4 writers, swarm faults, a crash and a failover per
 *   seed) in seeds/s, against the kv-register sweep (lib/sim's own example) over the same seeds;
 * - PBS probes per second against bare simulations of the same size (ping-pong);
 * - real Redis on 127.0.0.1: write latency with `WAIT 1` against plain SET, as a ratio.
 * Three rounds back to back; the median round is reported.
 *
 * Run: `npx tsx bench/replication.bench.ts` (or `npm run bench -- replication`).
 */
import { kvRegisterScenario, pingPong, Simulation, sweep, percentile } from '../lib/sim/index';
import { replicationCrashScenario, stalenessCurve } from '../lib/replication/index';
import { redisWriteLatencies } from '../lib/replication/redis-lab';
import { redisBinary, startRedisPair } from '../lib/services/redis';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const seedsPerSecond = (run: () => void, seeds: number) => {
  const start = performance.now();
  run();
  return (seeds * 1000) / (performance.now() - start);
};

async function main(): Promise<void> {
  const seeds = 100;
  const rows: string[] = [];
  const ratios: Record<string, number[]> = { sync: [], async: [], pbs: [] };
  const absolute: Record<string, number[]> = { reference: [], sync: [], async: [], pbs: [], bare: [] };
  sweep({ seeds: 10, scenario: replicationCrashScenario({ mode: 'sync' }) }); // warm-up
  for (let round = 0; round < 3; round++) {
    const reference = seedsPerSecond(() => sweep({ seeds, scenario: kvRegisterScenario() }), seeds);
    const sync = seedsPerSecond(() => sweep({ seeds, scenario: replicationCrashScenario({ mode: 'sync' }) }), seeds);
    const async = seedsPerSecond(() => sweep({ seeds, scenario: replicationCrashScenario({ mode: 'async' }), replays: 0 }), seeds);
    const bare = seedsPerSecond(() => {
      for (let s = 0; s < 200; s++) new Simulation({ seed: s, nodeIds: ['n1', 'n2', 'n3'], createNode: pingPong(5) }).runFor(500);
    }, 200);
    const pbs = seedsPerSecond(() => stalenessCurve({ n: 3, r: 1, w: 1, delaysMs: [0, 10, 40], seeds: 200 }), 200);
    absolute.reference!.push(reference); absolute.sync!.push(sync); absolute.async!.push(async); absolute.bare!.push(bare); absolute.pbs!.push(pbs);
    ratios.sync!.push(sync / reference); ratios.async!.push(async / reference); ratios.pbs!.push(pbs / bare);
  }
  const f = (x: number) => x.toFixed(0);
  rows.push(`kv-register sweep (reference):        ${f(median(absolute.reference!))} seeds/s`);
  rows.push(`primary-backup crash sweep, sync:      ${f(median(absolute.sync!))} seeds/s  (×${median(ratios.sync!).toFixed(2)} the reference)`);
  rows.push(`primary-backup crash sweep, async:     ${f(median(absolute.async!))} seeds/s  (×${median(ratios.async!).toFixed(2)} the reference)`);
  rows.push(`bare ping-pong simulations (reference): ${f(median(absolute.bare!))} runs/s`);
  rows.push(`PBS probes (N=3, R=W=1):               ${f(median(absolute.pbs!))} probes/s  (×${median(ratios.pbs!).toFixed(2)} the reference)`);
  if (redisBinary() === undefined) rows.push('Redis: skipped (no redis-server; sudo apt-get install redis-server)');
  else {
    const pair = await startRedisPair();
    try {
      const plain: number[] = [];
      const waited: number[] = [];
      for (let round = 0; round < 3; round++) {
        plain.push(percentile(await redisWriteLatencies(pair, { mode: 'async', writes: 500 }), 50));
        waited.push(percentile(await redisWriteLatencies(pair, { mode: 'wait', writes: 500 }), 50));
      }
      rows.push(`Redis SET p50 (reference):             ${median(plain).toFixed(3)} ms`);
      rows.push(`Redis SET + WAIT 1 p50:                ${median(waited).toFixed(3)} ms  (×${median(waited.map((w, i) => w / (plain[i] as number))).toFixed(2)} the reference)`);
    } finally {
      await pair.stop();
    }
  }
  console.log(rows.join('\n'));
}

void main();
