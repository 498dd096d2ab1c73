// Alternative solutions of exercise 12.4 (ringAllReduceChunk), for test/kit/exercise-quality.test.ts.
// Teacher only (the release leaves test/kit/alternatives/ out).
import type { Alternatives } from '../exercise-alternatives';

type Step = { phase: 'reduce-scatter' | 'all-gather'; send: number; receive: number };

/** Exercise 12.4: correct and wrong solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '12.4': {
    fn: 'ringAllReduceChunk',
    correct: {
      'fórmulas con ((x % n) + n) % n': (n: number, r: number, step: number): Step => {
        const m = (x: number) => ((x % n) + n) % n;
        if (step < n - 1) return { phase: 'reduce-scatter', send: m(r - step), receive: m(r - 1 - step) };
        const s = step - (n - 1);
        return { phase: 'all-gather', send: m(r + 1 - s), receive: m(r - s) };
      },
      'sumar 2n antes del resto, y recibir lo que envía el anterior': (n: number, r: number, step: number): Step => {
        const phase = step >= n - 1 ? 'all-gather' : 'reduce-scatter';
        const s = phase === 'all-gather' ? step - n + 1 : step;
        const sendOf = (node: number) => (phase === 'reduce-scatter' ? (node - s + 2 * n) % n : (node + 1 - s + 2 * n) % n);
        return { phase, send: sendOf(r), receive: sendOf((r - 1 + n) % n) };
      },
    },
    wrong: {
      'resto de JavaScript sin corregir negativos': (n: number, r: number, step: number): Step => {
        if (step < n - 1) return { phase: 'reduce-scatter', send: (r - step) % n, receive: (r - 1 - step) % n };
        const s = step - (n - 1);
        return { phase: 'all-gather', send: (r + 1 - s) % n, receive: (r - s) % n };
      },
      'all-gather sin reiniciar s': (n: number, r: number, step: number): Step => {
        const m = (x: number) => ((x % n) + n) % n;
        if (step < n - 1) return { phase: 'reduce-scatter', send: m(r - step), receive: m(r - 1 - step) };
        return { phase: 'all-gather', send: m(r + 1 - step), receive: m(r - step) };
      },
      'recibe el mismo trozo que envía': (n: number, r: number, step: number): Step => {
        const m = (x: number) => ((x % n) + n) % n;
        if (step < n - 1) return { phase: 'reduce-scatter', send: m(r - step), receive: m(r - step) };
        const s = step - (n - 1);
        return { phase: 'all-gather', send: m(r + 1 - s), receive: m(r + 1 - s) };
      },
      'frontera de fase en n − 1 incluida': (n: number, r: number, step: number): Step => {
        const m = (x: number) => ((x % n) + n) % n;
        if (step <= n - 1) return { phase: 'reduce-scatter', send: m(r - step), receive: m(r - 1 - step) };
        const s = step - n;
        return { phase: 'all-gather', send: m(r + 1 - s), receive: m(r - s) };
      },
    },
  },
};
