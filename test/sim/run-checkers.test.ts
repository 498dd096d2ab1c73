import { describe, expect, it } from 'vitest';
import {
  checker,
  eventually,
  formatViolation,
  InvariantViolationError,
  latency,
  mutualExclusion,
  output,
  pingPong,
  send,
  setTimer,
  Simulation,
  unsafeLock,
} from '../../lib/sim/index';
import type { ClusterView, NodeContext, PingPongMessage, PingPongNode, ProtocolNode, TraceEvent } from '../../lib/sim/index';

describe('run-level checkers', () => {
  it('a checker factory sees every event, even with the trace off, with a fresh state per run', () => {
    const counts: Record<string, number>[] = [];
    const eventCounter = checker<PingPongMessage, PingPongNode>('eventCounter', () => {
      const count: Record<string, number> = {};
      counts.push(count);
      return {
        onEvent(event) {
          count[event.kind] = (count[event.kind] ?? 0) + 1;
        },
      };
    });
    const run = (trace: boolean) => {
      const sim = new Simulation({ seed: 1, trace, nodeIds: ['a', 'b'], createNode: pingPong(10), checkers: [eventCounter] });
      sim.runUntilIdle({ limitMs: 1_000 });
      return sim;
    };
    const on = run(true);
    run(false);
    expect(counts).toHaveLength(2);
    expect(counts[0]).toEqual(counts[1]);
    expect(counts[0]).toMatchObject({ start: 2, send: 20, deliver: 20 });
    const kinds: Record<string, number> = {};
    for (const e of on.trace) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
    expect(counts[0]).toEqual(kinds);
  });

  it('events reach onEvent after their step, in trace order, and a violation names its nodes', () => {
    const seen: TraceEvent[] = [];
    const noPongAfterThree = checker<PingPongMessage, PingPongNode>('noPongAfterThree', () => ({
      onEvent(event, cluster) {
        seen.push(event);
        if (event.kind === 'deliver' && event.message.type === 'Pong' && event.message.seq === 3) {
          // The step of this delivery has run: the serving node counted the round trip.
          if (cluster.nodes.get('a')?.completed !== 3) return 'step not run yet';
          return { message: 'third pong', nodes: [event.to, event.from] };
        }
      },
    }));
    const sim = new Simulation({ seed: 2, nodeIds: ['a', 'b'], createNode: pingPong(10), checkers: [noPongAfterThree] });
    sim.runFor(1_000);
    expect(sim.violation).toMatchObject({ checker: 'noPongAfterThree', message: 'third pong', nodes: ['a', 'b'], seed: '2' });
    expect(formatViolation(sim.violation!)).toMatch(/\[nodos: a, b\].*seed=2/);
    // The checker saw the trace up to the violating delivery (its step's own send comes after it).
    expect(JSON.stringify(seen)).toBe(JSON.stringify(sim.trace.slice(0, seen.length)));
    expect(seen.length).toBeGreaterThan(10);
  });

  it('plain checkers keep working beside factories, and may name nodes too', () => {
    const sim = new Simulation({ seed: 3, nodeIds: ['a', 'b', 'c'], createNode: unsafeLock({ thinkMsMean: 50, criticalMs: 30 }), checkers: [mutualExclusion, eventually('never', () => false, { withinMs: 1e9 })] });
    sim.runFor(10_000);
    expect(sim.violation?.checker).toBe('mutualExclusion');
    const named = new Simulation({ seed: 1, nodeIds: ['a', 'b'], createNode: pingPong(3), checkers: [function twoNodes(c: ClusterView<PingPongNode>) { return c.nodes.size === 2 ? { message: 'both up', nodes: ['a', 'b'] } : undefined; }] });
    expect(named.violation).toMatchObject({ checker: 'twoNodes', nodes: ['a', 'b'] });
  });

  it('finish() runs end-of-run checks once and returns the violation', () => {
    let calls = 0;
    const atLeastFiveRounds = checker<PingPongMessage, PingPongNode>('atLeastFiveRounds', () => ({
      atEnd(cluster) {
        calls++;
        const done = cluster.nodes.get('a')?.completed ?? 0;
        if (done < 5) return `solo ${done} rondas`;
      },
    }));
    const short = new Simulation({ seed: 1, nodeIds: ['a', 'b'], network: { latency: latency.constant(10) }, createNode: pingPong(10), checkers: [atLeastFiveRounds] });
    short.runFor(50);
    expect(short.violation).toBeUndefined();
    expect(short.finish()?.message).toBe('solo 2 rondas');
    expect(short.finish()?.message).toBe('solo 2 rondas');
    expect(calls).toBe(1);
    const long = new Simulation({ seed: 1, nodeIds: ['a', 'b'], createNode: pingPong(10), checkers: [atLeastFiveRounds] });
    long.runUntilIdle({ limitMs: 10_000 });
    expect(long.finish()).toBeUndefined();
  });

  it('the cluster view reads the durable store of a crashed node', () => {
    const reads: unknown[] = [];
    const sim = new Simulation<never>({
      seed: 1,
      nodeIds: ['a', 'b'],
      createNode: (ctx: NodeContext): ProtocolNode<never> => {
        ctx.durable.set('term', 7);
        ctx.durable.append('log', 'x', 'y');
        return { id: ctx.id, start: () => [], step: () => [] };
      },
      checkers: [
        checker<never, ProtocolNode<never>>('readsDisk', () => ({
          onEvent(event, cluster) {
            if (event.kind === 'crash') reads.push(cluster.durable(event.node).get('term'), cluster.durable(event.node).readLog('log'), cluster.crashed.has(event.node));
          },
        })),
      ],
    });
    sim.crash('b');
    expect(reads).toEqual([7, ['x', 'y'], true]);
    expect('set' in sim.durable('b')).toBe(false);
  });
});

