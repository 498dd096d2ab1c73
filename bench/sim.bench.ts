/**
 * Simulator throughput, each figure next to a reference measured in the same run: a bare
 * binary-heap loop (pop the earliest event, push one later event) holding the same number of
 * pending events.
 *
 * Each figure also shows the protocol floor: the same heap plus the nodes' own `step` code and
 * nothing else, the part of a delivery's cost no simulator of those nodes can remove.
 *
 * Each case runs in a fresh process, as JMH forks per benchmark: one workload's type feedback
 * (other node classes through the same call sites) and garbage must not slow the next. Inside
 * a case, after a warm-up, rounds of reference, floor and simulator runs (a full collection
 * before each) are made back to back, and the median round's ratios are reported: the
 * machine's speed drifts over seconds, so only runs made moments apart compare.
 *
 * Run: `npx tsx bench/sim.bench.ts` (or `npm run bench -- sim`).
 */
import { spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createRng } from '../lib/random/index';
import { allToAll, latency, MemoryDurableStore, pingPong, Simulation } from '../lib/sim/index';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../lib/sim/index';

type Ev = { timeMs: number; seq: number; payload: number };

/**
 * The reference: a textbook binary min-heap of event objects ordered by `(timeMs, seq)`,
 * written out here rather than shared with the simulator, so the two never share call sites
 * (and type feedback) inside one process.
 */
class BinaryHeap<E extends { timeMs: number; seq: number } = Ev> {
  private readonly items: E[] = [];
  push(e: E): void {
    const items = this.items;
    let i = items.length;
    items.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p] as E;
      if (parent.timeMs < e.timeMs || (parent.timeMs === e.timeMs && parent.seq < e.seq)) break;
      items[i] = parent;
      i = p;
    }
    items[i] = e;
  }
  pop(): E | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const right = c + 1;
      if (right < n && earlier(items[right] as E, items[c] as E)) c = right;
      if (!earlier(items[c] as E, last)) break;
      items[i] = items[c] as E;
      i = c;
    }
    items[i] = last;
    return top;
  }
}

function earlier(a: { timeMs: number; seq: number }, b: { timeMs: number; seq: number }): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}

