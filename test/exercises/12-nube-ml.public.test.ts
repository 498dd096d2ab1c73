// Public checks of exercise 12.4 (ringAllReduceChunk): one per requirement of its Spanish statement.
import { expect } from 'vitest';
import { ringAllReduceChunk } from '../../lib/allreduce/exercises';
import { check } from './check';

check('12.4', 'el ejemplo del enunciado (n = 4, nodo 0, pasos 1 y 3)', () => {
  expect(ringAllReduceChunk(4, 0, 1)).toEqual({ phase: 'reduce-scatter', send: 3, receive: 2 });
  expect(ringAllReduceChunk(4, 0, 3)).toEqual({ phase: 'all-gather', send: 1, receive: 0 });
}, { hint: 'Decide primero la fase por el número de paso y luego aplica la fórmula de esa fase.' });

check('12.4', 'reduce-scatter: envía (r − s) mod n y recibe (r − 1 − s) mod n en los pasos 0 … n − 2', () => {
  expect(ringAllReduceChunk(3, 2, 0)).toEqual({ phase: 'reduce-scatter', send: 2, receive: 1 });
  expect(ringAllReduceChunk(3, 2, 1)).toEqual({ phase: 'reduce-scatter', send: 1, receive: 0 });
  expect(ringAllReduceChunk(5, 4, 3)).toEqual({ phase: 'reduce-scatter', send: 1, receive: 0 });
  expect(ringAllReduceChunk(5, 3, 0)).toEqual({ phase: 'reduce-scatter', send: 3, receive: 2 });
}, { hint: 'En reduce-scatter el trozo que recibes es el que tu vecino anterior envía: el suyo, con r − 1 en lugar de r.' });

check('12.4', 'all-gather: s vuelve a empezar en 0; envía (r + 1 − s) mod n y recibe (r − s) mod n', () => {
  expect(ringAllReduceChunk(3, 1, 2)).toEqual({ phase: 'all-gather', send: 2, receive: 1 });
  expect(ringAllReduceChunk(3, 1, 3)).toEqual({ phase: 'all-gather', send: 1, receive: 0 });
  expect(ringAllReduceChunk(5, 2, 4)).toEqual({ phase: 'all-gather', send: 3, receive: 2 });
  expect(ringAllReduceChunk(5, 2, 7)).toEqual({ phase: 'all-gather', send: 0, receive: 4 });
}, { hint: 'En all-gather, s = step − (n − 1): el primer paso de all-gather tiene s = 0.' });

check('12.4', 'mod n de un negativo da un índice entre 0 y n − 1', () => {
  expect(ringAllReduceChunk(4, 0, 0)).toEqual({ phase: 'reduce-scatter', send: 0, receive: 3 });
  expect(ringAllReduceChunk(4, 1, 2)).toEqual({ phase: 'reduce-scatter', send: 3, receive: 2 });
  expect(ringAllReduceChunk(6, 0, 9)).toEqual({ phase: 'all-gather', send: 3, receive: 2 });
  for (let step = 0; step < 2 * 7; step++) {
    const { send, receive } = ringAllReduceChunk(8, 0, step);
    expect(send >= 0 && send < 8 && receive >= 0 && receive < 8, `n = 8, nodo 0, paso ${step}`).toBe(true);
  }
}, { hint: 'En JavaScript el resto de un número negativo es negativo: mira qué índice sale cuando r − s < 0.' });

check('12.4', 'con n = 2 hay un paso de cada fase', () => {
  expect(ringAllReduceChunk(2, 0, 0)).toEqual({ phase: 'reduce-scatter', send: 0, receive: 1 });
  expect(ringAllReduceChunk(2, 1, 0)).toEqual({ phase: 'reduce-scatter', send: 1, receive: 0 });
  expect(ringAllReduceChunk(2, 0, 1)).toEqual({ phase: 'all-gather', send: 1, receive: 0 });
  expect(ringAllReduceChunk(2, 1, 1)).toEqual({ phase: 'all-gather', send: 0, receive: 1 });
}, { hint: 'reduce-scatter son los pasos 0 … n − 2: con n = 2, solo el paso 0.' });
