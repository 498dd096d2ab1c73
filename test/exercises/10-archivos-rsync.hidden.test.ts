// Hidden checks of exercise 10.1 (rollChecksum): random inputs from checkSeed, compared with this
// file's own reference (summing each window from scratch), never with lib's.
import { expect } from 'vitest';
import { rollChecksum } from '../../lib/rsync/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function windowSum(bytes: readonly number[]): number {
  let s1 = 0;
  let s2 = 0;
  for (const b of bytes) {
    s1 = (s1 + (b >= 128 ? b - 256 : b)) % 65536;
    s2 = (s2 + s1) % 65536;
  }
  return ((s1 + 65536) % 65536) + ((s2 + 65536) % 65536) * 65536;
}

check('10.1', 'rueda ventanas de bytes aleatorios de longitudes 1 … 2048 como la suma recalculada', () => {
  const seed = checkSeed('10.1-aleatorio');
  const rng = createRng(seed);
  for (let t = 0; t < 60; t++) {
    const L = rng.choice([1, 2, 3, rng.int(4, 64), rng.int(65, 2048)]);
    const high = rng.next();
    const data = Array.from({ length: L + 20 }, () => (rng.bernoulli(high) ? rng.int(128, 255) : rng.int(0, 127)));
    let sum = windowSum(data.slice(0, L));
    for (let k = 0; k < 20; k++) {
      const expected = windowSum(data.slice(k + 1, k + 1 + L));
      sum = rollChecksum(sum, data[k] ?? 0, data[k + L] ?? 0, L);
      expect(sum, `L=${L}, paso ${k + 1} (semilla ${seed})`).toBe(expected);
    }
  }
}, { hint: 'Resta el byte que sale (como signed char), suma el que entra, y mantén cada mitad en 16 bits sin signo.', points: 2 });

check('10.1', 'casos límite: solo bytes altos, solo ceros, sumas cerca de 2³² y ventanas de 131 072 bytes', () => {
  const cases: [number[], number][] = [
    [Array.from({ length: 8 }, () => 255), 0],
    [Array.from({ length: 8 }, () => 0), 255],
    [Array.from({ length: 8 }, () => 128), 127],
    [[127, 127, 127], 128],
  ];
  for (const [window, incoming] of cases) {
    const expected = windowSum([...window.slice(1), incoming]);
    expect(rollChecksum(windowSum(window), window[0] ?? 0, incoming, window.length), JSON.stringify([window, incoming])).toBe(expected);
  }
  const big = Array.from({ length: 131_072 }, (_, i) => (i * 131) % 256);
  const expected = windowSum([...big.slice(1), 7]);
  expect(rollChecksum(windowSum(big), big[0] ?? 0, 7, big.length), 'ventana de 131 072 bytes').toBe(expected);
}, { hint: 'Con ventanas grandes L·salida es grande: el módulo 2¹⁶ va al final de cada mitad, sin perder el signo.' });
