import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { fault, latency, latencyHistogram, MemoryDurableStore, messageLatencies, randomChatter, randomFaults, sampleLatency, scripted, Simulation } from '../../lib/sim/index';
import type { Effect, Input, NodeContext, ProtocolNode, TraceEvent } from '../../lib/sim/index';

/** n1 sends a numbered message to n2 every millisecond, `count` times. */
type Num = { type: 'Num'; i: number };
class Stream implements ProtocolNode<Num> {
  readonly id: string;
  private i = 0;
  constructor(context: NodeContext, private readonly count: number) {
    this.id = context.id;
  }
  start(): Effect<Num>[] {
    return this.id === 'n1' ? [{ type: 'setTimer', name: 'tick', afterMs: 0 }] : [];
  }
  step(input: Input<Num>): Effect<Num>[] {
    if (input.type === 'message') return [];
    this.i++;
    const effects: Effect<Num>[] = [{ type: 'send', to: 'n2', message: { type: 'Num', i: this.i } }];
    if (this.i < this.count) effects.push({ type: 'setTimer', name: 'tick', afterMs: 1 });
    return effects;
  }
}

const stream = (count = 500) =>
  new Simulation<Num, Stream>({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: (c) => new Stream(c, count), network: { latency: latency.constant(2) } });
const deliveredSentIn = (trace: readonly TraceEvent<Num>[], from: number, to: number) =>
  trace.filter((e) => e.kind === 'deliver' && e.sentAtMs >= from && e.sentAtMs < to).length;

describe('overlapping faults heal independently', () => {
  it('a scheduled partition heals only itself', () => {
    const sim = stream();
    sim.schedule([fault.partition(100, [['n1'], ['n2', 'n3']], 300), fault.partition(200, [['n1', 'n3'], ['n2']], 250)]);
    sim.runFor(1_000);
    // The first partition still separates n1 from n2 between 250 and 300.
    expect(deliveredSentIn(sim.trace, 100, 300)).toBe(0);
    expect(sim.trace.some((e) => e.kind === 'drop' && e.reason === 'partition' && e.timeMs >= 250 && e.timeMs < 300)).toBe(true);
    expect(deliveredSentIn(sim.trace, 300, 1_000)).toBeGreaterThan(150);
  });

  it('the inner partition heals on time even when the outer one ends first', () => {
    const sim = stream();
    sim.schedule([fault.partition(100, [['n1'], ['n2']], 200), fault.partition(150, [['n1'], ['n2']], 300)]);
    sim.runFor(1_000);
    expect(deliveredSentIn(sim.trace, 100, 300)).toBe(0);
    expect(deliveredSentIn(sim.trace, 300, 1_000)).toBeGreaterThan(150);
  });

  it('bare heal() ends every partition, scheduled or not', () => {
    const sim = stream();
    sim.schedule([fault.partition(100, [['n1'], ['n2']], 400)]);
    sim.runFor(150);
    sim.partition(['n1', 'n3'], ['n2']);
    sim.runFor(50);
    sim.heal(); // at 200
    sim.runFor(800);
    expect(deliveredSentIn(sim.trace, 100, 200)).toBe(0);
    expect(deliveredSentIn(sim.trace, 200, 400)).toBeGreaterThan(150);
  });

  it('a scheduled cut restores only itself', () => {
    const sim = stream();
    sim.schedule([fault.cut(20, 'n1', 'n2', 60), fault.cut(30, 'n1', 'n2', 40)]);
    sim.runFor(1_000);
    expect(deliveredSentIn(sim.trace, 20, 60)).toBe(0);
    expect(sim.trace.some((e) => e.kind === 'drop' && e.reason === 'link' && e.timeMs >= 40 && e.timeMs < 60)).toBe(true);
    expect(deliveredSentIn(sim.trace, 60, 1_000)).toBeGreaterThan(400);
  });
});

describe('a restart is a new life', () => {
  /** Arms 'alarm' at first boot only (far away), or at every boot (`rearm`). */
  class Alarm implements ProtocolNode<never> {
    readonly id: string;
    fired = 0;
    constructor(private readonly context: NodeContext, private readonly rearmAfterMs: number | undefined) {
      this.id = context.id;
    }
    start(): Effect<never>[] {
      const first = this.context.durable.get<boolean>('booted') === undefined;
      this.context.durable.set('booted', true);
      if (first) return [{ type: 'setTimer', name: 'alarm', afterMs: 50 }];
      return this.rearmAfterMs === undefined ? [] : [{ type: 'setTimer', name: 'alarm', afterMs: this.rearmAfterMs }];
    }
    step(): Effect<never>[] {
      this.fired++;
      return [{ type: 'output', label: 'alarm' }];
    }
  }

  it('a timer of the old life does not fire after the restart, even if it was due before', () => {
    for (const rearm of [undefined, 100]) {
      const sim = new Simulation<never, Alarm>({ seed: 1, nodeIds: ['n1'], createNode: (c) => new Alarm(c, rearm) });
      sim.schedule([fault.crash(10, 'n1', 20)]);
      sim.runFor(500);
      const alarms = sim.outputs.filter((o) => o.label === 'alarm').map((o) => o.timeMs);
      // Old timer was due at 50; only the new life's timer (at 20 + 100) may fire.
      expect(alarms, `rearm=${rearm}`).toEqual(rearm === undefined ? [] : [120]);
    }
  });
});

