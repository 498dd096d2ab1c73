// Hidden checks of chapter 00: random inputs from checkSeed (per-student seeds under the
// grader), compared with this file's own references, never with lib's.
import { expect } from 'vitest';
import { parallelAvailability, seriesAvailability } from '../../lib/availability/availability';
import { fanOutLatency } from '../../lib/fanout/fanout';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function referenceParallel(a: number, n: number): number {
  let allDown = 1;
  for (let i = 0; i < n; i++) allDown *= 1 - a;
  return 1 - allDown;
}
function referenceSeries(chain: readonly number[]): number {
  let product = 1;
  for (const a of chain) product *= a;
  return product;
}
function referenceFanOut(latencies: readonly number[], mode: 'secuencial' | 'paralelo'): number {
  let total = 0;
  for (const ms of latencies) total = mode === 'secuencial' ? total + ms : Math.max(total, ms);
  return total;
}

check('00.1', 'coincide con la definición en valores aleatorios de a y n', () => {
  const seed = checkSeed('00.1');
  const rng = createRng(seed);
  for (let i = 0; i < 100; i++) {
    const a = rng.uniform(0, 1);
    const n = rng.int(1, 12);
    expect(parallelAvailability(a, n), `a=${a}, n=${n} (semilla ${seed})`).toBeCloseTo(referenceParallel(a, n), 12);
  }
}, { hint: 'Revisa el caso general: n réplicas cualesquiera, no solo una o dos.', points: 2 });

check('00.1', 'casos límite: a = 0, a = 1 y una sola réplica', () => {
  for (const n of [1, 2, 7]) {
    expect(parallelAvailability(0, n), `a=0, n=${n}`).toBeCloseTo(0, 12);
    expect(parallelAvailability(1, n), `a=1, n=${n}`).toBeCloseTo(1, 12);
  }
  expect(parallelAvailability(0.3, 1)).toBeCloseTo(0.3, 12);
}, { hint: 'Piensa qué pasa si a = 0, si a = 1 y si n = 1.' });

check('00.2', 'latencias aleatorias, en los dos modos', () => {
  const seed = checkSeed('00.2');
  const rng = createRng(seed);
  for (let i = 0; i < 100; i++) {
    const latencies = Array.from({ length: rng.int(1, 12) }, () => rng.uniform(0, 500));
    const copy = [...latencies];
    for (const mode of ['secuencial', 'paralelo'] as const) {
      expect(fanOutLatency(latencies, mode), `${mode} ${JSON.stringify(copy)} (semilla ${seed})`).toBeCloseTo(referenceFanOut(copy, mode), 9);
    }
    expect(latencies).toEqual(copy);
  }
}, { hint: 'Usa todas las latencias (la primera y la última también), sean cuantas sean, sin reordenar la lista.', points: 2 });

check('00.2', 'sin servicios no se espera nada, y un solo servicio tarda lo suyo', () => {
  expect(fanOutLatency([], 'secuencial')).toBe(0);
  expect(fanOutLatency([], 'paralelo')).toBe(0);
  expect(fanOutLatency([0], 'paralelo')).toBe(0);
  expect(fanOutLatency([7.5], 'secuencial')).toBeCloseTo(7.5, 9);
  expect(fanOutLatency([7.5], 'paralelo')).toBeCloseTo(7.5, 9);
}, { hint: 'Una lista vacía no debe dar NaN ni -Infinity.' });

check('00.3', 'cadenas aleatorias de cualquier longitud', () => {
  const seed = checkSeed('00.3');
  const rng = createRng(seed);
  for (let i = 0; i < 100; i++) {
    const chain = Array.from({ length: rng.int(1, 15) }, () => rng.uniform(0, 1));
    const copy = [...chain];
    expect(seriesAvailability(chain), `${JSON.stringify(copy)} (semilla ${seed})`).toBeCloseTo(referenceSeries(copy), 12);
    expect(chain).toEqual(copy);
  }
}, { hint: 'Todos los servicios de la cadena tienen que responder; usa todos los elementos.' });

check('00.3', 'la cadena vacía y los casos límite 0 y 1', () => {
  expect(seriesAvailability([])).toBe(1);
  expect(seriesAvailability([1, 1, 1])).toBeCloseTo(1, 12);
  expect(seriesAvailability([0.9, 0, 0.9])).toBeCloseTo(0, 12);
}, { hint: 'El producto de una lista vacía es 1; un servicio que nunca responde tumba la cadena.' });
