import { describe, expect, it } from 'vitest';
import {
  cheCharacteristicTime, cheHitRatio, createCache, fifoApproxHitRatio, fifoCharacteristicTime, hitRatioOf, hitRatioSweep,
  lruCharacteristicTime, meanLatencyModel, percentileLatencyModel, topCHitRatio, zipfPmf, zipfStream,
} from '../../lib/cdn/index';
import { createRng } from '../../lib/random/index';

describe("Che's approximation (Che, Tung and Wang, JSAC 2002)", () => {
  it('T_C fills the cache on average: Σ(1 − e^(−λᵢ·T_C)) = C', () => {
    const rates = Array.from(zipfPmf(1000, 0.8));
    for (const c of [1, 10, 100, 999.5]) {
      const t = lruCharacteristicTime(rates, c);
      expect(rates.reduce((s, r) => s + 1 - Math.exp(-r * t), 0)).toBeCloseTo(c, 6);
    }
    expect(lruCharacteristicTime([1, 1], 1)).toBeCloseTo(Math.LN2, 12);
  });

  it('C = 0 gives T_C = 0 and hit ratio 0; C ≥ objects with a positive rate gives Infinity and 1', () => {
    expect(lruCharacteristicTime([1, 2], 0)).toBe(0);
    expect(cheHitRatio([1, 2], 0)).toBe(0);
    expect(lruCharacteristicTime([1, 0, 2], 2)).toBe(Infinity);
    expect(lruCharacteristicTime([], 3)).toBe(Infinity);
    expect(cheHitRatio([1, 0, 2], 5)).toBe(1);
    expect(fifoCharacteristicTime([1, 2], 2)).toBe(Infinity);
  });

  it('is robust for huge and tiny rates (T_C far from 1)', () => {
    expect(lruCharacteristicTime([1e9, 1e9], 1) * 1e9).toBeCloseTo(Math.LN2, 9);
    expect(lruCharacteristicTime([1e-9, 1e-9], 1) * 1e-9).toBeCloseTo(Math.LN2, 9);
  });

  it('predicts simulated LRU within 2 % for N = 10 000, and FIFO with Fricker et al.\'s analogue (ITC 2012)', () => {
    // Fricker, Robert and Roberts (ITC 2012) show Che's approximation is accurate as soon as the
    // cache holds more than a handful of objects; here the error is under 2 % of the hit ratio.
    const objects = 10_000;
    const pmf = zipfPmf(objects, 0.8);
    const stream = zipfStream({ objects, alpha: 0.8, requests: 150_000, rng: createRng('che') });
    for (const capacity of [100, 1000]) {
      const lru = hitRatioOf(stream, createCache('lru', capacity), 30_000);
      const fifo = hitRatioOf(stream, createCache('fifo', capacity), 30_000);
      expect(Math.abs(lru - cheHitRatio(pmf, capacity)) / lru, `C = ${capacity}`).toBeLessThan(0.02);
      expect(Math.abs(fifo - fifoApproxHitRatio(pmf, capacity)) / fifo, `C = ${capacity}`).toBeLessThan(0.03);
      expect(topCHitRatio(pmf, capacity)).toBeGreaterThan(lru);
    }
  });

  it('the sweep returns one row per (α, capacity, policy), deterministic by seed', () => {
    const options = { objects: 500, alphas: [0.6, 1], capacities: [5, 50], requests: 5000, seed: 3 };
    const rows = hitRatioSweep(options);
    expect(rows).toHaveLength(2 * 2 * 3);
    expect(hitRatioSweep(options)).toEqual(rows);
    expect(() => hitRatioSweep({ ...options, requests: 0 })).toThrow(/requests/);
  });

  it('latency model: h·RTT_e + (1 − h)(RTT_e + RTT_o); p95 is a miss until more than 95 % hit', () => {
    expect(meanLatencyModel({ hitRatio: 0.9, rttEdgeMs: 10, rttOriginMs: 80 })).toBeCloseTo(18, 12);
    expect(percentileLatencyModel({ hitRatio: 0.9, rttEdgeMs: 10, rttOriginMs: 80, percentile: 95 })).toBe(90);
    expect(percentileLatencyModel({ hitRatio: 0.97, rttEdgeMs: 10, rttOriginMs: 80, percentile: 95 })).toBe(10);
    expect(() => meanLatencyModel({ hitRatio: 1.5, rttEdgeMs: 1, rttOriginMs: 1 })).toThrow(/aciertos/);
  });

  it('rejects bad rates and capacities in Spanish', () => {
    expect(() => lruCharacteristicTime([1, -1], 1)).toThrow(TypeError);
    expect(() => lruCharacteristicTime([1, Number.NaN], 1)).toThrow(/tasas/);
    expect(() => lruCharacteristicTime([1], -1)).toThrow(/capacidad/);
  });
});

describe('exercise 12.2 (cheCharacteristicTime): the teacher solution and its guards', () => {
  it('agrees with the kit solver on Zipf catalogues', () => {
    const rng = createRng('12.2');
    for (let k = 0; k < 20; k++) {
      const rates = Array.from(zipfPmf(rng.int(2, 300), rng.uniform(0.6, 1)), (x) => x * 10 ** rng.uniform(-6, 6));
      const c = rng.uniform(0, rates.length);
      const want = lruCharacteristicTime(rates, c);
      expect(Math.abs(cheCharacteristicTime(rates, c) - want) / want, `case ${k}`).toBeLessThan(1e-9);
    }
  });

  it('rejects bad input before the region: TypeError for rates, RangeError for capacity', () => {
    expect(() => cheCharacteristicTime('1,2' as unknown as number[], 1)).toThrow(TypeError);
    expect(() => cheCharacteristicTime([1, -2], 1)).toThrow(/rates/);
    expect(() => cheCharacteristicTime([1, Infinity], 1)).toThrow(TypeError);
    expect(() => cheCharacteristicTime([1, 2], -1)).toThrow(RangeError);
    expect(() => cheCharacteristicTime([1, 2], Number.NaN)).toThrow(/capacity/);
  });
});
