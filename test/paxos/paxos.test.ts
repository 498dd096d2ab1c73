import { describe, expect, it } from 'vitest';
import { formatChoice } from '../../lib/explore/index';
import { exploreSushi, multiPaxos, multiPaxosScenario, paxos, paxosAgreement, slotAgreement, sushiRun } from '../../lib/paxos/index';
import type { MultiPaxosMessage, MultiPaxosNode } from '../../lib/paxos/index';
import { Simulation, sweep } from '../../lib/sim/index';

describe('single-decree Paxos: the lecture\'s sushi example', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: the learner decides exactly one of the two dinners', (seed) => {
    const sim = sushiRun({ seed });
    const decisions = sim.outputs.filter((o) => o.label === 'decide');
    expect(sim.violation, `seed ${seed}`).toBeUndefined();
    expect(decisions, `seed ${seed}`).toHaveLength(1);
    expect(['Comamos sushi', 'Comamos pizza']).toContain((decisions[0]!.data as { value: string }).value);
  });

  it('with 30 % loss the proposers retry with higher ballots and still agree (seeds 1–40)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const sim = sushiRun({ seed, loss: 0.3, durationMs: 3_000 });
      expect(sim.violation, `seed ${seed}`).toBeUndefined();
      expect(sim.outputs.filter((o) => o.label === 'decide').length, `seed ${seed}`).toBeLessThanOrEqual(1);
    }
  });

  it('a proposer that learns a value was accepted proposes it, not its own (P2c, §2.2)', () => {
    // p2 starts late: by then a majority accepted the sushi, and p2's promises report it.
    const sim = sushiRun({ seed: 3, p2StartMs: 200 });
    const p2 = sim.outputs.filter((o) => o.node === 'p2' && o.label === 'propose');
    for (const o of p2) expect((o.data as { value: string }).value).toBe('Comamos sushi');
  });

  it('ignores messages from unknown nodes and malformed messages, with a "rejected" output', () => {
    const sim = sushiRun({ seed: 1, durationMs: 1 });
    sim.inject('a1', { type: 'Prepare', ballot: 99 } as never, { from: 'mallory' });
    sim.inject('a1', { type: 'Prepare', ballot: -1 } as never, { from: 'p1' });
    sim.inject('a1', { type: 'Bogus' } as never, { from: 'p1' });
    sim.runFor(100);
    const rejected = sim.outputs.filter((o) => o.label === 'rejected').map((o) => (o.data as { reason: string }).reason);
    expect(rejected).toEqual(['remitente desconocido mallory', 'ballot no es un entero ≥ 0', 'ballot no es un entero ≥ 0']);
    expect(sim.violation).toBeUndefined();
    expect(sim.node('a1')!.promised).toBeLessThan(99);
  });
});

describe('Paxos acceptor rules (Paxos Made Simple §2.3)', () => {
  it('promises any ballot above its highest promise, and refuses a stale one with a Nack', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['p1', 'a1'], createNode: paxos({ proposers: ['p1'], acceptors: ['a1'], rounds: 0 }) });
    sim.inject('a1', { type: 'Prepare', ballot: 5 }, { from: 'p1' });
    sim.inject('a1', { type: 'Prepare', ballot: 3 }, { from: 'p1', afterMs: 1 });
    sim.inject('a1', { type: 'Accept', ballot: 4, value: 'x' }, { from: 'p1', afterMs: 2 });
    sim.runFor(100);
    const replies = sim.trace.filter((e) => e.kind === 'send' && e.from === 'a1').map((e) => JSON.stringify((e as { message: unknown }).message));
    expect(replies).toEqual([
      JSON.stringify({ type: 'Promise', ballot: 5, acceptedBallot: 0, acceptedValue: null }),
      JSON.stringify({ type: 'Nack', ballot: 3, promised: 5 }),
      JSON.stringify({ type: 'Nack', ballot: 4, promised: 5 }),
    ]);
    expect(sim.node('a1')!.acceptedValue).toBeNull();
  });
});

