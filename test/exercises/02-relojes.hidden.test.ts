// Hidden checks of chapter 02: random inputs from checkSeed (per-student seeds under the
// grader), compared with this file's own references, never with lib's (whose only
// implementations are the exercise functions themselves).
import { expect } from 'vitest';
import { lamportReceive } from '../../lib/clocks/lamport';
import { compareVectorClocks, mergeVectorClocks, vectorToArray } from '../../lib/clocks/vector';
import type { VectorClock } from '../../lib/clocks/vector';
import { createRng } from '../../lib/random/index';
import type { Rng } from '../../lib/random/index';
import { check, checkSeed } from './check';

const ids = ['A', 'B', 'C', 'D', 'E'];

function referenceOrder(a: VectorClock, b: VectorClock): string {
  let le = true;
  let ge = true;
  for (const id of ids) {
    const x = a.get(id) ?? 0;
    const y = b.get(id) ?? 0;
    if (x > y) le = false;
    if (x < y) ge = false;
  }
  return le && ge ? 'equal' : le ? 'before' : ge ? 'after' : 'concurrent';
}
const referenceMax = (a: VectorClock, b: VectorClock) => ids.map((id) => Math.max(a.get(id) ?? 0, b.get(id) ?? 0));

/** A sparse vector: each process present with probability 0.6, in a shuffled key order, zeros allowed. */
function randomVector(rng: Rng, max: number): Map<string, number> {
  return new Map(rng.shuffle(ids).filter(() => rng.bernoulli(0.6)).map((id) => [id, rng.int(0, max)] as [string, number]));
}
const show = (m: VectorClock) => JSON.stringify([...m]);

check('02.1', 'coincide con max(local, recibido) + 1 en 300 casos aleatorios', () => {
  const seed = checkSeed('02.1-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 300; i++) {
    const local = rng.int(0, 50);
    const received = rng.bernoulli(0.1) ? local : rng.int(0, rng.bernoulli(0.1) ? 1_000_000 : 50);
    expect(lamportReceive(local, received), `local=${local}, recibido=${received} (semilla ${seed})`).toBe(Math.max(local, received) + 1);
  }
}, { hint: '¿Sumas 1 después del máximo, vaya por delante el reloj local o el mensaje?' });

check('02.2', 'coincide con la definición en 600 pares aleatorios, con entradas ausentes', () => {
  const seed = checkSeed('02.2-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 600; i++) {
    const a = randomVector(rng, 2);
    // Half of the pairs are derived from a, so that 'before', 'after' and 'equal' are common too.
    const b = rng.bernoulli(0.5) ? randomVector(rng, 2) : new Map([...a].map(([id, x]) => [id, rng.bernoulli(0.3) ? x + 1 : x] as [string, number]));
    const [sa, sb] = [show(a), show(b)];
    expect(compareVectorClocks(a, b), `a=${sa} b=${sb} (semilla ${seed})`).toBe(referenceOrder(a, b));
    expect([show(a), show(b)], 'los vectores recibidos no deben cambiar').toEqual([sa, sb]);
  }
}, { hint: 'Un proceso que falta en un vector cuenta como 0; recorre los procesos de ambos vectores.', points: 2 });

check('02.2', 'casos límite: vacíos, ceros explícitos y procesos de un solo lado', () => {
  const cases: [VectorClock, VectorClock][] = [
    [new Map(), new Map()],
    [new Map([['A', 0]]), new Map()],
    [new Map(), new Map([['E', 3]])],
    [new Map([['D', 1]]), new Map([['E', 1]])],
    [new Map([['A', 0], ['B', 0]]), new Map([['B', 0], ['C', 0]])],
  ];
  for (const [a, b] of cases) {
    // Expected first: changing the vectors in place cannot move the answer.
    const want = referenceOrder(a, b);
    const shown = `a=${show(a)} b=${show(b)}`;
    expect(compareVectorClocks(a, b), shown).toBe(want);
  }
}, { hint: 'Dos vectores vacíos son iguales; un contador 0 equivale a no aparecer.' });

check('02.3', 'fusiona vectores aleatorios con procesos distintos y no modifica las entradas', () => {
  const seed = checkSeed('02.3-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 300; i++) {
    const a = randomVector(rng, 5);
    const b = randomVector(rng, 5);
    const [sa, sb] = [show(a), show(b)];
    expect(vectorToArray(mergeVectorClocks(a, b), ids), `a=${sa} b=${sb} (semilla ${seed})`).toEqual(referenceMax(a, b));
    expect([show(a), show(b)], 'los vectores recibidos no deben cambiar').toEqual([sa, sb]);
  }
}, { hint: 'Incluye los procesos que solo aparecen en uno de los dos y construye el resultado en un Map nuevo.', points: 2 });

check('02.3', 'casos límite: vectores vacíos y un proceso que solo está en el mensaje', () => {
  expect(vectorToArray(mergeVectorClocks(new Map(), new Map()), ids)).toEqual([0, 0, 0, 0, 0]);
  expect(vectorToArray(mergeVectorClocks(new Map([['A', 0], ['B', 0]]), new Map([['E', 4]])), ids)).toEqual([0, 0, 0, 0, 4]);
  expect(vectorToArray(mergeVectorClocks(new Map([['C', 7]]), new Map()), ids)).toEqual([0, 0, 7, 0, 0]);
}, { hint: 'Un vector vacío no aporta nada a la fusión; el otro pasa tal cual.' });
