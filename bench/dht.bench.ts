/**
 * The DHT's speed at 10,000 nodes, each figure next to a reference measured in the same run.
 *
 * 1. Building: a Chord ring (32 fingers per node) and every Kademlia table, against sorting
 *    the same 10,000 ids (the least any build must do).
 * 2. Lookups: Chord and Kademlia lookups/s against the global view's answer by linear scan
 *    (`successorByScan`, `closestByXor`: what a lookup replaces, N work per key).
 *
 * Rounds alternate reference and measured runs; the median round's ratio is reported.
 * Run: `npx tsx bench/dht.bench.ts` (or `npm run bench -- dht`).
 */
import { ChordRing } from '../lib/dht/chord';
import { closestByXor, successorByScan } from '../lib/dht/experiment';
import { ID_SPACE, randomIds } from '../lib/dht/ids';
import { KademliaNetwork } from '../lib/dht/kademlia';
import { createRng } from '../lib/random/index';

const N = 10_000;
const LOOKUPS = 1_000;
const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const time = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

const ids = randomIds(N, createRng('bench-dht'));
const rng = createRng('bench-dht-claves');
const queries = Array.from({ length: LOOKUPS }, () => [rng.choice(ids), Math.floor(rng.next() * ID_SPACE)] as const);
let sink = 0;

const rows: { what: string; ms: number; refMs: number }[] = [];
const rounds = { sort: [] as number[], chordBuild: [] as number[], kadBuild: [] as number[], chord: [] as number[], scan: [] as number[], kad: [] as number[], xorScan: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  rounds.sort.push(time(() => { sink += [...ids].reverse().sort((a, b) => a - b).length; }));
  let ring: ChordRing | undefined;
  rounds.chordBuild.push(time(() => { ring = ChordRing.build(ids); }));
  let kad: KademliaNetwork | undefined;
  rounds.kadBuild.push(time(() => { kad = KademliaNetwork.build(ids, { rng: createRng(r) }); for (const id of ids) sink += kad.bucketsOf(id).length; }));
  rounds.scan.push(time(() => { for (const [, key] of queries) sink += successorByScan(ids, key) ?? 0; }));
  rounds.chord.push(time(() => { for (const [from, key] of queries) sink += ring?.lookup(from, key).hops ?? 0; }));
  rounds.xorScan.push(time(() => { for (const [, key] of queries) sink += closestByXor(ids, key) ?? 0; }));
  rounds.kad.push(time(() => { for (const [from, key] of queries) sink += kad?.lookup(from, key).hops ?? 0; }));
}
rows.push({ what: `Chord build, ${N} nodes`, ms: median(rounds.chordBuild), refMs: median(rounds.sort) });
rows.push({ what: `Kademlia build (all tables), ${N} nodes`, ms: median(rounds.kadBuild), refMs: median(rounds.sort) });
console.log(`DHT bench, N = ${N}, ${ROUNDS} rounds (median)`);
for (const row of rows) console.log(`${row.what}: ${row.ms.toFixed(1)} ms; sorting the ids: ${row.refMs.toFixed(1)} ms; ratio ${(row.ms / row.refMs).toFixed(1)}×`);
const perSecond = (ms: number) => (LOOKUPS / ms) * 1_000;
const chordRate = perSecond(median(rounds.chord));
const scanRate = perSecond(median(rounds.scan));
const kadRate = perSecond(median(rounds.kad));
const xorRate = perSecond(median(rounds.xorScan));
console.log(`Chord lookups: ${chordRate.toFixed(0)}/s; linear-scan successor: ${scanRate.toFixed(0)}/s; ratio ${(chordRate / scanRate).toFixed(2)}×`);
console.log(`Kademlia lookups (k = 20, α = 3): ${kadRate.toFixed(0)}/s; linear-scan XOR-closest: ${xorRate.toFixed(0)}/s; ratio ${(kadRate / xorRate).toFixed(2)}×`);
if (sink === -1) console.log('');