describe('the explorer on the lecture\'s Paxos (two proposers, three acceptors)', () => {
  it('the lecture\'s version decides two dinners in 10 steps: an accepted value is not "definitivo"', () => {
    const r = exploreSushi(true);
    expect(r.verdict).toBe('violation');
    expect(r.depth).toBe(10);
    expect(r.counterexample!.replayed).toBe(true);
    expect(r.counterexample!.message).toContain('«Comamos sushi»');
    expect(r.counterexample!.message).toContain('«Comamos pizza»');
    expect(r.counterexample!.choices.map((c) => formatChoice(c))[4]).toBe('entrega p1→a1 Accept ballot=1 value=Comamos sushi');
  });

  it('corrected Paxos is safe up to 12 steps (the lecture\'s counterexamples are 10 and 12 long)', () => {
    const r = exploreSushi(false, 12);
    expect(r.verdict).toBe('safe');
    expect(r.depth).toBe(12);
    expect(r.distinctStates).toBe(13_049);
  });
});

describe('Multi-Paxos', () => {
  function leaderOf(sim: Simulation<MultiPaxosMessage, MultiPaxosNode>): MultiPaxosNode | undefined {
    return [...sim.nodes.values()].find((n) => n.role === 'leader');
  }

  it('elects one distinguished proposer and decides commands in order on every node (seed 1)', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: multiPaxos(), checkers: [slotAgreement<MultiPaxosMessage, MultiPaxosNode>()] });
    sim.runFor(600);
    const leader = leaderOf(sim);
    expect(leader, 'seed 1').toBeDefined();
    for (const c of ['x=1', 'y=2', 'z=3']) sim.inject(leader!.id, { type: 'ClientRequest', command: c });
    sim.runFor(300);
    const log = leader!.log();
    expect([...log].sort()).toEqual(['x=1', 'y=2', 'z=3']);
    for (const node of sim.nodes.values()) expect(node.log(), node.id).toEqual(log);
  });

  it('a new leader after a crash re-proposes what the old one had accepted (seed 2)', () => {
    const sim = new Simulation({ seed: 2, nodeIds: ['n1', 'n2', 'n3'], createNode: multiPaxos(), checkers: [slotAgreement<MultiPaxosMessage, MultiPaxosNode>()] });
    sim.runFor(600);
    const old = leaderOf(sim)!;
    sim.inject(old.id, { type: 'ClientRequest', command: 'a' });
    sim.runFor(100);
    sim.crash(old.id);
    sim.runFor(800);
    const next = leaderOf(sim);
    expect(next?.id, 'seed 2').not.toBe(old.id);
    sim.inject(next!.id, { type: 'ClientRequest', command: 'b' });
    sim.runFor(300);
    expect(next!.log()).toEqual(['a', 'b']);
    expect(sim.violation).toBeUndefined();
  });

  it('a follower answers a client request with notLeader, never a crash', () => {
    const sim = new Simulation({ seed: 3, nodeIds: ['n1', 'n2', 'n3'], createNode: multiPaxos() });
    sim.inject('n2', { type: 'ClientRequest', command: 'x' });
    sim.inject('n2', { type: 'ClientRequest' } as never);
    sim.runFor(20);
    expect(sim.outputs.filter((o) => o.label === 'notLeader' || o.label === 'rejected').map((o) => o.label)).toEqual(['notLeader', 'rejected']);
  });

  it('sweep of 100 seeds with swarm faults and leader crashes: agreement per slot holds', () => {
    const result = sweep({ seeds: 100, scenario: multiPaxosScenario() });
    expect(result.seedsFailed, result.report).toBe(0);
  });

  it('catalogued bug, a new leader ignoring reported values: found within 10 seeds and replayed from its seed', () => {
    const scenario = multiPaxosScenario({ paxos: { ignoreReported: true } });
    const result = sweep({ seeds: 10, scenario, stopAtFirst: true });
    expect(result.violation?.checker, result.report).toBe('slotAgreement');
    const again = scenario.setup(result.seed!, { trace: false });
    scenario.run(again);
    expect(again.violation?.message).toBe(result.violation?.message);
  });
});

describe('paxosAgreement', () => {
  it('counts a value as chosen only with a majority in one ballot', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['p1', 'a1', 'a2', 'a3'], createNode: paxos({ proposers: ['p1'], acceptors: ['a1', 'a2', 'a3'] }), checkers: [paxosAgreement(3)] });
    sim.runFor(200);
    expect(sim.violation).toBeUndefined();
    expect(sim.outputs.filter((o) => o.label === 'chosen')).toHaveLength(1);
  });
});
