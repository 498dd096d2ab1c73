// Hashing of chapter 09: the ring (lecture-compatible hash, differential lookup, bad input),
// MD5, jump hash (Guava's HashingTest values), rendezvous, Maglev and bounded loads.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BoundedLoadRing, ConsistentHashRing, jumpHash, jumpHashBigInt, jumpKey, jumpLookup, MaglevTable, maglevTable, md5Hex, moduloLookup,
  RendezvousHash, ringHash,
} from '../../lib/balance/index';
import { FIXED_RING_PYTHON, INDENT_FIXED_RING_PYTHON, LECTURE_RING_PYTHON, parseLectureAssignments, runPython } from '../../lib/balance/hashing-lecture';
import { createRng } from '../../lib/random/index';
import { findBinary } from '../../lib/services/binaries';

const SEED = 9009;
const servers = (n: number) => Array.from({ length: n }, (_, i) => `S${i + 1}`);

/** Reference lookup: a linear scan of `points()` for the first point strictly above the hash. */
function linearLookup(ring: ConsistentHashRing, key: string): string {
  const h = ringHash(key);
  const points = ring.points();
  for (const p of points) if (p.point > h) return p.server;
  return (points[0] as { server: string }).server;
}

describe('ringHash and MD5', () => {
  it('is Python\'s int(md5(key).hexdigest(), 16) % 2**32: the last 4 digest bytes, big-endian', () => {
    // Values printed by CPython 3 for these keys.
    expect(ringHash('S1-0')).toBe(458035367);
    expect(ringHash('A')).toBe(783072809);
    expect(ringHash('usuario:42')).toBe(132451783);
    for (const key of ['', 'B', 'ñandú', '😀', 'x'.repeat(200)]) {
      expect(ringHash(key), key).toBe(createHash('md5').update(key).digest().readUInt32BE(12));
    }
  });

  it('gives node:crypto\'s MD5 at every length 0–130 (one-block fast path ≤ 55 and beyond), and when a non-ASCII char ends an ASCII prefix', () => {
    for (let n = 0; n <= 130; n++) {
      const ascii = Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 7) % 94))).join('');
      expect(md5Hex(ascii), `ASCII length ${n}`).toBe(createHash('md5').update(ascii, 'utf8').digest('hex'));
      const mixed = `${ascii.slice(0, Math.max(0, n - 1))}ñ`;
      expect(md5Hex(mixed), `non-ASCII at ${n - 1}`).toBe(createHash('md5').update(mixed, 'utf8').digest('hex'));
    }
    expect(md5Hex('a\ud800b')).toBe(createHash('md5').update('a\ud800b', 'utf8').digest('hex')); // lone surrogate → U+FFFD
  });

  it(`gives node:crypto's MD5 digest on 500 random keys of 0–300 bytes, ASCII and not (seed ${SEED})`, () => {
    const rng = createRng(SEED);
    const alphabet = ['a', 'Z', '0', '-', 'é', 'ß', '中', '😀', ' '];
    for (let i = 0; i < 500; i++) {
      const key = Array.from({ length: rng.int(0, 300) }, () => (i % 2 === 0 ? String.fromCharCode(rng.int(32, 126)) : rng.choice(alphabet))).join('');
      expect(md5Hex(key), `key #${i} (seed ${SEED})`).toBe(createHash('md5').update(key, 'utf8').digest('hex'));
    }
  });
});

describe.skipIf(findBinary('python3') === undefined)('the lecture\'s Python (skipped when python3 is missing)', () => {
  it('as printed fails on servers, with only the indentation fixed on hashlib, with imports too it answers like the ring', () => {
    expect(LECTURE_RING_PYTHON).not.toMatch(/import/);
    expect(runPython(LECTURE_RING_PYTHON).error).toBe("NameError: name 'servers' is not defined");
    expect(runPython(INDENT_FIXED_RING_PYTHON).error).toBe("NameError: name 'hashlib' is not defined");
    const ring = new ConsistentHashRing(['S1', 'S2', 'S3'], { virtualNodes: 3 });
    const python = parseLectureAssignments(runPython(FIXED_RING_PYTHON).stdout);
    expect([...python]).toEqual(['A', 'B', 'C', 'D'].map((r) => [r, ring.lookup(r)]));
  });
});

