/**
 * The bank's sweep speed (chapter 03), each figure next to a reference measured in the same
 * run: seeds per second of `capScenario` (CP; AP with LWW, PN-counter, siblings) against the
 * kv-register sweep scenario of lib/sim (3 nodes, 3 clients, swarm faults, linearizability at
 * the end), in alternating rounds so both see the same machine speed; the median round's
 * ratio is reported. Nothing here asserts a speed.
 *
 * Run: `npx tsx bench/cap.bench.ts` (or `npm run bench -- cap`); `CAP_BENCH_SEEDS=N` per round (default 40).
 */
import { capScenario } from '../lib/cap/sweep-scenario';
import type { CapScenarioOptions } from '../lib/cap/sweep-scenario';
import { kvRegisterScenario } from '../lib/sim/examples/kv-register-scenario';
import { sweep } from '../lib/sim/sweep';

const seeds = Number(process.env['CAP_BENCH_SEEDS'] ?? 40);
const rounds = 3;

function seedsPerSecond(run: () => unknown): number {
  const start = performance.now();
  run();
  return (seeds * 1_000) / (performance.now() - start);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const variants: [string, CapScenarioOptions][] = [
  ['CP', { mode: 'cp' }],
  ['AP · LWW', { mode: 'ap', strategy: 'lww' }],
  ['AP · PN', { mode: 'ap', strategy: 'pn-counter' }],
  ['AP · hermanos', { mode: 'ap', strategy: 'siblings' }],
];
console.log(`bank sweep, ${seeds} seeds per round, ${rounds} rounds (reference: kv-register sweep scenario)`);
for (const [name, options] of variants) {
  const ratios: number[] = [];
  const own: number[] = [];
  const reference: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const ref = seedsPerSecond(() => sweep({ seeds, scenario: kvRegisterScenario() }));
    const bank = seedsPerSecond(() => sweep({ seeds, scenario: capScenario(options) }));
    reference.push(ref);
    own.push(bank);
    ratios.push(bank / ref);
  }
  console.log(`${name.padEnd(14)} ${median(own).toFixed(1).padStart(7)} seeds/s   kv-register ${median(reference).toFixed(1).padStart(7)} seeds/s   ratio ${median(ratios).toFixed(2)}`);
}
