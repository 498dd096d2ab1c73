// Hidden checks of exercises 09.2 (jumpConsistentHash) and 09.3 (keysMovedByJoin): random
// inputs from checkSeed, compared with this file's own references, never with lib's.
import { expect } from 'vitest';
import { jumpConsistentHash, keysMovedByJoin } from '../../lib/balance/exercises';
import type { RingEntry } from '../../lib/balance/exercises';
import { createRng } from '../../lib/random/index';
import type { Rng } from '../../lib/random/index';
import { check, checkSeed } from './check';

const MASK = (1n << 64n) - 1n;

function referenceJump(key: bigint, buckets: number): number {
  let b = -1;
  let j = 0;
  let k = key;
  while (j < buckets) {
    b = j;
    k = (k * 2862933555777941757n + 1n) & MASK;
    j = Math.floor((b + 1) * (2147483648 / Number((k >> 33n) + 1n)));
  }
  return b;
}

const randomKey = (rng: Rng): bigint => (BigInt(rng.int(0, 0xffffffff)) << 32n) | BigInt(rng.int(0, 0xffffffff));

check('09.2', 'coincide con el algoritmo del artículo en 600 claves de 64 bits y cubetas de 1 a 10^6', () => {
  const seed = checkSeed('09.2-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 600; i++) {
    const key = i % 10 === 0 ? BigInt(rng.int(0, 1000)) : randomKey(rng);
    const buckets = i % 4 === 0 ? rng.int(1, 1_000_000) : rng.int(1, 64);
    const expected = referenceJump(key, buckets);
    expect(jumpConsistentHash(key, buckets), `clave ${key}n, ${buckets} cubetas (semilla ${seed})`).toBe(expected);
  }
}, { hint: 'Falla en claves de 64 bits al azar: si las pequeñas salen bien, revisa el desbordamiento de 64 bits de C; si salen cubetas cercanas pero no iguales, la división en coma flotante.', points: 2 });

check('09.2', 'casos límite: una cubeta, 2^31 − 1 cubetas, claves 0 y 2^64 − 1', () => {
  const cases: [bigint, number][] = [[0n, 1], [MASK, 1], [0n, 2 ** 31 - 1], [MASK, 2 ** 31 - 1], [MASK, 2], [1n << 63n, 3]];
  for (const [key, buckets] of cases) {
    const expected = referenceJump(key, buckets);
    expect(jumpConsistentHash(key, buckets), `clave ${key}n, ${buckets} cubetas`).toBe(expected);
  }
}, { hint: 'Con muchas cubetas el bucle da pocos saltos grandes; con una, ninguno después del primero.' });

function referenceMoves(ring: readonly RingEntry[], newServer: string, newPoints: readonly number[], keys: readonly number[]): { moved: number[]; from: [string, number][] } {
  const owner = (points: readonly RingEntry[], k: number): string => {
    for (const p of points) if (p.point > k) return p.server;
    return (points[0] as RingEntry).server;
  };
  const after = [...ring, ...newPoints.map((point) => ({ point, server: newServer }))].sort((a, b) => a.point - b.point);
  const moved: number[] = [];
  const from = new Map<string, number>();
  for (const k of keys) {
    const before = owner(ring, k);
    if (owner(after, k) !== before) {
      moved.push(k);
      from.set(before, (from.get(before) ?? 0) + 1);
    }
  }
  return { moved, from: [...from].sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
}

function randomRing(rng: Rng, servers: number, pointsPerServer: number, range: number): { ring: RingEntry[]; newPoints: number[] } {
  const used = new Set<number>();
  const fresh = () => {
    let p = rng.int(0, range - 1);
    while (used.has(p)) p = rng.int(0, range - 1);
    used.add(p);
    return p;
  };
  const ring: RingEntry[] = [];
  for (let s = 1; s <= servers; s++) for (let v = 0; v < pointsPerServer; v++) ring.push({ point: fresh(), server: `S${s}` });
  ring.sort((a, b) => a.point - b.point);
  const newPoints = Array.from({ length: rng.int(1, pointsPerServer + 2) }, fresh);
  return { ring, newPoints };
}

check('09.3', 'coincide con la regla del anillo en 300 anillos aleatorios (claves que caen en los puntos, vueltas)', () => {
  const seed = checkSeed('09.3-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 300; i++) {
    const range = i % 3 === 0 ? 2 ** 32 : rng.int(60, 400); // ≥ 37 free positions: 6 servers × 5 points + 7 new
    const { ring, newPoints } = randomRing(rng, rng.int(1, 6), rng.int(1, 5), range);
    const keys = Array.from({ length: rng.int(0, 60) }, () => (rng.bernoulli(0.2) ? rng.choice([...ring.map((e) => e.point), ...newPoints]) : rng.int(0, range - 1)));
    const expected = referenceMoves(ring, 'N', newPoints, keys);
    const before = JSON.stringify([ring, newPoints, keys]);
    const got = keysMovedByJoin(ring, 'N', newPoints, keys);
    const label = `ring=${JSON.stringify(ring)} newPoints=${JSON.stringify(newPoints)} keys=${JSON.stringify(keys)} (semilla ${seed})`;
    expect({ moved: got.moved, from: [...got.from].sort((a, b) => (a[0] < b[0] ? -1 : 1)) }, label).toEqual(expected);
    expect(JSON.stringify([ring, newPoints, keys]), `no debe modificar los argumentos: ${label}`).toBe(before);
  }
}, { hint: 'El primer punto estrictamente mayor, con vuelta al primero; los puntos nuevos, ordenados junto a los viejos.', points: 2 });

check('09.3', 'casos límite: un solo punto en el anillo, el punto nuevo primero o último, muchas claves iguales', () => {
  const cases: [RingEntry[], number[], number[]][] = [
    [[{ point: 50, server: 'A' }], [10], [0, 5, 10, 11, 49, 50, 51, 4294967295]],
    [[{ point: 50, server: 'A' }, { point: 60, server: 'B' }], [4294967295], [4294967295, 70, 0, 55]],
    [[{ point: 0, server: 'A' }, { point: 60, server: 'B' }], [30], Array.from({ length: 50 }, () => 20)],
    [[{ point: 1000, server: 'A' }, { point: 2000, server: 'B' }, { point: 3000, server: 'A' }], [2500, 1500, 500], [0, 999, 1000, 1499, 1500, 2999, 3000, 3001]],
  ];
  for (const [ring, newPoints, keys] of cases) {
    const expected = referenceMoves(ring, 'N', newPoints, keys);
    const got = keysMovedByJoin(ring.map((e) => ({ ...e })), 'N', [...newPoints], [...keys]);
    expect({ moved: got.moved, from: [...got.from].sort((a, b) => (a[0] < b[0] ? -1 : 1)) }, JSON.stringify([ring, newPoints, keys])).toEqual(expected);
  }
}, { hint: 'Prueba un anillo de un solo punto: antes, todas las claves eran de ese servidor.' });
