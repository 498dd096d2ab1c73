import { describe, expect, it } from 'vitest';
import { oralMessages, pbftRun, pbftScenario, planNewView } from '../../lib/pbft/index';
import type { PbftClient, PbftReplica, Traitors, ViewChangeMessage } from '../../lib/pbft/index';
import { sweep } from '../../lib/sim/index';

const results = (sim: ReturnType<typeof pbftRun>, client = 'c1') => sim.client<PbftClient>(client).results.map((r) => r.result);
const LECTURE_RESULTS = ['ok A=90 B=110', 'ok B=105 C=105', 'B=105'];

describe('PBFT normal case (Castro & Liskov §4.2), n = 4, f = 1', () => {
  it('the lecture\'s transfer goes through the five steps and the client gets f + 1 matching replies (seed 1)', () => {
    const sim = pbftRun({ seed: 1 });
    expect(sim.finish(), 'seed 1').toBeUndefined();
    expect(results(sim)).toEqual(LECTURE_RESULTS);
    const types = new Set(sim.trace.filter((e) => e.kind === 'send').map((e) => (e as { message: { type: string } }).message.type));
    expect([...types].sort()).toEqual(['Commit', 'PrePrepare', 'Prepare', 'Reply', 'Request']);
    for (const id of ['r0', 'r1', 'r2', 'r3']) expect((sim.node(id) as PbftReplica | undefined)?.lastExecuted, id).toBe(3);
  });

  it('checkpoints every 4 requests become stable with 2f + 1 matching digests and trim the log (§4.3)', () => {
    const sim = pbftRun({ seed: 2, clients: 2, client: { operations: ['transfer A B 1', 'transfer A C 1', 'transfer B C 1', 'transfer C A 1', 'balance A'] } });
    expect(sim.finish(), 'seed 2').toBeUndefined();
    const stable = sim.outputs.filter((o) => o.label === 'stable' && o.node === 'r1').map((o) => (o.data as { seq: number }).seq);
    expect(stable).toEqual([4, 8]);
    expect((sim.node('r1') as PbftReplica).stableSeq).toBe(8);
  });

  it('bad input: malformed messages and unknown senders are rejected, a bad operation gets an error result', () => {
    const sim = pbftRun({ seed: 3, client: { operations: ['transfer A B diez', 'transfer A B 10', 'balance A'] }, durationMs: 10 });
    sim.inject('r1', { type: 'Prepare', view: 0, seq: -1, digest: 'x' } as never, { from: 'r2' });
    sim.inject('r1', { type: 'Commit', view: 0, seq: 1, digest: 'x' }, { from: 'mallory' });
    sim.runFor(2_000);
    const reasons = sim.outputs.filter((o) => o.label === 'rejected').map((o) => (o.data as { reason: string }).reason);
    expect(reasons).toEqual(['Prepare mal formado', 'remitente desconocido mallory']);
    expect(results(sim)).toEqual(['error: importe no válido «diez»', 'ok A=90 B=110', 'A=90']);
  });
});

describe('PBFT with f Byzantine replicas in n = 3f + 1: safe and live', () => {
  it.each<[string, Traitors]>([
    ['an equivocating primary', { r0: 'equivocate' }],
    ['a backup with wrong digests', { r2: 'wrongDigest' }],
    ['a silent backup', { r3: 'silent' }],
    ['a silent primary (a view change to r1)', { r0: 'silent' }],
  ])('%s: the honest replicas agree and the client finishes (seeds 1–5)', (_, traitors) => {
    for (let seed = 1; seed <= 5; seed++) {
      const sim = pbftRun({ seed, traitors });
      expect(sim.finish(), `seed ${seed}`).toBeUndefined();
      expect(results(sim), `seed ${seed}`).toEqual(LECTURE_RESULTS);
    }
  });

  it('a silent primary is replaced through VIEW-CHANGE and NEW-VIEW (§4.4): r1 leads view 1', () => {
    const sim = pbftRun({ seed: 1, traitors: { r0: 'silent' } });
    const newViews = sim.outputs.filter((o) => o.label === 'newView').map((o) => `${o.node}:${(o.data as { view: number; primary: string }).primary}`);
    expect(newViews.sort()).toEqual(['r1:r1', 'r2:r1', 'r3:r1']);
  });

  it('n = 7 tolerates f = 2 traitors (an equivocating primary and a wrong-digest backup)', () => {
    const sim = pbftRun({ seed: 4, f: 2, traitors: { r0: 'equivocate', r5: 'wrongDigest' } });
    expect(sim.finish(), 'seed 4').toBeUndefined();
    expect(results(sim)).toEqual(LECTURE_RESULTS);
  });

  it('seed 8181 (an equivocating new primary re-sends a pre-prepare for an entry a backup has committed): the committed request is what executes', () => {
    const scenario = pbftScenario();
    const sim = scenario.setup(8181, { trace: false });
    scenario.run(sim);
    expect(sim.violation, 'seed 8181').toBeUndefined();
  });

  it('sweep of 60 seeds with a random traitor and up to 5 % loss: agreement and liveness hold', () => {
    const result = sweep({ seeds: 60, scenario: pbftScenario() });
    expect(result.seedsFailed, result.report).toBe(0);
  });
});

