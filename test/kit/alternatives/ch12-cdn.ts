// Alternative solutions of exercise 12.2 (cheCharacteristicTime), for
// test/kit/exercise-quality.test.ts. Teacher only (the release leaves test/kit/alternatives/ out).
import type { Alternatives } from '../exercise-alternatives';

const occupancy = (rates: number[], t: number) => rates.reduce((s, r) => s - Math.expm1(-r * t), 0);

/** Doubling then bisection, with a few knobs to get wrong. */
function bisect(rates: number[], c: number, options: { absoluteTol?: number; fixedHi?: number; cap?: number } = {}): number {
  let lo = 0;
  let hi = options.fixedHi ?? 1;
  if (options.fixedHi === undefined) {
    for (let i = 0; i < (options.cap ?? 1100) && occupancy(rates, hi) < c; i++) { lo = hi; hi *= 2; }
    if (lo === 0) { while (occupancy(rates, hi / 2) >= c && hi > 1e-300) hi /= 2; lo = hi / 2; }
  }
  for (let i = 0; i < 300; i++) {
    if (options.absoluteTol !== undefined ? hi - lo <= options.absoluteTol : hi - lo <= 1e-12 * hi) break;
    const mid = (lo + hi) / 2;
    if (occupancy(rates, mid) < c) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Exercise 12.2: correct and wrong solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '12.2': {
    fn: 'cheCharacteristicTime',
    correct: {
      'doblar y bisecar': (rates: number[], c: number) => {
        const positive = rates.filter((r) => r > 0);
        if (c === 0) return 0;
        if (c >= positive.length) return Infinity;
        return bisect(positive, c);
      },
      'bisección sobre el exponente (T = 2^x)': (rates: number[], c: number) => {
        let k = 0;
        for (const r of rates) if (r > 0) k++;
        if (c <= 0) return 0;
        if (c >= k) return Infinity;
        let lo = -1100;
        let hi = 1100;
        for (let i = 0; i < 100; i++) {
          const mid = (lo + hi) / 2;
          if (occupancy(rates, 2 ** mid) < c) lo = mid; else hi = mid;
        }
        return 2 ** hi;
      },
      'bucles for sin filtrar (las tasas 0 suman 0)': (rates: number[], c: number) => {
        let k = 0;
        for (let i = 0; i < rates.length; i++) if (rates[i]! > 0) k++;
        if (c === 0) return 0;
        if (c >= k) return Infinity;
        const f = (t: number) => { let s = 0; for (let i = 0; i < rates.length; i++) s += 1 - Math.exp(-rates[i]! * t); return s; };
        let lo = 0;
        let hi = 1;
        while (f(hi) < c) hi *= 2;
        while (f(hi / 2) >= c) hi /= 2;
        lo = hi / 2;
        while (hi - lo > 1e-12 * hi) {
          const mid = lo + (hi - lo) / 2;
          if (mid <= lo || mid >= hi) break;
          if (f(mid) < c) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
      },
    },
    wrong: {
      'C = K no da Infinity (compara con >)': (rates: number[], c: number) => {
        const positive = rates.filter((r) => r > 0);
        if (c === 0) return 0;
        if (c > positive.length) return Infinity;
        return bisect(positive, c, { cap: 64 });
      },
      'K cuenta también las tasas 0': (rates: number[], c: number) => {
        if (c === 0) return 0;
        if (c >= rates.length) return Infinity;
        return bisect(rates, c, { cap: 64 });
      },
      'tolerancia absoluta 10⁻⁶': (rates: number[], c: number) => {
        const positive = rates.filter((r) => r > 0);
        if (c === 0) return 0;
        if (c >= positive.length) return Infinity;
        return bisect(positive, c, { absoluteTol: 1e-6 });
      },
      'intervalo fijo [0, 10⁶]': (rates: number[], c: number) => {
        const positive = rates.filter((r) => r > 0);
        if (c === 0) return 0;
        if (c >= positive.length) return Infinity;
        return bisect(positive, c, { fixedHi: 1e6 });
      },
      'sin caso C = 0': (rates: number[], c: number) => {
        const positive = rates.filter((r) => r > 0);
        if (c >= positive.length && c > 0) return Infinity;
        let lo = 0;
        let hi = 1;
        while (occupancy(positive, hi) < c) { lo = hi; hi *= 2; }
        for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
          const mid = (lo + hi) / 2;
          if (occupancy(positive, mid) < c) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
      },
      'ordena rates en su sitio': (rates: number[], c: number) => {
        rates.sort((a, b) => b - a);
        const positive = rates.filter((r) => r > 0);
        if (c === 0) return 0;
        if (c >= positive.length) return Infinity;
        return bisect(positive, c);
      },
    },
  },
};
