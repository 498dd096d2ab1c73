import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import {
  countByKind,
  fault,
  latency,
  MemoryDurableStore,
  pingPong,
  randomChatter,
  randomFaults,
  sampleLatency,
  Simulation,
} from '../../lib/sim/index';
import type { Effect, Input, NodeContext, ProtocolNode, TraceEvent } from '../../lib/sim/index';

/** n1 sends `count` numbered messages to n2, one every `gapMs`. */
type Num = { type: 'Num'; i: number };
class Sender implements ProtocolNode<Num> {
  readonly id: string;
  received: number[] = [];
  private i = 0;
  constructor(context: NodeContext, private readonly count: number, private readonly gapMs: number) {
    this.id = context.id;
  }
  start(): Effect<Num>[] {
    return this.id === 'n1' ? [{ type: 'setTimer', name: 'tick', afterMs: 0 }] : [];
  }
  step(input: Input<Num>): Effect<Num>[] {
    if (input.type === 'message') {
      this.received.push(input.message.i);
      return [];
    }
    this.i++;
    const effects: Effect<Num>[] = [{ type: 'send', to: 'n2', message: { type: 'Num', i: this.i } }];
    if (this.i < this.count) effects.push({ type: 'setTimer', name: 'tick', afterMs: this.gapMs });
    return effects;
  }
}

/** Both nodes send a numbered message to the other every millisecond, `count` times each. */
class TwoWay implements ProtocolNode<Num> {
  readonly id: string;
  private i = 0;
  constructor(context: NodeContext, private readonly count: number) {
    this.id = context.id;
  }
  start(): Effect<Num>[] {
    return [{ type: 'setTimer', name: 'tick', afterMs: 0 }];
  }
  step(input: Input<Num>): Effect<Num>[] {
    if (input.type === 'message') return [];
    this.i++;
    const effects: Effect<Num>[] = [{ type: 'send', to: this.id === 'n1' ? 'n2' : 'n1', message: { type: 'Num', i: this.i } }];
    if (this.i < this.count) effects.push({ type: 'setTimer', name: 'tick', afterMs: 1 });
    return effects;
  }
}

function stream(seed: number, network: ConstructorParameters<typeof Simulation<Num, Sender>>[0]['network'], count = 200, gapMs = 1) {
  const sim = new Simulation<Num, Sender>({ seed, nodeIds: ['n1', 'n2'], createNode: (c) => new Sender(c, count, gapMs), network });
  return sim;
}

const drops = (trace: readonly TraceEvent<unknown>[], reason: string) => trace.filter((e) => e.kind === 'drop' && e.reason === reason).length;

