/**
 * Failure-detector evaluation speed, each figure next to references measured in the same run:
 *
 * - **φ accrual** (window of 1,000 intervals, one bisection per heartbeat for the suspicion start)
 *   against a **fixed timeout** (one addition per heartbeat) over the same arrivals: the price of
 *   adapting to the network.
 * - **SWIM on the simulator** (5 members, 10 simulated minutes) against the **heartbeat stream**
 *   the other detectors judge (one sender, one monitor, the same minutes): the price of a
 *   membership protocol with indirect probes, per simulated second.
 *
 * Run: `npx tsx bench/detector.bench.ts` (or `npm run bench -- detector`).
 */
import { evaluateDetector, heartbeatArrivals, swimQos } from '../lib/detector/index';

function time(label: string, repeat: number, body: () => void): number {
  body(); // warm up
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) body();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / repeat;
  console.log(`${label.padEnd(52)} ${ms.toFixed(2).padStart(9)} ms`);
  return ms;
}

const runs = [1, 2, 3, 4].map((seed) => heartbeatArrivals({ seed, aliveMs: 3_600_000 }));
const beats = runs.reduce((s, r) => s + r.arrivalsMs.length, 0);
const fixed = time(`timeout fijo, ${beats} latidos`, 20, () => evaluateDetector(runs, { kind: 'fixed', timeoutMs: 3_000 }));
const phi = time(`φ (Akka), ${beats} latidos`, 5, () => evaluateDetector(runs, { kind: 'phi', threshold: 8 }));
console.log(`φ / timeout fijo: ${(phi / fixed).toFixed(1)}×  (${((phi * 1e6) / beats).toFixed(0)} ns por latido con φ)`);

const stream = time('flujo de latidos, 10 min simulados', 5, () => heartbeatArrivals({ seed: 9, aliveMs: 600_000 }));
const swim = time('SWIM, 5 miembros, 10 min simulados', 3, () => swimQos({ seeds: [9], aliveMs: 600_000 }));
console.log(`SWIM / flujo de latidos: ${(swim / stream).toFixed(1)}×  (${(600 / (swim / 1000)).toFixed(0)} s simulados por segundo real con SWIM)`);
