// Public checks of exercises 09.2 (jumpConsistentHash) and 09.3 (keysMovedByJoin): one per
// requirement of their Spanish statements.
import { expect } from 'vitest';
import { jumpConsistentHash, keysMovedByJoin } from '../../lib/balance/exercises';
import type { RingEntry } from '../../lib/balance/exercises';
import { check } from './check';

check('09.2', 'da los valores de la prueba HashingTest de Guava (10863919174838991n con 11 → 6; 2202n con 100001 → 15018)', () => {
  expect(jumpConsistentHash(10863919174838991n, 11)).toBe(6);
  expect(jumpConsistentHash(2016238256797177309n, 11)).toBe(3);
  expect(jumpConsistentHash(2202n, 100001)).toBe(15018);
  expect(jumpConsistentHash(2n, 100001)).toBe(80343);
}, { hint: 'Estos valores no salen: compara el orden de los tres pasos de tu bucle con el del código C, y qué devuelves al salir.' });

check('09.2', 'las claves 0n…19n con 100 cubetas dan 0, 55, 62, 8, 45, …', () => {
  const golden = [0, 55, 62, 8, 45, 59, 86, 97, 82, 59, 73, 37, 17, 56, 86, 21, 90, 37, 38, 83];
  expect(golden.map((_, i) => jumpConsistentHash(BigInt(i), 100))).toEqual(golden);
}, { hint: 'Si salen cubetas parecidas pero no iguales (o siempre 0), revisa la división: en C es en coma flotante, y solo se trunca al final, al guardar en j.' });

check('09.2', 'la clave es de 64 bits sin signo: claves cercanas a 2^64 dan lo mismo que en C', () => {
  expect(jumpConsistentHash(2n ** 64n - 1n, 1000)).toBe(313);
  expect(jumpConsistentHash(1673758223894951030n, 11)).toBe(5);
  expect(jumpConsistentHash(0xdeadbeefn, 17)).toBe(16);
}, { hint: 'Si las claves pequeñas salen bien y las cercanas a 2^64 no (o la función se vuelve lenta), tu estado crece más allá de 64 bits: un bigint no se desborda como el uint64_t de C.' });

check('09.2', 'con una sola cubeta la respuesta es 0 (y con más, no siempre)', () => {
  for (const key of [0n, 1n, 12345678901234567n, 2n ** 64n - 1n]) expect(jumpConsistentHash(key, 1)).toBe(0);
  expect(jumpConsistentHash(10863919174838991n, 11)).toBe(6);
}, { hint: 'Con una cubeta no sale 0: mira qué variable devuelves al salir del bucle.' });

check('09.2', 'al pasar de n a n + 1 cubetas una clave se queda o pasa a la nueva', () => {
  let movedToNew = 0;
  let stayed = 0;
  for (let k = 0n; k < 200n; k++) {
    const key = k * 0x9e3779b97f4a7c15n % 2n ** 64n;
    for (let n = 1; n <= 12; n++) {
      const a = jumpConsistentHash(key, n);
      const b = jumpConsistentHash(key, n + 1);
      expect(b === a || b === n, `clave ${key}: ${n} cubetas → ${a}, ${n + 1} → ${b}`).toBe(true);
      expect(a).toBeLessThan(n);
      if (b === n) movedToNew += 1;
      else stayed += 1;
    }
  }
  expect(movedToNew).toBeGreaterThan(0);
  expect(stayed).toBeGreaterThan(movedToNew);
}, { hint: 'Si las claves saltan entre cubetas viejas, el generador o la condición del bucle no son los del artículo.' });

/** A fresh copy each time: a solution that modifies its argument must not spoil the next check. */
const ring3 = (): RingEntry[] => [{ point: 100, server: 'S1' }, { point: 200, server: 'S2' }, { point: 300, server: 'S1' }];

