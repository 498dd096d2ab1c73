// Kademlia (Maymounkov & Mazières 2002): k-buckets, iterative lookups against the XOR-sorted
// list of all nodes, failures, the injectable bucket function, bad input.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { ID_SPACE, randomIds, xor } from '../../lib/dht/ids';
import { bucketIndexOf, KademliaNetwork } from '../../lib/dht/kademlia';

/** The naive reference: every node sorted by XOR distance to the key. */
const xorSorted = (ids: readonly number[], key: number) => [...ids].sort((a, b) => ((a ^ key) >>> 0) - ((b ^ key) >>> 0));

describe('Kademlia', () => {
  it('bucket i holds contacts at XOR distance in [2^i, 2^(i+1)), at most k, all of them when fewer (§2.2)', () => {
    const rng = createRng('kad-buckets');
    const ids = randomIds(500, rng);
    const net = KademliaNetwork.build(ids, { rng, k: 5 });
    for (const id of ids.slice(0, 40)) {
      const buckets = net.bucketsOf(id);
      buckets.forEach((bucket, i) => {
        const members = ids.filter((other) => other !== id && bucketIndexOf(id, other) === i);
        expect(bucket.length, `nodo ${id}, bucket ${i}`).toBe(Math.min(5, members.length));
        for (const c of bucket) {
          expect(xor(c, id)).toBeGreaterThanOrEqual(2 ** i);
          expect(xor(c, id)).toBeLessThan(2 ** (i + 1));
        }
      });
    }
  });

  it('bucketIndexOf is the highest differing bit, also past bit 31 of a signed XOR', () => {
    expect(bucketIndexOf(5, 6)).toBe(1);
    expect(bucketIndexOf(0, 1)).toBe(0);
    expect(bucketIndexOf(0, 2 ** 31)).toBe(31);
    expect(bucketIndexOf(2 ** 32 - 1, 0)).toBe(31);
    expect(xor(2 ** 32 - 1, 0)).toBe(2 ** 32 - 1);
  });

  it('closestContacts returns a node\'s known contacts in XOR order to the target', () => {
    const rng = createRng('kad-closest');
    const ids = randomIds(2_000, rng);
    const net = KademliaNetwork.build(ids, { rng });
    for (let q = 0; q < 60; q++) {
      const id = rng.choice(ids);
      const target = q === 0 ? id : Math.floor(rng.next() * ID_SPACE);
      const known = net.bucketsOf(id).flat();
      expect(net.closestContacts(id, target, 20), `semilla kad-closest, consulta ${q}`).toEqual(xorSorted(known, target).slice(0, 20));
    }
  });

  it.each([1, 2, 5, 50, 1_000, 3_000])('every lookup on %i nodes finds the XOR-closest node of the global list, and the k closest (differential)', (n) => {
    const seed = `kad-diff-${n}`;
    const rng = createRng(seed);
    const ids = randomIds(n, rng);
    const net = KademliaNetwork.build(ids, { rng: rng.fork() });
    for (let q = 0; q < 100; q++) {
      const from = rng.choice(ids);
      const key = q % 4 === 0 ? rng.choice(ids) : Math.floor(rng.next() * ID_SPACE);
      const result = net.lookup(from, key);
      const expected = xorSorted(ids, key);
      expect(result.owner, `semilla ${seed}, desde ${from}, clave ${key}`).toBe(expected[0]);
      // The lookup asked the k closest nodes of the whole network (it ends when they all answered).
      const asked = new Set(result.path);
      for (const id of expected.slice(0, Math.min(20, n))) expect(asked.has(id), `semilla ${seed}: ${id} no fue consultado`).toBe(true);
      expect(result.messages).toBe(2 * (result.path.length - 1));
      expect(result.hops).toBeLessThanOrEqual(result.rounds);
    }
  });

  it('k = 20 survives half the network gone; k = 2, α = 1 does not (stale tables, no repair)', () => {
    const rng = createRng('kad-churn');
    const ids = randomIds(1_000, rng);
    const gone = new Set(rng.sample(ids, 500));
    const aliveIds = ids.filter((id) => !gone.has(id));
    const alive = new Set(aliveIds);
    const wide = KademliaNetwork.build(ids, { rng: rng.fork(), k: 20, alpha: 3 });
    const narrow = KademliaNetwork.build(ids, { rng: rng.fork(), k: 2, alpha: 1 });
    let wideFailed = 0;
    let narrowFailed = 0;
    for (let q = 0; q < 100; q++) {
      const from = rng.choice(aliveIds);
      const key = Math.floor(rng.next() * ID_SPACE);
      const best = xorSorted(aliveIds, key)[0];
      const w = wide.lookup(from, key, { alive });
      if (w.owner !== best) wideFailed++;
      expect(w.timeouts).toBe(w.messages - 2 * (w.path.length - 1));
      if (narrow.lookup(from, key, { alive }).owner !== best) narrowFailed++;
    }
    expect(wideFailed, 'semilla kad-churn').toBe(0);
    expect(narrowFailed, 'semilla kad-churn').toBeGreaterThan(20);
  });

  it('a lookup whose every contact is dead fails with a reason', () => {
    const net = KademliaNetwork.build([1, 2, 3], { rng: createRng(1) });
    expect(net.lookup(1, 3, { alive: new Set([1]) })).toMatchObject({ owner: 1, timeouts: 2 });
    const lonely = KademliaNetwork.build([1, 2], { rng: createRng(1) });
    expect(lonely.lookup(1, 2, { alive: new Set([1]) }).owner).toBe(1);
  });

  it('the injectable bucket function builds the same tables as the kit\'s own; a wrong one gives wrong lookups or a clear error', () => {
    const ids = randomIds(120, createRng('kad-insert'));
    const own = KademliaNetwork.build(ids, { rng: createRng(5), k: 4, bucketIndex: bucketIndexOf });
    for (const id of ids) {
      own.bucketsOf(id).forEach((bucket, i) => {
        for (const c of bucket) expect(bucketIndexOf(id, c)).toBe(i);
      });
    }
    const rng = createRng('kad-insert-q');
    for (let q = 0; q < 50; q++) {
      const key = Math.floor(rng.next() * ID_SPACE);
      expect(own.lookup(rng.choice(ids), key).owner).toBe(xorSorted(ids, key)[0]);
    }
    expect(() => KademliaNetwork.build(ids, { rng: createRng(5), bucketIndex: () => 32 })).toThrow(/índice de k-bucket/);
    expect(() => KademliaNetwork.build(ids, { rng: createRng(5), bucketIndex: () => 0.5 })).toThrow(/índice de k-bucket/);
    // Counting the bucket from the most significant bit puts far nodes in the near buckets.
    const flipped = KademliaNetwork.build(ids, { rng: createRng(5), k: 4, bucketIndex: (a, b) => 31 - bucketIndexOf(a, b) });
    let wrong = 0;
    for (let q = 0; q < 50; q++) {
      const key = Math.floor(rng.next() * ID_SPACE);
      if (flipped.lookup(rng.choice(ids), key).owner !== xorSorted(ids, key)[0]) wrong++;
    }
    expect(wrong).toBeGreaterThan(0);
  });

  it('bad input: an empty network, an unknown or dead start node, a key out of range, k or α < 1', () => {
    const empty = KademliaNetwork.build([], { rng: createRng(1) });
    expect(() => empty.lookup(1, 1)).toThrow(/red está vacía/);
    const net = KademliaNetwork.build([10, 20, 30], { rng: createRng(1) });
    expect(() => net.lookup(11, 5)).toThrow(/no está en la red/);
    expect(() => net.lookup(10, 5, { alive: new Set([20]) })).toThrow(/está caído/);
    expect(() => net.lookup(10, ID_SPACE)).toThrow(/clave/);
    expect(() => net.bucketsOf(99)).toThrow(/no está en la red/);
    expect(() => KademliaNetwork.build([10], { rng: createRng(1), k: 0 })).toThrow(/k debe/);
    expect(() => KademliaNetwork.build([10], { rng: createRng(1), alpha: 0 })).toThrow(/alpha/);
    expect(() => KademliaNetwork.build([10, 10], { rng: createRng(1) })).toThrow(/repetirse/);
  });

  it('tables do not depend on the order they are first used in (lazy build, same seed)', () => {
    const ids = randomIds(3_000, createRng('kad-lazy'));
    const a = KademliaNetwork.build(ids, { rng: createRng(9) });
    const b = KademliaNetwork.build(ids, { rng: createRng(9) });
    const probe = ids.slice(0, 30);
    const fromA = probe.map((id) => a.bucketsOf(id));
    const fromB = [...probe].reverse().map((id) => b.bucketsOf(id)).reverse();
    expect(fromA).toEqual(fromB);
    expect(KademliaNetwork.build(ids, { rng: createRng(10) }).bucketsOf(ids[0] as number)).not.toEqual(fromA[0]);
  });
});
