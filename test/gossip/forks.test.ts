import { describe, expect, it } from 'vitest';
import { Simulation } from '../../lib/sim/simulation';
import { latency } from '../../lib/sim/network';
import {
  attackerSuccessExact, attackerSuccessNakamoto, attackerSuccessSimulated, blockHash, chainConvergence, forkRun, GENESIS, MinerNode, randomOverlay,
} from '../../lib/gossip/index';
import type { MinerMessage, SimBlock } from '../../lib/gossip/index';

function twoSidedNetwork(seed: number) {
  const ids = ['m1', 'm2', 'm3', 'm4'];
  const line = new Map([['m1', ['m2']], ['m2', ['m1', 'm3']], ['m3', ['m2', 'm4']], ['m4', ['m3']]]);
  return new Simulation<MinerMessage, MinerNode>({
    seed, nodeIds: ids, network: { latency: latency.constant(50) }, checkers: [chainConvergence],
    createNode: (c) => new MinerNode(c, { neighbours: line.get(c.id) ?? [], hashShare: 0, blockIntervalMs: 1_000 }),
  });
}

describe('miners, forks and the most-work rule', () => {
  it('two blocks found at nearly the same time split the network; the next block resolves it', () => {
    const sim = twoSidedNetwork(1);
    sim.inject('m1', { type: 'MineNow' }, { from: 'm1' });
    sim.inject('m4', { type: 'MineNow' }, { from: 'm4' });
    sim.runFor(400);
    const tips = ['m1', 'm2', 'm3', 'm4'].map((id) => sim.node(id)?.tip.miner);
    expect(tips).toEqual(['m1', 'm1', 'm4', 'm4']); // first seen wins a tie
    sim.inject('m2', { type: 'MineNow' }, { from: 'm2' });
    sim.runFor(400);
    const heights = ['m1', 'm2', 'm3', 'm4'].map((id) => sim.node(id)?.tip.height);
    expect(heights).toEqual([2, 2, 2, 2]);
    expect(sim.finish()).toBeUndefined();
    expect(sim.node('m4')?.reorgs).toEqual([{ atMs: expect.any(Number), depth: 1 }]);
    expect(sim.node('m4')?.chain()).toEqual(sim.node('m1')?.chain());
  });

  it('a block whose parent is unknown is kept aside, the parent is fetched, then both connect', () => {
    const sim = twoSidedNetwork(2);
    const b1c = { parent: GENESIS.hash, height: 1, miner: 'x', timeMs: 5, txs: [] };
    const b1: SimBlock = { hash: blockHash(b1c), ...b1c };
    const b2c = { parent: b1.hash, height: 2, miner: 'x', timeMs: 6, txs: [] };
    const b2: SimBlock = { hash: blockHash(b2c), ...b2c };
    sim.inject('m3', { type: 'Block', block: b1 }, { from: 'm4' }); // m3 has it, m4 does not (m3 forwards to m2 only)
    sim.runFor(10);
    expect(sim.node('m4')?.blocks.has(b1.hash)).toBe(false);
    sim.inject('m4', { type: 'Block', block: b2 }, { from: 'm3' });
    sim.runFor(1);
    expect(sim.node('m4')?.tip.height).toBe(0); // orphan: not on the chain
    sim.runFor(1_000);
    expect(sim.node('m4')?.tip.hash).toBe(b2.hash);
    expect(sim.node('m4')?.chain()).toEqual([GENESIS.hash, b1.hash, b2.hash]);
  });

  it('rejects a malformed block, a forged hash, a wrong height and unknown messages, chain unchanged', () => {
    const sim = twoSidedNetwork(3);
    const good = { parent: GENESIS.hash, height: 1, miner: 'x', timeMs: 5, txs: [] };
    sim.inject('m1', { type: 'Block', block: { ...good, hash: 'ffff' } }, { from: 'm2' });
    sim.inject('m1', { type: 'Block', block: { ...good, height: 2, hash: blockHash({ ...good, height: 2 }) } }, { from: 'm2' });
    sim.inject('m1', { type: 'Block', block: null } as unknown as MinerMessage, { from: 'm2' });
    sim.inject('m1', { type: 'Nope' } as unknown as MinerMessage, { from: 'm2' });
    sim.runFor(100);
    expect(sim.violation).toBeUndefined();
    const node = sim.node('m1');
    expect(node?.tip).toBe(GENESIS);
    expect(node?.rejected.length).toBe(4);
    expect(node?.rejected[0]).toMatch(/no corresponde al contenido/);
    expect(node?.rejected[1]).toMatch(/altura 2 tras un padre de altura 0/);
  });

  it('an orphan with a wrong height is refused when its parent arrives (and so are its descendants), chain unchanged', () => {
    const sim = twoSidedNetwork(5);
    const pc = { parent: GENESIS.hash, height: 1, miner: 'x', timeMs: 5, txs: [] };
    const parent: SimBlock = { hash: blockHash(pc), ...pc };
    const fc = { parent: parent.hash, height: 1000, miner: 'mentiroso', timeMs: 6, txs: [] };
    const fake: SimBlock = { hash: blockHash(fc), ...fc }; // correctly hashed, impossible height
    const cc = { parent: fake.hash, height: 1001, miner: 'mentiroso', timeMs: 7, txs: [] };
    const child: SimBlock = { hash: blockHash(cc), ...cc };
    sim.inject('m1', { type: 'Block', block: child }, { from: 'm2' });
    sim.inject('m1', { type: 'Block', block: fake }, { from: 'm2' });
    sim.runFor(1);
    const node = sim.node('m1');
    expect(node?.tip).toBe(GENESIS); // both wait as orphans
    sim.inject('m1', { type: 'Block', block: parent }, { from: 'm2' });
    sim.runFor(1_000);
    expect(node?.tip.hash).toBe(parent.hash);
    expect(node?.chain()).toEqual([GENESIS.hash, parent.hash]);
    expect(node?.blocks.has(fake.hash)).toBe(false);
    expect(node?.blocks.has(child.hash)).toBe(false);
    expect(node?.rejected).toEqual([
      expect.stringMatching(/altura 1000 tras un padre de altura 1/),
      expect.stringMatching(new RegExp(`${child.hash} desciende del bloque rechazado ${fake.hash}`)),
    ]);
    // Nobody else got the fake either (it was never flooded).
    for (const id of ['m2', 'm3', 'm4']) expect(sim.node(id)?.blocks.has(fake.hash), id).toBe(false);
  });

  it('transactions are flooded and mined once into the chain', () => {
    const sim = twoSidedNetwork(4);
    sim.inject('m4', { type: 'Tx', id: 'alice→bob:1' }, { from: 'm4' });
    sim.runFor(500);
    expect(['m1', 'm2', 'm3', 'm4'].every((id) => sim.node(id)?.txs.has('alice→bob:1'))).toBe(true);
    sim.inject('m1', { type: 'MineNow' }, { from: 'm1' });
    sim.runFor(500);
    sim.inject('m3', { type: 'MineNow' }, { from: 'm3' });
    sim.runFor(500);
    const node = sim.node('m2');
    const included = (node?.chain() ?? []).flatMap((h) => node?.blocks.get(h)?.txs ?? []);
    expect(included).toEqual(['alice→bob:1']);
  });

  it('random runs: stale rate grows with the delay and every node converges (seeds 1–3)', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const fast = forkRun({ seed, blockIntervalMs: 1_000, hopDelayMs: 5, blocks: 120 });
      const slow = forkRun({ seed, blockIntervalMs: 1_000, hopDelayMs: 300, blocks: 120 });
      expect(fast.converged && slow.converged, `semilla ${seed}`).toBe(true);
      expect(slow.staleRate, `semilla ${seed}`).toBeGreaterThan(fast.staleRate);
      expect(fast.mainChain + fast.stale).toBe(fast.mined);
    }
  });

  it('the overlay is connected and symmetric', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const o = randomOverlay(ids, 1);
    for (const [a, ns] of o) for (const b of ns) expect(o.get(b)).toContain(a);
    const seen = new Set(['m0']);
    const stack = ['m0'];
    while (stack.length) for (const n of o.get(stack.pop() as string) ?? []) if (!seen.has(n)) { seen.add(n); stack.push(n); }
    expect(seen.size).toBe(30);
  });
});

