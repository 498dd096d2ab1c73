import { describe, expect, it } from 'vitest';
import { mutualExclusion, Simulation, sweep, unsafeLock } from '../../lib/sim/index';

// A large sweep, outside `npm test`: SIM_SWEEP_SEEDS=20000 npx vitest run test/sim/large-sweep.test.ts
const seeds = Number(process.env['SIM_SWEEP_SEEDS'] ?? 0);

describe.skipIf(seeds === 0)(`large sweep over ${seeds} seeds`, () => {
  it('finds the unsafe lock on many distinct seeds, each replaying exactly', () => {
    const failing: number[] = [];
    for (let start = 1; start <= seeds; ) {
      const result = sweep({
        seeds: Array.from({ length: seeds - start + 1 }, (_, i) => start + i),
        scenario: (seed, { trace }) => {
          const sim = new Simulation({ seed, trace, nodeIds: ['n1', 'n2', 'n3'], createNode: unsafeLock({ thinkMsMean: 2_000, criticalMs: 10 }), checkers: [mutualExclusion] });
          sim.runFor(3_000);
          return sim;
        },
      });
      if (result.seed === undefined) break;
      expect(result.replayed, `reproduce with seed=${result.seed}`).toBe(true);
      failing.push(result.seed);
      start = result.seed + 1;
    }
    expect(failing.length).toBeGreaterThan(0);
  }, 600_000);
});
