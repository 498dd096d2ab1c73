/**
 * Simulator throughput, each figure next to a reference measured in the same run: a bare
 * binary-heap loop (pop the earliest event, push one later event) holding the same number of
 * pending events. Run: `npx tsx bench/sim.bench.ts`.
 */
import { allToAll, EventQueue, latency, pingPong, Simulation } from '../lib/sim/index';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../lib/sim/index';

type Ev = { timeMs: number; seq: number; payload: number };

/** The reference: `ops` pop+push steps on a heap holding `pending` events. Returns ns per step. */
function bareHeapLoop(pending: number, ops: number): number {
  const queue = new EventQueue<Ev>();
  let seq = 0;
  let x = 12345;
  const next = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < pending; i++) queue.push({ timeMs: next() * 10, seq: seq++, payload: i });
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) {
    const e = queue.pop() as Ev;
    queue.push({ timeMs: e.timeMs + 5 + next() * 10, seq: seq++, payload: e.payload });
  }
  return Number(process.hrtime.bigint() - start) / ops;
}

/** Every delivery forwards the token to the next node: the pending count stays at `tokens`. */
type Token = { type: 'Token'; id: number };
class Relay implements ProtocolNode<Token> {
  readonly id: NodeId;
  private readonly next: NodeId;
  constructor(context: NodeContext, private readonly tokens: number) {
    this.id = context.id;
    const i = context.nodeIds.indexOf(context.id);
    this.next = context.nodeIds[(i + 1) % context.nodeIds.length] as NodeId;
  }
  start(): Effect<Token>[] {
    if (this.id !== 'r0') return [];
    return Array.from({ length: this.tokens }, (_, id) => ({ type: 'send', to: this.next, message: { type: 'Token', id } }));
  }
  step(input: Input<Token>): Effect<Token>[] {
    return input.type === 'message' ? [{ type: 'send', to: this.next, message: input.message }] : [];
  }
}

function timeIt(run: () => number): { ns: number; events: number } {
  const start = process.hrtime.bigint();
  const events = run();
  return { ns: Number(process.hrtime.bigint() - start), events };
}

function line(name: string, value: number, unit: string, reference: number, referenceUnit: string, ratio: number): void {
  const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));
  console.log(`${name.padEnd(44)} ${fmt(value)} ${unit}  (reference: ${fmt(reference)} ${referenceUnit}, ratio ${ratio.toFixed(2)}x)`);
}

function best<T extends { ns: number; events: number }>(runs: number, f: () => T): T {
  let bestRun: T | undefined;
  for (let i = 0; i < runs; i++) {
    const r = f();
    if (bestRun === undefined || r.ns / r.events < bestRun.ns / bestRun.events) bestRun = r;
  }
  return bestRun as T;
}

// Warm up the JIT on every path once.
bareHeapLoop(1_000, 200_000);
new Simulation({ seed: 0, trace: false, nodeIds: ['a', 'b'], createNode: pingPong(50_000) }).runFor(1e9);

for (const trace of [false, true]) {
  const tag = trace ? 'trace on' : 'trace off';
  const rounds = trace ? 100_000 : 300_000;
  const ping = best(3, () =>
    timeIt(() => {
      const sim = new Simulation({ seed: 1, trace, nodeIds: ['n1', 'n2'], createNode: pingPong(rounds), network: { latency: latency.uniform(5, 15) } });
      sim.runFor(1e12);
      return sim.stats.delivered;
    }),
  );
  const refNs = Math.min(bareHeapLoop(1, 1_000_000), bareHeapLoop(1, 1_000_000));
  const perSec = (ping.events / ping.ns) * 1e9;
  line(`ping-pong deliveries/s (${tag})`, perSec, 'deliveries/s', 1e9 / refNs, 'heap steps/s', 1e9 / refNs / perSec);

  const n = 16;
  const bcast = best(3, () =>
    timeIt(() => {
      const sim = new Simulation({ seed: 1, trace, nodeIds: Array.from({ length: n }, (_, i) => `n${i}`), createNode: allToAll(trace ? 400 : 1_000) });
      sim.runFor(1e12);
      return sim.stats.delivered;
    }),
  );
  const refB = Math.min(bareHeapLoop(n * (n - 1), 1_000_000), bareHeapLoop(n * (n - 1), 1_000_000));
  const bPerSec = (bcast.events / bcast.ns) * 1e9;
  line(`all-to-all (16 nodes) deliveries/s (${tag})`, bPerSec, 'deliveries/s', 1e9 / refB, 'heap steps/s', 1e9 / refB / bPerSec);
}

for (const trace of [false, true]) {
  const tag = trace ? 'trace on' : 'trace off';
  for (const pending of [1_000, 10_000, 100_000, 1_000_000]) {
    const deliveries = trace ? 300_000 : 1_000_000;
    const relay = timeIt(() => {
      const sim = new Simulation({ seed: 1, trace, nodeIds: Array.from({ length: 64 }, (_, i) => `r${i}`), createNode: (c) => new Relay(c, pending), network: { latency: latency.uniform(5, 15) } });
      const setup = sim.stats.events;
      // Run a fixed number of deliveries after the initial burst of sends.
      while (sim.stats.events - setup < deliveries && sim.step());
      return sim.stats.events - setup;
    });
    // The relay's setup time (sending the tokens) is included; subtract a setup-only run.
    const setupOnly = timeIt(() => {
      const sim = new Simulation({ seed: 1, trace, nodeIds: Array.from({ length: 64 }, (_, i) => `r${i}`), createNode: (c) => new Relay(c, pending), network: { latency: latency.uniform(5, 15) } });
      return sim.pendingEvents;
    });
    const ns = (relay.ns - setupOnly.ns) / relay.events;
    const ref = bareHeapLoop(pending, deliveries);
    line(`ns/event, ${pending.toLocaleString('en-US')} pending (${tag})`, ns, 'ns/event', ref, 'ns/step', ns / ref);
  }
}
