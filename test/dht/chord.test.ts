// Chord (Stoica et al. 2001) on a static ring: tables, lookups against the global sorted list,
// failures routed around with the successor list, bad input.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { ChordRing } from '../../lib/dht/chord';
import { hashId, ID_SPACE, inHalfOpen, inOpen, randomIds } from '../../lib/dht/ids';

/** The naive reference: scan the sorted list for the first node at or after the key. */
function successorBySortedList(sorted: readonly number[], key: number): number {
  return sorted.find((id) => id >= key) ?? (sorted[0] as number);
}

describe('Chord ring', () => {
  it('finger[i] is successor(n + 2^i) and the successor list is the next r nodes (§4.3, §5.2)', () => {
    const ids = [5, 100, 2_000, 70_000, 3_000_000_000];
    const ring = ChordRing.build(ids, { successors: 3 });
    const table = ring.fingerTable(100);
    expect(table[0]).toEqual({ i: 0, start: 101, node: 2_000 });
    expect(table[16]).toEqual({ i: 16, start: 100 + 65_536, node: 70_000 });
    expect(table[31]?.node).toBe(3_000_000_000);
    for (const row of table) expect(row.node, `dedo ${row.i}`).toBe(successorBySortedList(ring.ids, row.start));
    expect(ring.successorList(70_000)).toEqual([3_000_000_000, 5, 100]);
    expect(ring.predecessor(5)).toBe(3_000_000_000);
  });

  it('ring intervals wrap around zero', () => {
    expect(inHalfOpen(3, ID_SPACE - 10, 5)).toBe(true);
    expect(inHalfOpen(5, ID_SPACE - 10, 5)).toBe(true);
    expect(inHalfOpen(6, ID_SPACE - 10, 5)).toBe(false);
    expect(inOpen(5, ID_SPACE - 10, 5)).toBe(false);
    expect(inOpen(7, 7, 7)).toBe(false);
    expect(inOpen(8, 7, 7)).toBe(true);
  });

  it.each([1, 2, 3, 17, 200, 2_000])('every lookup on %i nodes finds what the global sorted list says (differential, 300 lookups)', (n) => {
    const seed = `chord-diff-${n}`;
    const rng = createRng(seed);
    const ids = randomIds(n, rng);
    const ring = ChordRing.build(ids, { successors: 4 });
    for (let q = 0; q < 300; q++) {
      const from = rng.choice(ids);
      // Keys at node ids, next to them and random: the edges of every interval.
      const key = q % 3 === 0 ? rng.choice(ids) : q % 3 === 1 ? (rng.choice(ids) + 1) % ID_SPACE : Math.floor(rng.next() * ID_SPACE);
      const result = ring.lookup(from, key);
      expect(result.owner, `semilla ${seed}, desde ${from}, clave ${key}`).toBe(successorBySortedList(ids, key));
      expect(result.path[0]).toBe(from);
      expect(result.hops).toBe(result.path.length - 1);
      expect(result.messages).toBe(2 * result.hops);
    }
  });

  it('mean path length is about ½·log₂ N (Chord §6.2), and grows by about ½ per doubling', () => {
    const meanHops = (n: number) => {
      const rng = createRng(`chord-hops-${n}`);
      const ids = randomIds(n, rng);
      const ring = ChordRing.build(ids);
      let total = 0;
      for (let q = 0; q < 300; q++) total += ring.lookup(rng.choice(ids), Math.floor(rng.next() * ID_SPACE)).hops;
      return total / 300;
    };
    const small = meanHops(256);
    const large = meanHops(4_096);
    expect(Math.abs(small - 4), `N = 256: ${small}`).toBeLessThan(1);
    expect(Math.abs(large - 6), `N = 4096: ${large}`).toBeLessThan(1);
    expect(large - small).toBeGreaterThan(1.2);
  });

  it('with fewer dead nodes in a row than r, every lookup still finds the live owner; dead fingers cost timeouts', () => {
    for (let seed = 0; seed < 25; seed++) {
      const rng = createRng(`chord-fallos-${seed}`);
      const ids = randomIds(300, rng);
      const ring = ChordRing.build(ids, { successors: 4 });
      // Kill runs of at most 3 consecutive nodes, with a live node between runs.
      const dead = new Set<number>();
      for (let i = 0; i < ids.length; i += 8) for (let j = 0; j < rng.int(0, 3); j++) dead.add(ids[i + j] as number);
      const aliveIds = ids.filter((id) => !dead.has(id));
      const alive = new Set(aliveIds);
      let timeouts = 0;
      for (let q = 0; q < 50; q++) {
        const key = Math.floor(rng.next() * ID_SPACE);
        const result = ring.lookup(rng.choice(aliveIds), key, { alive });
        timeouts += result.timeouts;
        expect(result.owner, `semilla ${seed}, clave ${key}: ${result.failure ?? ''}`).toBe(successorBySortedList(aliveIds, key));
        expect(result.messages).toBe(2 * result.hops + result.timeouts);
      }
      expect(timeouts, `semilla ${seed}`).toBeGreaterThan(0);
    }
  });

  it('a dead run longer than the successor list makes lookups fail with a reason, never a wrong owner', () => {
    const ids = randomIds(100, createRng('chord-corte'));
    const ring = ChordRing.build(ids, { successors: 2 });
    const dead = new Set(ids.slice(10, 13));
    const alive = new Set(ids.filter((id) => !dead.has(id)));
    const result = ring.lookup(ids[9] as number, ids[11] as number, { alive });
    expect(result.owner).toBeNull();
    expect(result.failure).toMatch(/sucesores .* caídos/);
    expect(ring.lookup(ids[50] as number, ids[11] as number, { alive }).owner).not.toBe(ids[13]);
  });

  it('a key equal to the start node, or in its own range, is answered locally with 0 hops', () => {
    const ring = ChordRing.build([10, 20, 30]);
    expect(ring.lookup(20, 20)).toMatchObject({ owner: 20, hops: 0, messages: 0 });
    expect(ring.lookup(20, 15)).toMatchObject({ owner: 20, hops: 0 });
    expect(ring.lookup(20, 25)).toMatchObject({ owner: 30, hops: 1, messages: 2 });
    expect(ring.lookup(30, 5)).toMatchObject({ owner: 10 });
    expect(ChordRing.build([7]).lookup(7, hashId('x'))).toMatchObject({ owner: 7, hops: 0 });
  });

  it('bad input: an empty ring, an unknown or dead start node, a key out of range, repeated ids', () => {
    const empty = ChordRing.build([]);
    expect(() => empty.lookup(1, 1)).toThrow(/anillo está vacío/);
    expect(() => empty.successor(1)).toThrow(/anillo está vacío/);
    const ring = ChordRing.build([10, 20, 30]);
    expect(() => ring.lookup(11, 5)).toThrow(/no está en el anillo/);
    expect(() => ring.lookup(10, 5, { alive: new Set([20]) })).toThrow(/está caído/);
    expect(() => ring.lookup(10, -1)).toThrow(/clave debe ser un entero/);
    expect(() => ring.lookup(10, ID_SPACE)).toThrow(/clave/);
    expect(() => ring.lookup(10, 1.5)).toThrow(/clave/);
    expect(() => ChordRing.build([1, 1])).toThrow(/repetirse/);
    expect(() => ChordRing.build([1, -2])).toThrow(/ids\[1\]/);
    expect(() => ChordRing.build([1, 2], { successors: 0 })).toThrow(/successors/);
    expect(() => ring.fingerTable(11)).toThrow(/no está en el anillo/);
  });

  it('builds 10 000 nodes and answers 200 lookups (same seed, same answers)', () => {
    const run = () => {
      const rng = createRng('chord-10k');
      const ids = randomIds(10_000, rng);
      const ring = ChordRing.build(ids);
      return Array.from({ length: 200 }, () => ring.lookup(rng.choice(ids), Math.floor(rng.next() * ID_SPACE))).map((r) => `${r.owner}/${r.hops}`);
    };
    const a = run();
    expect(a).toEqual(run());
    expect(new Set(a).size).toBeGreaterThan(150);
  });
});
