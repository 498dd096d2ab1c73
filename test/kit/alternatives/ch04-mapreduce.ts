// Alternative solutions of chapter 04's MapReduce exercise (04.3), for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

/** Chapter 04's MapReduce exercise: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '04.3': {
    fn: 'splitBatches',
    correct: {
      'techo de lo que queda': (items: unknown[], workers: number) => {
        const out: unknown[][] = [];
        let next = 0;
        for (let k = 0; k < workers; k++) {
          const size = Math.ceil((items.length - next) / (workers - k));
          out.push(items.slice(next, next + size));
          next += size;
        }
        return out;
      },
      'Array.from con desplazamiento': (items: unknown[], workers: number) => {
        const base = Math.floor(items.length / workers);
        const extra = items.length % workers;
        return Array.from({ length: workers }, (_, k) => {
          const start = k * base + Math.min(k, extra);
          return items.slice(start, start + base + (k < extra ? 1 : 0));
        });
      },
    },
    wrong: {
      'el de la clase (pierde la cola)': (items: unknown[], workers: number) => {
        const size = Math.floor(items.length / workers);
        const out: unknown[][] = [];
        for (let k = 0; k < workers; k++) out.push(items.slice(k * size, (k + 1) * size));
        return out;
      },
      'el resto al último lote': (items: unknown[], workers: number) => {
        const size = Math.floor(items.length / workers);
        const out: unknown[][] = [];
        for (let k = 0; k < workers; k++) out.push(items.slice(k * size, k === workers - 1 ? items.length : (k + 1) * size));
        return out;
      },
      'reparto en rueda (no consecutivo)': (items: unknown[], workers: number) => {
        const out: unknown[][] = Array.from({ length: workers }, () => []);
        items.forEach((item, i) => out[i % workers]!.push(item));
        return out;
      },
      'techo fijo (lotes de más o de menos)': (items: unknown[], workers: number) => {
        const size = Math.max(1, Math.ceil(items.length / workers));
        const out: unknown[][] = [];
        for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
        return out;
      },
      'vacía items con splice': (items: unknown[], workers: number) => {
        const out: unknown[][] = [];
        for (let k = 0; k < workers; k++) out.push(items.splice(0, Math.ceil(items.length / (workers - k))));
        return out;
      },
    },
    trivial: { 'items tal cual': (items: unknown[]) => items, 'un solo lote': (items: unknown[]) => [items], 'lista vacía': () => [] },
  },
};
