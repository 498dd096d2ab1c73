import { describe, expect, it } from 'vitest';
import { Simulation, pingPong, send } from '../../lib/sim/index';
import type { Effect, Input, NodeContext, ProtocolNode } from '../../lib/sim/index';

/** A node whose messages multiply: each one received is answered twice (the runaway case). */
class Doubler implements ProtocolNode<number> {
  readonly id: string;
  constructor(private readonly context: NodeContext) {
    this.id = context.id;
  }
  start(): Effect<number>[] {
    return this.id === 'a' ? [send('b', 0)] : [];
  }
  step(input: Input<number>): Effect<number>[] {
    if (input.type !== 'message') return [];
    return [send(input.from, input.message + 1), send(input.from, input.message + 1)];
  }
}

describe('event budget (maxEvents)', () => {
  it('stops a run whose events multiply without end with an eventBudget violation, seed included', () => {
    const sim = new Simulation({ seed: 5, nodeIds: ['a', 'b'], createNode: (c) => new Doubler(c), maxEvents: 20_000, trace: false });
    sim.runFor(60_000);
    expect(sim.violation?.checker, `seed=${sim.seed}`).toBe('eventBudget');
    expect(sim.violation?.seed).toBe('5');
    expect(sim.stats.events).toBe(20_000);
    expect(sim.violation?.message).toMatch(/20000 eventos/);
  });

  it('is far above what an ordinary run needs (default budget), so ordinary runs are untouched', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2'], createNode: pingPong(500) });
    sim.runUntilIdle({ limitMs: 60_000 });
    expect(sim.violation).toBeUndefined();
    expect(sim.stats.delivered).toBeGreaterThanOrEqual(1000);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects maxEvents=%s with a clear error', (maxEvents) => {
    expect(() => new Simulation({ seed: 1, nodeIds: ['n1'], createNode: pingPong(1), maxEvents })).toThrow(/maxEvents must be a whole number/);
  });
});