describe('impossible schedules are rejected when they are scheduled', () => {
  const sim = () => stream(10);
  it('an end before the start throws', () => {
    expect(() => sim().schedule([fault.partition(100, [['n1'], ['n2']], 50)])).toThrow(/healAtMs=50 is before atMs=100/);
    expect(() => sim().schedule([fault.crash(100, 'n1', 99)])).toThrow(/restartAtMs=99 is before atMs=100/);
    expect(() => sim().schedule([fault.cut(100, 'n1', 'n2', 10)])).toThrow(/untilMs=10 is before atMs=100/);
  });

  it('unknown nodes in partitions and crashes throw', () => {
    expect(() => sim().schedule([fault.partition(100, [['n1'], ['n9']], 200)])).toThrow(/unknown node "n9"/);
    expect(() => sim().schedule([fault.crash(100, 'nX')])).toThrow(/unknown node "nX"/);
    expect(() => sim().partition(['n1'], ['nope'])).toThrow(/unknown node "nope"/);
  });

  it('nothing of a rejected schedule is installed', () => {
    const s = sim();
    expect(() => s.schedule([fault.crash(5, 'n2'), fault.crash(100, 'n1', 50)])).toThrow();
    s.runFor(200);
    expect(s.isUp('n2')).toBe(true);
  });

  it('negative delays and latencies are rejected', () => {
    expect(() => sim().inject('n2', { type: 'Num', i: 0 }, { afterMs: -1 })).toThrow(/afterMs/);
    expect(() => new Simulation<Num, Stream>({ seed: 1, nodeIds: ['n1', 'n2'], createNode: (c) => new Stream(c, 1), network: { latency: latency.constant(-3) } })).toThrow(/ms must be >= 0/);
    expect(() => sampleLatency(latency.uniform(-5, 3), createRng(1))).toThrow(/minMs must be >= 0/);
    expect(() => sampleLatency(latency.uniform(10, 3), createRng(1))).toThrow(/maxMs must be >= minMs/);
    expect(() => sampleLatency(latency.exponential(5, -1), createRng(1))).toThrow(/minMs must be >= 0/);
    // A normal latency is clipped at zero instead (documented on the model).
    expect(sampleLatency(latency.normal(-100, 1), createRng(1))).toBe(0);
  });
});

describe('the durable store only keeps plain data', () => {
  class Log {
    entries: number[] = [];
  }

  it('a class instance throws a TypeError naming the key and the class', () => {
    const store = new MemoryDurableStore();
    expect(() => store.set('log', new Log())).toThrow(TypeError);
    expect(() => store.set('log', new Log())).toThrow(/"log".*Log/);
    expect(() => store.set('state', { term: 3, log: new Log() })).toThrow(/"state".*\.log.*Log/);
    expect(() => store.set('state', new Map([['a', new Log()]]))).toThrow(/"state".*Log/);
    expect(() => store.set('fn', { f: () => 1 })).toThrow(TypeError);
    expect(store.keys()).toEqual([]);
  });

  it('plain data is deep-copied: objects, arrays, Map, Set, primitives', () => {
    const store = new MemoryDurableStore();
    const value = { term: 2, votedFor: null, log: [{ term: 1, cmd: 'x' }], peers: new Set(['a']), index: new Map([['a', [1, 2]]]) };
    store.set('v', value);
    value.log.push({ term: 2, cmd: 'y' });
    value.peers.add('b');
    value.index.get('a')?.push(3);
    expect(store.get('v')).toEqual({ term: 2, votedFor: null, log: [{ term: 1, cmd: 'x' }], peers: new Set(['a']), index: new Map([['a', [1, 2]]]) });
    store.set('n', 7);
    store.set('s', 'hola');
    expect([store.get('n'), store.get('s')]).toEqual([7, 'hola']);
  });
});

describe('small correctness fixes', () => {
  it('random faults start strictly before durationMs', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const faults = randomFaults(createRng(seed), { nodeIds: ['a', 'b', 'c'], durationMs: 2, crashes: 5, partitions: 5, cuts: 5 });
      for (const f of faults) expect(f.atMs, `reproduce with seed=${seed}`).toBeLessThan(2);
    }
  });

  it('a scripted node looks reactions up by name only: a message named "toString" is just a name', () => {
    const scripts = new Map([
      ['A', { atStart: [{ afterMs: 1, send: 'toString', to: 'B' }, { afterMs: 2, send: 'hola', to: 'B' }] }],
      ['B', { onReceive: { hola: [{ afterMs: 1, local: 'saludado' }] } }],
    ]);
    const sim = new Simulation({ seed: 1, nodeIds: ['A', 'B'], createNode: scripted(scripts), network: { latency: latency.constant(1) } });
    sim.runFor(100);
    expect(sim.outputs.map((o) => o.label)).toEqual(['saludado']);
  });

  it('the per-link latency histogram has every delivery, once, under its link', () => {
    const sim = new Simulation({ seed: 3, nodeIds: ['a', 'b', 'c'], createNode: randomChatter(20), network: { latency: latency.uniform(1, 9) } });
    sim.runFor(1_000);
    const fig = latencyHistogram(sim.trace, { byLink: true });
    const total = fig.data.reduce((n, t) => n + ((t as { x?: unknown[] }).x?.length ?? 0), 0);
    expect(total).toBe(messageLatencies(sim.trace).length);
    expect(fig.data.length).toBe(6);
  });
});