describe('eventually (liveness checks)', () => {
  /** Node 'a' outputs 'ready' after `readyAtMs`; the predicate is "some node said ready". */
  const readySim = (readyAtMs: number, withinMs: number, extra: Partial<ConstructorParameters<typeof Simulation<never>>[0]> = {}) =>
    new Simulation<never>({
      seed: 1,
      nodeIds: ['a', 'b'],
      createNode: (ctx) => ({ id: ctx.id, start: () => (ctx.id === 'a' ? [setTimer('ready', readyAtMs)] : []), step: () => [output('ready')] }),
      checkers: [eventually('readySoon', (c) => c.outputs.some((o) => o.label === 'ready'), { withinMs })],
      ...extra,
    });

  it('passes when the predicate holds in time, fails after the deadline (noticed at the next event or at finish)', () => {
    const ok = readySim(100, 200);
    ok.runFor(1_000);
    expect(ok.finish()).toBeUndefined();
    const late = readySim(300, 200);
    late.runFor(1_000);
    expect(late.violation?.checker).toBe('readySoon');
    expect(late.violation?.message).toMatch(/200 ms/);
    expect(late.violation?.timeMs).toBe(300);
    const quiet = readySim(5_000, 200);
    quiet.runFor(150);
    expect(quiet.finish()).toBeUndefined(); // the deadline has not passed: not proven
    const quietLate = readySim(5_000, 200);
    quietLate.runFor(250);
    expect(quietLate.finish()?.checker).toBe('readySoon');
  });

  it("after: 'heal' starts the clock at each heal; a new partition cancels the window", () => {
    type M = { type: 'Hi' };
    const build = () =>
      new Simulation<M>({
        seed: 1,
        nodeIds: ['a', 'b'],
        network: { latency: latency.constant(5) },
        createNode: (ctx) => ({
          id: ctx.id,
          start: () => [setTimer('tick', 10)],
          step: (input) => (input.type === 'timer' ? [send(ctx.id === 'a' ? 'b' : 'a', { type: 'Hi' }), setTimer('tick', 10)] : [output('heard')]),
        }),
        checkers: [
          eventually<ProtocolNode<M>>('heardAfterHeal', (c) => (c.outputs[c.outputs.length - 1]?.label === 'heard' && c.outputs[c.outputs.length - 1]!.timeMs > healedAt), { withinMs: 50, after: 'heal' }),
        ],
      });
    let healedAt = Infinity;
    const sim = build();
    sim.runFor(100);
    sim.partition(['a'], ['b']);
    sim.runFor(100);
    healedAt = sim.nowMs;
    sim.heal();
    sim.runFor(500);
    expect(sim.finish()).toBeUndefined();
    // The same run, but a's messages keep being dropped after the heal: the check fails.
    healedAt = Infinity;
    const stuck = build();
    stuck.runFor(100);
    stuck.partition(['a'], ['b']);
    stuck.runFor(100);
    healedAt = stuck.nowMs;
    stuck.dropIf(() => true);
    stuck.heal();
    stuck.runFor(500);
    expect(stuck.violation?.checker).toBe('heardAfterHeal');
  });
});

