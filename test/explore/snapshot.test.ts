import { describe, expect, it } from 'vitest';
import { canonical, cloneGraph, fingerprint, ManualSimulation } from '../../lib/explore/index';
import { combineFingerprints, fingerprintValue, sharedObjects } from '../../lib/explore/snapshot';
import { createRng } from '../../lib/random/index';
import { MemoryDurableStore, pingPong, unsafeLock } from '../../lib/sim/index';

class Counter {
  count = 0;
  readonly seen = new Map<string, Set<number>>();
  constructor(readonly disk: MemoryDurableStore) {}
  bump(): number {
    return ++this.count;
  }
}

describe('snapshots of node state', () => {
  it('copies a node deeply, keeps its class, and keeps shared references shared', () => {
    const disk = new MemoryDurableStore();
    disk.set('k', [1, 2]);
    const node = new Counter(disk);
    node.seen.set('a', new Set([1]));
    const memo = new Map<object, unknown>();
    const copy = cloneGraph(node, memo);
    const diskCopy = cloneGraph(disk, memo);
    expect(copy).toBeInstanceOf(Counter);
    expect(copy.bump()).toBe(1);
    expect(node.count).toBe(0);
    copy.seen.get('a')?.add(2);
    expect(node.seen.get('a')?.has(2)).toBe(false);
    expect(copy.disk).toBe(diskCopy); // one memo: the node still points at its own (copied) disk
    diskCopy.set('k', [3]);
    expect(disk.get('k')).toEqual([1, 2]);
  });

  it('copies a random stream so both copies continue with the same draws', () => {
    const rng = createRng('semilla');
    rng.next();
    const copy = cloneGraph(rng);
    expect([copy.next(), copy.next()]).toEqual([rng.next(), rng.next()]);
  });

  it('treats sets and maps as unordered, and everything else as it is', () => {
    expect(canonical(new Set([1, 2]))).toBe(canonical(new Set([2, 1])));
    expect(canonical(new Map([['a', 1], ['b', 2]]))).toBe(canonical(new Map([['b', 2], ['a', 1]])));
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]));
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: '1' }));
    expect(canonical({ a: undefined })).not.toBe(canonical({ a: null }));
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(canonical(cyclic)).toBe('Object{self=^}');
  });

  it('fingerprints are stable numbers that tell states apart', () => {
    expect(fingerprint('abc')).toBe(fingerprint('abc'));
    expect(fingerprint('abc')).not.toBe(fingerprint('abd'));
    expect(Number.isSafeInteger(fingerprint('x'))).toBe(true);
    expect(combineFingerprints([1, 2])).not.toBe(combineFingerprints([2, 1]));
    const many = new Set(Array.from({ length: 50_000 }, (_, i) => fingerprint(`state ${i}`)));
    expect(many.size).toBe(50_000);
  });

  it('fingerprints a value exactly when its canonical text matches (differential, 3,000 random values, seed 9)', () => {
    const rng = createRng(9);
    const leaf = (): unknown => rng.choice<unknown>([0, 1, -0, 2.5, 'a', 'b', '', true, false, null, undefined]);
    const value = (depth: number): unknown => {
      if (depth === 0 || rng.next() < 0.3) return leaf();
      const n = rng.int(0, 3);
      const items = Array.from({ length: n }, () => value(depth - 1));
      switch (rng.int(0, 3)) {
        case 0:
          return items;
        case 1:
          return new Set(rng.shuffle(items));
        case 2:
          return new Map(rng.shuffle(items.map((v, i) => [i % 2, v] as const)));
        default:
          return Object.fromEntries(items.map((v, i) => [`k${i}`, v]));
      }
    };
    const byText = new Map<string, number>();
    for (let i = 0; i < 3_000; i++) {
      const v = value(3);
      const text = canonical(v);
      const hash = fingerprintValue(v);
      const before = byText.get(text);
      if (before !== undefined) expect(hash, text).toBe(before);
      byText.set(text, hash);
    }
    expect(new Set(byText.values()).size).toBe(byText.size);
    expect(fingerprintValue(new Set([1, 2]))).toBe(fingerprintValue(new Set([2, 1])));
  });

  it('finds configuration that several nodes share', () => {
    const options = { peers: ['a', 'b'] };
    const shared = sharedObjects([{ options, mine: [1] }, { options, mine: [2] }], new Set());
    expect([...shared]).toEqual(expect.arrayContaining([options, options.peers]));
    expect(shared.size).toBe(2);
  });
});

describe('ManualSimulation (the replay hook)', () => {
  it('holds every send until it is released, one 1-ms step per release', () => {
    const sim = new ManualSimulation({ seed: 1, nodeIds: ['n1', 'n2'], createNode: pingPong(2) });
    expect(sim.held.map((m) => `${m.from}→${m.to}`)).toEqual(['n1→n2']);
    sim.runFor(1_000); // nothing moves by itself
    expect(sim.held).toHaveLength(1);
    sim.deliverHeld(0);
    expect(sim.held.map((m) => `${m.from}→${m.to}`)).toEqual(['n2→n1']);
    sim.deliverHeld(0, { duplicate: true });
    expect(sim.held).toHaveLength(2); // the original stays, the copy was delivered (and answered)
    sim.dropHeld(0);
    const kinds = sim.trace.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'deliver')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'drop')).toHaveLength(1);
    expect(sim.trace.some((e) => e.kind === 'deliver' && e.duplicate)).toBe(true);
  });

  it('fires a timer only when told, and refuses one that is not armed', () => {
    const sim = new ManualSimulation({ seed: 1, nodeIds: ['n1'], createNode: unsafeLock() });
    expect(sim.armedTimers('n1')).toEqual(['think']);
    sim.runFor(10_000);
    expect(sim.node('n1')?.inCriticalSection).toBe(false);
    sim.fireArmedTimer('n1', 'think');
    expect(sim.node('n1')?.inCriticalSection).toBe(true);
    expect(sim.armedTimers('n1')).toEqual(['critical']);
    expect(() => sim.fireArmedTimer('n1', 'think')).toThrow(/not armed/);
    expect(() => sim.deliverHeld(3)).toThrow(/no held message number 3/);
  });

  it('refuses fault schedules, which manual mode never runs', () => {
    expect(() => new ManualSimulation({ seed: 1, nodeIds: ['n1'], createNode: unsafeLock(), faults: [{ type: 'crash', node: 'n1', atMs: 5 }] })).toThrow(/manual mode/);
  });
});
