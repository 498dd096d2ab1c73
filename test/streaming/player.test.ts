// The ABR player in simulated time: its accounting, BBA-0's map (Huang et al., SIGCOMM 2014,
// §4 and Algorithm 1), the rate-based rule, determinism by seed, and bad input (never a hang).
import { describe, expect, it } from 'vitest';
import {
  bbaRule, bufferBasedBitrate, bufferBasedRateReference, CHAPTER_LADDER_KBPS, compareAbr, downloadSeconds, dropTrace,
  harmonicMean, markovTrace, simulatePlayer, stepTrace, throughputRule,
} from '../../lib/streaming/index';

const LADDER = CHAPTER_LADDER_KBPS;
const rules = { caudal: throughputRule(), bba: bbaRule() };

describe('the bandwidth trace', () => {
  it('a download integrates the piecewise-constant bandwidth', () => {
    const trace = stepTrace([[2, 1000], [2, 3000]]);
    expect(downloadSeconds(trace, 0, 1000)).toBeCloseTo(1, 12);
    expect(downloadSeconds(trace, 1, 4000)).toBeCloseTo(2, 12); // 1000 in [1,2), 3000 in [2,3)
    expect(downloadSeconds(trace, 10, 6000)).toBeCloseTo(2, 12); // after the end the last value holds
    expect(downloadSeconds(stepTrace([[5, 1000], [1, 0]]), 4, 2000)).toBe(Infinity);
  });
  it('the same seed gives the same trace; another seed another', () => {
    expect(markovTrace({ seed: 3, durationS: 200 })).toEqual(markovTrace({ seed: 3, durationS: 200 }));
    expect(markovTrace({ seed: 4, durationS: 200 }).kbps).not.toEqual(markovTrace({ seed: 3, durationS: 200 }).kbps);
  });
});

describe("the player's accounting", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    for (const [name, rule] of Object.entries(rules)) {
      it(`startup + played + rebuffer = wall time, bytes = Σ rate × V (${name}, seed ${seed})`, () => {
        const run = simulatePlayer({ trace: markovTrace({ seed, durationS: 1200, dropProbability: 0.03 }), rule, segments: 150, bufferMaxS: 60 });
        expect(run.status, `seed ${seed}`).toBe('completo');
        expect(run.startupS + run.playedS + run.rebufferS, `seed ${seed}`).toBeCloseTo(run.wallS, 6);
        expect(run.playedS, `seed ${seed}`).toBeCloseTo(150 * 4, 6);
        expect(run.kilobits, `seed ${seed}`).toBe(run.segments.reduce((s, x) => s + x.kbps * 4, 0));
        expect(run.rebufferS, `seed ${seed}`).toBeCloseTo(run.stalls.reduce((s, x) => s + x.endS - x.startS, 0), 6);
        expect(Math.max(...run.buffer.map((p) => p.bufferS)), `seed ${seed}`).toBeLessThanOrEqual(60 + 1e-9);
        expect(Math.min(...run.buffer.map((p) => p.bufferS)), `seed ${seed}`).toBeGreaterThanOrEqual(0);
        expect(simulatePlayer({ trace: markovTrace({ seed, durationS: 1200, dropProbability: 0.03 }), rule, segments: 150, bufferMaxS: 60 }), `seed ${seed}`).toEqual(run);
      });
    }
  }
  it('a hand-worked session: one rung of 1000 kb/s, V = 4 s, 500 kb/s constant', () => {
    // Each 4000-kb segment takes 8 s. The first 8 s are startup; then each download of 8 s plays
    // the 4 s in the buffer and stalls 4 s; the last segment is played out after its arrival.
    for (const n of [1, 2, 5, 10]) {
      const run = simulatePlayer({ trace: stepTrace([[10, 500]]), rule: throughputRule(), ladderKbps: [1000], segments: n });
      expect(run.status, `n = ${n}`).toBe('completo');
      expect(run.startupS, `n = ${n}`).toBe(8);
      expect(run.rebufferS, `n = ${n}`).toBe(4 * (n - 1));
      expect(run.playedS, `n = ${n}`).toBe(4 * n);
      expect(run.wallS, `n = ${n}`).toBe(8 * n + 4);
      expect(run.stalls, `n = ${n}`).toHaveLength(n - 1);
      expect(run.stalls.map((s) => [s.startS, s.endS]), `n = ${n}`).toEqual(Array.from({ length: n - 1 }, (_, i) => [12 + 8 * i, 16 + 8 * i]));
      expect(run.kilobits, `n = ${n}`).toBe(4000 * n);
      expect(run.rebufferRatio, `n = ${n}`).toBe((n - 1) / n);
    }
  });
  it('a small simulated-time cap cuts the session while it waits for room in the buffer: time never runs backwards', () => {
    const run = simulatePlayer({ trace: stepTrace([[10, 4000]]), rule: throughputRule(), segments: 50, bufferMaxS: 8, maxWallS: 9 });
    expect(run.status).toBe('cortado');
    expect(run.wallS).toBe(9);
    expect(run.startupS + run.playedS + run.rebufferS).toBeCloseTo(9, 9);
    for (let i = 1; i < run.buffer.length; i++) expect(run.buffer[i]!.tS, `punto ${i}`).toBeGreaterThanOrEqual(run.buffer[i - 1]!.tS);
  });
  it('a constant bandwidth above every rung never stalls', () => {
    for (const rule of Object.values(rules)) expect(simulatePlayer({ trace: stepTrace([[10, 40_000]]), rule, segments: 100 }).rebufferS).toBe(0);
  });
});