describe("Nakamoto's double-spend probability (whitepaper §11)", () => {
  it.each([
    [0.1, 0, 1], [0.1, 1, 0.2045873], [0.1, 2, 0.0509779], [0.1, 5, 0.0009137], [0.1, 10, 0.0000012],
    [0.3, 5, 0.1773523], [0.3, 10, 0.0416605], [0.3, 20, 0.0024804], [0.3, 50, 0.0000006],
  ])('q = %s, z = %s gives the table value %s', (q, z, p) => {
    expect(attackerSuccessNakamoto(q, z)).toBeCloseTo(p, 7);
  });
  it('the exact value: 2q for z = 1; 1 when q ≥ 1/2; Nakamoto\'s Poisson overestimates at z = 1 and underestimates from z = 2 (q = 0.1) and z = 3 (q = 0.3)', () => {
    expect(attackerSuccessExact(0.1, 1)).toBeCloseTo(0.2, 12);
    expect(attackerSuccessExact(0.1, 2)).toBeCloseTo(0.056, 12);
    expect(attackerSuccessExact(0.5, 6)).toBe(1);
    // Poisson vs negative binomial: different, close for small q, apart for large q and z.
    for (const q of [0.1, 0.3]) expect(attackerSuccessNakamoto(q, 1), `q=${q}`).toBeGreaterThan(attackerSuccessExact(q, 1));
    expect(attackerSuccessNakamoto(0.3, 2)).toBeGreaterThan(attackerSuccessExact(0.3, 2));
    for (let z = 2; z <= 10; z++) expect(attackerSuccessExact(0.1, z), `q=0.1 z=${z}`).toBeGreaterThan(attackerSuccessNakamoto(0.1, z));
    for (let z = 3; z <= 10; z++) expect(attackerSuccessExact(0.3, z), `q=0.3 z=${z}`).toBeGreaterThan(attackerSuccessNakamoto(0.3, z));
  });
  it('the simulated race agrees with the exact value within 4 standard errors (seed 7)', () => {
    for (const [q, z] of [[0.1, 2], [0.3, 4], [0.25, 6]] as const) {
      const trials = 20_000;
      const p = attackerSuccessExact(q, z);
      const se = Math.sqrt((p * (1 - p)) / trials);
      expect(Math.abs(attackerSuccessSimulated({ q, z, trials, seed: 7 }) - p), `q=${q} z=${z} semilla 7`).toBeLessThan(4 * se + 1e-4);
    }
  });
  it('rejects bad q and z', () => {
    expect(() => attackerSuccessNakamoto(1, 2)).toThrow(/q debe/);
    expect(() => attackerSuccessExact(0.1, -1)).toThrow(/z debe/);
  });
});