describe('network faults each observably happen', () => {
  it('loss: about the given fraction of messages is dropped with reason "loss"', () => {
    const sim = stream(1, { loss: 0.3 }, 1_000).runFor(5_000);
    const lost = drops(sim.trace, 'loss');
    expect(lost).toBeGreaterThan(220);
    expect(lost).toBeLessThan(380);
    expect(sim.node('n2')?.received.length).toBe(1_000 - lost);
  });

  it('duplication: some messages are delivered twice', () => {
    const sim = stream(2, { duplicate: 0.2 }).runFor(5_000);
    const received = sim.node('n2')?.received ?? [];
    expect(received.length).toBeGreaterThan(200);
    expect(new Set(received).size).toBe(200);
    expect(sim.trace.some((e) => e.kind === 'deliver' && e.duplicate)).toBe(true);
  });

  it('reordering: with constant latency, only reordered messages overtake', () => {
    const fifo = stream(3, { latency: latency.constant(10) }).runFor(5_000).node('n2')?.received ?? [];
    expect(fifo).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const reordered = stream(3, { latency: latency.constant(10), reorder: 0.2, reorderDelayMs: 30 }).runFor(5_000).node('n2')?.received ?? [];
    expect(reordered.length).toBe(200);
    expect(reordered).not.toEqual(fifo);
  });

  it('latency distributions respect their shape', () => {
    const rng = createRng(4);
    const draws = (model: Parameters<typeof sampleLatency>[0]) => Array.from({ length: 2_000 }, () => sampleLatency(model, rng));
    expect(new Set(draws(latency.constant(7)))).toEqual(new Set([7]));
    const u = draws(latency.uniform(5, 15));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...u)).toBeLessThan(15);
    const n = draws(latency.normal(2, 5));
    expect(Math.min(...n)).toBe(0); // clipped at zero, and the clip is hit
    const e = draws(latency.exponential(10, 3));
    expect(Math.min(...e)).toBeGreaterThanOrEqual(3);
    const mean = e.reduce((s, x) => s + x, 0) / e.length;
    expect(mean).toBeGreaterThan(12);
    expect(mean).toBeLessThan(14);
  });

  it('per-link overrides apply to that link only', () => {
    const sim = new Simulation({
      seed: 5,
      nodeIds: ['a', 'b', 'c'],
      createNode: randomChatter(40),
      network: { latency: latency.constant(1), links: [{ from: 'a', to: 'b', bothWays: true, latency: latency.constant(50) }] },
    });
    sim.runFor(5_000);
    for (const e of sim.trace) {
      if (e.kind !== 'deliver') continue;
      const slow = (e.from === 'a' && e.to === 'b') || (e.from === 'b' && e.to === 'a');
      expect(e.timeMs - e.sentAtMs).toBeCloseTo(slow ? 50 : 1, 9);
    }
  });

  it('partition: messages across it are dropped until heal, then flow again', () => {
    const sim = stream(6, { latency: latency.constant(2) }, 300, 1);
    sim.schedule([fault.partition(100, [['n1'], ['n2']], 200)]);
    sim.runFor(1_000);
    const partitioned = sim.trace.filter((e) => e.kind === 'drop' && e.reason === 'partition');
    expect(partitioned.length).toBeGreaterThan(90);
    expect(partitioned.every((e) => e.timeMs >= 100 && e.timeMs <= 200)).toBe(true);
    expect(sim.trace.some((e) => e.kind === 'deliver' && e.timeMs > 205)).toBe(true);
    expect(countByKind(sim.trace).get('partition')).toBe(1);
    expect(countByKind(sim.trace).get('heal')).toBe(1);
  });

  it('cut link: one pair stops talking, in both directions, only during [20, 40)', () => {
    const sim = new Simulation<Num, TwoWay>({ seed: 7, nodeIds: ['n1', 'n2'], createNode: (c) => new TwoWay(c, 100), network: { latency: latency.constant(2) } });
    sim.schedule([fault.cut(20, 'n1', 'n2', 40)]);
    sim.runFor(500);
    const linkDrops = sim.trace.filter((e) => e.kind === 'drop' && e.reason === 'link');
    expect(linkDrops.length).toBeGreaterThan(30);
    for (const e of linkDrops) expect(e.timeMs, `drop at ${e.timeMs}`).toBeGreaterThanOrEqual(20);
    for (const e of linkDrops) expect(e.timeMs, `drop at ${e.timeMs}`).toBeLessThan(40);
    for (const [from, to] of [['n1', 'n2'], ['n2', 'n1']] as const) {
      expect(linkDrops.some((e) => e.kind === 'drop' && e.from === from && e.to === to), `drops ${from}→${to}`).toBe(true);
      expect(sim.trace.some((e) => e.kind === 'deliver' && e.from === from && e.to === to && e.sentAtMs >= 40), `deliveries ${from}→${to} after restore`).toBe(true);
    }
    expect(sim.trace.some((e) => e.kind === 'deliver' && e.sentAtMs >= 20 && e.sentAtMs < 40)).toBe(false);
  });

  it('crash: volatile state and timers are lost, messages to the crashed node are dropped; restart boots a fresh node', () => {
    const sim = stream(8, { latency: latency.constant(2) }, 100, 1);
    sim.schedule([fault.crash(30, 'n2', 60), fault.crash(80, 'n1')]);
    sim.runFor(500);
    expect(drops(sim.trace, 'crashed')).toBeGreaterThan(20);
    // n2 restarted at 60 with an empty volatile inbox: it only has what arrived after.
    const received = sim.node('n2')?.received ?? [];
    expect(received[0]).toBeGreaterThan(50);
    // n1 crashed at 80 and its 'tick' timer died with it: nothing sent after 80.
    expect(sim.trace.filter((e) => e.kind === 'send' && e.timeMs > 80)).toHaveLength(0);
    expect(sim.isUp('n1')).toBe(false);
    expect(sim.node('n1')).toBeUndefined();
  });

  it('random fault schedules come from the seed', () => {
    const options = { nodeIds: ['a', 'b', 'c'], durationMs: 1_000, crashes: 3, partitions: 2, cuts: 2 };
    expect(randomFaults(createRng(9), options)).toEqual(randomFaults(createRng(9), options));
    expect(randomFaults(createRng(9), options)).not.toEqual(randomFaults(createRng(10), options));
    const faults = randomFaults(createRng(9), options);
    expect(faults.map((f) => f.type).sort()).toEqual(['crash', 'crash', 'crash', 'dropLink', 'dropLink', 'partition', 'partition']);
  });

  it('never crashes more than maxSimultaneousCrashes nodes at once', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const faults = randomFaults(createRng(seed), { nodeIds: ['a', 'b', 'c', 'd', 'e'], durationMs: 1_000, crashes: 10, maxSimultaneousCrashes: 2 });
      const crashes = faults.flatMap((f) => (f.type === 'crash' ? [f] : []));
      // The number of nodes down only changes at crash times: check there.
      for (const { atMs: t } of crashes) {
        const down = crashes.filter((f) => f.atMs <= t && t < (f.restartAtMs ?? Infinity));
        if (down.length > 2) throw new Error(`${down.length} nodes down at t=${t}; reproduce with seed=${seed}`);
      }
      expect(crashes.length).toBeGreaterThan(0);
    }
  });
});

