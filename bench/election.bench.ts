/**
 * Chapter 07's sweep speed: seeds per second of each election, mutual-exclusion and lease
 * scenario, each next to a reference measured in the same round: the catalogue's unsafe-lock
 * scenario (3 nodes, 3 s, no messages), the simulator's cheapest sweep. Three rounds back to
 * back; the median round's ratio is reported (the machine's speed drifts over seconds).
 *
 * Run: `npx tsx bench/election.bench.ts` (or `npm run bench -- election`).
 */
import { electionScenario } from '../lib/election/index';
import { leaseScenario } from '../lib/lease/index';
import { mutexScenario } from '../lib/mutex/index';
import { sweep } from '../lib/sim/index';
import { unsafeLockScenario } from '../lib/sim/examples/sweep-catalogue';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 200);
const cases: [string, Parameters<typeof sweep>[0]['scenario']][] = [
  ['bully', electionScenario({ algorithm: 'bully' }) as never],
  ['anillo', electionScenario({ algorithm: 'ring' }) as never],
  ['chang-roberts', electionScenario({ algorithm: 'changRoberts' }) as never],
  ['central', mutexScenario({ algorithm: 'central' }) as never],
  ['ricart-agrawala', mutexScenario({ algorithm: 'ricartAgrawala' }) as never],
  ['lamport', mutexScenario({ algorithm: 'lamport' }) as never],
  ['testigo', mutexScenario({ algorithm: 'tokenRing' }) as never],
  ['maekawa', mutexScenario({ algorithm: 'maekawa' }) as never],
  ['arrendamiento', leaseScenario({ fencing: true }) as never],
];
const rate = (scenario: Parameters<typeof sweep>[0]['scenario']) => sweep({ seeds: SEEDS, scenario }).seedsPerSecond;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
rate(unsafeLockScenario as never); // warm-up
console.log(`chapter 07 sweeps, ${SEEDS} seeds per run, median of 3 rounds (reference: unsafe-lock scenario)`);
for (const [name, scenario] of cases) {
  const rounds: { own: number; reference: number }[] = [];
  for (let k = 0; k < 3; k++) rounds.push({ reference: rate(unsafeLockScenario as never), own: rate(scenario) });
  const ratio = median(rounds.map((r) => r.reference / r.own));
  const own = median(rounds.map((r) => r.own));
  const reference = median(rounds.map((r) => r.reference));
  console.log(`${name.padEnd(16)} ${own.toFixed(0).padStart(6)} seeds/s   reference ${reference.toFixed(0).padStart(6)} seeds/s   ${ratio.toFixed(1)}× slower per seed`);
}
