// Chapter 07's elections: the lecture's steps, the textbook counts, the faults that break
// them, bad input, and small sweeps (the 10,000-seed ones are in `npm run sweep`).
import { describe, expect, it } from 'vitest';
import { bully, bullyOnElection, changRoberts, electionFormulas, electionScenario, ring, runElection, singleLeader, splitBrain } from '../../lib/election/index';
import type { BullyMessage, BullyNode, ElectionMessage } from '../../lib/election/index';
import { countMessages } from '../../lib/election/metrics';
import { latency, Simulation, sweep } from '../../lib/sim/index';

const five = ['1', '2', '3', '4', '5'];

function bullyRun(initiator: string, options: { seed?: number; crashNewLeaderMidElection?: boolean } = {}) {
  const counter = countMessages();
  const sim = new Simulation<BullyMessage, BullyNode>({ seed: options.seed ?? 1, nodeIds: five, createNode: bully({ electOnStart: false }), network: { latency: latency.uniform(1, 9) }, checkers: [counter.checker as never] });
  sim.crash('5');
  sim.inject(initiator, { type: 'StartElection', suspect: '5' });
  return { sim, counter };
}

describe('Bully (Garcia-Molina 1982, the lecture\'s five steps)', () => {
  it('elects the highest live node when the leader crashes, wherever the election starts', () => {
    for (const initiator of ['1', '2', '3', '4']) {
      const { sim } = bullyRun(initiator);
      sim.runUntilIdle({ limitMs: 5_000 });
      for (const node of sim.nodes.values()) expect(node.leader, `iniciador ${initiator}, nodo ${node.id}`).toBe('4');
      expect(sim.node('4')?.isLeader).toBe(true);
    }
  });

  it('costs n − 2 messages in the best case and (n − 2)(n + 1) in the worst (n = 5)', () => {
    const best = bullyRun('4');
    best.sim.runUntilIdle({ limitMs: 5_000 });
    expect(best.counter.counts.total).toBe(electionFormulas(5).bullyBest);
    const worst = bullyRun('1');
    worst.sim.runUntilIdle({ limitMs: 5_000 });
    expect(worst.counter.counts.total).toBe(electionFormulas(5).bullyWorst);
  });

  it('starts again when the node that answered crashes before announcing (coordinator timeout)', () => {
    const { sim } = bullyRun('1');
    // 4 answers 3 (which then waits for a COORDINATOR) and dies before announcing itself.
    sim.runUntil((s) => s.node('3')?.role === 'waitingCoordinator', { limitMs: 1_000 });
    sim.crash('4');
    sim.runUntilIdle({ limitMs: 5_000 });
    for (const node of sim.nodes.values()) expect(node.leader, node.id).toBe('3');
    expect(sim.outputs.some((o) => o.label === 'coordinatorTimeout' && o.node === '3')).toBe(true);
  });

  it('elects two leaders across a partition: split brain, caught by singleLeader and splitBrain', () => {
    const sim = new Simulation<BullyMessage, BullyNode>({ seed: 2, nodeIds: five, createNode: bully(), network: { latency: latency.uniform(1, 9) }, checkers: [splitBrain(200) as never] });
    sim.runFor(500);
    expect(sim.node('1')?.leader).toBe('5');
    sim.partition(['4', '5'], ['1', '2', '3']);
    sim.inject('1', { type: 'StartElection', suspect: '5' });
    sim.runFor(200);
    expect(singleLeader({ nodes: sim.nodes } as never)).toMatchObject({ nodes: expect.arrayContaining(['3', '5']) });
    sim.runFor(500);
    sim.finish();
    expect(sim.violation?.checker).toBe('splitBrain');
  });

  it('a restarted node keeps its epoch on disk and announces a newer one', () => {
    const sim = new Simulation<BullyMessage, BullyNode>({ seed: 3, nodeIds: five, createNode: bully(), network: { latency: latency.uniform(1, 9) } });
    sim.runFor(500);
    const before = sim.node('5')?.epoch ?? 0;
    sim.crash('5');
    sim.inject('1', { type: 'StartElection', suspect: '5' });
    sim.runFor(500);
    const lowerEpoch = sim.node('4')?.epoch ?? 0;
    sim.restart('5');
    sim.runFor(500);
    expect(sim.node('5')?.epoch).toBeGreaterThan(Math.max(before, lowerEpoch) - 1);
    for (const node of sim.nodes.values()) expect(node.leader, node.id).toBe('5');
  });

  it('refuses messages from unknown nodes, ELECTION from higher nodes and malformed COORDINATOR, and ignores stale ANSWER', () => {
    const sim = new Simulation<BullyMessage, BullyNode>({ seed: 4, nodeIds: five, createNode: bully({ electOnStart: false }) });
    sim.inject('2', { type: 'Election' }, { from: 'intruso' });
    sim.inject('2', { type: 'Election' }, { from: '4' });
    sim.inject('2', { type: 'Coordinator' } as never, { from: '5' });
    sim.inject('2', { type: 'Answer' }, { from: '3' });
    sim.inject('2', { type: 'Nonsense' } as never, { from: '3' });
    sim.runFor(100);
    expect(sim.violation).toBeUndefined();
    const reasons = sim.outputs.filter((o) => o.node === '2' && (o.label === 'rejected' || o.label === 'ignored')).map((o) => (o.data as { reason: string }).reason);
    expect(reasons).toHaveLength(5);
    expect(reasons[0]).toContain('no es un nodo del grupo');
    expect(sim.node('2')?.leader).toBeUndefined();
  });

  it('with the exercise\'s bullyOnElection as its rule, elects the same leader', () => {
    const sim = new Simulation<BullyMessage, BullyNode>({ seed: 5, nodeIds: five, createNode: bully({ electOnStart: false, onElection: bullyOnElection }) });
    sim.crash('5');
    sim.inject('1', { type: 'StartElection' });
    sim.runUntilIdle({ limitMs: 5_000 });
    for (const node of sim.nodes.values()) expect(node.leader).toBe('4');
  });

  it('same seed, same trace', () => {
    const a = bullyRun('1', { seed: 9 });
    const b = bullyRun('1', { seed: 9 });
    a.sim.runFor(1_000);
    b.sim.runFor(1_000);
    expect(a.sim.traceText()).toBe(b.sim.traceText());
  });
});