describe('BBA-0 (Huang et al. 2014, Algorithm 1)', () => {
  const at = (bufferS: number, previousKbps: number) => bufferBasedRateReference({ bufferS, ladderKbps: LADDER, reservoirS: 90, cushionS: 126, previousKbps });
  it('R_min in the reservoir (B ≤ r), R_max past the cushion (B ≥ r + cu), whatever the previous rate', () => {
    for (const prev of LADDER) {
      expect(at(0, prev)).toBe(1750);
      expect(at(90, prev)).toBe(1750);
      expect(at(216, prev)).toBe(15000);
      expect(at(240, prev)).toBe(15000);
    }
  });
  it('is monotone in the buffer for a fixed previous rate, and keeps the rate between the neighbours', () => {
    for (const prev of LADDER) {
      let last = 0;
      for (let b = 0; b <= 240; b += 0.5) {
        const r = at(b, prev);
        expect(r, `B=${b} prev=${prev}`).toBeGreaterThanOrEqual(last);
        last = r;
      }
    }
    // f(120) = 1750 + 13250 · 30/126 ≈ 4905: between 3000 (Rate−) and 15000 (Rate+) of 5800 → keep 5800.
    expect(at(120, 5800)).toBe(5800);
    // From 1750, Rate+ = 3000 ≤ 4905 → the highest rung strictly below f: 3000.
    expect(at(120, 1750)).toBe(3000);
    // From 15000, Rate− = 5800 ≥ 4905 → the lowest rung strictly above f: 5800.
    expect(at(120, 15000)).toBe(5800);
  });
  it('the exercise and the kit agree on a grid of inputs', () => {
    for (const prev of LADDER) for (let b = 0; b <= 240; b += 3) {
      const input = { bufferS: b, ladderKbps: LADDER, reservoirS: 90, cushionS: 126, previousKbps: prev };
      expect(bufferBasedBitrate(input), JSON.stringify(input)).toBe(bufferBasedRateReference(input));
    }
  });
  it('the exercise rejects bad input in Spanish before the region', () => {
    const ok = { bufferS: 10, ladderKbps: [100, 200], reservoirS: 5, cushionS: 10, previousKbps: 100 };
    expect(() => bufferBasedBitrate({ ...ok, ladderKbps: [] })).toThrow(/no vacía/);
    expect(() => bufferBasedBitrate({ ...ok, ladderKbps: [200, 100] })).toThrow(/creciente/);
    expect(() => bufferBasedBitrate({ ...ok, bufferS: -1 })).toThrow(/bufferS/);
    expect(() => bufferBasedBitrate({ ...ok, cushionS: 0 })).toThrow(/cushionS/);
    expect(() => bufferBasedBitrate({ ...ok, previousKbps: 150 })).toThrow(/previousKbps/);
    expect(() => bufferBasedBitrate(null as never)).toThrow(TypeError);
  });
});

describe('the rate-based rule', () => {
  it('takes the highest rung under safety × harmonic mean of the last k throughputs', () => {
    const rule = throughputRule({ k: 3, safety: 0.9 });
    const state = { index: 4, bufferS: 10, previousKbps: 1750, ladderKbps: LADDER, segmentS: 4, bufferMaxS: 240 };
    expect(harmonicMean([100_000, 4000, 4000, 8000], 3)).toBeCloseTo(4800, 9);
    expect(rule({ ...state, throughputsKbps: [100_000, 4000, 4000, 8000] })).toBe(3000); // 0,9 · 4800 = 4320
    expect(rule({ ...state, throughputsKbps: [] })).toBe(1750);
    expect(rule({ ...state, throughputsKbps: [500] })).toBe(1750);
  });
  it('a sudden drop: the rate rule stalls, BBA rides its buffer', () => {
    const [rate, bba] = [throughputRule(), bbaRule()].map((rule) => simulatePlayer({ trace: dropTrace(), rule, segments: 60 }));
    expect(rate!.rebufferS).toBeGreaterThan(0);
    expect(bba!.rebufferS).toBe(0);
  });
});

describe('bad input', () => {
  const trace = stepTrace([[10, 5000]]);
  it('an empty ladder, a negative or too small buffer, a rule that returns a non-rung', () => {
    expect(() => simulatePlayer({ trace, rule: rules.bba, ladderKbps: [] })).toThrow(/vacía/);
    expect(() => simulatePlayer({ trace, rule: rules.bba, bufferMaxS: -5 })).toThrow(/bufferMaxS/);
    expect(() => simulatePlayer({ trace, rule: () => 1234 })).toThrow(/no es un peldaño/);
    expect(() => simulatePlayer({ trace: { stepS: 1, kbps: [] }, rule: rules.bba })).toThrow(/traza/);
    expect(() => bbaRule({ cushionS: 0 })).toThrow(/cushionS/);
    expect(() => compareAbr({ seed: 1, traces: 0 })).toThrow(/traces/);
  });
  it('zero bandwidth forever: the session is cut at the simulated-time cap, never an endless loop', () => {
    const dead = simulatePlayer({ trace: stepTrace([[20, 5000], [1, 0]]), rule: rules.caudal, segments: 100, maxWallS: 500 });
    expect(dead.status).toBe('cortado');
    expect(dead.wallS).toBe(500);
    expect(dead.startupS + dead.playedS + dead.rebufferS).toBeCloseTo(500, 9);
    const never = simulatePlayer({ trace: stepTrace([[1, 0]]), rule: rules.bba, segments: 10 });
    expect(never.status).toBe('cortado');
    expect(never.segments).toEqual([]);
  });
});
