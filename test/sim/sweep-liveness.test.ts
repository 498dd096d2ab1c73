import { describe, expect, it } from 'vitest';
import { raftLiteScenario, sweep } from '../../lib/sim/index';

describe('eventually through sweep: leaderAfterHeal on raft-lite under swarm faults', () => {
  it('the correct protocol elects exactly one leader within 2 s of every heal that leaves the network whole, over 30 seeds', () => {
    const result = sweep({ seeds: 30, scenario: raftLiteScenario({ liveness: true }) });
    expect(result.failures.map((f) => `seed=${f.seed}: ${f.violation.checker} ${f.violation.message}`)).toEqual([]);
  });

  it('an impossible deadline (1 ms) is reported like a safety violation: counted per checker, replayed, explained', () => {
    const scenario = raftLiteScenario({ liveness: { withinMs: 1 } });
    const result = sweep({ seeds: 20, scenario, replays: 1 });
    expect(result.violationsByChecker['leaderAfterHeal'], result.report).toBeGreaterThan(0);
    expect(result.violation?.checker, result.report).toBe('leaderAfterHeal');
    expect(result.violation?.message).toMatch(/no se cumplió en 1 ms desde t=\d+ ms \(heal\)/);
    expect(result.replayed, `seed=${String(result.seed)}`).toBe(true);
    expect(result.report).toContain('Plan de fallos de la semilla:');
    // The same seed without the liveness check passes: the failure is the deadline's alone.
    const safe = sweep({ seeds: [result.seed as number], scenario: raftLiteScenario() });
    expect(safe.seedsFailed, `seed=${String(result.seed)}`).toBe(0);
  });
});
