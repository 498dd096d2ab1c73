import { describe, expect, it } from 'vitest';
import {
  berkeley,
  berkeleyAdjustments,
  compareHlc,
  cristian,
  cristianEstimate,
  driftSeries,
  clockErrorFigure,
  formatHlc,
  hlcLocal,
  hlcReceive,
  readClock,
  sampleClockErrors,
} from '../../lib/clocks/index';
import { latency, Simulation } from '../../lib/sim/index';

describe('physical clocks', () => {
  it('a clock drifting +100 ppm gains 8.64 s a day', () => {
    expect(readClock({ offsetMs: 0, driftPpm: 100 }, 86_400_000) - 86_400_000).toBeCloseTo(8_640, 6);
  });

  it('driftSeries and clockErrorFigure draw the error growing linearly', () => {
    const series = driftSeries(new Map([['A', { offsetMs: 5, driftPpm: 1_000 }]]), { durationMs: 10_000, everyMs: 5_000 });
    expect(series.timeMs).toEqual([0, 5_000, 10_000]);
    expect(series.errorMs.get('A')?.map((x) => Math.round(x))).toEqual([5, 10, 15]);
    const fig = clockErrorFigure(series);
    expect(fig.data[0]?.x).toEqual([0, 5, 10]);
  });

  it("Cristian: estimate = server time + RTT/2, error ±RTT/2 − min latency", () => {
    expect(cristianEstimate({ requestSentMs: 100, serverTimeMs: 1_000, replyReceivedMs: 120 })).toEqual({ estimateMs: 1_010, correctionMs: 890, errorBoundMs: 10 });
    expect(cristianEstimate({ requestSentMs: 0, serverTimeMs: 50, replyReceivedMs: 20, minLatencyMs: 4 }).errorBoundMs).toBe(6);
  });

  it('Berkeley: average the clocks near the median, send deltas; an outlier does not drag the others', () => {
    const adjustments = berkeleyAdjustments(new Map([['m', 180], ['a', 205], ['b', 170], ['z', 900]]), { toleranceMs: 50 });
    expect([...adjustments]).toEqual([['m', 5], ['a', -20], ['b', 15], ['z', -715]]);
    expect(berkeleyAdjustments(new Map())).toEqual(new Map());
  });

  const clocks = new Map([
    ['S', { offsetMs: 0, driftPpm: 0 }],
    ['A', { offsetMs: 40, driftPpm: 500 }],
    ['B', { offsetMs: -30, driftPpm: -800 }],
    ['C', { offsetMs: 10, driftPpm: 1_500 }],
  ]);

  it.each([
    ['Cristian', cristian({ serverId: 'S', intervalMs: 1_000 })],
    ['Berkeley', berkeley({ serverId: 'S', intervalMs: 1_000 })],
  ] as const)('%s keeps drifting clocks within a few ms of each other', (_name, createNode) => {
    const sim = new Simulation<never>({ seed: 1, nodeIds: ['S', 'A', 'B', 'C'], clocks, createNode: createNode as never, network: { latency: latency.uniform(1, 9) } });
    const series = sampleClockErrors(sim, { durationMs: 20_000, everyMs: 500 });
    const spreadAt = (i: number) => {
      const values = [...series.errorMs.values()].map((e) => e[i] as number);
      return Math.max(...values) - Math.min(...values);
    };
    expect(spreadAt(0)).toBe(70);
    // After the first round, clocks agree to within the latency jitter plus drift between rounds.
    for (let i = 4; i < series.timeMs.length; i++) expect(spreadAt(i), `t=${series.timeMs[i]}`).toBeLessThan(15);
  });
});

