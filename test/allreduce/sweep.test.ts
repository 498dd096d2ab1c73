// Ring AllReduce on lib/sim with loss, duplication and reordering: the correct node passes a small
// sweep, each seeded bug of the catalogue is caught, and one seed replays the same trace.
import { describe, expect, it } from 'vitest';
import { allReduceDamage, allReduceEqualsSum, allReduceScenario } from '../../lib/allreduce/index';
import { sweep } from '../../lib/sim/index';

describe('ring AllReduce sweep (acks + retransmission)', () => {
  it('every node ends with the exact sum on 200 seeds of a faulty network', () => {
    const result = sweep({ seeds: 200, scenario: allReduceScenario() });
    expect(result.seedsFailed, result.report).toBe(0);
  });

  it.each([
    ['acceptDuplicates', { acceptDuplicates: true }, 'allReduceEqualsSum'],
    ['wrongChunk', { wrongChunk: true }, 'allReduceEqualsSum'],
    ['noRetransmit', { noRetransmit: true }, 'allReduceFinishes'],
  ] as const)('the bug %s is caught by %s', (_name, node, checkerName) => {
    const result = sweep({ seeds: 200, scenario: allReduceScenario({ node }), replays: 1 });
    expect(result.violationsByChecker[checkerName] ?? 0).toBeGreaterThan(0);
    expect(result.replayed, `seed ${String(result.seed)}`).toBe(true);
  });

  it('a duplicate that arrives after a node finished is caught at the end of the run (every wrong ending, 200 seeds)', () => {
    const options = { node: { acceptDuplicates: true } };
    const result = sweep({ seeds: 200, scenario: allReduceScenario(options) });
    let wrongSeeds = 0;
    let onlyLater = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const damage = allReduceDamage(seed, options);
      if (damage.wrongNodes > 0) wrongSeeds++;
      if (damage.wrongNodes > damage.wrongAtOutput) onlyLater++;
      // Only the node's own chunk (never overwritten) or one already overwritten by all-gather.
      expect(damage.ownChunk + damage.otherChunk >= damage.wrongNodes, `seed ${seed}`).toBe(true);
    }
    expect(onlyLater).toBeGreaterThan(0);
    expect(result.seedsFailed).toBe(wrongSeeds);
    expect(result.failures.some((f) => f.violation.message.startsWith('al final de la ejecución'))).toBe(true);
    // The correct node: no seed ends with a wrong vector.
    for (let seed = 1; seed <= 50; seed++) expect(allReduceDamage(seed).wrongNodes, `seed ${seed}`).toBe(0);
  });

  it('a node that crashes mid-operation: allReduceFinishes says it cannot end, and no output is wrong', () => {
    const result = sweep({ seeds: 100, scenario: allReduceScenario({ crash: true }), replays: 1 });
    expect(result.violationsByChecker.allReduceFinishes ?? 0).toBeGreaterThan(50);
    expect(result.violationsByChecker.allReduceEqualsSum ?? 0).toBe(0);
    expect(result.violation?.message).toMatch(/no terminó: .*caído/);
  });

  it('allReduceEqualsSum says what is wrong when an output has the wrong length', () => {
    const run = allReduceEqualsSum([1, 2]).create();
    const result = run.onEvent?.({ kind: 'output', label: 'allReduced', node: 'n0', data: { vector: [1] } } as never, {} as never);
    expect(typeof result === 'string' ? result : result?.message).toMatch(/tiene 1 valores y la suma tiene 2/);
  });

  it('the same seed gives the same trace (seed 17)', () => {
    const a = allReduceScenario()(17, { trace: true }).traceText().split('\n');
    const b = allReduceScenario()(17, { trace: true }).traceText().split('\n');
    expect(a.length).toBeGreaterThan(10);
    expect(a).toEqual(b);
  });
});
