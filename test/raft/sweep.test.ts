/**
 * Safety at scale, in small: a seeded sweep of the correct Raft with swarm faults and the
 * nemesis passes every checker (the four safety properties and linearizable KV histories), the
 * same seed gives the same trace, and every catalogued bug is found within its budget and
 * replayed from its seeds. `RAFT_SCALE=50` runs a sweep 50 times bigger; `npm run sweep` runs
 * 10,000 seeds of each.
 */
import { describe, expect, it } from 'vitest';
import { RAFT_BUGS, raftScenario, raftSweep } from '../../lib/raft/index';
import { sweep } from '../../lib/sim/index';
import { scaled } from './harness';

describe('Raft sweeps (swarm faults + nemesis)', () => {
  it(`the correct protocol passes ${scaled(40)} seeds of 3 s: election safety, log matching, leader completeness, state machine safety, linearizability (§5.2–§5.4, §8)`, () => {
    const result = sweep({ seeds: scaled(40), scenario: raftSweep({ durationMs: 3_000 }) });
    expect(result.seedsFailed, result.report).toBe(0);
    expect(result.events).toBeGreaterThan(0);
  });

  it('with snapshots and the unreliable network of 6.5840 it passes too (§7)', () => {
    const result = sweep({ seeds: scaled(12), scenario: raftSweep({ raft: { snapshotEvery: 5 }, nodes: 3, durationMs: 3_000 }) });
    expect(result.seedsFailed, result.report).toBe(0);
    const lab = sweep({ seeds: scaled(5), scenario: raftSweep({ faults: 'unreliable', raft: { snapshotEvery: 8 }, durationMs: 3_000 }) });
    expect(lab.seedsFailed, lab.report).toBe(0);
  });

  it('same seed, same run: the trace of one seed is identical twice', () => {
    const a = raftScenario({ seed: 11, durationMs: 1_500 });
    const b = raftScenario({ seed: 11, durationMs: 1_500 });
    expect(a.traceText()).toBe(b.traceText());
    expect(a.stats).toEqual(b.stats);
  });

  for (const entry of RAFT_BUGS) {
    it(`catalogue: ${entry.bug} is caught on its seeds (${entry.seeds.join(', ')}) by ${entry.checkers.join(' / ')}`, () => {
      const scenario = raftSweep(entry.options);
      for (const seed of entry.seeds.slice(0, 2)) {
        const sim = scenario.setup(seed, { trace: false });
        scenario.run(sim);
        const violation = sim.finish();
        expect(violation?.checker, `semilla ${seed}: ${entry.bug} no detectado`).toBeDefined();
        expect(entry.checkers, `semilla ${seed}: ${violation?.message}`).toContain(violation?.checker);
      }
      // The same seeds with the bug off pass: the violation is the bug's.
      const { bugs: _bugs, ...correct } = entry.options.raft ?? {};
      const fixed = raftSweep({ ...entry.options, raft: correct });
      const seed = entry.seeds[0] as number;
      const sim = fixed.setup(seed, { trace: false });
      fixed.run(sim);
      expect(sim.finish(), `semilla ${seed} sin el fallo`).toBeUndefined();
    });
  }

  it('catalogue: the bugs with small budgets are found by a sweep from seed 1 within them', () => {
    for (const entry of RAFT_BUGS.filter((b) => b.budget <= 30)) {
      const result = sweep({ seeds: entry.budget, scenario: raftSweep(entry.options), stopAtFirst: true, replays: 0 });
      expect(result.seed, `${entry.bug}: no encontrado en ${entry.budget} semillas`).toBe(entry.seeds[0]);
    }
  });
});
