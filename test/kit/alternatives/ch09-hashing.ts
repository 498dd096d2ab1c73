// Alternative solutions of exercises 09.2 (jumpConsistentHash) and 09.3 (keysMovedByJoin), for
// test/kit/exercise-quality.test.ts. Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out).
import type { Alternatives } from '../exercise-alternatives';

type Entry = { point: number; server: string };
const MASK = (1n << 64n) - 1n;

/** Owner of k: first point strictly above k, wrapping to the first (linear scan). */
const ownerScan = (points: readonly Entry[], k: number): string => (points.find((p) => p.point > k) ?? (points[0] as Entry)).server;
const withNew = (ring: readonly Entry[], server: string, newPoints: readonly number[]): Entry[] =>
  [...ring, ...newPoints.map((point) => ({ point, server }))].sort((a, b) => a.point - b.point);

/** A 09.3 solution parameterised by the owner rule and the sorted ring it searches. */
function movesWith(owner: (points: readonly Entry[], k: number) => string, after: (ring: Entry[], server: string, newPoints: number[]) => Entry[]) {
  return (ring: Entry[], server: string, newPoints: number[], keys: number[]) => {
    const next = after(ring, server, newPoints);
    const moved: number[] = [];
    const from = new Map<string, number>();
    for (const k of keys) {
      const before = owner(ring, k);
      if (owner(next, k) !== before) {
        moved.push(k);
        from.set(before, (from.get(before) ?? 0) + 1);
      }
    }
    return { moved, from };
  };
}

/** Exercises 09.2 and 09.3: correct and wrong solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '09.2': {
    fn: 'jumpConsistentHash',
    correct: {
      'máscara y bucle': (key: bigint, buckets: number) => {
        let b = -1;
        let j = 0;
        while (j < buckets) {
          b = j;
          key = (key * 2862933555777941757n + 1n) & MASK;
          j = Math.floor((b + 1) * (2 ** 31 / Number((key >> 33n) + 1n)));
        }
        return b;
      },
      'recursiva con asUintN': (key: bigint, buckets: number) => {
        const step = (k: bigint, b: number): number => {
          const next = BigInt.asUintN(64, k * 2862933555777941757n + 1n);
          const j = Math.trunc((b + 1) * (2147483648 / (Number(next >> 33n) + 1)));
          return j >= buckets ? b : step(next, j);
        };
        return step(key, 0);
      },
    },
    wrong: {
      // (Without the 64-bit mask the BigInt grows for ever and the loop never ends: the grader's time limit catches it.)
      'suma antes de multiplicar': (key: bigint, buckets: number) => {
        let b = -1;
        let j = 0;
        while (j < buckets) {
          b = j;
          key = ((key + 1n) * 2862933555777941757n) & MASK;
          j = Math.floor((b + 1) * (2 ** 31 / Number((key >> 33n) + 1n)));
        }
        return b;
      },
      'desplaza 32 bits': (key: bigint, buckets: number) => {
        let b = -1;
        let j = 0;
        while (j < buckets) {
          b = j;
          key = (key * 2862933555777941757n + 1n) & MASK;
          j = Math.floor((b + 1) * (2 ** 31 / Number((key >> 32n) + 1n)));
        }
        return b;
      },
      'estado en number': (key: bigint, buckets: number) => {
        let k = Number(key);
        let b = -1;
        let j = 0;
        while (j < buckets) {
          b = j;
          k = (k * 2862933555777941757 + 1) % 2 ** 64;
          j = Math.floor((b + 1) * (2 ** 31 / (Math.floor(k / 2 ** 33) + 1)));
        }
        return b;
      },
      'devuelve j − 1': (key: bigint, buckets: number) => {
        let j = 0;
        let k = key;
        while (j < buckets) {
          k = (k * 2862933555777941757n + 1n) & MASK;
          j = Math.floor((j + 1) * (2 ** 31 / Number((k >> 33n) + 1n)));
        }
        return Math.min(j, buckets) - 1;
      },
    },
    trivial: {
      'siempre 0': () => 0,
      'la última cubeta': (_key: bigint, buckets: number) => buckets - 1,
    },
  },
  '09.3': {
    fn: 'keysMovedByJoin',
    correct: {
      'recorrido lineal': movesWith(ownerScan, withNew),
      'solo las que gana el nuevo': (ring: Entry[], server: string, newPoints: number[], keys: number[]) => {
        const next = withNew(ring, server, newPoints);
        const moved = keys.filter((k) => ownerScan(next, k) === server);
        const from = new Map<string, number>();
        for (const k of moved) from.set(ownerScan(ring, k), (from.get(ownerScan(ring, k)) ?? 0) + 1);
        return { moved, from };
      },
    },
    wrong: {
      'mayor o igual (bisect_left)': movesWith((points, k) => (points.find((p) => p.point >= k) ?? (points[0] as Entry)).server, withNew),
      'sin vuelta: después del último, el último': movesWith((points, k) => (points.find((p) => p.point > k) ?? (points[points.length - 1] as Entry)).server, withNew),
      'no ordena los puntos nuevos': movesWith(ownerScan, (ring, server, newPoints) => [...ring, ...newPoints.map((point) => ({ point, server }))]),
      'modifica ring': movesWith(ownerScan, (ring, server, newPoints) => {
        ring.push(...newPoints.map((point) => ({ point, server })));
        ring.sort((a, b) => a.point - b.point);
        return ring.slice();
      }),
      'from con ceros': (ring: Entry[], server: string, newPoints: number[], keys: number[]) => {
        const r = movesWith(ownerScan, withNew)(ring, server, newPoints, keys);
        const from = new Map<string, number>([...new Set(ring.map((e) => e.server))].map((s) => [s, 0]));
        for (const [s, n] of r.from) from.set(s, n);
        return { moved: r.moved, from };
      },
    },
    trivial: {
      'nada se mueve': () => ({ moved: [], from: new Map() }),
      'todas se mueven': (_r: Entry[], _s: string, _p: number[], keys: number[]) => ({ moved: keys, from: new Map() }),
    },
  },
};
