import { describe, expect, it } from 'vitest';
import { checkLinearizability, registerModel } from '../../lib/linearizability/index';
import { sweep } from '../../lib/sim/index';
import { kvRegisterScenario } from '../../lib/sim/examples/kv-register-scenario';
import { SWEEP_CATALOGUE } from '../../lib/sim/examples/sweep-catalogue';

describe('kv-register sweep: clients → swarm faults → linearizability at the end', () => {
  it('the correct store passes 200 seeds, with client histories actually checked', () => {
    const scenario = kvRegisterScenario();
    const result = sweep({ seeds: 200, scenario });
    expect(result.seedsFailed, result.report).toBe(0);
    expect(result.seedsRun).toBe(200);
    // The check judged real histories: 3 clients × 20 operations, most of them completed.
    const sim = scenario.setup(7, { trace: false });
    scenario.run(sim);
    expect(sim.history.length, 'seed=7').toBeGreaterThan(30);
    expect(checkLinearizability(registerModel(), sim.history).verdict, 'seed=7').toBe('ok');
    expect(sim.finish(), 'seed=7').toBeUndefined();
  });

  it('stale reads are caught by the linearizability checker within 10 seeds, and the failing seed replays', () => {
    const result = sweep({ seeds: 10, scenario: kvRegisterScenario({ kv: { staleReads: true } }), stopAtFirst: true });
    expect(result.violation?.checker, result.report).toBe('linearizability');
    expect(result.seedsRun, `first failing seed ${String(result.seed)}`).toBeLessThanOrEqual(10);
    expect(result.violation?.message).toMatch(/no es linealizable/);
    expect(result.replayed, `seed=${String(result.seed)}`).toBe(true);
    // Replaying the seed by hand gives the same verdict.
    const scenario = kvRegisterScenario({ kv: { staleReads: true } });
    const sim = scenario.setup(result.seed as number, { trace: true });
    scenario.run(sim);
    expect(sim.finish()?.message, `seed=${String(result.seed)}`).toBe(result.violation?.message);
  });

  it("an undecided check passes and is counted, or fails as linearizabilityUnknown with unknown: 'fail'", () => {
    const counted = kvRegisterScenario({ kv: { staleReads: true }, maxSteps: 1 });
    const passed = sweep({ seeds: 5, scenario: counted, replays: 0 });
    expect(passed.seedsFailed, passed.report).toBe(0);
    expect(counted.unknownSeeds).toEqual([1, 2, 3, 4, 5]);
    const strict = sweep({ seeds: 5, scenario: kvRegisterScenario({ maxSteps: 1, unknown: 'fail' }), replays: 0 });
    expect(strict.violationsByChecker, strict.report).toEqual({ linearizabilityUnknown: 5 });
  });

  it('is in the sweep catalogue: the correct store must pass, stale reads must be caught by linearizability', () => {
    const entries = SWEEP_CATALOGUE.filter((s) => s.name.startsWith('kv-register'));
    expect(entries.map((s) => [s.name, s.expect])).toEqual([
      ['kv-register', 'pass'],
      ['kv-register-stale-reads', ['linearizability']],
    ]);
  });
});
