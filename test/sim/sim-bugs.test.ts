import { describe, expect, it } from 'vitest';
import { fault, latency, output, pingPong, send, setTimer, Simulation } from '../../lib/sim/index';
import type { Effect, Input, NodeContext, ProtocolNode } from '../../lib/sim/index';

/** A node that does one thing on start, then echoes messages. */
function oneShot<M>(onStart: (ctx: NodeContext) => Effect<M>[]) {
  return (ctx: NodeContext): ProtocolNode<M> => ({
    id: ctx.id,
    start: () => onStart(ctx),
    step: () => [],
  });
}

describe('lib/sim bugs of issue 9', () => {
  it.each([undefined, NaN, -1, Infinity])('B1: setTimer with afterMs=%s is a clear error, and time never runs backwards', (afterMs) => {
    const sim = new Simulation<never>({ seed: 1, nodeIds: ['a'], createNode: oneShot(() => [setTimer('t', afterMs as unknown as number)]) });
    expect(sim.violation?.checker).toBe('protocolException');
    expect(sim.violation?.message).toMatch(/setTimer\("t"\).*afterMs/);
    expect(sim.violation?.seed).toBe('1');
    expect(sim.pendingEvents).toBe(0);
    const strict = () => new Simulation<never>({ seed: 1, nodeIds: ['a'], onViolation: 'throw', createNode: oneShot(() => [setTimer('t', afterMs as unknown as number)]) });
    expect(strict).toThrow(/afterMs/);
  });

  it('B2: output data is copied, so mutating it later does not rewrite history', () => {
    const data = { value: 1, nested: { list: [1] } };
    const sim = new Simulation<never>({ seed: 1, nodeIds: ['a'], createNode: oneShot(() => [output('decided', data)]) });
    data.value = 99;
    data.nested.list.push(2);
    expect(sim.outputs[0]?.data).toEqual({ value: 1, nested: { list: [1] } });
    expect(sim.trace.find((e) => e.kind === 'output')).toMatchObject({ data: { value: 1, nested: { list: [1] } } });
  });

  it('B4: unknown ids are rejected by fault.cut, cut, restore and inject (client ids are known)', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2'], createNode: pingPong(1), clients: { ids: ['c1'], createClient: pingPong(0) } });
    expect(() => sim.schedule([fault.cut(10, 'n1', 'nX', 20)])).toThrow(/unknown node "nX"/);
    expect(() => sim.cut('n1', 'n9')).toThrow(/unknown node "n9"/);
    expect(() => sim.restore('zz', 'n1')).toThrow(/unknown node "zz"/);
    expect(() => sim.inject('nope', { type: 'Ping', seq: 1 })).toThrow(/inject: unknown node "nope"/);
    expect(() => sim.cut('n1', 'n1')).toThrow(/not a link/);
    expect(() => sim.cut('n1', 'c1')).not.toThrow();
    expect(() => sim.schedule([fault.cut(10, 'c1', 'n2', 20)])).not.toThrow();
    expect(() => sim.inject('c1', { type: 'Ping', seq: 1 })).not.toThrow();
    expect(() => sim.schedule([fault.crash(10, 'c1')])).toThrow(/client/);
  });

  it('B5: a node in two partition groups still delivers to itself', () => {
    type M = { type: 'Self'; i: number };
    const got: number[] = [];
    const sim = new Simulation<M>({
      seed: 1,
      nodeIds: ['a', 'b', 'c'],
      network: { latency: latency.constant(1) },
      createNode: (ctx) => ({
        id: ctx.id,
        start: () => (ctx.id === 'a' ? [setTimer('go', 10)] : []),
        step: (input: Input<M>) => {
          if (input.type === 'timer') return [send(ctx.id, { type: 'Self', i: 1 })];
          got.push(input.message.i);
          return [];
        },
      }),
    });
    sim.partition(['a', 'b'], ['a', 'c']);
    sim.runFor(100);
    expect(got).toEqual([1]);
    expect(sim.trace.some((e) => e.kind === 'drop')).toBe(false);
  });

  it('B6: a cut stops a message already in flight to a client (faults apply at arrival)', () => {
    type M = { type: 'Hello' };
    const sim = new Simulation<M>({
      seed: 1,
      nodeIds: ['n1'],
      network: { latency: latency.constant(10) },
      createNode: oneShot(() => [send('c1', { type: 'Hello' }), send('outside', { type: 'Hello' })]),
      clients: { ids: ['c1'], createClient: (ctx) => ({ id: ctx.id, start: () => [], step: () => [output('got')] }) },
    });
    sim.runFor(5);
    sim.cut('n1', 'c1');
    sim.partition(['n1'], ['c1']);
    sim.runFor(20);
    const drops = sim.trace.filter((e) => e.kind === 'drop');
    expect(drops.map((e) => (e as { to: string }).to)).toEqual(['c1']);
    expect(sim.outputs.filter((o) => o.label === 'got')).toHaveLength(0);
    // An id outside nodes and clients still lands in received() when no fault names it.
    expect(sim.received('outside')).toHaveLength(1);
  });
});
