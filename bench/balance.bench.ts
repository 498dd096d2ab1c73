/**
 * Hashing speed and balance (chapter 09), each figure next to a reference measured in the same
 * run: the kit's ring lookup against npm `hashring` (ketama, MD5 through node:crypto, with its
 * LRU cache) over the same 10 servers and keys, the kit's MD5 against node:crypto's, and jump
 * and rendezvous lookups against the ring; then max/mean load at 200 virtual nodes × 10
 * servers over 1 M keys (goal ≤ 1.10; theory ≈ 1 + 1.54/√200 ≈ 1.109).
 *
 * Rounds alternate the contenders back to back and the median round is reported: the machine's
 * speed drifts over seconds, so only runs made moments apart compare.
 *
 * Run: `npx tsx bench/balance.bench.ts` (or `npm run bench -- balance`). `BENCH_KEYS` sets the
 * keys of the balance figure (default 1 000 000).
 */
import { createHash } from 'node:crypto';
import { ConsistentHashRing, jumpHash, jumpLookup, loadPerServer, loadStats, md5Words, RendezvousHash, ringHash, sampleKeys } from '../lib/balance/index';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const HashRing = require('hashring') as new (servers: string[]) => { get(key: string): string };

const SERVERS = Array.from({ length: 10 }, (_, i) => `S${i + 1}`);
const LOOKUP_KEYS = sampleKeys(100_000, 'bench');
let sink = 0;

/** Lookups per second of `lookup` over LOOKUP_KEYS. */
function rate(lookup: (key: string) => unknown): number {
  const start = process.hrtime.bigint();
  for (const key of LOOKUP_KEYS) if (lookup(key) === undefined) sink += 1;
  return LOOKUP_KEYS.length / (Number(process.hrtime.bigint() - start) / 1e9);
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function compare(name: string, contenders: Record<string, (key: string) => unknown>, rounds = 7): Record<string, number> {
  const results: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  // Warm-up: three passes each, so every contender reaches V8's optimising tier before timing.
  for (let w = 0; w < 3; w++) for (const fn of Object.values(contenders)) rate(fn);
  for (let r = 0; r < rounds; r++) for (const [k, fn] of Object.entries(contenders)) results[k]?.push(rate(fn));
  const medians = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  console.log(`\n${name}`);
  const reference = Object.values(medians)[0] as number;
  for (const [k, v] of Object.entries(medians)) console.log(`  ${k.padEnd(42)} ${Math.round(v).toLocaleString('en').padStart(12)} /s   ×${(v / reference).toFixed(2)}`);
  return medians;
}

const ring100 = new ConsistentHashRing(SERVERS, { virtualNodes: 160 });
const npmRing = new HashRing(SERVERS); // ketama: 40 hashes × 4 points = 160 points per server
const digest = new Uint32Array(4);
const hrw = new RendezvousHash(SERVERS);

const ringVsNpm = compare('Ring lookup, 10 servers × 160 points (reference: npm hashring 3.2, ketama)', {
  'hashring.get (reference)': (k) => npmRing.get(k),
  'ConsistentHashRing.lookup': (k) => ring100.lookup(k),
});
const ratio = (ringVsNpm['ConsistentHashRing.lookup'] as number) / (ringVsNpm['hashring.get (reference)'] as number);
console.log(`  → kit / hashring = ×${ratio.toFixed(1)} (goal ≥ ×10)`);

compare('MD5 of a short key (reference: node:crypto createHash)', {
  'createHash(md5) (reference)': (k) => createHash('md5').update(k).digest().readUInt32BE(12),
  'md5Words (kit, plain TS)': (k) => { md5Words(k, digest); return digest[3]; },
  'ringHash (kit)': (k) => ringHash(k),
});

const precomputed = LOOKUP_KEYS.map((k) => { md5Words(k, digest); return [digest[0] as number, digest[1] as number] as const; });
let index = 0;
compare('Lookups of the other schemes, 10 servers (reference: the ring)', {
  'ConsistentHashRing.lookup (reference)': (k) => ring100.lookup(k),
  'jumpLookup (MD5 + jump)': (k) => jumpLookup(k, SERVERS.length),
  'jumpHash on a precomputed 64-bit key': () => { const p = precomputed[index++ % precomputed.length] as readonly [number, number]; return jumpHash(p[0], p[1], SERVERS.length); },
  'RendezvousHash.lookup': (k) => hrw.lookup(k),
});

const balanceKeys = Number(process.env.BENCH_KEYS ?? 1_000_000);
const ring200 = new ConsistentHashRing(SERVERS, { virtualNodes: 200 });
const stats = loadStats(loadPerServer(sampleKeys(balanceKeys, 'bench-balance'), SERVERS, (k) => ring200.lookup(k)));
console.log(`\nBalance: 200 virtual nodes × 10 servers, ${balanceKeys.toLocaleString('en')} keys: max/mean = ${stats.maxOverMean.toFixed(3)} (goal ≤ 1.10; normal approximation ≈ ${(1 + 1.5388 / Math.sqrt(200)).toFixed(3)}, measured mean of 10 layouts ≈ 1.135), min ${stats.min}, max ${stats.max}`);
if (sink < 0) console.log(sink);
