import { describe, expect, it } from 'vitest';
import { capScenario } from '../../lib/cap/sweep-scenario';
import { sweep } from '../../lib/sim/sweep';

// A small seeded sweep with swarm faults; the 10,000-seed one is `npm run sweep -- --only cap`.
describe('bank sweep with swarm faults', () => {
  it('CP: linearizable and never diverges on 24 seeds', () => {
    const scenario = capScenario({ mode: 'cp' });
    const result = sweep({ seeds: 24, scenario });
    expect(result.seedsFailed, result.report).toBe(0);
  });
  for (const strategy of ['lww', 'pn-counter', 'siblings'] as const) {
    it(`AP (${strategy}): converges after the heal on 12 seeds`, () => {
      const result = sweep({ seeds: 12, scenario: capScenario({ mode: 'ap', strategy }) });
      expect(result.seedsFailed, result.report).toBe(0);
    });
  }
  it('the sweep catches a broken merge: LWW that keeps the local copy never converges', () => {
    const result = sweep({ seeds: 4, scenario: capScenario({ mode: 'ap', strategy: 'lww', swarm: false, brokenMerge: true }) });
    expect(result.seedsFailed).toBeGreaterThan(0);
    expect(Object.keys(result.violationsByChecker)).toContain('apConvergence');
  });
});