describe('ring algorithms', () => {
  it('the lecture\'s ring: n ELECTION hops and n − 1 COORDINATOR hops, leader = highest id', () => {
    for (const n of [3, 7, 12]) {
      const cost = runElection({ algorithm: 'ring', n, seed: n });
      expect(cost.electionMessages).toBe(n);
      expect(cost.announcementMessages).toBe(n - 1);
      expect(cost.leader).toBe(String(n));
    }
  });

  it('Chang–Roberts: 2n − 1 ELECTION messages with ids ascending round the ring, n(n + 1)/2 descending', () => {
    const n = 8;
    const count = (ids: string[]) => {
      const counter = countMessages();
      const sim = new Simulation<ElectionMessage>({ seed: 1, nodeIds: ids, createNode: changRoberts() as never, checkers: [counter.checker as never] });
      for (const id of ids) sim.inject(id, { type: 'StartElection' });
      sim.runUntilIdle({ limitMs: 5_000 });
      return counter.counts.byType.get('Election');
    };
    const up = Array.from({ length: n }, (_, i) => String(i + 1));
    expect(count(up)).toBe(electionFormulas(n).changRobertsBest);
    expect(count([...up].reverse())).toBe(electionFormulas(n).changRobertsWorst);
  });

  it('Chang–Roberts over random placements averages close to n·Hₙ', () => {
    const n = 16;
    let sum = 0;
    for (let k = 0; k < 40; k++) sum += runElection({ algorithm: 'changRoberts', n, seed: `media-${k}` }).electionMessages;
    const mean = sum / 40;
    expect(mean).toBeGreaterThan(electionFormulas(n).changRobertsBest);
    expect(Math.abs(mean - electionFormulas(n).changRobertsAverage) / electionFormulas(n).changRobertsAverage).toBeLessThan(0.2);
  });

  it('refuses malformed ELECTION lists and unknown leaders without crashing', () => {
    const sim = new Simulation<ElectionMessage>({ seed: 1, nodeIds: ['1', '2', '3'], createNode: ring() as never });
    sim.inject('2', { type: 'Election', ids: 'x' } as never, { from: '1' });
    sim.inject('2', { type: 'Coordinator', leader: '99', initiator: '1' }, { from: '1' });
    sim.inject('2', { type: 'Election', ids: ['1'] }, { from: 'intruso' });
    sim.runFor(100);
    expect(sim.violation).toBeUndefined();
    expect(sim.outputs.filter((o) => o.label === 'rejected')).toHaveLength(3);
  });
});

describe('election sweeps (small; npm run sweep runs 10,000 seeds)', () => {
  it.each([
    ['bully', { algorithm: 'bully' }],
    ['ring', { algorithm: 'ring' }],
    ['changRoberts', { algorithm: 'changRoberts' }],
  ] as const)('%s passes 100 seeds with crashes, reordering and duplicates', (_, options) => {
    const result = sweep({ seeds: 100, scenario: electionScenario(options) });
    expect(result.failures.map((f) => `semilla ${f.seed}: ${f.violation.message}`)).toEqual([]);
  });

  it('a partition makes Bully split its brain (caught on most seeds)', () => {
    const result = sweep({ seeds: 60, scenario: electionScenario({ algorithm: 'bully', partition: true }) });
    expect(result.violationsByChecker.splitBrain ?? 0).toBeGreaterThan(30);
  });

  it('a crashed node stops the unrepaired ring (leaderAgreement)', () => {
    const result = sweep({ seeds: 30, scenario: electionScenario({ algorithm: 'ring', crash: true }), stopAtFirst: true });
    expect(result.violation?.checker, `semilla ${String(result.seed)}`).toBe('leaderAgreement');
  });
});