check('09.3', 'devuelve las claves que pasan al servidor nuevo (ejemplo del enunciado)', () => {
  const r = keysMovedByJoin([{ point: 100, server: 'S1' }, { point: 200, server: 'S2' }], 'S3', [150], [120, 160, 250, 90]);
  expect(r.moved).toEqual([120]);
  expect([...r.from]).toEqual([['S2', 1]]);
  expect(keysMovedByJoin(ring3(), 'S3', [250], [210, 240, 260, 299]).moved).toEqual([210, 240]);
}, { hint: 'Una clave se mueve si su dueño con el servidor nuevo no es el mismo que sin él.' });

check('09.3', 'una clave igual a un punto pertenece al punto siguiente', () => {
  expect(keysMovedByJoin(ring3(), 'S3', [250], [200, 250, 100]).moved).toEqual([200]);
  expect(keysMovedByJoin(ring3(), 'S3', [150], [100, 150]).moved).toEqual([100]);
}, { hint: 'Busca el primer punto estrictamente mayor que la clave (como bisect.bisect), no mayor o igual.' });

check('09.3', 'da la vuelta al anillo: después del último punto va el primero', () => {
  const r = keysMovedByJoin(ring3(), 'S3', [5], [350, 2 ** 32 - 1, 0, 4, 5, 50]);
  expect(r.moved).toEqual([350, 2 ** 32 - 1, 0, 4]);
  expect([...r.from]).toEqual([['S1', 4]]);
  expect(keysMovedByJoin(ring3(), 'S3', [400], [350, 10]).moved).toEqual([350]);
}, { hint: 'Las claves por encima del último punto pertenecen al primer punto del anillo, y el punto nuevo puede ser el nuevo primero o el nuevo último.' });

check('09.3', 'los puntos nuevos pueden venir desordenados y ser varios', () => {
  const r = keysMovedByJoin(ring3(), 'S3', [280, 50, 150], [10, 60, 120, 160, 210, 290, 310]);
  expect(r.moved).toEqual([10, 120, 210, 310]);
  expect(new Map([...r.from].sort())).toEqual(new Map([['S1', 3], ['S2', 1]]));
}, { hint: 'Ordena una copia de los puntos del anillo con los nuevos antes de buscar en ella.' });

check('09.3', 'respeta el orden de keys y cuenta las repetidas', () => {
  const r = keysMovedByJoin(ring3(), 'S3', [150], [140, 110, 140, 90, 120]);
  expect(r.moved).toEqual([140, 110, 140, 120]);
  expect([...r.from]).toEqual([['S2', 4]]);
}, { hint: 'Recorre keys en su orden y no quites repetidos.' });

check('09.3', 'from solo tiene los servidores que pierden claves; sin claves, todo vacío', () => {
  const r = keysMovedByJoin(ring3(), 'S3', [150], [160, 250, 50]);
  expect(r.moved).toEqual([]);
  expect(r.from).toBeInstanceOf(Map);
  expect(r.from.size).toBe(0);
  const empty = keysMovedByJoin(ring3(), 'S3', [150], []);
  expect(empty.moved).toEqual([]);
  expect(empty.from.size).toBe(0);
  expect([...keysMovedByJoin(ring3(), 'S3', [150], [120]).from]).toEqual([['S2', 1]]);
}, { hint: 'No pongas en from servidores con 0 claves perdidas.' });

check('09.3', 'no modifica ring, newPoints ni keys', () => {
  const ring = ring3();
  const newPoints = [280, 50, 150];
  const keys = [10, 60, 120, 160];
  const r = keysMovedByJoin(ring, 'S3', newPoints, keys);
  expect(r.moved).toEqual([10, 120]);
  expect(ring).toEqual(ring3());
  expect(newPoints).toEqual([280, 50, 150]);
  expect(keys).toEqual([10, 60, 120, 160]);
}, { hint: 'sort() y push() cambian la lista que te pasan: trabaja sobre una copia.' });