describe('ConsistentHashRing', () => {
  it('answers like the lecture\'s fixed Python class (replicas=3): A→S2, B→S2, C→S1, D→S3', () => {
    const ring = new ConsistentHashRing(['S1', 'S2', 'S3'], { virtualNodes: 3 });
    expect(['A', 'B', 'C', 'D'].map((r) => ring.lookup(r))).toEqual(['S2', 'S2', 'S1', 'S3']);
  });

  it.each([1, 3, 100])(`lookup equals a linear scan of points() on 2000 keys, %i virtual nodes (seed ${SEED})`, (v) => {
    const rng = createRng(`${SEED}-${v}`);
    const ring = new ConsistentHashRing(servers(7), { virtualNodes: v });
    for (let i = 0; i < 2000; i++) {
      const key = `k${rng.int(0, 1e9)}`;
      expect(ring.lookup(key), `${key} (seed ${SEED})`).toBe(linearLookup(ring, key));
    }
  });

  it('a key hashed exactly onto a point goes to the next point; past the last point it wraps to the first', () => {
    const hash = (k: string) => ({ a: 10, b: 20, c: 30, k10: 10, k5: 5, k35: 35, k20: 20 } as Record<string, number>)[k] ?? 0;
    const ring = new ConsistentHashRing([], { virtualNodes: 1, hash: (k) => hash(k.replace(/-0$/, '')) });
    ring.add('a');
    ring.add('b');
    ring.add('c');
    expect(ring.lookup('k10')).toBe('b');
    expect(ring.lookup('k20')).toBe('c');
    expect(ring.lookup('k5')).toBe('a');
    expect(ring.lookup('k35')).toBe('a');
  });

  it('points() is sorted, holds N·v points, and does not depend on the order servers were added', () => {
    const a = new ConsistentHashRing(['S1', 'S2', 'S3', 'S4'], { virtualNodes: 50 });
    const b = new ConsistentHashRing(['S4', 'S2'], { virtualNodes: 50 });
    b.add('S3');
    b.add('S1');
    const points = a.points();
    expect(points).toHaveLength(200);
    for (let i = 1; i < points.length; i++) expect((points[i] as { point: number }).point).toBeGreaterThanOrEqual((points[i - 1] as { point: number }).point);
    expect(b.points()).toEqual(points);
  });

  it('add moves keys only to the new server; remove moves only the removed server\'s keys', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `key-${i}`);
    const ring = new ConsistentHashRing(servers(5), { virtualNodes: 100 });
    const before = keys.map((k) => ring.lookup(k));
    ring.add('S6');
    const afterAdd = keys.map((k) => ring.lookup(k));
    afterAdd.forEach((s, i) => expect(s === before[i] || s === 'S6').toBe(true));
    const movedFraction = afterAdd.filter((s, i) => s !== before[i]).length / keys.length;
    expect(movedFraction).toBeGreaterThan(0.08);
    expect(movedFraction).toBeLessThan(0.25);
    ring.remove('S2');
    keys.forEach((k, i) => {
      if (afterAdd[i] !== 'S2') expect(ring.lookup(k)).toBe(afterAdd[i]);
      else expect(ring.lookup(k)).not.toBe('S2');
    });
    expect(ring.servers).toEqual(['S1', 'S3', 'S4', 'S5', 'S6']);
  });

  it('modulo hashing moves about (N)/(N+1) of the keys when one server joins', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `key-${i}`);
    const moved = keys.filter((k) => moduloLookup(k, servers(10)) !== moduloLookup(k, servers(11))).length / keys.length;
    expect(moved).toBeGreaterThan(0.85);
    expect(() => moduloLookup('k', [])).toThrow(/vacía/);
  });

  it('rejects bad input with clear errors: empty ring lookup, duplicates, 0 or fractional virtual nodes, unknown server', () => {
    expect(() => new ConsistentHashRing([]).lookup('k')).toThrow(/el anillo está vacío/);
    expect(() => new ConsistentHashRing(['S1', 'S1'])).toThrow(/duplicado.*S1/);
    expect(() => new ConsistentHashRing(['S1'], { virtualNodes: 0 })).toThrow(/virtualNodes/);
    expect(() => new ConsistentHashRing(['S1'], { virtualNodes: 2.5 })).toThrow(/virtualNodes/);
    expect(() => new ConsistentHashRing([''])).toThrow(/no vacío/);
    const ring = new ConsistentHashRing(['S1']);
    expect(() => ring.add('S1')).toThrow(/ya está/);
    expect(() => ring.remove('S9')).toThrow(/no está/);
    expect(() => new ConsistentHashRing(['S1'], { hash: () => -1 })).toThrow(/\[0, 2\^32\)/);
    ring.remove('S1');
    expect(() => ring.lookup('k')).toThrow(/vacío/);
    ring.add('S2');
    expect(ring.lookup('k')).toBe('S2');
  });
});

