// Hidden checks of chapter 04's MapReduce exercise: random inputs from checkSeed (per-student
// seeds under the grader), compared with this file's own reference, computed before calling the
// student's function.
import { expect } from 'vitest';
import { splitBatches } from '../../lib/mapreduce/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function referenceSplit<T>(items: readonly T[], workers: number): T[][] {
  const out: T[][] = [];
  let next = 0;
  for (let k = 0; k < workers; k++) {
    const size = Math.ceil((items.length - next) / (workers - k));
    out.push(items.slice(next, next + size));
    next += size;
  }
  return out;
}

check('04.3', 'coincide con el reparto de referencia en 400 casos aleatorios', () => {
  const seed = checkSeed('04.3-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 400; i++) {
    const workers = rng.int(1, 12);
    const n = rng.bernoulli(0.2) ? rng.int(0, workers) : rng.int(0, 150);
    const items = Array.from({ length: n }, (_, k) => (rng.bernoulli(0.5) ? `c${k}` : { id: k }));
    const expected = referenceSplit(items, workers);
    const before = JSON.stringify(items);
    const got = splitBatches(items, workers);
    const text = `n=${n} workers=${workers} (semilla ${seed})`;
    expect(got, text).toEqual(expected);
    expect(JSON.stringify(items), `modifica items: ${text}`).toBe(before);
  }
}, { hint: '¿Devuelves siempre workers lotes, con el resto repartido entre los primeros?' });

check('04.3', 'no pierde ningún comentario en ningún caso divisible o no (n hasta 1000)', () => {
  const seed = checkSeed('04.3-cobertura');
  const rng = createRng(seed);
  for (let i = 0; i < 200; i++) {
    const workers = rng.int(1, 40);
    const n = rng.int(0, 1000);
    const items = Array.from({ length: n }, (_, k) => k);
    const got = splitBatches(items, workers);
    const text = `n=${n} workers=${workers} (semilla ${seed})`;
    expect(got.length, text).toBe(workers);
    expect(got.flat(), text).toEqual(items);
    const sizes = got.map((b) => b.length);
    expect(Math.max(...sizes) - Math.min(...sizes), text).toBeLessThanOrEqual(1);
    expect(sizes, text).toEqual([...sizes].sort((a, b) => b - a));
  }
}, { hint: 'Prueba con n no divisible por workers y con n < workers.' });

check('04.3', 'casos límite: un trabajador, lista vacía, un elemento por lote', () => {
  const items = ['a', 'b', 'c'];
  expect(splitBatches(items, 1)).toEqual([['a', 'b', 'c']]);
  expect(splitBatches([], 5)).toEqual([[], [], [], [], []]);
  expect(splitBatches(items, 3)).toEqual([['a'], ['b'], ['c']]);
  expect(splitBatches(items, 4)).toEqual([['a'], ['b'], ['c'], []]);
}, { hint: 'Con tantos o más trabajadores que comentarios, como mucho uno por lote.' });
