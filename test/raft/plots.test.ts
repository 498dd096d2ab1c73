/**
 * Plot data for notebook 06: roles and terms over a run, commit index per server, the paper's
 * Figure 16 (§9.3) and messages per committed command (O(n) for Raft).
 */
import { describe, expect, it } from 'vitest';
import { commitIndexSeries, electionTimeCdf, messagesPerCommand, raftRoles, raftScenario, rolesByNode } from '../../lib/raft/index';
import { stateTimeline } from '../../lib/sim/index';

describe('Raft plot data', () => {
  it('records role and term per server and the commit index per server over a run', () => {
    const roles = raftRoles();
    const commits = commitIndexSeries();
    // No faults: a restarted server's commit index starts again from its snapshot (it is volatile, Figure 2).
    const sim = raftScenario({ seed: 5, faults: 'none', checkers: [roles, commits], durationMs: 2_000 });
    const byNode = rolesByNode(roles.records);
    expect([...byNode.keys()].sort()).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(roles.records.some((r) => r.state === 'leader')).toBe(true);
    for (const points of commits.series.values()) {
      for (let i = 1; i < points.length; i++) expect((points[i] as { commitIndex: number }).commitIndex).toBeGreaterThan((points[i - 1] as { commitIndex: number }).commitIndex);
    }
    const max = Math.max(...[...commits.series.values()].map((p) => p[p.length - 1]?.commitIndex ?? 0));
    expect(max).toBeGreaterThan(10);
    expect(stateTimeline(roles, { trace: sim.trace }).data.length).toBeGreaterThan(0);
  });

  it('Figure 16 (§9.3): without randomness elections do not end in 10 s (split votes); 5 ms of it and more end in well under a second', () => {
    const [none, five, wide] = electionTimeCdf({ trials: 4, limitMs: 10_000, ranges: [[150, 150], [150, 155], [150, 300]], seed: 'test' });
    expect(none?.timedOut, 'sin aleatoriedad alguna elección terminó').toBe(4);
    expect(five?.timedOut).toBe(0);
    expect(five?.medianMs).toBeLessThan(2_000);
    expect(wide?.timedOut).toBe(0);
    expect(wide?.medianMs).toBeLessThan(500);
    expect(wide?.timesMs.every((t, i, all) => i === 0 || t >= (all[i - 1] as number))).toBe(true);
  });

  it('messages per committed command grow linearly with the cluster: about 2(n − 1) plus heartbeats', () => {
    const rows = messagesPerCommand([3, 5, 7], { commands: 30 });
    for (const r of rows) {
      expect(r.perCommand).toBeGreaterThanOrEqual(2 * (r.nodes - 1));
      expect(r.perCommand).toBeLessThan(4 * (r.nodes - 1));
    }
  });
});
