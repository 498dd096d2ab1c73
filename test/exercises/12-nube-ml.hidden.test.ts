// Hidden checks of exercise 12.4 (ringAllReduceChunk): random inputs from checkSeed, compared with
// this file's own reference, and a whole ring AllReduce driven by the student's schedule.
import { expect } from 'vitest';
import { ringAllReduceChunk } from '../../lib/allreduce/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function referenceChunk(n: number, r: number, step: number): { phase: string; send: number; receive: number } {
  const m = (x: number) => ((x % n) + n) % n;
  if (step <= n - 2) return { phase: 'reduce-scatter', send: m(r - step), receive: m(r - 1 - step) };
  const s = step - n + 1;
  return { phase: 'all-gather', send: m(r + 1 - s), receive: m(r - s) };
}

check('12.4', 'coincide con la regla en 600 casos aleatorios (n de 2 a 40)', () => {
  const seed = checkSeed('12.4-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 600; i++) {
    const n = rng.int(2, 40);
    const rank = rng.int(0, n - 1);
    const step = rng.int(0, 2 * (n - 1) - 1);
    expect(ringAllReduceChunk(n, rank, step), `n=${n} rank=${rank} step=${step} (semilla ${seed})`).toEqual(referenceChunk(n, rank, step));
  }
}, { hint: 'Revisa la fase de cada paso, el s de all-gather y el mod de los negativos.', points: 2 });

check('12.4', 'el anillo entero con tu calendario suma bien (n de 2 a 9, vectores enteros)', () => {
  const seed = checkSeed('12.4-anillo');
  const rng = createRng(seed);
  for (let trial = 0; trial < 40; trial++) {
    const n = rng.int(2, 9);
    // One value per chunk: chunk c of node r holds vectors[r][c].
    const vectors = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.int(-99, 99)));
    const sum = Array.from({ length: n }, (_, c) => vectors.reduce((s, v) => s + (v[c] as number), 0));
    const state = vectors.map((v) => [...v]);
    for (let step = 0; step < 2 * (n - 1); step++) {
      const plan = Array.from({ length: n }, (_, r) => ringAllReduceChunk(n, r, step));
      const sent = plan.map((p, r) => ({ index: p.send, value: (state[r] as number[])[p.send] as number }));
      for (let r = 0; r < n; r++) {
        const incoming = sent[(r - 1 + n) % n] as { index: number; value: number };
        const p = plan[r] as { phase: string; receive: number };
        expect(incoming.index, `n=${n} paso ${step}: el nodo ${r} espera el trozo ${p.receive} y su vecino envía el ${incoming.index} (semilla ${seed})`).toBe(p.receive);
        const mine = state[r] as number[];
        mine[p.receive] = p.phase === 'reduce-scatter' ? (mine[p.receive] as number) + incoming.value : incoming.value;
      }
    }
    for (let r = 0; r < n; r++) expect(state[r], `n=${n}: el nodo ${r} no acaba con la suma (semilla ${seed})`).toEqual(sum);
  }
}, { hint: 'Lo que recibe el nodo r debe ser lo que envía r − 1 en ese mismo paso, y al final todos tienen la suma.' });