describe('jump consistent hash (Lamping & Veach 2014)', () => {
  it('gives the golden values of Guava\'s HashingTest (Hashing.consistentHash), in both implementations', () => {
    const golden100 = [0, 55, 62, 8, 45, 59, 86, 97, 82, 59, 73, 37, 17, 56, 86, 21, 90, 37, 38, 83];
    golden100.forEach((v, i) => {
      expect(jumpHashBigInt(BigInt(i), 100)).toBe(v);
      expect(jumpHash(0, i, 100)).toBe(v);
    });
    const cases: [bigint, number, number][] = [[10863919174838991n, 11, 6], [2016238256797177309n, 11, 3], [1673758223894951030n, 11, 5], [2n, 100001, 80343], [2201n, 100001, 22152], [2202n, 100001, 15018]];
    for (const [key, buckets, expected] of cases) {
      expect(jumpHashBigInt(key, buckets), `${key}`).toBe(expected);
      expect(jumpHash(Number(key >> 32n), Number(key & 0xffffffffn), buckets), `${key}`).toBe(expected);
    }
  });

  it(`the two-halves version equals the BigInt one on 3000 random 64-bit keys (seed ${SEED})`, () => {
    const rng = createRng(SEED);
    for (let i = 0; i < 3000; i++) {
      const high = rng.int(0, 0xffffffff);
      const low = rng.int(0, 0xffffffff);
      const buckets = rng.int(1, i % 3 === 0 ? 1_000_000 : 50);
      const key = (BigInt(high) << 32n) | BigInt(low);
      expect(jumpHash(high, low, buckets), `key ${key} buckets ${buckets} (seed ${SEED})`).toBe(jumpHashBigInt(key, buckets));
    }
  });

  it('growing from n to n + 1 buckets moves keys only into bucket n', () => {
    for (let i = 0; i < 500; i++) {
      const key = jumpKey(`k${i}`);
      for (let n = 1; n < 30; n++) {
        const a = jumpHashBigInt(key, n);
        const b = jumpHashBigInt(key, n + 1);
        expect(b === a || b === n, `k${i} n=${n}`).toBe(true);
      }
    }
    expect(jumpLookup('k1', 1)).toBe(0);
  });

  it('rejects keys outside [0, 2^64) and bucket counts outside [1, 2^31 − 1]', () => {
    expect(() => jumpHashBigInt(-1n, 3)).toThrow(RangeError);
    expect(() => jumpHashBigInt(1n << 64n, 3)).toThrow(RangeError);
    expect(() => jumpHashBigInt(1n, 0)).toThrow(/buckets/);
    expect(() => jumpHash(0, 1, 1.5)).toThrow(/buckets/);
    expect(() => jumpHash(0, 1, 2 ** 31)).toThrow(/buckets/);
  });
});

