import { describe, expect } from 'vitest';
import { compareVectorClocks, lamportReceive, mergeVectorClocks, vectorFromArray, vectorToArray } from '../../lib/clocks/index';
import type { VectorClock } from '../../lib/clocks/index';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

const ids = ['A', 'B', 'C', 'D'];

// The teacher's own reference, independent of lib (whose only implementations are the
// exercise functions themselves, stubbed out in the student edition).
function referenceOrder(a: VectorClock, b: VectorClock): string {
  const all = new Set([...a.keys(), ...b.keys()]);
  const le = [...all].every((id) => (a.get(id) ?? 0) <= (b.get(id) ?? 0));
  const ge = [...all].every((id) => (a.get(id) ?? 0) >= (b.get(id) ?? 0));
  return le && ge ? 'equal' : le ? 'before' : ge ? 'after' : 'concurrent';
}
const referenceMax = (a: VectorClock, b: VectorClock) => ids.map((id) => Math.max(a.get(id) ?? 0, b.get(id) ?? 0));

describe('Capítulo 02 — ejercicios (comprobaciones ocultas)', () => {
  check('02.1', 'coincide con max(local, recibido) + 1 en 1 000 casos aleatorios', () => {
    const rng = createRng(checkSeed('02.1-aleatorio'));
    for (let i = 0; i < 1_000; i++) {
      const local = rng.int(0, 50);
      const received = rng.int(0, 50);
      expect(lamportReceive(local, received), `local=${local}, recibido=${received}`).toBe(Math.max(local, received) + 1);
    }
  }, { hint: '¿Sumas 1 después del máximo?', points: 1 });

  check('02.2', 'coincide con la definición en 2 000 pares aleatorios, con entradas ausentes', () => {
    const rng = createRng(checkSeed('02.2-aleatorio'));
    for (let i = 0; i < 2_000; i++) {
      // Sparse maps: a missing entry means 0, and each side may mention different processes.
      const a = new Map(ids.filter(() => rng.bernoulli(0.6)).map((id) => [id, rng.int(0, 2)] as [string, number]));
      const b = new Map(ids.filter(() => rng.bernoulli(0.6)).map((id) => [id, rng.int(0, 2)] as [string, number]));
      expect(compareVectorClocks(a, b), `a=${JSON.stringify([...a])} b=${JSON.stringify([...b])}`).toBe(referenceOrder(a, b));
    }
  }, { hint: 'Un proceso que falta en un vector cuenta como 0; recorre los procesos de ambos vectores.', points: 2 });

  check('02.3', 'fusiona vectores con procesos distintos y no modifica las entradas', () => {
    const rng = createRng(checkSeed('02.3-aleatorio'));
    for (let i = 0; i < 500; i++) {
      const a = new Map(ids.filter(() => rng.bernoulli(0.6)).map((id) => [id, rng.int(0, 5)] as [string, number]));
      const b = new Map(ids.filter(() => rng.bernoulli(0.6)).map((id) => [id, rng.int(0, 5)] as [string, number]));
      const before = JSON.stringify([[...a], [...b]]);
      expect(vectorToArray(mergeVectorClocks(a, b), ids)).toEqual(referenceMax(a, b));
      expect(JSON.stringify([[...a], [...b]])).toBe(before);
    }
    expect(vectorToArray(mergeVectorClocks(vectorFromArray(ids, [0, 0, 0, 0]), new Map([['E', 4]])), [...ids, 'E'])).toEqual([0, 0, 0, 0, 4]);
  }, { hint: 'Devuelve un vector nuevo; incluye los procesos que solo aparecen en uno de los dos.', points: 1 });
});
