// Hidden checks of exercise 10.3 (xorBucket): random inputs from checkSeed, compared with this
// file's own reference, never with lib's.
import { expect } from 'vitest';
import { xorBucket } from '../../lib/dht/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

/** Reference: bit by bit, from the top, with no bitwise operators on 32-bit signed integers. */
function reference(a: number, b: number, bits: number): { distance: number; bucket: number | null } {
  let distance = 0;
  let bucket: number | null = null;
  for (let i = bits - 1; i >= 0; i--) {
    const bitA = Math.floor(a / 2 ** i) % 2;
    const bitB = Math.floor(b / 2 ** i) % 2;
    if (bitA !== bitB) {
      distance += 2 ** i;
      bucket ??= i;
    }
  }
  return { distance, bucket };
}

check('10.3', 'coincide con la definición en 600 pares aleatorios (todos los tamaños, ids iguales, bit 31)', () => {
  const seed = checkSeed('10.3-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 600; i++) {
    const bits = i % 3 === 0 ? 32 : rng.int(1, 32);
    const a = Math.floor(rng.next() * 2 ** bits);
    const b = rng.bernoulli(0.1) ? a : rng.bernoulli(0.2) ? (a + 2 ** (bits - 1)) % 2 ** bits : Math.floor(rng.next() * 2 ** bits);
    const expected = reference(a, b, bits);
    const got = xorBucket(a, b, bits);
    expect({ distance: got.distance, bucket: got.bucket }, `xorBucket(${a}, ${b}, ${bits}) (semilla ${seed})`).toEqual(expected);
  }
}, { hint: 'Distancia sin signo (también con el bit 31), bucket desde el bit de menor peso, null si son iguales.', points: 2 });

check('10.3', 'casos límite: vecinos a distancia 1, extremos del rango, un solo bit', () => {
  const cases: [number, number, number][] = [
    [0, 0, 1], [0, 1, 1], [1, 0, 1], [2 ** 32 - 2, 2 ** 32 - 1, 32], [2 ** 31 - 1, 2 ** 31, 32],
    [0, 2 ** 32 - 1, 32], [123, 123, 7], [2 ** 16, 2 ** 16 + 2 ** 15, 17], [6, 5, 3],
  ];
  for (const [a, b, bits] of cases) {
    const expected = reference(a, b, bits);
    const got = xorBucket(a, b, bits);
    expect({ distance: got.distance, bucket: got.bucket }, `xorBucket(${a}, ${b}, ${bits})`).toEqual(expected);
  }
}, { hint: 'Mira 2^31 − 1 frente a 2^31: difieren en todos los bits.' });
