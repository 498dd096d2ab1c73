// Public checks of chapter 02: one per requirement stated in the exercises' Spanish statements
// (the docstrings of lamportReceive, compareVectorClocks and mergeVectorClocks).
import { expect } from 'vitest';
import { lamportReceive } from '../../lib/clocks/lamport';
import { compareVectorClocks, mergeVectorClocks, vectorFromArray, vectorToArray } from '../../lib/clocks/vector';
import { check } from './check';

const ids = ['A', 'B', 'C'];
const v = (...values: number[]) => vectorFromArray(ids, values);
const map = (entries: [string, number][]) => new Map(entries);

check('02.1', 'B recibe el mensaje de A (ejemplo de la clase): max(0, 2) + 1 = 3', () => {
  expect(lamportReceive(0, 2)).toBe(3);
}, { hint: 'El reloj tiene que quedar por delante de la marca que trae el mensaje: ¿y por cuánto?' });

check('02.1', 'si el reloj local va por delante, el mensaje no lo atrasa', () => {
  expect(lamportReceive(9, 4)).toBe(10);
}, { hint: 'Un reloj de Lamport nunca retrocede.' });

check('02.1', 'con marcas iguales (también 0 y 0) la recepción queda después', () => {
  expect(lamportReceive(5, 5)).toBe(6);
  expect(lamportReceive(0, 0)).toBe(1);
}, { hint: 'La recepción es un evento nuevo: siempre suma 1 al máximo.' });

check('02.2', 'un vector anterior a otro es "before", y al revés "after"', () => {
  expect(compareVectorClocks(v(1, 0, 0), v(2, 1, 0))).toBe('before');
  expect(compareVectorClocks(v(2, 1, 0), v(1, 0, 0))).toBe('after');
  expect(compareVectorClocks(v(1, 1, 1), v(1, 2, 1))).toBe('before');
}, { hint: 'a es anterior a b si cada componente de a es ≤ la de b y al menos una es menor.' });

check('02.2', 'vectores incomparables son concurrentes', () => {
  expect(compareVectorClocks(v(1, 0, 0), v(0, 0, 1))).toBe('concurrent');
  expect(compareVectorClocks(v(2, 1, 0), v(1, 2, 0))).toBe('concurrent');
  expect(compareVectorClocks(v(1, 0, 0), v(1, 1, 0))).not.toBe('concurrent');
}, { hint: 'Si cada vector tiene alguna componente mayor que el otro, ninguno precede al otro.' });

check('02.2', 'un vector es igual a sí mismo', () => {
  expect(compareVectorClocks(v(2, 2, 1), v(2, 2, 1))).toBe('equal');
  expect(compareVectorClocks(v(2, 2, 1), v(2, 2, 2))).not.toBe('equal');
}, { hint: 'Todas las componentes iguales: ni antes ni después.' });

check('02.2', 'un proceso ausente cuenta como 0', () => {
  expect(compareVectorClocks(map([['A', 1], ['B', 0]]), map([['A', 1]]))).toBe('equal');
  expect(compareVectorClocks(map([['A', 1]]), map([['A', 1], ['B', 1]]))).toBe('before');
  expect(compareVectorClocks(map([['A', 1], ['C', 2]]), map([['A', 1]]))).toBe('after');
}, { hint: 'Un Map no guarda los ceros: .get() de un proceso que falta da undefined, que debe valer 0.' });

check('02.2', 'vectores con procesos distintos, en cualquier orden, o vacíos', () => {
  expect(compareVectorClocks(map([['A', 1]]), map([['B', 1]]))).toBe('concurrent');
  expect(compareVectorClocks(map([['B', 1], ['A', 2]]), map([['A', 2], ['B', 1]]))).toBe('equal');
  expect(compareVectorClocks(map([]), map([]))).toBe('equal');
  expect(compareVectorClocks(map([]), map([['C', 1]]))).toBe('before');
  expect(compareVectorClocks(map([['C', 1]]), map([]))).toBe('after');
}, { hint: 'Recorre los procesos de los DOS vectores, no solo los del primero.' });

check('02.2', 'compara sin modificar los vectores que recibe', () => {
  const a = map([['A', 1]]);
  const b = map([['B', 2], ['A', 1]]);
  expect(compareVectorClocks(a, b)).toBe('before');
  expect(compareVectorClocks(b, a)).toBe('after');
  expect([[...a], [...b]]).toEqual([[['A', 1]], [['B', 2], ['A', 1]]]);
}, { hint: 'Compara leyendo con .get(); no hace falta añadir los ceros que faltan.' });

check('02.3', 'la fusión toma el máximo componente a componente', () => {
  expect(vectorToArray(mergeVectorClocks(v(2, 0, 0), v(0, 1, 3)), ids)).toEqual([2, 1, 3]);
  expect(vectorToArray(mergeVectorClocks(v(4, 1, 2), v(3, 5, 2)), ids)).toEqual([4, 5, 2]);
}, { hint: 'Compara proceso a proceso: ¿cuál de los dos contadores sabe más de ese proceso?' });

check('02.3', 'los procesos que solo están en uno de los dos pasan con su valor', () => {
  expect(vectorToArray(mergeVectorClocks(map([['A', 2]]), map([['B', 1], ['C', 4]])), ids)).toEqual([2, 1, 4]);
  expect(vectorToArray(mergeVectorClocks(map([['A', 3], ['C', 1]]), map([['A', 1]])), ids)).toEqual([3, 0, 1]);
}, { hint: 'Recorre los procesos de a y también los de b.' });

check('02.3', 'un vector vacío no cambia nada', () => {
  expect(vectorToArray(mergeVectorClocks(map([]), v(1, 2, 3)), ids)).toEqual([1, 2, 3]);
  expect(vectorToArray(mergeVectorClocks(v(1, 2, 3), map([])), ids)).toEqual([1, 2, 3]);
  expect(vectorToArray(mergeVectorClocks(map([]), map([])), ids)).toEqual([0, 0, 0]);
}, { hint: 'Un proceso ausente cuenta como 0.' });

check('02.3', 'fusiona sin modificar los vectores que recibe', () => {
  const a = map([['A', 7]]);
  const b = map([['A', 5], ['B', 1]]);
  expect(vectorToArray(mergeVectorClocks(a, b), ids)).toEqual([7, 1, 0]);
  expect([[...a], [...b]]).toEqual([[['A', 7]], [['A', 5], ['B', 1]]]);
}, { hint: 'Construye el resultado en un Map nuevo (new Map(a) es una copia).' });
