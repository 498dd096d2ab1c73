import { describe, expect, it } from 'vitest';
import { InvariantViolationError, latency, mutualExclusion, pingPong, Simulation, unsafeLock } from '../../lib/sim/index';
import type { Effect, Input, NodeContext, ProtocolNode } from '../../lib/sim/index';

type Req = { type: 'Get'; key: string } | { type: 'Value'; key: string; value: number };
class Store implements ProtocolNode<Req> {
  readonly id: string;
  constructor(context: NodeContext) {
    this.id = context.id;
  }
  start(): Effect<Req>[] {
    return [];
  }
  step(input: Input<Req>): Effect<Req>[] {
    if (input.type !== 'message' || input.message.type !== 'Get') return [];
    return [
      { type: 'send', to: input.from, message: { type: 'Value', key: input.message.key, value: 42 } },
      { type: 'output', label: 'served', data: input.message.key },
    ];
  }
}

describe('the scenario API', () => {
  it('runFor advances the clock even with nothing to do', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['n1'], createNode: pingPong(0) });
    sim.runFor(250);
    expect(sim.nowMs).toBe(250);
    sim.runUntilTime(400);
    expect(sim.nowMs).toBe(400);
  });

  it('runUntil stops as soon as the predicate holds, or at the limit', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2'], createNode: pingPong(100), network: { latency: latency.constant(10) } });
    expect(sim.runUntil((s) => (s.node('n1')?.completed ?? 0) >= 3, { limitMs: 1_000 })).toBe(true);
    expect(sim.nowMs).toBe(60);
    expect(sim.runUntil(() => false, { limitMs: 100 })).toBe(false);
    expect(sim.nowMs).toBe(160);
  });

  it('runUntilIdle stops when nothing is pending, or at the limit when timers keep firing', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2'], createNode: pingPong(3), network: { latency: latency.constant(10) } });
    expect(sim.runUntilIdle({ limitMs: 1_000 })).toBe(true);
    expect([sim.nowMs, sim.pendingEvents, sim.node('n1')?.completed]).toEqual([60, 0, 3]);
    const ticking = new Simulation({ seed: 1, nodeIds: ['t'], createNode: (c) => ({ id: c.id, start: () => [{ type: 'setTimer', name: 'tick', afterMs: 7 }], step: () => [{ type: 'setTimer', name: 'tick', afterMs: 7 }] }) });
    expect(ticking.runUntilIdle({ limitMs: 100 })).toBe(false);
    expect(ticking.nowMs).toBe(100);
    expect(ticking.stats.timersFired).toBe(14);
  });

  it('inject delivers a client request and the reply reaches the client inbox', () => {
    const sim = new Simulation<Req, Store>({ seed: 1, nodeIds: ['s'], createNode: (c) => new Store(c), network: { latency: latency.constant(5) } });
    sim.inject('s', { type: 'Get', key: 'x' }, { from: 'alice', afterMs: 3 });
    sim.runFor(100);
    expect(sim.received('alice')).toEqual([{ timeMs: 8, from: 's', message: { type: 'Value', key: 'x', value: 42 } }]);
    expect(sim.outputs).toEqual([{ timeMs: 3, node: 's', label: 'served', data: 'x' }]);
    expect(sim.traceText()).toContain('t=0003 s\u2190alice Get key=x');
  });

  it('messages are copied at the network boundary', () => {
    const shared = { type: 'Get' as const, key: 'k' };
    const sim = new Simulation<Req, Store>({ seed: 1, nodeIds: ['s'], createNode: (c) => new Store(c) });
    sim.inject('s', shared);
    shared.key = 'mutated';
    sim.runFor(10);
    expect(sim.outputs[0]?.data).toBe('k');
  });

  it('partition, heal, crash and restart can be called directly', () => {
    const sim = new Simulation({ seed: 2, nodeIds: ['n1', 'n2'], createNode: pingPong(1_000), network: { latency: latency.constant(5) } });
    sim.runFor(50);
    sim.partition(['n1'], ['n2']);
    sim.runFor(50);
    const stalled = sim.node('n1')?.completed;
    sim.runFor(50);
    expect(sim.node('n1')?.completed).toBe(stalled); // the lost ping is never retried
    sim.heal().crash('n2').restart('n2');
    expect(sim.isUp('n2')).toBe(true);
    expect(sim.traceText()).toMatch(/PARTICIÓN \[n1\] \| \[n2\][\s\S]*FIN DE PARTICIÓN[\s\S]*n2 CAÍDA[\s\S]*n2 REINICIO/);
  });

  it('a checker stops the run at the first violation and records the seed', () => {
    const sim = new Simulation({ seed: 3, nodeIds: ['a', 'b', 'c'], createNode: unsafeLock({ thinkMsMean: 50, criticalMs: 30 }), checkers: [mutualExclusion] });
    sim.runFor(10_000);
    expect(sim.violation?.checker).toBe('mutualExclusion');
    expect(sim.violation?.seed).toBe('3');
    expect(sim.nowMs).toBeLessThan(10_000);
    expect(mutualExclusion({ nowMs: sim.nowMs, nodes: sim.nodes, crashed: new Set(), outputs: [], clients: [], history: [], durable: (id) => sim.durable(id) })).toMatch(/sección crítica/);
  });

  it("onViolation: 'throw' throws an InvariantViolationError naming checker and seed", () => {
    const sim = new Simulation({ seed: 3, nodeIds: ['a', 'b', 'c'], createNode: unsafeLock({ thinkMsMean: 50, criticalMs: 30 }), checkers: [mutualExclusion], onViolation: 'throw' });
    expect(() => sim.runFor(10_000)).toThrow(InvariantViolationError);
    expect(() => new Simulation({ seed: 3, nodeIds: ['a', 'b', 'c'], createNode: unsafeLock({ thinkMsMean: 50, criticalMs: 30 }), checkers: [mutualExclusion], onViolation: 'throw' }).runFor(10_000)).toThrow(/mutualExclusion.*seed=3/);
  });

  it('rejects unknown nodes and duplicate ids', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['n1'], createNode: pingPong(0) });
    expect(() => sim.crash('n9')).toThrow(/unknown node "n9"/);
    expect(() => new Simulation({ seed: 1, nodeIds: ['n1', 'n1'], createNode: pingPong(0) })).toThrow(/distinct/);
    expect(() => sim.at(-1, () => undefined)).toThrow(RangeError);
  });
});
