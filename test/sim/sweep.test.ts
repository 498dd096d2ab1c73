import { describe, expect, it } from 'vitest';
import { mutualExclusion, Simulation, sweep, unsafeLock } from '../../lib/sim/index';

function lockScenario(nodeIds: string[]) {
  return (seed: number, { trace }: { trace: boolean }) => {
    const sim = new Simulation({ seed, trace, nodeIds, createNode: unsafeLock({ thinkMsMean: 2_000, criticalMs: 10 }), checkers: [mutualExclusion] });
    sim.runFor(3_000);
    return sim;
  };
}

describe('seed sweeps', () => {
  it('catch the unsafe lock, report checker, seed and trace tail, and replay it exactly', () => {
    const result = sweep({ seeds: 1_000, scenario: lockScenario(['n1', 'n2', 'n3']) });
    expect(result.violation?.checker).toBe('mutualExclusion');
    expect(result.seed).toBeDefined();
    // Rare enough that the first seeds pass: the sweep is what finds it.
    expect(result.seedsRun).toBeGreaterThan(1);
    expect(result.replayed).toBe(true);
    expect(result.report).toContain(`reproduce with seed=${result.seed}`);
    expect(result.report).toContain('mutualExclusion');
    expect(result.traceTail).toMatch(/output enterCritical\s*$/);
    // Replaying the seed by hand reproduces the same violation at the same event.
    const again = lockScenario(['n1', 'n2', 'n3'])(result.seed as number, { trace: true });
    expect(again.violation).toEqual(result.violation);
    const twice = lockScenario(['n1', 'n2', 'n3'])(result.seed as number, { trace: true });
    expect(twice.traceText()).toBe(again.traceText());
  });

  it('pass when the invariant cannot break (one node cannot race itself)', () => {
    const result = sweep({ seeds: 200, scenario: lockScenario(['solo']) });
    expect(result.violation).toBeUndefined();
    expect(result.seedsRun).toBe(200);
    expect(result.report).toBe('Ninguna violación en 200 semillas.');
  });

  it('accept an explicit list of seeds', () => {
    const seen: number[] = [];
    sweep({ seeds: [5, 9, 13], scenario: (seed, options) => (seen.push(seed), lockScenario(['solo'])(seed, options)) });
    expect(seen).toEqual([5, 9, 13]);
  });
});
