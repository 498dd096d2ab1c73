// HDFS on lib/sim under faults: a small seeded sweep (the big one is `npm run sweep`).
import { describe, expect, it } from 'vitest';
import { sweep } from '../../lib/sim/sweep';
import { hdfsPlan, hdfsScenario } from '../../lib/dfs/scenario';

describe('HDFS re-replication sweep (lib/sim, faults)', () => {
  it('HDFS placement and re-replication: no block lost and every block back to 3 replicas on 100 seeds (one node, a rack, two nodes in turn, a restart; light loss)', () => {
    const result = sweep({ seeds: 100, scenario: hdfsScenario() });
    expect(result.failures.length, result.report).toBe(0);
  });

  it('the 150 plans visit every kind of fault', () => {
    const kinds = new Set(Array.from({ length: 150 }, (_, seed) => hdfsPlan(seed).fault));
    expect([...kinds].sort()).toEqual(['node', 'rack', 'restart', 'twoNodes']);
  });

  it.each([
    [{ placement: 'rackUnaware' }, 'noBlockLost'],
    [{ placement: 'firstNodes' }, 'noBlockLost'],
    [{ keepDeadReplicas: true }, 'reReplicated'],
  ] as const)('the sweep catches %j (%s)', (options, checker) => {
    const result = sweep({ seeds: 150, scenario: hdfsScenario(options), stopAtFirst: true, replays: 1 });
    expect(result.violation?.checker, result.report).toBe(checker);
    expect(result.report).toContain('semilla');
  });
});
