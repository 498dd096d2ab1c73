// Public checks of exercise 10.1 (rollChecksum): one per requirement of its Spanish statement.
import { expect } from 'vitest';
import { rollChecksum } from '../../lib/rsync/exercises';
import { check } from './check';

/** The weak checksum of a whole window, summed from scratch (bytes as signed chars, like rsync). */
function windowSum(bytes: readonly number[]): number {
  let s1 = 0;
  let s2 = 0;
  for (const b of bytes) {
    s1 += b >= 128 ? b - 256 : b;
    s2 += s1;
  }
  return (((s1 % 65536) + 65536) % 65536) + (((s2 % 65536) + 65536) % 65536) * 65536;
}
const text = (s: string) => [...s].map((c) => c.charCodeAt(0));

check('10.1', 'desplaza «abc» a «bcd» (ejemplo del enunciado)', () => {
  expect(rollChecksum(38404390, 97, 100, 3)).toBe(38797609);
  expect(rollChecksum(windowSum(text('hola')), 104, 33, 4)).toBe(windowSum(text('ola!')));
}, { hint: 's1 pierde el byte que sale y gana el que entra; s2 pierde L veces el que sale y gana el s1 nuevo.' });

check('10.1', 'da lo mismo que sumar la ventana desplazada desde cero, a lo largo de un texto', () => {
  const data = text('los sistemas de archivos distribuidos replican bloques en varios nodos');
  for (const L of [2, 5, 16]) {
    let sum = windowSum(data.slice(0, L));
    for (let k = 0; k + L < data.length; k++) {
      sum = rollChecksum(sum, data[k] ?? 0, data[k + L] ?? 0, L);
      expect(sum, `L=${L}, ventana desde ${k + 1}`).toBe(windowSum(data.slice(k + 1, k + 1 + L)));
    }
  }
}, { hint: 'Compara tu resultado con la suma recalculada de la ventana nueva: s2 usa el s1 ya actualizado.' });

check('10.1', 'los bytes ≥ 128 cuentan como b − 256 (signed char)', () => {
  const window = [200, 10, 255, 130];
  expect(rollChecksum(windowSum(window), 200, 129, 4)).toBe(windowSum([10, 255, 130, 129]));
  expect(rollChecksum(windowSum([1, 2, 3]), 1, 127, 3)).toBe(windowSum([2, 3, 127]));
}, { hint: 'rsync suma signed char: 200 vale −56 y 255 vale −1, también el byte que sale.' });

check('10.1', 'cada mitad queda en 0 … 65535 aunque las restas den negativos', () => {
  const zeros = [0, 0, 0, 0, 0];
  expect(rollChecksum(windowSum(zeros), 0, 255, 5)).toBe(windowSum([0, 0, 0, 0, 255]));
  expect(rollChecksum(windowSum([100, 0, 0]), 100, 0, 3)).toBe(windowSum([0, 0, 0]));
  expect(rollChecksum(windowSum([100, 0, 0]), 100, 0, 3)).toBe(0);
}, { hint: 'En JavaScript, -5 % 65536 es -5: tras restar el byte que sale, una mitad puede quedar negativa.' });

check('10.1', 'devuelve un entero sin signo de 32 bits, nunca negativo', () => {
  const window = Array.from({ length: 700 }, (_, i) => (i * 37) % 128);
  const data = [...window, 90];
  const expected = windowSum(data.slice(1));
  expect(expected).toBeGreaterThan(2 ** 31);
  const got = rollChecksum(windowSum(window), data[0] ?? 0, 90, 700);
  expect(got).toBeGreaterThanOrEqual(0);
  expect(got).toBe(expected);
}, { hint: 'Con s2 ≥ 32768, s2 << 16 puede salir negativo en JavaScript: los operadores de bits dan enteros de 32 bits con signo.' });

check('10.1', 'una ventana de un solo byte (blockLength = 1)', () => {
  expect(rollChecksum(windowSum([65]), 65, 66, 1)).toBe(windowSum([66]));
  expect(rollChecksum(windowSum([250]), 250, 3, 1)).toBe(windowSum([3]));
}, { hint: 'Con L = 1, s1 y s2 de la ventana nueva son el byte que entra.' });
