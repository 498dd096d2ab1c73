import { describe, expect, it } from 'vitest';
import { createZipfSampler, zipfPmf, zipfStream } from '../../lib/cdn/index';
import { createRng } from '../../lib/random/index';

describe('Zipf(α) request stream (Breslau et al., INFOCOM 1999)', () => {
  it('gives object of rank k a probability proportional to 1/k^α, summing to 1', () => {
    const pmf = zipfPmf(1000, 0.8);
    expect(pmf.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect((pmf[0] as number) / (pmf[9] as number)).toBeCloseTo(10 ** 0.8, 10);
    expect(Array.from(zipfPmf(4, 0))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it.each([1, 2, 3, 4, 5])('matches the pmf by a χ² test over 20 000 draws (seed %i)', (seed) => {
    // 50 objects, α = 0.8: every expected count is ≥ 30. χ² with 49 degrees of freedom has its
    // 99.9th percentile at 85.4, so an honest sampler fails about once in a thousand seeds.
    const objects = 50;
    const draws = 20_000;
    const pmf = zipfPmf(objects, 0.8);
    const counts = new Array<number>(objects).fill(0);
    for (const id of zipfStream({ objects, alpha: 0.8, requests: draws, rng: createRng(seed) })) counts[id] = (counts[id] as number) + 1;
    const chi2 = counts.reduce((s, c, i) => s + (c - draws * (pmf[i] as number)) ** 2 / (draws * (pmf[i] as number)), 0);
    expect(chi2, `seed ${seed}`).toBeLessThan(85.4);
  });

  it('replays the same stream from the same seed and stays inside the catalogue', () => {
    const a = zipfStream({ objects: 100, alpha: 1, requests: 1000, rng: createRng('z') });
    const b = zipfStream({ objects: 100, alpha: 1, requests: 1000, rng: createRng('z') });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(100);
    expect(createZipfSampler({ objects: 1, alpha: 0.8, rng: createRng(1) }).next()).toBe(0);
  });

  it('rejects a bad catalogue, α or request count with a Spanish RangeError', () => {
    expect(() => zipfPmf(0, 0.8)).toThrow(/catálogo/);
    expect(() => zipfPmf(2.5, 0.8)).toThrow(RangeError);
    expect(() => zipfPmf(10, -1)).toThrow(/α/);
    expect(() => zipfPmf(10, Number.NaN)).toThrow(RangeError);
    expect(() => zipfStream({ objects: 10, alpha: 0.8, requests: -1, rng: createRng(1) })).toThrow(/peticiones/);
  });
});