describe('rendezvous, Maglev, bounded loads', () => {
  const keys = Array.from({ length: 6000 }, (_, i) => `key-${i}`);

  it('rendezvous: removing a server moves only its keys; spread within 10 % of the mean', () => {
    const hrw = new RendezvousHash(servers(6));
    const before = keys.map((k) => hrw.lookup(k));
    const counts = new Map<string, number>();
    for (const s of before) counts.set(s, (counts.get(s) ?? 0) + 1);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(100);
    hrw.remove('S3');
    keys.forEach((k, i) => (before[i] === 'S3' ? expect(hrw.lookup(k)).not.toBe('S3') : expect(hrw.lookup(k)).toBe(before[i])));
    expect(() => new RendezvousHash([]).lookup('k')).toThrow(/no hay servidores/);
    expect(() => new RendezvousHash(['a', 'a'])).toThrow(/duplicado/);
  });

  it('Maglev: every server owns ⌊M/N⌋ or ⌈M/N⌉ slots; a small table is complete', () => {
    const table = maglevTable(servers(7), 65537);
    const slots = new Array<number>(7).fill(0);
    for (const i of table) slots[i] = (slots[i] as number) + 1;
    for (const n of slots) expect(n === Math.floor(65537 / 7) || n === Math.ceil(65537 / 7)).toBe(true);
    const small = new MaglevTable(['b0', 'b1', 'b2'], 7);
    expect(small.entries()).toHaveLength(7);
    expect(new Set(small.entries())).toEqual(new Set(['b0', 'b1', 'b2']));
    expect(servers(3)).toContain(new MaglevTable(servers(3), 13).lookup('x'));
  });

  it('Maglev rejects a non-prime size, an empty list, duplicates and a table smaller than N', () => {
    expect(() => maglevTable(['a'], 100)).toThrow(/primo/);
    expect(() => maglevTable([], 13)).toThrow(/vacía/);
    expect(() => maglevTable(['a', 'a'], 13)).toThrow(/duplicado/);
    expect(() => maglevTable(servers(5), 3)).toThrow(/al menos/);
  });

  it(`bounded loads at low load: on an empty ring, assign then release always gives the ring server (seed ${SEED})`, () => {
    const rng = createRng(SEED);
    for (const n of [2, 5, 10, 30]) {
      const bounded = new BoundedLoadRing(servers(n), { virtualNodes: 3, balanceFactor: 125 });
      for (const server of servers(n)) expect(bounded.capacity(server), `${server} of ${n}`).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < 300; i++) {
        const key = `k${rng.int(0, 1e9)}`;
        const server = bounded.assign(key);
        expect(server, `${key}, ${n} servers (seed ${SEED})`).toBe(bounded.ringLookup(key));
        bounded.release(server);
      }
    }
  });

  it('bounded loads (c = 1.25): nobody ever exceeds ⌈1.25·(m+1)/N⌉, and release frees room', () => {
    const bounded = new BoundedLoadRing(servers(5), { virtualNodes: 3, balanceFactor: 125 });
    let held = 0;
    for (const key of keys) {
      bounded.assign(key);
      held += 1;
      if (held % 25 === 0) for (const n of bounded.loads().values()) expect(n).toBeLessThanOrEqual(Math.ceil((1.25 * held) / 5));
    }
    const loads = [...bounded.loads().values()];
    expect(loads.reduce((s, n) => s + n, 0)).toBe(keys.length);
    expect(Math.max(...loads) / (keys.length / 5)).toBeLessThanOrEqual(1.25);
    // The plain 3-vnode ring is far more uneven, so the bound did something.
    const plain = new Map<string, number>();
    for (const key of keys) plain.set(bounded.ringLookup(key), (plain.get(bounded.ringLookup(key)) ?? 0) + 1);
    expect(Math.max(...plain.values()) / (keys.length / 5)).toBeGreaterThan(1.25);
    bounded.release('S1');
    expect(bounded.loads().get('S1')).toBe((loads[0] as number) - 1);
    expect(() => new BoundedLoadRing(servers(2), { balanceFactor: 100 })).toThrow(/balanceFactor/);
    expect(() => new BoundedLoadRing([])).toThrow(/vacía/);
    expect(() => new BoundedLoadRing(['a']).release('a')).toThrow(/no tiene/);
  });
});
