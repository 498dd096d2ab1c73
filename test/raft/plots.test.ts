/**
 * Plot data for notebook 06: roles and terms over a run, commit index per server, the paper's
 * Figure 16 (§9.3) and messages per committed command (O(n) for Raft).
 */
import { describe, expect, it } from 'vitest';
import { commitIndexSeries, electionTimeCdf, FIGURE_16_ANCHORS, messagesPerCommand, raftRoles, raftScenario, rolesByNode } from '../../lib/raft/index';
import type { ElectionCdf } from '../../lib/raft/index';
import { scaled } from './harness';
import { stateTimeline } from '../../lib/sim/index';

describe('Raft plot data', () => {
  it('records role and term per server and the commit index per server over a run', () => {
    const roles = raftRoles();
    const commits = commitIndexSeries();
    // No faults: a restarted server's commit index starts again from its snapshot (it is volatile, Figure 2).
    const sim = raftScenario({ seed: 5, faults: 'none', checkers: [roles, commits], durationMs: 2_000 });
    const byNode = rolesByNode(roles.records);
    expect([...byNode.keys()].sort()).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(roles.records.some((r) => r.state === 'líder')).toBe(true);
    expect(roles.records.every((r) => ['seguidor', 'candidato', 'líder', 'caído'].includes(r.state)), 'roles in Spanish').toBe(true);
    for (const points of commits.series.values()) {
      for (let i = 1; i < points.length; i++) expect((points[i] as { commitIndex: number }).commitIndex).toBeGreaterThan((points[i - 1] as { commitIndex: number }).commitIndex);
    }
    const max = Math.max(...[...commits.series.values()].map((p) => p[p.length - 1]?.commitIndex ?? 0));
    expect(max).toBeGreaterThan(10);
    expect(stateTimeline(roles, { trace: sim.trace }).data.length).toBeGreaterThan(0);
  });

  // Figure 16 (§9.3) under the paper's conditions; RAFT_SCALE=10 runs ten times the trials.
  const FIG16_SEED = 'test';
  let fig16: ElectionCdf[] = [];
  const byLabel = (label: string) => {
    if (fig16.length === 0) fig16 = electionTimeCdf({ seed: FIG16_SEED, trials: scaled(100), ranges: [[150, 151], [150, 155], [150, 200], [150, 300]] });
    const cdf = fig16.find((c) => c.label === label);
    if (cdf === undefined) throw new Error(`no ${label} in ${fig16.map((c) => c.label).join(', ')}`);
    return cdf;
  };

  it('Figure 16 (§9.3): 5 ms of randomness gives a median within 30 % of the paper\'s 287 ms, with split votes (more than one term on average)', () => {
    const five = byLabel('150–155 ms');
    expect(five.timedOut, `seed ${FIG16_SEED}`).toBe(0);
    expect(five.medianMs, `seed ${FIG16_SEED}: median of 150–155 ms`).toBeGreaterThanOrEqual(FIGURE_16_ANCHORS.medianMs150to155 * 0.7);
    expect(five.medianMs, `seed ${FIG16_SEED}: median of 150–155 ms`).toBeLessThanOrEqual(FIGURE_16_ANCHORS.medianMs150to155 * 1.3);
    expect(five.meanTerms, `seed ${FIG16_SEED}: terms per election in 150–155 ms`).toBeGreaterThan(1.5);
    // Nothing beats the timer: the first follower cannot time out before min − heartbeat = 75 ms after the crash.
    expect(five.timesMs[0], `seed ${FIG16_SEED}: fastest 150–155 ms election`).toBeGreaterThanOrEqual(75);
  });

  it('Figure 16 (§9.3): without randomness no election ends in 10 s (the paper: over 10 s, every time)', () => {
    const [none] = electionTimeCdf({ seed: FIG16_SEED, trials: scaled(4), limitMs: FIGURE_16_ANCHORS.noRandomnessOverMs, ranges: [[150, 150]] });
    expect(none?.timedOut, `seed ${FIG16_SEED}: 150–150 ms elections that ended within 10 s`).toBe(none?.trials);
    expect(none?.medianMs).toBeUndefined();
  });

  it('Figure 16 (§9.3): more randomness, faster elections: 1 ms is the slowest with a long tail, 50 ms and 150 ms elect in about one term', () => {
    const one = byLabel('150–151 ms');
    const five = byLabel('150–155 ms');
    const fifty = byLabel('150–200 ms');
    const wide = byLabel('150–300 ms');
    expect(one.medianMs ?? Infinity, `seed ${FIG16_SEED}: 150–151 ms slower than 150–155 ms`).toBeGreaterThan(3 * (five.medianMs as number));
    expect((one.maxMs ?? Infinity) > 5_000 || one.timedOut > 0, `seed ${FIG16_SEED}: 150–151 ms has a tail of seconds`).toBe(true);
    expect(fifty.medianMs, `seed ${FIG16_SEED}: 150–200 ms faster than 150–155 ms`).toBeLessThan(five.medianMs as number);
    expect(fifty.timedOut + wide.timedOut, `seed ${FIG16_SEED}`).toBe(0);
    // The paper's worst case with 50 ms of randomness was 513 ms over 1,000 trials.
    expect(fifty.maxMs, `seed ${FIG16_SEED}: slowest 150–200 ms election`).toBeLessThan(2 * FIGURE_16_ANCHORS.worstMs150to200);
    expect(fifty.meanTerms, `seed ${FIG16_SEED}`).toBeLessThan(1.5);
    expect(wide.medianMs, `seed ${FIG16_SEED}: 150–300 ms median`).toBeLessThan(250);
    for (const c of fig16) {
      expect(c.timesMs.every((t, i, all) => i === 0 || t >= (all[i - 1] as number)), `${c.label} sorted`).toBe(true);
      expect(c.timesMs.length + c.timedOut).toBe(c.trials);
    }
  });

  it('Figure 16 is deterministic (same seed, same times) and rejects a bad trial count', () => {
    const run = () => electionTimeCdf({ seed: 9, trials: 3, ranges: [[150, 155]] });
    expect(run()).toEqual(run());
    expect(() => electionTimeCdf({ trials: 0 })).toThrow(RangeError);
    expect(() => electionTimeCdf({ ranges: [[200, 150]] })).toThrow(/range/);
    expect(() => electionTimeCdf({ diskMs: -1 })).toThrow(/diskMs/);
  });

  it('messages per committed command grow linearly with the cluster: about 2(n − 1) plus heartbeats', () => {
    const rows = messagesPerCommand([3, 5, 7], { commands: 30 });
    for (const r of rows) {
      expect(r.perCommand).toBeGreaterThanOrEqual(2 * (r.nodes - 1));
      expect(r.perCommand).toBeLessThan(4 * (r.nodes - 1));
    }
  });
});
