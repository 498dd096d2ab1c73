import { describe, expect, it } from 'vitest';
import { sweep } from '../../lib/sim/index';
import { unsafeLockScenario } from '../../lib/sim/examples/sweep-catalogue';

// A large sweep, outside `npm test`: SIM_SWEEP_SEEDS=20000 npx vitest run test/sim/large-sweep.test.ts
// (`npm run sweep:sim`). `npm run sweep` runs the sweeps of every protocol on worker processes.
const seeds = Number(process.env['SIM_SWEEP_SEEDS'] ?? 0);

describe.skipIf(seeds === 0)(`large sweep over ${seeds} seeds`, () => {
  it('finds the unsafe lock on many distinct seeds, each replaying exactly', () => {
    const result = sweep({ seeds, scenario: unsafeLockScenario, replays: 50 });
    expect(result.seedsRun).toBe(seeds);
    expect(result.failures.length).toBeGreaterThan(0);
    for (const failure of result.failures) {
      expect(unsafeLockScenario(failure.seed, { trace: false }).violation, `reproduce with seed=${failure.seed}`).toEqual(failure.violation);
      if (failure.explanation !== undefined) expect(failure.explanation.replayed, `reproduce with seed=${failure.seed}`).toBe(true);
    }
  }, 600_000);
});
