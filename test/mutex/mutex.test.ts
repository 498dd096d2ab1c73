// Chapter 07's mutual exclusion: the messages per entry of each algorithm, its safety under
// delays and reordering, its liveness under faults, bad input, and small sweeps (the
// 10,000-seed ones are in `npm run sweep`).
import { describe, expect, it } from 'vitest';
import {
  centralCoordinator, gridQuorums, mutexFormulas, mutexScenario, mutualExclusion, quorumsIntersect,
  requestsServed, ricartAgrawala, RicartAgrawalaNode, runMutex, tokenRing,
} from '../../lib/mutex/index';
import { createRng } from '../../lib/random/index';
import type { MutexAlgorithm, MutexMessage, MutexNode } from '../../lib/mutex/index';
import { latency, MemoryDurableStore, Simulation, sweep } from '../../lib/sim/index';

describe('messages per entry without contention (the textbook counts)', () => {
  it.each([3, 6, 10])('n = %i: central 3, Ricart–Agrawala 2(n − 1), Lamport 3(n − 1), Maekawa ≤ 3(2⌈√n⌉ − 2)', (n) => {
    const f = mutexFormulas(n);
    const light = (algorithm: MutexAlgorithm) => runMutex({ algorithm, n, seed: `ligera-${n}`, thinkMsMean: 500 * n, durationMs: 10_000 });
    expect(light('central').messagesPerEntry).toBeCloseTo(f.central, 1);
    expect(light('ricartAgrawala').messagesPerEntry).toBe(f.ricartAgrawala);
    expect(light('lamport').messagesPerEntry).toBe(f.lamport);
    const m = light('maekawa');
    expect(m.messagesPerEntry).toBeLessThanOrEqual(f.maekawa + 1e-9);
    expect(m.messagesPerEntry).toBeGreaterThan(0);
  });

  it('the token ring costs about one message per entry when everybody is waiting', () => {
    const heavy = runMutex({ algorithm: 'tokenRing', n: 8, seed: 1, thinkMsMean: 5, durationMs: 2_000 });
    expect(heavy.entries).toBeGreaterThan(50);
    expect(heavy.messagesPerEntry).toBeLessThan(1.1);
  });

  it('grid quorums always intersect (n = 1…40)', () => {
    for (let n = 1; n <= 40; n++) expect(quorumsIntersect(gridQuorums(Array.from({ length: n }, (_, i) => `n${i}`))), `n=${n}`).toBe(true);
  });
});

describe('Ricart–Agrawala (1981)', () => {
  it('two requests with equal timestamps: the lower id goes first (Lamport\'s tie-break), the other defers', () => {
    const context = (id: string) => ({ id, nodeIds: ['n1', 'n2'], rng: createRng(id), durable: new MemoryDurableStore() });
    const n1 = new RicartAgrawalaNode(context('n1'), { thinkMsMean: 1e9 });
    const n2 = new RicartAgrawalaNode(context('n2'), { thinkMsMean: 1e9 });
    for (const node of [n1, n2]) {
      node.start(0);
      node.step({ type: 'timer', name: 'think' }, 0); // both ask with timestamp 1
    }
    expect([n1.requestTime, n2.requestTime]).toEqual([1, 1]);
    expect(n1.step({ type: 'message', from: 'n2', message: { type: 'Request', time: 1 } }, 1)).toEqual([]);
    expect(n1.deferred).toEqual([{ node: 'n2', time: 1 }]);
    expect(n2.step({ type: 'message', from: 'n1', message: { type: 'Request', time: 1 } }, 1)).toEqual([{ type: 'send', to: 'n1', message: { type: 'Reply', time: 1 } }]);
    const entered = n1.step({ type: 'message', from: 'n2', message: { type: 'Reply', time: 1 } }, 2);
    expect(n1.inCriticalSection).toBe(true);
    expect(entered[0]).toEqual({ type: 'output', label: 'enterCritical' });
  });

  it('blocks for ever when one node crashes: every requester waits for its OK (requestsServed)', () => {
    const r = runMutex({ algorithm: 'ricartAgrawala', n: 4, seed: 2, thinkMsMean: 50, durationMs: 100 });
    expect(r.violation).toBeUndefined();
    const result = sweep({ seeds: 5, scenario: mutexScenario({ algorithm: 'ricartAgrawala', liveness: true, crash: true }) });
    expect(result.violationsByChecker.requestsServed).toBe(5);
    expect(result.violation?.message).toMatch(/espera la sección crítica/);
  });

  it('ignores a stale OK, a duplicated REQUEST and a message without a timestamp', () => {
    const sim = new Simulation<MutexMessage, MutexNode<MutexMessage>>({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: ricartAgrawala({ thinkMsMean: 1e9 }) as never });
    sim.inject('n1', { type: 'Reply', time: 7 }, { from: 'n2' });
    sim.inject('n1', { type: 'Request', time: 3 }, { from: 'n2' });
    sim.inject('n1', { type: 'Request', time: 3 }, { from: 'n2' });
    sim.inject('n1', { type: 'Request' } as never, { from: 'n3' });
    sim.inject('n1', { type: 'Request', time: 1 }, { from: 'intruso' });
    sim.runFor(100);
    expect(sim.violation).toBeUndefined();
    expect(sim.outputs.filter((o) => o.label === 'rejected' && o.node === 'n1')).toHaveLength(3);
    expect(sim.node('n1')?.inCriticalSection).toBe(false);
  });
});

