import { describe, expect } from 'vitest';
import { compareVectorClocks, lamportReceive, mergeVectorClocks, vectorFromArray, vectorToArray } from '../../lib/clocks/index';
import { check } from './check';

const ids = ['A', 'B', 'C'];
const v = (...values: number[]) => vectorFromArray(ids, values);

describe('Capítulo 02 — ejercicios (comprobaciones públicas)', () => {
  check('02.1', 'B recibe el mensaje de A (ejemplo de la clase): max(0, 2) + 1 = 3', () => {
    expect(lamportReceive(0, 2)).toBe(3);
  }, { hint: 'Toma el máximo entre el reloj local y la marca del mensaje, y suma 1.' });

  check('02.1', 'si el reloj local va por delante, el mensaje no lo atrasa', () => {
    expect(lamportReceive(9, 4)).toBe(10);
  }, { hint: 'Un reloj de Lamport nunca retrocede.' });

  check('02.2', 'un vector anterior a otro es "before"', () => {
    expect(compareVectorClocks(v(1, 0, 0), v(2, 1, 0))).toBe('before');
    expect(compareVectorClocks(v(2, 1, 0), v(1, 0, 0))).toBe('after');
  }, { hint: 'a es anterior a b si cada componente de a es ≤ la de b y al menos una es menor.' });

  check('02.2', 'vectores incomparables son concurrentes', () => {
    expect(compareVectorClocks(v(1, 0, 0), v(0, 0, 1))).toBe('concurrent');
  }, { hint: 'Si cada vector tiene alguna componente mayor que el otro, ninguno precede al otro.' });

  check('02.2', 'un vector es igual a sí mismo', () => {
    expect(compareVectorClocks(v(2, 2, 1), v(2, 2, 1))).toBe('equal');
  });

  check('02.3', 'la fusión toma el máximo componente a componente', () => {
    expect(vectorToArray(mergeVectorClocks(v(2, 0, 0), v(0, 1, 3)), ids)).toEqual([2, 1, 3]);
  }, { hint: 'Para cada proceso, quédate con el mayor de los dos contadores.' });
});
