// The lecture's split (`len(comments) // len(workers)` plus `zip`) against the kit's.
import { describe, expect, it } from 'vitest';
import { commentsToLines, generateComments, lectureSplit, lostItems, mapLines, runSequential, sortedEntries, splitEvenly } from '../../lib/mapreduce/index';
import { createRng } from '../../lib/random/index';

const WORKERS = ['http://127.0.0.1:5001', 'http://127.0.0.1:5002', 'http://127.0.0.1:5003'];

describe("the lecture's distribute_and_reduce split", () => {
  it('drops the last comment of 10 with 3 workers: batch_size 3 makes 4 batches, zip keeps 3', () => {
    const comments = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const zipped = lectureSplit(comments, WORKERS);
    expect(zipped.map((z) => z.batch)).toEqual([['c0', 'c1', 'c2'], ['c3', 'c4', 'c5'], ['c6', 'c7', 'c8']]);
    expect(lostItems(comments, zipped.map((z) => z.batch))).toEqual(['c9']);
  });

  it('raises with fewer comments than workers (batch_size 0 is range step 0)', () => {
    expect(() => lectureSplit(['solo', 'dos'], WORKERS)).toThrow(/range\(\) arg 3 must not be zero/);
  });

  it('loses exactly n mod w comments, always the tail, over 300 random (n, w)', () => {
    const seed = 404;
    const rng = createRng(seed);
    for (let i = 0; i < 300; i++) {
      const w = rng.int(1, 9);
      const n = rng.int(w, 200);
      const items = Array.from({ length: n }, (_, k) => k);
      const batches = lectureSplit(items, Array.from({ length: w }, (_, k) => `w${k}`)).map((z) => z.batch);
      const lost = lostItems(items, batches);
      expect(lost.length, `seed ${seed}, n=${n} w=${w}`).toBe(n % w);
      expect(batches.flat().concat(lost), `seed ${seed}, n=${n} w=${w}`).toEqual(items);
    }
  });

  it('changes the lecture count: the lost comments are missing from positivo/negativo', () => {
    const lines = commentsToLines(generateComments({ seed: 7, count: 1001 }));
    const zipped = lectureSplit(lines, WORKERS);
    const lost = lostItems(lines, zipped.map((z) => z.batch));
    expect(lost.length).toBe(1001 % 3);
    const total = new Map<string, number>();
    for (const { batch } of zipped) for (const [k, v] of mapLines('sentiment', batch).counts) total.set(k, (total.get(k) ?? 0) + v);
    const counted = [...total.values()].reduce((a, b) => a + b, 0);
    expect(counted).toBe(1001 - lost.length);
    expect(sortedEntries(total)).not.toEqual(runSequential('sentiment', lines).result);
  });
});

describe("the kit's split (splitEvenly)", () => {
  it('covers every item, in order, with sizes within one, larger first, over 300 random (n, parts)', () => {
    const seed = 405;
    const rng = createRng(seed);
    for (let i = 0; i < 300; i++) {
      const parts = rng.int(1, 12);
      const n = rng.int(0, 100);
      const items = Array.from({ length: n }, (_, k) => k);
      const batches = splitEvenly(items, parts);
      const sizes = batches.map((b) => b.length);
      expect(batches.length, `seed ${seed}`).toBe(parts);
      expect(batches.flat(), `seed ${seed}, n=${n} parts=${parts}`).toEqual(items);
      expect(Math.max(...sizes) - Math.min(...sizes), `seed ${seed}`).toBeLessThanOrEqual(1);
      expect([...sizes].sort((a, b) => b - a), `seed ${seed}`).toEqual(sizes);
    }
  });

  it('gives empty batches, not an error, with fewer comments than workers', () => {
    expect(splitEvenly(['solo', 'dos'], 3)).toEqual([['solo'], ['dos'], []]);
    expect(() => splitEvenly(['x'], 0)).toThrow(RangeError);
  });
});
