import { describe, expect, it } from 'vitest';
import { bankModel } from '../../lib/cap/model';
import { anomalies, answered, describeAnomalies, sampleBalances } from '../../lib/cap/metrics';
import { lwwWinner, mergePnCounters } from '../../lib/cap/exercises';
import { replicaBalances, apConvergence, bankLinearizable, cpNoDivergence } from '../../lib/cap/checkers';
import { siblingCount } from '../../lib/cap/reconcile';
import { LECTURE_SCRIPT, bankSimulation } from '../../lib/cap/scenario';
import { validateOperation } from '../../lib/cap/operations';
import { checkLinearizability } from '../../lib/linearizability/checker';
import type { BankNodeOptions } from '../../lib/cap/options';

const PARTITION = { atMs: 400, healAtMs: 1_300 };
const lecture = (bank: Partial<BankNodeOptions>, seed = 3) => {
  const checkers = bank.mode === 'cp' ? [cpNoDivergence, bankLinearizable()] : [apConvergence];
  const sim = bankSimulation({ seed, bank, partition: PARTITION, script: LECTURE_SCRIPT, checkers });
  sim.runFor(2_500);
  return sim;
};
const ana = (sim: ReturnType<typeof lecture>) => [...sim.nodes.values()].map((n) => replicaBalances(n, ['ana'])[0]);
const during = (sim: ReturnType<typeof lecture>, client: string) =>
  sim.history.filter((op) => op.client === client && op.invokeMs > PARTITION.atMs && op.invokeMs < PARTITION.healAtMs - 100);