describe('eventually with a trigger predicate, and the view of clients', () => {
  it('starts the clock when the trigger turns true, and sees client ids and the history', () => {
    type M = { type: 'Go' };
    const views: string[] = [];
    const sim = new Simulation<M>({
      seed: 1,
      nodeIds: ['a'],
      createNode: (ctx) => ({ id: ctx.id, start: () => [setTimer('arm', 100), setTimer('done', 180)], step: (input) => (input.type === 'timer' ? [output(input.name)] : []) }),
      clients: { ids: ['c'], createClient: (ctx) => ({ id: ctx.id, start: () => [output('op:invoke', { request: 1, input: 'x' })], step: () => [] }) },
      checkers: [
        eventually<ProtocolNode<M>>('doneAfterArm', (c) => c.outputs.some((o) => o.label === 'done'), { withinMs: 50, after: (c) => c.outputs.some((o) => o.label === 'arm') }),
        function viewOfClients(c: ClusterView<ProtocolNode<M>>) {
          views.push(`${c.clients.join()}:${c.history.length}:${c.nodes.has('c')}`);
        },
      ],
    });
    sim.runFor(500);
    expect(sim.violation?.checker).toBe('doneAfterArm');
    expect(sim.violation?.message).toMatch(/desde t=100/);
    expect(views[views.length - 1]).toBe('c:1:false');
    expect(sim.history[0]).toMatchObject({ client: 'c', input: 'x', status: 'info' });
  });
});

describe('protocol exceptions', () => {
  const thrower = (when: 'start' | 'step') => (ctx: NodeContext): ProtocolNode<PingPongMessage> => ({
    id: ctx.id,
    start: () => {
      if (when === 'start' && ctx.id === 'b') throw new Error('boom at start');
      return ctx.id === 'a' ? [send('b', { type: 'Ping', seq: 1 })] : [];
    },
    step: () => {
      throw new Error('boom in step');
    },
  });

  it('become a protocolException violation naming the node and carrying the seed', () => {
    const sim = new Simulation({ seed: 'xyz', nodeIds: ['a', 'b'], createNode: thrower('step') });
    sim.runFor(100);
    expect(sim.violation).toMatchObject({ checker: 'protocolException', seed: 'xyz', nodes: ['b'] });
    expect(sim.violation?.message).toMatch(/b .*step.*boom in step/);
    const atStart = new Simulation({ seed: 2, nodeIds: ['a', 'b'], createNode: thrower('start') });
    expect(atStart.violation?.message).toMatch(/boom at start/);
  });

  it("with onViolation: 'throw' they throw an InvariantViolationError whose cause is the original error", () => {
    const sim = new Simulation({ seed: 5, nodeIds: ['a', 'b'], createNode: thrower('step'), onViolation: 'throw' });
    let caught: unknown;
    try {
      sim.runFor(100);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvariantViolationError);
    expect((caught as Error).message).toMatch(/seed=5/);
    expect(((caught as { cause?: Error }).cause as Error).message).toBe('boom in step');
  });
});
