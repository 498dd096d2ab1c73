// Public checks of exercise 10.3 (xorBucket): one per requirement of its Spanish statement.
import { expect } from 'vitest';
import { xorBucket } from '../../lib/dht/exercises';
import { check } from './check';

check('10.3', 'distance es el XOR de los dos identificadores (ejemplo del enunciado: 5 y 6 están a distancia 3)', () => {
  expect(xorBucket(5, 6, 3).distance).toBe(3);
  expect(xorBucket(12, 10, 4).distance).toBe(6);
  expect(xorBucket(200, 55, 8).distance).toBe(255);
}, { hint: 'La distancia de Kademlia no es la resta: compara los identificadores bit a bit.' });

check('10.3', 'distance es un entero sin signo también con bits = 32', () => {
  expect(xorBucket(0, 2 ** 31, 32).distance).toBe(2 ** 31);
  expect(xorBucket(2 ** 32 - 1, 1, 32).distance).toBe(2 ** 32 - 2);
  expect(xorBucket(3_000_000_000, 7, 32).distance).toBe(3_000_000_007);
  expect(xorBucket(1, 2, 32).distance).toBe(3);
}, { hint: 'En JavaScript, a ^ b da un entero de 32 bits con signo: con el bit 31 a 1 sale negativo.' });

check('10.3', 'bucket es la posición del bit más alto en que difieren, contando desde 0 el menos significativo (5 y 6 van al bucket 1)', () => {
  expect(xorBucket(5, 6, 3).bucket).toBe(1);
  expect(xorBucket(8, 9, 4).bucket).toBe(0);
  expect(xorBucket(0, 255, 8).bucket).toBe(7);
  expect(xorBucket(16, 31, 5).bucket).toBe(3);
  expect(xorBucket(0, 1, 1).bucket).toBe(0);
}, { hint: 'El bucket i es el de las distancias entre 2^i y 2^(i+1) − 1: cuenta desde el bit de menor peso.' });

check('10.3', 'bucket llega hasta bits − 1, también el bucket 31 con bits = 32', () => {
  expect(xorBucket(0, 2 ** 31, 32).bucket).toBe(31);
  expect(xorBucket(2 ** 32 - 1, 0, 32).bucket).toBe(31);
  expect(xorBucket(2 ** 31 + 5, 2 ** 31 + 4, 32).bucket).toBe(0);
  expect(xorBucket(2 ** 30, 0, 32).bucket).toBe(30);
}, { hint: 'Con el bit 31 distinto, la distancia está entre 2^31 y 2^32 − 1: el bucket es 31, no un número negativo.' });

check('10.3', 'dos identificadores iguales están a distancia 0 y su bucket es null', () => {
  expect(xorBucket(9, 9, 4)).toEqual({ distance: 0, bucket: null });
  expect(xorBucket(2 ** 32 - 1, 2 ** 32 - 1, 32)).toEqual({ distance: 0, bucket: null });
  expect(xorBucket(9, 8, 4)).toEqual({ distance: 1, bucket: 0 });
}, { hint: 'Con distancia 0 no hay ningún bit distinto: un nodo no se guarda a sí mismo en ningún bucket.' });
