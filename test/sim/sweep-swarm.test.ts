import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { raftLite, Simulation, SWARM_FEATURES, swarmFaults } from '../../lib/sim/index';
import type { SwarmPlan } from '../../lib/sim/index';

const nodeIds = ['n1', 'n2', 'n3', 'n4', 'n5'];
const plan = (seed: number): SwarmPlan => swarmFaults(createRng(`${seed}/swarm`), { nodeIds, durationMs: 10_000 });

describe('swarm faults', () => {
  it('draws the same plan from the same seed, and a different one from another', () => {
    expect(plan(7)).toEqual(plan(7));
    expect(plan(7).description).not.toBe(plan(8).description);
  });

  it('switch each kind of fault on for some seeds and off for others, within the stated bounds', () => {
    const plans = Array.from({ length: 300 }, (_, i) => plan(i + 1));
    for (const feature of SWARM_FEATURES) {
      const on = plans.filter((p) => p.features.includes(feature)).length;
      expect(on, feature).toBeGreaterThan(90);
      expect(on, feature).toBeLessThan(210);
    }
    expect(plans.some((p) => p.features.length === 0)).toBe(true);
    for (const p of plans) {
      expect(p.network.loss ?? 0).toBeLessThanOrEqual(0.2);
      expect(p.features.includes('loss')).toBe(p.network.loss !== undefined);
      expect(p.features.includes('clockSkew')).toBe(p.clocks !== undefined);
    }
    const faults = plans.flatMap((p) => p.faults);
    const crashes = faults.flatMap((f) => (f.type === 'crash' ? [f] : []));
    expect(crashes.some((f) => f.restartAtMs === undefined)).toBe(true); // crash without restart
    expect(crashes.some((f) => f.restartAtMs !== undefined && f.restartAtMs - f.atMs <= 5)).toBe(true); // flash crash
    const shapes = new Set(faults.flatMap((f) => (f.type === 'partition' ? [f.groups.map((g) => g.length).join('+')] : [])));
    expect(shapes.size).toBeGreaterThanOrEqual(4); // 1+4, 2+3, three groups…
  });

  it('prints one readable line per fault, and every plan installs in a simulation', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const p = plan(seed);
      expect(p.description.split('\n').length, `seed=${seed}`).toBeGreaterThanOrEqual(1 + p.faults.length);
      // (Not ping-pong: every duplicated Ping would start a second chain of round trips.)
      if (seed <= 20) new Simulation({ seed, trace: false, nodeIds, createNode: raftLite(), network: p.network, faults: p.faults, ...(p.clocks ? { clocks: p.clocks } : {}) }).runFor(10_000);
    }
    const p = swarmFaults(createRng('x'), { nodeIds, durationMs: 1_000, featureProbability: 1, exclude: ['clockSkew'] });
    expect(p.features).not.toContain('clockSkew');
    expect(p.description).toMatch(/red: latencia .*pérdida .*duplicación .*reordenación/);
    expect(p.description).toMatch(/partición \[/);
    expect(p.description).toMatch(/caída relámpago de n\d \(\d ms\)/);
  });

  it('rejects an empty cluster and a bad duration with a clear error', () => {
    expect(() => swarmFaults(createRng(1), { nodeIds: [], durationMs: 1_000 })).toThrow(/nodeIds is empty/);
    expect(() => swarmFaults(createRng(1), { nodeIds, durationMs: 0 })).toThrow(/durationMs must be a finite number > 0/);
  });
});