describe('central coordinator', () => {
  it('refuses a release without a hold and a duplicated request', () => {
    const sim = new Simulation<MutexMessage, MutexNode<MutexMessage>>({ seed: 1, nodeIds: ['c', 'n1', 'n2'], createNode: centralCoordinator({ thinkMsMean: 1e9 }) as never });
    sim.inject('c', { type: 'Release', seq: 1 }, { from: 'n1' });
    sim.inject('c', { type: 'Request', seq: 1 }, { from: 'n2' });
    sim.inject('c', { type: 'Request', seq: 1 }, { from: 'n2' });
    sim.runFor(100);
    const reasons = sim.outputs.filter((o) => o.label === 'rejected' && o.node === 'c').map((o) => (o.data as { reason: string }).reason);
    expect(reasons).toEqual([expect.stringContaining('liberación sin permiso'), expect.stringContaining('repetida')]);
  });

  it('is a single point of failure: with the coordinator down nobody enters', () => {
    const result = sweep({ seeds: 5, scenario: mutexScenario({ algorithm: 'central', liveness: true, crash: true }) });
    expect(result.violationsByChecker.requestsServed).toBe(5);
  });
});

describe('token ring and Maekawa', () => {
  it('a lost token stops everybody (its holder crashes)', () => {
    const sim = new Simulation<MutexMessage, MutexNode<MutexMessage>>({ seed: 1, nodeIds: ['n1', 'n2', 'n3', 'n4'], createNode: tokenRing({ thinkMsMean: 30 }) as never, network: { latency: latency.uniform(1, 9) }, checkers: [mutualExclusion, requestsServed(1_000) as never] });
    sim.runFor(300);
    const holder = [...sim.nodes.values()].find((n) => (n as unknown as { hasToken: boolean }).hasToken);
    if (holder === undefined) sim.runUntil((s) => [...s.nodes.values()].some((n) => (n as unknown as { hasToken: boolean }).hasToken), { limitMs: 100 });
    const id = [...sim.nodes.values()].find((n) => (n as unknown as { hasToken: boolean }).hasToken)?.id ?? 'n1';
    sim.crash(id);
    sim.runFor(2_000);
    sim.finish();
    expect(sim.violation?.checker).toBe('requestsServed');
  });

  it('plain Maekawa voting deadlocks; with INQUIRE / FAILED / RELINQUISH it does not (20 seeds each)', () => {
    const plain = sweep({ seeds: 20, scenario: mutexScenario({ algorithm: 'maekawa', deadlockFree: false, liveness: true }) });
    expect(plain.violationsByChecker.requestsServed).toBeGreaterThan(14);
    const fixed = sweep({ seeds: 20, scenario: mutexScenario({ algorithm: 'maekawa', liveness: true }) });
    expect(fixed.failures.map((f) => `semilla ${f.seed}: ${f.violation.message}`)).toEqual([]);
  });
});

describe('safety sweeps under swarm faults (small; npm run sweep runs 10,000 seeds)', () => {
  it.each(['central', 'ricartAgrawala', 'lamport', 'tokenRing', 'maekawa'] as const)('%s: never two nodes inside, 60 seeds', (algorithm) => {
    const result = sweep({ seeds: 60, scenario: mutexScenario({ algorithm }) });
    expect(result.failures.map((f) => `semilla ${f.seed}: ${f.violation.message}`)).toEqual([]);
  });

  it('Lamport\'s queue without FIFO links lets two nodes in (caught within 100 seeds)', () => {
    const result = sweep({ seeds: 100, scenario: mutexScenario({ algorithm: 'lamport', fifo: false }), stopAtFirst: true });
    expect(result.violation?.checker).toBe('mutualExclusion');
  });
});
