// Chord lookups on lib/sim under faults: a small seeded sweep (the big one is `npm run sweep`).
import { describe, expect, it } from 'vitest';
import { sweep } from '../../lib/sim/sweep';
import { chordPlan, chordScenario } from '../../lib/dht/scenario';

describe('Chord lookup sweep (lib/sim, crashes, loss, duplicates, reordering)', () => {
  it('every lookup ends naming the live owner, on 120 seeds', () => {
    const result = sweep({ seeds: 120, scenario: chordScenario() });
    expect(result.failures.length, result.report).toBe(0);
  });

  it('every plan leaves at most 3 consecutive crashed nodes, so 4 successors always suffice (300 seeds)', () => {
    for (let seed = 0; seed < 300; seed++) {
      const plan = chordPlan(seed);
      const dead = new Set(plan.crashed);
      let longest = 0;
      for (let i = 0; i < plan.ids.length; i++) {
        let run = 0;
        while (run < plan.ids.length && dead.has(plan.ids[(i + run) % plan.ids.length] as number)) run++;
        longest = Math.max(longest, run);
      }
      expect(longest, `semilla ${seed}`).toBeLessThanOrEqual(3);
    }
  });

  it.each([
    [{ successors: 1 }, 'lookupsComplete'],
    [{ trustSuccessor: true }, 'lookupCorrect'],
  ] as const)('the sweep catches %j (%s)', (options, name) => {
    const result = sweep({ seeds: 150, scenario: chordScenario(options), stopAtFirst: true, replays: 1 });
    expect(result.violation?.checker, result.report).toBe(name);
    expect(result.report).toContain('semilla');
  });

  it('same seed, same run (trace)', () => {
    const a = chordScenario().setup(23, { trace: true });
    const b = chordScenario().setup(23, { trace: true });
    a.runFor(4_000);
    b.runFor(4_000);
    expect(a.traceText()).toBe(b.traceText());
    expect(a.outputs.filter((o) => o.label === 'found')).toHaveLength(20);
  });
});