describe('durable state survives a crash, volatile state does not', () => {
  class Counter implements ProtocolNode<never> {
    readonly id: string;
    volatileCount = 0;
    durableCount: number;
    constructor(private readonly context: NodeContext) {
      this.id = context.id;
      this.durableCount = context.durable.get<number>('count') ?? 0;
    }
    start(): Effect<never>[] {
      return [{ type: 'setTimer', name: 'tick', afterMs: 10 }];
    }
    step(): Effect<never>[] {
      this.volatileCount++;
      this.durableCount++;
      this.context.durable.set('count', this.durableCount);
      return [{ type: 'setTimer', name: 'tick', afterMs: 10 }];
    }
  }

  it('a restarted node reads what it saved, and only that', () => {
    const sim = new Simulation<never, Counter>({ seed: 1, nodeIds: ['n1'], createNode: (c) => new Counter(c) });
    sim.runFor(55); // ticks at 10..50: 5
    sim.crash('n1');
    sim.runFor(100); // down: nothing happens
    sim.restart('n1');
    sim.runFor(25); // ticks at 165, 175: 2 more
    const node = sim.node('n1') as Counter;
    expect(node.durableCount).toBe(7);
    expect(node.volatileCount).toBe(2);
  });

  it('the durable store copies values, so later mutation does not leak into it', () => {
    const store = new MemoryDurableStore();
    const log = [{ term: 1 }];
    store.set('log', log);
    log.push({ term: 2 });
    (store.get<{ term: number }[]>('log') as { term: number }[]).push({ term: 3 });
    expect(store.get('log')).toEqual([{ term: 1 }]);
    expect(store.keys()).toEqual(['log']);
  });
});

describe('per-node clock drift', () => {
  it('nodes read their own drifting clock, and timers run on local time', () => {
    const clocks = new Map([
      ['fast', { offsetMs: 0, driftPpm: 100_000 }],
      ['slow', { offsetMs: 50, driftPpm: -100_000 }],
    ]);
    const seen = new Map<string, number[]>();
    const sim = new Simulation<never>({
      seed: 1,
      nodeIds: ['fast', 'slow'],
      clocks,
      createNode: (c) => ({
        id: c.id,
        start: (now) => (seen.set(c.id, [now]), [{ type: 'setTimer', name: 't', afterMs: 110 }]),
        step: (_input, now) => (seen.get(c.id)?.push(now), []),
      }),
    });
    sim.runFor(1_000);
    expect(sim.localTimeMs('fast')).toBeCloseTo(1_100);
    expect(sim.localTimeMs('slow')).toBeCloseTo(50 + 900);
    // 110 local ms on a clock running 10% fast take 100 true ms.
    const fired = sim.trace.flatMap((e) => (e.kind === 'timer' ? [[e.node, Math.round(e.timeMs)]] : []));
    expect(fired).toEqual([
      ['fast', 100],
      ['slow', 122],
    ]);
    expect(seen.get('fast')?.[1]).toBeCloseTo(110);
  });

  it('random clocks come from the seed and stay within bounds', () => {
    const make = (seed: number) => new Simulation({ seed, nodeIds: ['a', 'b', 'c'], createNode: pingPong(1), clocks: { maxOffsetMs: 10, maxDriftPpm: 50 } });
    const a = make(1);
    expect(['a', 'b', 'c'].map((id) => a.clockOf(id))).toEqual(['a', 'b', 'c'].map((id) => make(1).clockOf(id)));
    for (const id of ['a', 'b', 'c']) {
      expect(Math.abs(a.clockOf(id).offsetMs)).toBeLessThanOrEqual(10);
      expect(Math.abs(a.clockOf(id).driftPpm)).toBeLessThanOrEqual(50);
      expect(a.clockOf(id).driftPpm).not.toBe(0);
    }
  });
});
