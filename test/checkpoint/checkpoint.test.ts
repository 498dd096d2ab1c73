import { describe, expect, it } from 'vitest';
import {
  bankBranch, chandyLamportScenario, computeRecoveryLine, coordinatedCheckpoints, lostWorkMs, markerRuleReference, recoveryScenario,
  snapshotConservesMoney, uncoordinatedRun,
} from '../../lib/checkpoint/index';
import { Simulation, sweep } from '../../lib/sim/index';

describe('Chandy–Lamport snapshot of a bank (Chandy & Lamport 1985)', () => {
  it('the marker rule: record at the first marker, then close channels one by one', () => {
    expect(markerRuleReference(false, [], 'B', ['B', 'C'])).toEqual({ recordState: true, sendMarkers: true, open: ['C'] });
    expect(markerRuleReference(true, ['C'], 'C', ['B', 'C'])).toEqual({ recordState: false, sendMarkers: false, open: [] });
  });

  it('with FIFO channels every snapshot conserves the money (small sweep, 150 seeds)', () => {
    const result = sweep({ seeds: 150, scenario: chandyLamportScenario({ fifo: true }) });
    expect(result.failures.map((f) => f.seed), result.report).toEqual([]);
  });

  it('with reordering and no FIFO restoration some snapshot creates or loses money (the checker says which)', () => {
    const result = sweep({ seeds: 60, scenario: chandyLamportScenario({ fifo: false }), stopAtFirst: true });
    expect(result.violation?.checker, result.report).toBe('snapshotConservesMoney');
    expect(result.violation?.message).toMatch(/dinero (creado|perdido)/);
  });

  it('same seed, same snapshot', () => {
    const run = () => chandyLamportScenario({ fifo: false })(7, { trace: true }).traceText();
    expect(run()).toBe(run());
  });

  it('malformed messages and unknown senders are ignored, never crash the branch', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['A', 'B'], createNode: bankBranch({ snapshotAtMs: 50 }), checkers: [snapshotConservesMoney(200)] });
    sim.inject('A', { type: 'Transfer', seq: 1, amount: 1_000 } as never, { from: 'mallory' });
    sim.inject('A', { type: 'Transfer', seq: 'x', amount: -5 } as never, { from: 'B' });
    sim.inject('B', 42 as never, { from: 'A' });
    sim.runFor(500);
    expect(sim.finish()).toBeUndefined();
    expect(sim.outputs.filter((o) => o.label === 'ignored').length).toBe(3);
  });

  it('rejects bad options clearly', () => {
    expect(() => bankBranch({ initialBalance: -1 })).toThrow(/initialBalance/);
  });
});

describe('uncoordinated checkpoints and the domino effect', () => {
  it('an orphan drags its receiver back, and the chain can reach the start', () => {
    const checkpoints = { P: [5, 30], Q: [10, 40] };
    const messages = [
      { from: 'P', to: 'Q', sentMs: 32, receivedMs: 35 },
      { from: 'Q', to: 'P', sentMs: 12, receivedMs: 28 },
      { from: 'P', to: 'Q', sentMs: 8, receivedMs: 9 },
    ];
    const r = computeRecoveryLine(checkpoints, messages, 'P', 50);
    expect(r.line).toEqual({ P: 5, Q: 0 });
    expect(r.steps.map((s) => `${s.process}:${s.toMs}`)).toEqual(['P:30', 'Q:10', 'P:5', 'Q:0']);
  });

  it('coordinated checkpoints never roll back past the last one (random runs)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const run = uncoordinatedRun({ seed, durationMs: 1_000 });
      const coordinated = coordinatedCheckpoints(run, 200);
      const line = computeRecoveryLine(coordinated.checkpoints, coordinated.messages, coordinated.failed, coordinated.failedAtMs).line;
      for (const t of Object.values(line)) expect(t, `seed ${seed}`).toBeGreaterThanOrEqual(800);
      const free = computeRecoveryLine(run.checkpoints, run.messages, run.failed, run.failedAtMs).line;
      expect(lostWorkMs(free, run.failedAtMs), `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('rejects runs that make no sense', () => {
    expect(() => computeRecoveryLine({ P: [] }, [{ from: 'P', to: 'X', sentMs: 1, receivedMs: 2 }], 'P', 5)).toThrow(/desconocido/);
    expect(() => computeRecoveryLine({ P: [], Q: [] }, [{ from: 'P', to: 'Q', sentMs: 3, receivedMs: 2 }], 'P', 5)).toThrow(/instantes/);
    expect(() => computeRecoveryLine({ P: [] }, [], 'Z', 5)).toThrow(/caído/);
  });
});

describe('recovery from a checkpoint plus a message log', () => {
  it('loses no acknowledged deposit across crashes (small sweep, 120 seeds)', () => {
    const result = sweep({ seeds: 120, scenario: recoveryScenario() });
    expect(result.failures.map((f) => f.seed), result.report).toEqual([]);
  });

  it('replying before the fsync loses an acknowledged deposit (caught)', () => {
    const result = sweep({ seeds: 40, scenario: recoveryScenario({ server: { ackBeforeLog: true } }), stopAtFirst: true });
    expect(result.violation?.checker, result.report).toBe('noAcknowledgedDepositLost');
  });

  it('checkpoints alone, without the log, lose the deposits since the last checkpoint (caught)', () => {
    const result = sweep({ seeds: 40, scenario: recoveryScenario({ server: { checkpointOnly: true } }), stopAtFirst: true });
    expect(result.violation?.checker, result.report).toBe('noAcknowledgedDepositLost');
  });
});

describe('bad input to the exercises and the account server', () => {
  it('the exercise functions reject malformed arguments before the student region', async () => {
    const { markerRule, recoveryLine } = await import('../../lib/checkpoint/exercises');
    expect(() => markerRule(false, [], 'Z', ['A', 'B'])).toThrow(RangeError);
    expect(() => markerRule(false, ['A'], 'A', ['A', 'B'])).toThrow(/sin estado grabado/);
    expect(() => recoveryLine({ P: [3] }, [{ from: 'P', to: 'P', sentMs: 1, receivedMs: 3 }], 'P', 5)).toThrow(/coincide/);
    expect(() => recoveryLine({ P: [], Q: [] }, [{ from: 'P', to: 'Q', sentMs: 1, receivedMs: 9 }], 'P', 5)).toThrow(/instantes/);
  });

  it('a malformed deposit is ignored with a reason, and the server keeps serving', async () => {
    const { accountServer } = await import('../../lib/checkpoint/recovery');
    const sim = new Simulation({ seed: 1, nodeIds: ['bank'], createNode: accountServer() });
    sim.inject('bank', { type: 'Deposit', requestId: 'r1', tag: 't1', amount: -3 } as never);
    sim.inject('bank', { type: 'Deposit', requestId: 'r2', tag: 't2', amount: 5 });
    sim.inject('bank', { type: 'Deposit', requestId: 'r2', tag: 't2', amount: 5 });
    sim.runFor(50);
    expect(sim.outputs.filter((o) => o.label === 'ignored').length).toBe(1);
    expect(sim.node('bank')?.state.balance).toBe(5);
    expect(sim.received('client').length).toBe(2);
  });
});
