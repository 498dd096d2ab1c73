import { describe, expect, it } from 'vitest';
import { combineNemeses, crashOnOutput, isolateOnOutput, latency, output, pingPong, send, setTimer, Simulation } from '../../lib/sim/index';
import type { Nemesis, NodeContext, PingPongMessage, PingPongNode, ProtocolNode } from '../../lib/sim/index';

type Tick = { type: 'Tick'; n: number };
/** Every node outputs 'applied' every 10 ms and sends a Tick to the next node. */
function ticker(ctx: NodeContext): ProtocolNode<Tick> {
  let n = 0;
  const next = ctx.nodeIds[(ctx.nodeIds.indexOf(ctx.id) + 1) % ctx.nodeIds.length] as string;
  return {
    id: ctx.id,
    start: () => [setTimer('tick', 10)],
    step: (input) => (input.type === 'timer' ? [output('applied', { n: ++n }), send(next, { type: 'Tick', n }), setTimer('tick', 10)] : []),
  };
}

describe('nemesis', () => {
  it('crashOnOutput crashes the node right after its output, and a flash crash restarts it a few ms later', () => {
    const sim = new Simulation<Tick>({ seed: 1, nodeIds: ['a', 'b', 'c'], createNode: ticker, nemesis: crashOnOutput('applied', { restartAfterMs: 3, times: 2 }) });
    sim.runFor(200);
    const faults = sim.trace.filter((e) => e.kind === 'crash' || e.kind === 'restart');
    expect(faults.map((e) => `${e.kind}@${e.timeMs}`)).toEqual(['crash@10', 'crash@10', 'restart@13', 'restart@13']);
    const firstApplied = sim.trace.findIndex((e) => e.kind === 'output');
    expect(sim.trace[firstApplied + 2]).toMatchObject({ kind: 'crash', node: 'a' }); // after its step's send
    expect(sim.nodes.size).toBe(3);
  });

  it('isolateOnOutput partitions the node that just said it, and heals later', () => {
    const sim = new Simulation<Tick>({ seed: 1, nodeIds: ['a', 'b', 'c'], createNode: ticker, nemesis: isolateOnOutput('applied', { healAfterMs: 25, times: 1 }) });
    sim.runFor(100);
    const partition = sim.trace.find((e) => e.kind === 'partition');
    expect(partition).toMatchObject({ timeMs: 10, groups: [['a'], ['b', 'c']] });
    expect(sim.trace.find((e) => e.kind === 'heal')?.timeMs).toBe(35);
    expect(sim.trace.some((e) => e.kind === 'drop' && e.reason === 'partition')).toBe(true);
  });

  it('a probabilistic nemesis is deterministic per seed, and combineNemeses calls each', () => {
    const calls: string[] = [];
    const spy: Nemesis<Tick> = (event) => void (event.kind === 'crash' && calls.push(event.node));
    const run = (seed: number) => {
      const sim = new Simulation<Tick>({ seed, trace: true, nodeIds: ['a', 'b', 'c'], createNode: ticker, nemesis: combineNemeses(crashOnOutput('applied', { restartAfterMs: 5, probability: 0.2 }), spy) });
      sim.runFor(500);
      return sim.traceText();
    };
    expect(run(3)).toBe(run(3));
    expect(run(3)).not.toBe(run(4));
    expect(calls.length).toBeGreaterThan(0);
  });

  it('dropIf drops matching messages (reason filtered) until removed', () => {
    const sim = new Simulation<PingPongMessage, PingPongNode>({ seed: 1, nodeIds: ['a', 'b'], network: { latency: latency.constant(5) }, createNode: pingPong(1_000) });
    const stop = sim.dropIf(({ message }) => message.type === 'Pong' && message.seq === 3);
    sim.runFor(200);
    const drops = sim.trace.filter((e) => e.kind === 'drop');
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ reason: 'filtered', message: { type: 'Pong', seq: 3 } });
    stop();
    sim.inject('a', { type: 'Pong', seq: 3 }, { from: 'b' });
    sim.runFor(200);
    expect(sim.trace.filter((e) => e.kind === 'drop')).toHaveLength(1);
    expect(sim.node('a')?.completed).toBeGreaterThan(3);
  });

  it('a nemesis can drop and change links mid-run (setLink, setDefaultLink)', () => {
    const sim = new Simulation<PingPongMessage, PingPongNode>({ seed: 1, nodeIds: ['a', 'b'], network: { latency: latency.constant(5) }, createNode: pingPong(1_000) });
    sim.runFor(50);
    sim.setLink('a', 'b', { latency: latency.constant(40) });
    sim.runFor(200);
    const delay = (e: { timeMs: number; sentAtMs: number }) => e.timeMs - e.sentAtMs;
    const late = sim.trace.filter((e) => e.kind === 'deliver' && e.timeMs > 100) as { from: string; timeMs: number; sentAtMs: number }[];
    expect(late.filter((e) => e.from === 'a').every((e) => delay(e) === 40)).toBe(true);
    expect(late.filter((e) => e.from === 'b').every((e) => delay(e) === 5)).toBe(true);
    sim.setLink('a', 'b', undefined);
    sim.setDefaultLink({ latency: latency.constant(2) });
    sim.runFor(100);
    const last = sim.trace.filter((e) => e.kind === 'deliver').slice(-4) as { timeMs: number; sentAtMs: number }[];
    expect(last.every((e) => delay(e) === 2)).toBe(true);
    expect(() => sim.setLink('a', 'zz', undefined)).toThrow(/unknown node "zz"/);
  });
});