describe('hybrid logical clocks (Kulkarni et al. 2014)', () => {
  it('follows physical time when it moves, counts when it does not', () => {
    expect(hlcLocal({ l: 10, c: 3 }, 12)).toEqual({ l: 12, c: 0 });
    expect(hlcLocal({ l: 10, c: 3 }, 8)).toEqual({ l: 10, c: 4 });
  });

  it('receive takes the max of local, message and physical time', () => {
    expect(hlcReceive({ l: 10, c: 1 }, { l: 10, c: 5 }, 9)).toEqual({ l: 10, c: 6 });
    expect(hlcReceive({ l: 10, c: 1 }, { l: 15, c: 2 }, 9)).toEqual({ l: 15, c: 3 });
    expect(hlcReceive({ l: 10, c: 1 }, { l: 8, c: 2 }, 9)).toEqual({ l: 10, c: 2 });
    expect(hlcReceive({ l: 10, c: 1 }, { l: 8, c: 2 }, 20)).toEqual({ l: 20, c: 0 });
  });

  it('respects causality even when the receiver’s physical clock is behind', () => {
    const sent = hlcLocal({ l: 0, c: 0 }, 1_000); // a fast sender
    const received = hlcReceive({ l: 0, c: 0 }, sent, 200); // a slow receiver
    expect(compareHlc(sent, received)).toBeLessThan(0);
    expect(`${formatHlc(sent)} → ${formatHlc(received)}`).toBe('⟨1000, 0⟩ → ⟨1000, 1⟩');
  });

  it('prints a timestamp as ⟨l, c⟩, never as l.c (which reads as a decimal)', () => {
    expect(formatHlc({ l: 1_203, c: 2 })).toBe('⟨1203, 2⟩');
    expect(formatHlc({ l: 1_000.4, c: 0 })).toBe('⟨1000, 0⟩'); // l in whole milliseconds
    expect(formatHlc({ l: 1_000, c: 10 })).not.toMatch(/\d\.\d/);
  });
});

describe('Berkeley with disagreeing clocks (Gusella & Zatti fault-tolerant average)', () => {
  it('a master and one follower 3 s apart: no NaN, both move to the master', () => {
    const adjustments = berkeleyAdjustments(new Map([['m', 0], ['a', 3_000]]), { toleranceMs: 1_000, masterId: 'm' });
    expect([...adjustments]).toEqual([['m', 0], ['a', -3_000]]);
    // Without a master, still a finite answer: the first of the equally large groups.
    for (const delta of berkeleyAdjustments(new Map([['m', 0], ['a', 3_000]]), { toleranceMs: 1_000 }).values()) expect(Number.isFinite(delta)).toBe(true);
  });

  it('averages the largest group that agrees within the tolerance, even with an even count', () => {
    const adjustments = berkeleyAdjustments(new Map([['m', 100], ['a', 120], ['b', 5_000], ['c', 5_010]]), { toleranceMs: 50, masterId: 'm' });
    expect(adjustments.get('m')).toBe(10); // the tie goes to the master's group: average 110
    const three = berkeleyAdjustments(new Map([['m', 100], ['a', 5_000], ['b', 5_020], ['c', 5_040]]), { toleranceMs: 50, masterId: 'm' });
    expect(three.get('m')).toBe(4_920); // the majority wins over the master: average 5020
  });

  it('the protocol converges with a master and one follower far apart (no NaN corrections)', () => {
    const clocks = new Map([['S', { offsetMs: 0, driftPpm: 0 }], ['A', { offsetMs: 3_000, driftPpm: 0 }]]);
    const sim = new Simulation<never>({ seed: 1, nodeIds: ['S', 'A'], clocks, createNode: berkeley({ serverId: 'S', intervalMs: 1_000 }) as never, network: { latency: latency.uniform(1, 9) } });
    const series = sampleClockErrors(sim, { durationMs: 5_000, everyMs: 500 });
    for (const errors of series.errorMs.values()) for (const e of errors) expect(Number.isFinite(e)).toBe(true);
    const last = series.timeMs.length - 1;
    expect(Math.abs((series.errorMs.get('A')?.[last] ?? NaN) - (series.errorMs.get('S')?.[last] ?? NaN))).toBeLessThan(10);
  });
});

describe('sampleClockErrors stops when the run stops', () => {
  it('returns after a checker fires instead of looping forever', () => {
    const clocks = new Map([['S', { offsetMs: 0, driftPpm: 0 }], ['A', { offsetMs: 40, driftPpm: 0 }]]);
    const sim = new Simulation<never>({
      seed: 1,
      nodeIds: ['S', 'A'],
      clocks,
      createNode: cristian({ serverId: 'S', intervalMs: 100 }) as never,
      checkers: [function stopAt250(view) { return view.nowMs >= 250 ? 'stop' : undefined; }],
    });
    const series = sampleClockErrors(sim, { durationMs: 10_000, everyMs: 100 });
    expect(sim.violation?.message).toBe('stop');
    expect(series.timeMs).toEqual([0, 100, 200]);
    expect(series.errorMs.get('A')).toHaveLength(3);
  });
});
