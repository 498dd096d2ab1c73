/**
 * Simulator throughput, each figure next to a reference measured in the same run: a bare
 * binary-heap loop (pop the earliest event, push one later event) holding the same number of
 * pending events. Run: `npx tsx bench/sim.bench.ts`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

// Warm up the JIT on every path once.
bareHeapLoop(1_000, 200_000);
new Simulation({ seed: 0, trace: false, nodeIds: ['a', 'b'], createNode: pingPong(50_000) }).runFor(1e9);

// A full collection before each timed run, so neither side pays for the garbage the other
// left behind (a traced run leaves hundreds of MB that would otherwise be swept while the
// reference is being timed). Each side still pays for every collection its own run causes.
setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;

/** Alternates reference and simulator runs and keeps the best of each: robust to a busy machine. */
function compare(repeats: number, reference: () => number, simulator: () => number): { referenceNs: number; simulatorNs: number } {
  let referenceNs = Infinity;
  let simulatorNs = Infinity;
  for (let i = 0; i < repeats; i++) {
    fullGc();
    referenceNs = Math.min(referenceNs, reference());
    fullGc();
    simulatorNs = Math.min(simulatorNs, simulator());
  }
  return { referenceNs, simulatorNs };
}

for (const trace of [false, true]) {
  const tag = trace ? 'trace on' : 'trace off';
  const rounds = trace ? 100_000 : 200_000;
  const ping = compare(
    3,
    () => bareHeapLoop(1, 400_000),
    () => {
      const r = timeIt(() => {
        const sim = new Simulation({ seed: 1, trace, nodeIds: ['n1', 'n2'], createNode: pingPong(rounds), network: { latency: latency.uniform(5, 15) } });
        sim.runFor(1e12);
        return sim.stats.delivered;
      });
      return r.ns / r.events;
    },
  );
  line(`ping-pong deliveries/s (${tag})`, 1e9 / ping.simulatorNs, 'deliveries/s', 1e9 / ping.referenceNs, 'heap steps/s', ping.simulatorNs / ping.referenceNs);

  const n = 16;
  const bcast = compare(
    3,
    () => bareHeapLoop(n * (n - 1), 400_000),
    () => {
      const r = timeIt(() => {
        const sim = new Simulation({ seed: 1, trace, nodeIds: Array.from({ length: n }, (_, i) => `n${i}`), createNode: allToAll(trace ? 400 : 800), network: { latency: latency.uniform(5, 15) } });
        sim.runFor(1e12);
        return sim.stats.delivered;
      });
      return r.ns / r.events;
    },
  );
  line(`all-to-all (16 nodes) deliveries/s (${tag})`, 1e9 / bcast.simulatorNs, 'deliveries/s', 1e9 / bcast.referenceNs, 'heap steps/s', bcast.simulatorNs / bcast.referenceNs);
}

for (const trace of [false, true]) {
  const tag = trace ? 'trace on' : 'trace off';
  for (const pending of [1_000, 10_000, 100_000, 1_000_000]) {
    const deliveries = trace ? 200_000 : 400_000;
    const makeSim = () =>
      new Simulation({ seed: 1, trace, nodeIds: Array.from({ length: 64 }, (_, i) => `r${i}`), createNode: (c) => new Relay(c, pending), network: { latency: latency.uniform(5, 15) } });
    const result = compare(
      2,
      () => bareHeapLoop(pending, deliveries),
      () => {
        // Only the steady state is timed: the tokens are sent before the clock starts.
        const sim = makeSim();
        const r = timeIt(() => {
          let done = 0;
          while (done < deliveries && sim.step()) done++;
          return done;
        });
        return r.ns / r.events;
      },
    );
    line(`ns/event, ${pending.toLocaleString('en-US')} pending (${tag})`, result.simulatorNs, 'ns/event', result.referenceNs, 'ns/step', result.simulatorNs / result.referenceNs);
  }
}