describe('the bound is tight', () => {
  it('f + 1 traitors in n = 3f + 1 (an equivocating primary and its accomplice): honest replicas execute different requests', () => {
    const sim = pbftRun({ seed: 1, traitors: { r0: 'equivocate', r3: 'accomplice' } });
    expect(sim.violation?.checker, 'seed 1').toBe('honestAgreement');
    expect(sim.violation?.message).toMatch(/secuencia 1: r\d ejecutó/);
  });

  it('catalogued bug, a quorum of 2f: one equivocating primary splits the honest replicas, found within 10 seeds and replayed', () => {
    const scenario = pbftScenario({ pbft: { quorum: 2 } });
    const result = sweep({ seeds: 10, scenario, stopAtFirst: true });
    expect(result.violation?.checker, result.report).toBe('honestAgreement');
    const again = scenario.setup(result.seed!, { trace: false });
    scenario.run(again);
    expect(again.violation?.message).toBe(result.violation?.message);
  });
});

describe('NEW-VIEW computation (§4.4)', () => {
  const vc = (replica: string, stableSeq: number, prepared: ViewChangeMessage['prepared']): ViewChangeMessage =>
    ({ type: 'ViewChange', view: 1, replica, stableSeq, stableDigest: 'd', stableState: { balances: [], lastReply: [] }, prepared });
  it('takes, per sequence number above the latest stable checkpoint, the request prepared in the highest view; holes get the null request', () => {
    const a = { op: 'a', client: 'c1', timestamp: 1 };
    const b = { op: 'b', client: 'c1', timestamp: 2 };
    const plan = planNewView(2, [vc('r1', 4, [{ seq: 5, view: 0, digest: 'da', request: a }]), vc('r2', 4, [{ seq: 5, view: 1, digest: 'db', request: b }, { seq: 7, view: 1, digest: 'db', request: b }]), vc('r3', 0, [{ seq: 3, view: 0, digest: 'dx', request: a }])]);
    expect(plan.minSeq).toBe(4);
    expect(plan.prePrepares.map((p) => [p.seq, p.view, p.digest])).toEqual([[5, 2, 'db'], [6, 2, 'null'], [7, 2, 'db']]);
  });
});

describe('the Byzantine generals, oral messages OM(1)', () => {
  it('n = 3, one traitor: whatever a lieutenant does on a tie, one of the two cases fails (a lying commander or a lying comrade)', () => {
    for (const tieBreak of ['retirarse', 'comandante'] as const) {
      const liarCommander = oralMessages({ generals: ['C', 'L1', 'L2'], traitors: ['C'], order: 'atacar', tieBreak });
      const liarLieutenant = oralMessages({ generals: ['C', 'L1', 'L2'], traitors: ['L2'], order: 'atacar', tieBreak });
      expect(liarCommander.agreement && liarLieutenant.validity, tieBreak).toBe(false);
      // L1 hears the same in both cases: it cannot tell them apart.
      expect(liarCommander.lieutenants[0]!.heard).toEqual(liarLieutenant.lieutenants[0]!.heard);
    }
  });

  it('n = 4, one traitor: the majority gives agreement and obedience in both cases', () => {
    for (const traitors of [['C'], ['L3']]) {
      const r = oralMessages({ generals: ['C', 'L1', 'L2', 'L3'], traitors, order: 'atacar' });
      expect(r.agreement && r.validity, traitors.join()).toBe(true);
    }
  });
});
