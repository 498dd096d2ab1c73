// The flood on lib/sim under faults: a small seeded sweep (the big one is `npm run sweep`).
import { describe, expect, it } from 'vitest';
import { sweep } from '../../lib/sim/sweep';
import { p2pPlan, p2pScenario } from '../../lib/p2p/scenario';
import { fanoutExperiment, simulateFlood } from '../../lib/p2p/experiment';
import { isConnected, overlayEdges } from '../../lib/p2p/overlay';

describe('P2P flood sweep (lib/sim, faults)', () => {
  it('reliable full flood: every live peer shows every line exactly once on 200 seeds with loss, duplicates, reordering, a partition, a late joiner, a leaver and a dead peer', () => {
    const result = sweep({ seeds: 200, scenario: p2pScenario() });
    expect(result.failures.length, result.report).toBe(0);
  });

  it('every plan keeps the live overlay connected, so the requirement is fair (300 seeds)', () => {
    for (let seed = 0; seed < 300; seed++) {
      const plan = p2pPlan(seed);
      const live = new Set(plan.ids.filter((id) => id !== plan.leaver && id !== plan.dead));
      expect(isConnected(overlayEdges(plan.bootstrap), live), `semilla ${seed}`).toBe(true);
    }
  });

  it.each([
    [{ reliable: false }, 'floodCoverage'],
    [{ fanout: 2 }, 'floodCoverage'],
    [{ dedupBeforeDeliver: false }, 'deliveredOnce'],
  ] as const)('the sweep catches %j (%s)', (options, checker) => {
    const result = sweep({ seeds: 100, scenario: p2pScenario(options), stopAtFirst: true, replays: 1 });
    expect(result.violation?.checker, result.report).toBe(checker);
    expect(result.report).toContain(`semilla`);
  });

  it('same seed, same run (trace and outputs)', () => {
    const a = p2pScenario().setup(17, { trace: true });
    const b = p2pScenario().setup(17, { trace: true });
    a.runFor(6_000);
    b.runFor(6_000);
    expect(a.traceText()).toBe(b.traceText());
  });
});

describe('fan-out experiment', () => {
  it('without faults, full flooding covers every peer; fan-out 1 does not', () => {
    expect(simulateFlood({ seed: 3, fanout: 'all' }).coverage).toBe(1);
    expect(simulateFlood({ seed: 3, fanout: 1 }).coverage).toBeLessThan(0.9);
  });

  it('coverage grows with fan-out, and loss lowers it (seed 1)', () => {
    const rows = fanoutExperiment({ seed: 1, fanouts: [1, 3, 'all'], seeds: 3, conditions: [{ label: 'a', loss: 0 }, { label: 'b', loss: 0.3 }], peers: 20, messages: 4 });
    const get = (c: string, f: number | 'all') => rows.find((r) => r.condition === c && r.fanout === f);
    expect(get('a', 1)?.coverage ?? 1).toBeLessThan(get('a', 3)?.coverage ?? 0);
    expect(get('a', 'all')?.coverage).toBe(1);
    expect(get('b', 'all')?.coverage ?? 1).toBeLessThan(1);
    expect(get('a', 'all')?.duplicatesPerPeer ?? 0).toBeGreaterThan(get('a', 1)?.duplicatesPerPeer ?? 0);
  });

  it('a partition keeps the line on the writer\'s side of the cut (no retransmission, no anti-entropy)', () => {
    const run = simulateFlood({ seed: 2, fanout: 'all', partitionShare: 1 / 3 });
    expect(run.coverage).toBeLessThan(0.8);
  });
});
