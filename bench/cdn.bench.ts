/**
 * The edge caches' speed, each figure next to a reference measured in the same run.
 *
 * One Zipf(0,8) stream of 500 000 requests over 100 000 objects, replayed through a cache of
 * 5000 objects: LRU, LFU and FIFO accesses per second next to a bare `Map` loop that does one
 * `get` and, on a miss, one `set` per request (no eviction: the floor of a hash-table lookup).
 *
 * 3. An LRU built on a `Map`'s insertion order (delete + set on a hit, `keys().next()` to evict),
 *    next to the kit's linked-list LRU: V8 leaves deleted entries as holes at the front of the
 *    Map until it rehashes, so each eviction walks past them.
 *
 * Rounds alternate reference and measured runs; the median round's ratio is reported.
 * Run: `npx tsx bench/cdn.bench.ts` (or `npm run bench -- cdn`).
 */
import { CACHE_POLICIES, createCache, zipfStream } from '../lib/cdn/index';
import type { CachePolicy } from '../lib/cdn/index';
import { createRng } from '../lib/random/index';

const ROUNDS = 5;
const OBJECTS = 100_000;
const CAPACITY = 5000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function bareMap(stream: Int32Array): number {
  const t0 = performance.now();
  const map = new Map<number, true>();
  let hits = 0;
  for (let i = 0; i < stream.length; i++) {
    const id = stream[i] as number;
    if (map.get(id) !== undefined) hits++;
    else map.set(id, true);
  }
  if (hits < 0) throw new Error('unreachable');
  return performance.now() - t0;
}

function cacheRun(policy: CachePolicy, stream: Int32Array): number {
  const t0 = performance.now();
  const cache = createCache(policy, CAPACITY);
  for (let i = 0; i < stream.length; i++) cache.access(stream[i] as number);
  return performance.now() - t0;
}

function mapLru(stream: Int32Array): number {
  const t0 = performance.now();
  const map = new Map<number, true>();
  for (let i = 0; i < stream.length; i++) {
    const id = stream[i] as number;
    if (map.has(id)) { map.delete(id); map.set(id, true); continue; }
    if (map.size >= CAPACITY) map.delete(map.keys().next().value as number);
    map.set(id, true);
  }
  return performance.now() - t0;
}

function main(): void {
  const stream = zipfStream({ objects: OBJECTS, alpha: 0.8, requests: 500_000, rng: createRng('bench-cdn') });
  bareMap(stream);
  for (const p of CACHE_POLICIES) cacheRun(p, stream); // warm-up
  for (const policy of CACHE_POLICIES) {
    const ratios: number[] = [];
    const rates: number[] = [];
    let bare = 0;
    for (let r = 0; r < ROUNDS; r++) {
      bare = bareMap(stream);
      const ms = cacheRun(policy, stream);
      ratios.push(ms / bare);
      rates.push(stream.length / (ms / 1000));
    }
    console.log(`${policy.toUpperCase()}: ${(median(rates) / 1e6).toFixed(1)} M accesos/s, ${median(ratios).toFixed(1)}× el bucle Map get/set (${(stream.length / (bare / 1000) / 1e6).toFixed(1)} M/s)`);
  }
  const slow: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const list = cacheRun('lru', stream);
    slow.push(mapLru(stream) / list);
  }
  console.log(`LRU sobre el orden de un Map: ${median(slow).toFixed(1)}× más lento que la LRU de lista enlazada del kit`);
}

main();