describe('CP bank under the lecture partition', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: America's requests are refused (fail), Europe's answered; linearizable, no divergence`, () => {
      const sim = lecture({ mode: 'cp' }, seed);
      expect(sim.finish(), `seed ${seed}`).toBeUndefined();
      expect(during(sim, 'cliente-us1').length, `seed ${seed}`).toBeGreaterThan(0);
      expect(during(sim, 'cliente-us1').every((op) => op.status === 'fail'), `seed ${seed}`).toBe(true);
      expect(during(sim, 'cliente-eu1').every((op) => op.status === 'ok'), `seed ${seed}`).toBe(true);
      expect(checkLinearizability(bankModel(), sim.history).verdict, `seed ${seed}`).toBe('ok');
      expect(ana(sim), `seed ${seed}`).toEqual([10, 10, 10, 10, 10]);
    });
  }
});

describe('AP bank under the lecture partition', () => {
  it('answers everything; LWW on HLC converges but loses a deposit and a withdrawal (seed 3)', () => {
    const sim = lecture({ mode: 'ap', strategy: 'lww' });
    expect(sim.finish(), 'seed 3').toBeUndefined();
    expect(answered(sim.history).fraction).toBe(1);
    const a = anomalies(sim);
    expect(a.lostUpdates, 'seed 3').toBe(2);
    expect(describeAnomalies(a)).toBe(`actualizaciones perdidas: 2 · cuentas en descubierto: ${a.overdrafts} · lecturas obsoletas: ${a.staleReads} de ${a.reads}`);
    expect(new Set(ana(sim)).size).toBe(1);
    expect(ana(sim)[0]).not.toBe(100 + 30 + 50 - 240);
    expect(checkLinearizability(bankModel(), sim.history).verdict, 'seed 3').toBe('illegal');
  });
  it('PN-counter loses nothing but breaks "no negative balance": 100 + 30 + 50 − 120 − 120 = −60 (seed 3)', () => {
    const sim = lecture({ mode: 'ap', strategy: 'pn-counter' });
    expect(sim.finish(), 'seed 3').toBeUndefined();
    expect(anomalies(sim)).toMatchObject({ lostUpdates: 0, overdrafts: 1 });
    expect(ana(sim)).toEqual([-60, -60, -60, -60, -60]);
  });
  it('siblings keep both versions; the application merge (union) gives −60 too (seed 3)', () => {
    const sim = lecture({ mode: 'ap', strategy: 'siblings' });
    expect(sim.finish(), 'seed 3').toBeUndefined();
    expect(ana(sim)).toEqual([-60, -60, -60, -60, -60]);
    const eu1 = sim.node('eu1')!;
    expect(eu1.mode === 'ap' && siblingCount(eu1.accounts.get('ana')!)).toBe(2);
    expect(anomalies(sim).lostUpdates).toBe(0);
  });
  it('the AP history has a stale read during the partition (seed 3)', () => {
    const sim = lecture({ mode: 'ap', strategy: 'pn-counter' });
    expect(anomalies(sim).staleReads, 'seed 3').toBeGreaterThan(0);
  });
});

describe('bad input: a clear error, never a crash or a silent change', () => {
  it.each([
    [{ f: 'deposit', account: 'zoe', amount: 5 }, /cuenta desconocida/],
    [{ f: 'withdraw', account: 'ana', amount: -5 }, /no positivo/],
    [{ f: 'deposit', account: 'ana', amount: 2.5 }, /no entero/],
    [{ f: 'transfer', from: 'ana', to: 'ana', amount: 5 }, /a sí misma/],
    [{ f: 'transfer', from: 'ana', to: 'nadie', amount: 5 }, /cuenta desconocida en «to»/],
    [{ f: 'borrar' }, /operación desconocida/],
    [null, /mal formada/],
    ['ingreso', /mal formada/],
    [{ f: 'deposit', account: 'ana', amount: 'mucho' }, /no numérico/],
  ])('validateOperation(%j) says why', (op, message) => {
    const result = validateOperation(op, ['ana', 'bruno']);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  for (const mode of ['cp', 'ap'] as const) {
    it(`${mode}: malformed requests and messages are answered or ignored, balances unchanged`, () => {
      const sim = bankSimulation({ seed: 9, bank: { mode }, script: {}, checkers: [] });
      const bad: unknown[] = [
        { type: 'Request', requestId: 'x1', op: { f: 'withdraw', account: 'ana', amount: -50 } },
        { type: 'Request', requestId: 'x2', op: { f: 'transfer', from: 'ana', to: 'ana', amount: 10 } },
        { type: 'Request', requestId: 'x3', op: { f: 'deposit', account: 'zoe', amount: 10 } },
        { type: 'Request', requestId: 'x4', op: null },
        { type: 'Request', op: { f: 'deposit', account: 'ana', amount: 10 } },
        { type: 'Misterio' },
        null,
        { type: 'Append', fromIndex: 'uno', entries: 7 },
        { type: 'Sync', accounts: 'todo' },
      ];
      for (const m of bad) sim.inject('eu2', m as never, { from: 'intruso' });
      sim.runFor(500);
      expect(sim.violation, `mode ${mode}`).toBeUndefined();
      const replies = sim.received('intruso').map((d) => d.message as { type: string; requestId?: string; error?: string });
      expect(replies.filter((r) => r.type === 'Rejected').map((r) => r.requestId).sort()).toEqual(['x1', 'x2', 'x3', 'x4']);
      for (const node of sim.nodes.values()) expect(replicaBalances(node, ['ana', 'bruno', 'carmen'])).toEqual([100, 100, 100]);
    });
  }
});

// In the student edition the exercise functions throw until solved: skip, do not fail.
const exercisesSolved = (() => {
  try {
    mergePnCounters({ p: {}, n: {} }, { p: {}, n: {} });
    lwwWinner({ l: 0, c: 0, node: 'a' }, { l: 0, c: 0, node: 'b' });
    return true;
  } catch {
    return false;
  }
})();

describe('the exercise functions plug into the AP bank', () => {
  it.skipIf(!exercisesSolved)('with exercises 03.1 and 03.2 injected the lecture run ends as with the kit\'s own merge (seed 3)', () => {
    expect(ana(lecture({ mode: 'ap', strategy: 'pn-counter', reconcile: { mergePn: mergePnCounters } }))).toEqual([-60, -60, -60, -60, -60]);
    expect(ana(lecture({ mode: 'ap', strategy: 'lww', reconcile: { lwwWinner } }))).toEqual(ana(lecture({ mode: 'ap', strategy: 'lww' })));
  });
  it('an injected function that throws stops the run with protocolException, and sampling stops too', () => {
    const sim = bankSimulation({ seed: 3, bank: { mode: 'ap', strategy: 'lww', reconcile: { lwwWinner: () => { throw new Error('sin resolver'); } } }, script: LECTURE_SCRIPT, partition: PARTITION });
    const series = sampleBalances(sim, { account: 'ana', untilMs: 2_500 });
    expect(sim.violation?.checker).toBe('protocolException');
    expect(series.timesMs.length).toBeLessThan(100);
  });
});

describe('CP refusals are final', () => {
  it('a late duplicate of a refused request is refused again, never applied (sweep seed 433)', () => {
    const sim = bankSimulation({ seed: 1, bank: { mode: 'cp' }, script: {}, partition: { atMs: 0, healAtMs: 500 }, checkers: [] });
    const request = { type: 'Request', requestId: 'r1', op: { f: 'deposit', account: 'ana', amount: 10 } } as const;
    sim.inject('us1', request, { from: 'intruso', afterMs: 300 });
    sim.inject('us1', request, { from: 'intruso', afterMs: 900 });
    sim.runFor(1_500);
    const answers = sim.received('intruso').map((d) => (d.message as { type: string }).type);
    expect(answers).toEqual(['Unavailable', 'Unavailable']);
    for (const node of sim.nodes.values()) expect(replicaBalances(node, ['ana'])).toEqual([100]);
  });
});

describe('determinism', () => {
  it('same seed, same trace (AP, siblings, seed 5)', () => {
    const run = () => {
      const sim = bankSimulation({ seed: 5, bank: { mode: 'ap', strategy: 'siblings' }, partition: PARTITION, activeMs: 800, settleMs: 300 });
      sim.runFor(1_100);
      return sim.traceText();
    };
    expect(run()).toBe(run());
  });
});
