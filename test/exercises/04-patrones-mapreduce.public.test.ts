// Public checks of chapter 04's MapReduce exercise: one per requirement stated in splitBatches's
// Spanish statement (lib/mapreduce/exercises.ts).
import { expect } from 'vitest';
import { splitBatches } from '../../lib/mapreduce/exercises';
import { check } from './check';

check('04.3', 'devuelve exactamente workers lotes (10 comentarios, 4 trabajadores)', () => {
  const batches = splitBatches(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], 4);
  expect(batches).toHaveLength(4);
  expect(splitBatches(['a', 'b', 'c'], 1)).toEqual([['a', 'b', 'c']]);
}, { hint: 'Un lote por trabajador: ni uno más (se perdería con zip) ni uno menos.' });

check('04.3', 'no pierde ni repite ninguno: concatenados dan items en su orden', () => {
  const items = Array.from({ length: 11 }, (_, i) => `c${i}`);
  const three = splitBatches(items, 3);
  expect(three.every((b) => Array.isArray(b))).toBe(true);
  expect(three.flat()).toEqual(items);
  expect(splitBatches(items, 5).flat()).toEqual(items);
  expect(three.length).toBeGreaterThan(1);
}, { hint: 'Con batch_size = 11 // 3 = 3 sobran 2 comentarios: tienen que ir en algún lote.' });

check('04.3', 'los tamaños difieren como mucho en 1 y los grandes van primero (3, 3, 2, 2)', () => {
  expect(splitBatches(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], 4).map((b) => b.length)).toEqual([3, 3, 2, 2]);
  expect(splitBatches([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5], [6, 7]]);
}, { hint: 'Reparte el resto (n mod workers) dando uno más a los primeros lotes.' });

check('04.3', 'con menos comentarios que trabajadores, los últimos lotes quedan vacíos', () => {
  expect(splitBatches(['uno', 'dos'], 4)).toEqual([['uno'], ['dos'], [], []]);
}, { hint: 'batch_size sería 0: no dividas por él; los lotes que sobran van vacíos.' });

check('04.3', 'con items vacío devuelve workers lotes vacíos', () => {
  expect(splitBatches([], 3)).toEqual([[], [], []]);
  expect(splitBatches(['x'], 2)).toEqual([['x'], []]);
}, { hint: 'Cero comentarios también son workers lotes, todos vacíos.' });

check('04.3', 'copia los elementos tal cual, sean del tipo que sean', () => {
  const a = { id: 1, text: 'genial' };
  const b = { id: 2, text: 'malo' };
  const batches = splitBatches([a, b, 7, null, 'x'], 2);
  expect(batches).toEqual([[a, b, 7], [null, 'x']]);
  expect(batches[0]![0]).toBe(a);
}, { hint: 'No conviertas los elementos (ni a texto ni a copia): pásalos al lote como vienen.' });

check('04.3', 'no modifica items', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  const batches = splitBatches(items, 2);
  expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(batches).toEqual([['a', 'b', 'c'], ['d', 'e']]);
}, { hint: 'splice y shift cambian la lista original; slice no.' });
