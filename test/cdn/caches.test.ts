import { describe, expect, it } from 'vitest';
import { CACHE_POLICIES, createCache, FifoCache, LfuCache, LruCache, zipfStream } from '../../lib/cdn/index';
import type { CachePolicy } from '../../lib/cdn/index';
import { createRng } from '../../lib/random/index';

/** Naive references: a list scanned on every access (O(C)), easy to read. */
function naive(policy: CachePolicy, capacity: number) {
  const items: { id: number; count: number; lastUsed: number; inserted: number }[] = [];
  let clock = 0;
  return (id: number): { hit: boolean; evicted: number | undefined } => {
    clock++;
    const found = items.find((x) => x.id === id);
    if (found) {
      found.count++;
      found.lastUsed = clock;
      return { hit: true, evicted: undefined };
    }
    if (capacity === 0) return { hit: false, evicted: undefined };
    let evicted: number | undefined;
    if (items.length >= capacity) {
      const key = (x: (typeof items)[number]) => policy === 'lru' ? [x.lastUsed] : policy === 'fifo' ? [x.inserted] : [x.count, x.lastUsed];
      let victim = 0;
      for (let i = 1; i < items.length; i++) {
        const a = key(items[i]!);
        const b = key(items[victim]!);
        if (a[0]! < b[0]! || (a[0] === b[0] && (a[1] ?? 0) < (b[1] ?? 0))) victim = i;
      }
      evicted = items[victim]!.id;
      items.splice(victim, 1);
    }
    items.push({ id, count: 1, lastUsed: clock, inserted: clock });
    return { hit: false, evicted };
  };
}

describe('edge caches against naive references', () => {
  for (const policy of CACHE_POLICIES) {
    it.each([1, 2, 3, 4, 5, 6])(`${policy} equals its naive reference hit by hit (seed %i)`, (seed) => {
      const rng = createRng(`${policy}-${seed}`);
      const capacity = rng.int(0, 12);
      const stream = zipfStream({ objects: rng.int(2, 40), alpha: rng.uniform(0.6, 1), requests: 2000, rng });
      const cache = createCache(policy, capacity);
      const reference = naive(policy, capacity);
      const got: string[] = [];
      const want: string[] = [];
      for (const id of stream) {
        const expected = reference(id);
        got.push(`${cache.access(id)}/${cache.lastEvicted}/${cache.size <= capacity}`);
        want.push(`${expected.hit}/${expected.evicted}/true`);
      }
      const first = got.findIndex((g, i) => g !== want[i]);
      expect(first, `seed ${seed}: first differing request ${first}: ${got[first]} ≠ ${want[first]}`).toBe(-1);
    });
  }

  it('LRU evicts the least recently used; FIFO the oldest insertion, whatever the hits', () => {
    const lru = new LruCache(2);
    const fifo = new FifoCache(2);
    for (const id of [1, 2, 1, 3]) { lru.access(id); fifo.access(id); }
    expect(lru.keys()).toEqual([1, 3]);
    expect(fifo.keys()).toEqual([2, 3]);
  });

  it('LFU evicts the least frequently used, ties to the least recently used of them', () => {
    const lfu = new LfuCache(3);
    for (const id of [1, 1, 2, 3, 2]) lfu.access(id); // counts 1:2, 2:2, 3:1
    lfu.access(4); // evicts 3 (count 1)
    expect(lfu.lastEvicted).toBe(3);
    lfu.access(4); // 4 now has count 2: all tied at 2, 1 is least recently used
    lfu.access(5);
    expect(lfu.lastEvicted).toBe(1);
    expect(lfu.has(2) && lfu.has(4) && lfu.has(5)).toBe(true);
  });

  it('a cache of capacity 0 stores nothing: every request is a miss', () => {
    for (const policy of CACHE_POLICIES) {
      const cache = createCache(policy, 0);
      expect([1, 1, 1].map((id) => cache.access(id))).toEqual([false, false, false]);
      expect(cache.size).toBe(0);
    }
  });

  it('rejects a negative, fractional or non-numeric capacity and an unknown policy in Spanish', () => {
    expect(() => new LruCache(-1)).toThrow(/capacidad/);
    expect(() => new LfuCache(2.5)).toThrow(RangeError);
    expect(() => new FifoCache(Number.NaN)).toThrow(RangeError);
    expect(() => createCache('mru' as CachePolicy, 3)).toThrow(/política/);
  });
});
