// Alternative solutions of exercise 10.4 (attributeCacheDecision), for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

type Entry = { fetchedAtMs: number; timeoutMs: number; change: number } | null;
type Policy = { acregminMs: number; acregmaxMs: number; cto: boolean };

/** Exercise 10.4: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '10.4': {
    fn: 'attributeCacheDecision',
    correct: {
      'comparando con el final del intervalo': (entry: Entry, event: string, nowMs: number, policy: Policy) => {
        if (entry === null || (policy.cto && event === 'open')) return 'getattr';
        return entry.fetchedAtMs <= nowMs && nowMs < entry.fetchedAtMs + entry.timeoutMs ? 'cache' : 'getattr';
      },
      'preguntas en cascada': (entry: Entry, event: string, nowMs: number, policy: Policy) => {
        const mustAsk = entry === null || (event === 'open' && policy.cto === true) || nowMs < entry.fetchedAtMs || nowMs - entry.fetchedAtMs >= entry.timeoutMs;
        return mustAsk ? 'getattr' : 'cache';
      },
    },
    wrong: {
      'intervalo cerrado (≤)': (entry: Entry, event: string, nowMs: number, policy: Policy) => {
        if (entry === null || (policy.cto && event === 'open')) return 'getattr';
        return nowMs >= entry.fetchedAtMs && nowMs <= entry.fetchedAtMs + entry.timeoutMs ? 'cache' : 'getattr';
      },
      'ignora cto': (entry: Entry, _event: string, nowMs: number) => {
        if (entry === null) return 'getattr';
        const age = nowMs - entry.fetchedAtMs;
        return age >= 0 && age < entry.timeoutMs ? 'cache' : 'getattr';
      },
      'stat también revalida con cto': (entry: Entry, event: string, nowMs: number, policy: Policy) => {
        if (entry === null || (policy.cto && event !== 'read')) return 'getattr';
        const age = nowMs - entry.fetchedAtMs;
        return age >= 0 && age < entry.timeoutMs ? 'cache' : 'getattr';
      },
      'reloj hacia atrás cuenta como fresco': (entry: Entry, event: string, nowMs: number, policy: Policy) => {
        if (entry === null || (policy.cto && event === 'open')) return 'getattr';
        return nowMs - entry.fetchedAtMs < entry.timeoutMs ? 'cache' : 'getattr';
      },
    },
    trivial: {
      'siempre cache': () => 'cache',
      'siempre getattr': () => 'getattr',
    },
  },
};