/** The reference: `ops` pop+push steps on a heap holding `pending` events. Returns ns per step. */
function bareHeapLoop(pending: number, ops: number): number {
  const queue = new BinaryHeap<Ev>();
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

type Delivery<M> = { timeMs: number; seq: number; to: number; from: NodeId; message: M };

/**
 * The protocol floor: the reference heap plus the nodes' own code and nothing else. Each step
 * pops a message, builds its input, calls the node's `step`, and queues every send it returns
 * with a latency drawn from the same kind of generator as the reference. No copying, faults,
 * trace, timers or checks: the part of a delivery's cost that belongs to the protocol, not to
 * the simulator. Returns ns per delivery over `deliveries` steps (after the nodes' starts).
 */
function protocolFloor<M>(nodeIds: readonly NodeId[], createNode: (context: NodeContext) => ProtocolNode<M>, deliveries: number): number {
  const index = new Map(nodeIds.map((id, i) => [id, i]));
  const nodes = nodeIds.map((id) => createNode({ id, nodeIds, rng: createRng(id), durable: new MemoryDurableStore() }));
  const queue = new BinaryHeap<Delivery<M>>();
  let seq = 0;
  let x = 12345;
  const next = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const queueSends = (from: number, nowMs: number, effects: readonly Effect<M>[]) => {
    for (const effect of effects) {
      if (effect.type === 'send') queue.push({ timeMs: nowMs + 5 + next() * 10, seq: seq++, to: index.get(effect.to) as number, from: nodeIds[from] as NodeId, message: effect.message });
    }
  };
  nodes.forEach((node, i) => queueSends(i, 0, node.start(0)));
  const start = process.hrtime.bigint();
  let done = 0;
  for (; done < deliveries; done++) {
    const d = queue.pop();
    if (d === undefined) break;
    const input: Input<M> = { type: 'message', from: d.from, message: d.message };
    queueSends(d.to, d.timeMs, (nodes[d.to] as ProtocolNode<M>).step(input, d.timeMs));
  }
  return Number(process.hrtime.bigint() - start) / done;
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

/** One figure of the bench: a workload, with the trace on or off. */
interface Case {
  readonly name: string;
  readonly unit: 'deliveries/s' | 'ns/event';
  /** Timed reference run: ns per heap step. */
  readonly reference: () => number;
  /** Timed protocol floor run: ns per delivery. */
  readonly floor: () => number;
  /** Timed simulator run: ns per delivery. */
  readonly simulator: () => number;
}

function timed(run: () => number): number {
  const start = process.hrtime.bigint();
  const events = run();
  return Number(process.hrtime.bigint() - start) / events;
}

function cases(): Case[] {
  const list: Case[] = [];
  for (const trace of [false, true]) {
    const tag = trace ? 'trace on' : 'trace off';
    list.push({
      name: `ping-pong deliveries/s (${tag})`,
      unit: 'deliveries/s',
      reference: () => bareHeapLoop(1, 200_000),
      floor: () => protocolFloor(['n1', 'n2'], pingPong(1e9), 100_000),
      simulator: () =>
        timed(() => {
          const sim = new Simulation({ seed: 1, trace, nodeIds: ['n1', 'n2'], createNode: pingPong(50_000), network: { latency: latency.uniform(5, 15) } });
          sim.runFor(1e12);
          return sim.stats.delivered;
        }),
    });
    const n = 16;
    list.push({
      name: `all-to-all (16 nodes) deliveries/s (${tag})`,
      unit: 'deliveries/s',
      reference: () => bareHeapLoop(n * (n - 1), 100_000),
      floor: () => protocolFloor(Array.from({ length: n }, (_, i) => `n${i}`), allToAll(1e9), 100_000),
      simulator: () =>
        timed(() => {
          const sim = new Simulation({ seed: 1, trace, nodeIds: Array.from({ length: n }, (_, i) => `n${i}`), createNode: allToAll(200), network: { latency: latency.uniform(5, 15) } });
          sim.runFor(1e12);
          return sim.stats.delivered;
        }),
    });
  }
  for (const trace of [false, true]) {
    const tag = trace ? 'trace on' : 'trace off';
    for (const pending of [1_000, 10_000, 100_000, 1_000_000]) {
      const deliveries = 100_000;
      list.push({
        name: `ns/event, ${pending.toLocaleString('en-US')} pending (${tag})`,
        unit: 'ns/event',
        reference: () => bareHeapLoop(pending, deliveries),
        floor: () => protocolFloor(Array.from({ length: 64 }, (_, i) => `r${i}`), (c) => new Relay(c, pending), deliveries),
        simulator: () => {
          // Only the steady state is timed: the tokens are sent before the clock starts.
          const sim = new Simulation({ seed: 1, trace, nodeIds: Array.from({ length: 64 }, (_, i) => `r${i}`), createNode: (c) => new Relay(c, pending), network: { latency: latency.uniform(5, 15) } });
          return timed(() => {
            let done = 0;
            while (done < deliveries && sim.step()) done++;
            return done;
          });
        },
      });
    }
  }
  return list;
}

/** Rounds of reference, floor and simulator runs in each case's process. */
const ROUNDS = 8;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs one case in this process and prints its figures as JSON: after a warm-up, rounds of
 * reference, floor and simulator runs back to back. The machine's speed drifts by tens of
 * percent over seconds, so each round's ratios compare runs made moments apart, and the median
 * round is reported, next to the best time of each.
 */
function runCase(name: string): void {
  const found = cases().find((c) => c.name === name);
  if (found === undefined) throw new Error(`no bench case named "${name}"`);
  // A full collection before each timed run, so no run pays for the garbage another left
  // behind. Each still pays for every collection it causes.
  setFlagsFromString('--expose-gc');
  const fullGc = runInNewContext('gc') as () => void;
  found.reference();
  found.floor();
  found.simulator();
  const rounds: { referenceNs: number; floorNs: number; simulatorNs: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    fullGc();
    const referenceNs = found.reference();
    fullGc();
    const floorNs = found.floor();
    fullGc();
    rounds.push({ referenceNs, floorNs, simulatorNs: found.simulator() });
  }
  console.log(
    JSON.stringify({
      referenceNs: Math.min(...rounds.map((r) => r.referenceNs)),
      simulatorNs: Math.min(...rounds.map((r) => r.simulatorNs)),
      ratio: median(rounds.map((r) => r.simulatorNs / r.referenceNs)),
      floorRatio: median(rounds.map((r) => r.floorNs / r.referenceNs)),
    }),
  );
}

const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));

const caseArg = process.argv.indexOf('--case');
if (caseArg >= 0) {
  runCase(process.argv[caseArg + 1] ?? '');
} else {
  console.log('Each line: the simulator\'s and the reference\'s best speed (the reference is a bare binary-heap');
  console.log('loop), the median ratio of runs made back to back, and the same ratio for the protocol floor');
  console.log('(the reference heap plus the nodes\' own step code, nothing else).\n');
  for (const c of cases()) {
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--case', c.name], { encoding: 'utf8' });
    if (child.status !== 0) {
      console.error(`${c.name}: failed\n${child.stderr}`);
      process.exitCode = 1;
      continue;
    }
    const r = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { referenceNs: number; simulatorNs: number; ratio: number; floorRatio: number };
    const ratio = `ratio ${r.ratio.toFixed(2)}x; floor ${r.floorRatio.toFixed(2)}x`;
    const figures =
      c.unit === 'deliveries/s'
        ? `${fmt(1e9 / r.simulatorNs)} deliveries/s  (reference: ${fmt(1e9 / r.referenceNs)} heap steps/s, ${ratio})`
        : `${fmt(r.simulatorNs)} ns/event  (reference: ${fmt(r.referenceNs)} ns/step, ${ratio})`;
    console.log(`${c.name.padEnd(46)} ${figures}`);
  }
}
