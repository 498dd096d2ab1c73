/**
 * Gossip experiments on lib/sim: rounds until every live node has the rumour, and messages
 * per node, against N, for push, pull and push–pull, with loss and crashed nodes.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { GossipMessage, GossipMode } from './messages';
import { formatGossipMessage } from './messages';
import { gossipNode } from './node';
import type { GossipNode } from './node';

/** Options of {@link gossipRun}. */
export interface GossipRunOptions {
  readonly n: number;
  readonly mode: GossipMode;
  readonly seed: Seed;
  readonly fanout?: number;
  /** Message loss probability (default 0). */
  readonly loss?: number;
  /** Fraction of nodes crashed from the start (never the origin; default 0). */
  readonly crashedFraction?: number;
  /** Give up after this many rounds (default 200). */
  readonly maxRounds?: number;
  readonly mayPickSelf?: boolean;
  readonly trace?: boolean;
}

/** The outcome of one run. */
export interface GossipRunResult {
  readonly n: number;
  readonly mode: GossipMode;
  readonly live: number;
  readonly informedLive: number;
  /** Rounds until every live node was informed (`undefined` if it never happened). */
  readonly rounds: number | undefined;
  readonly messages: number;
  /** Messages sent per live node until then. */
  readonly messagesPerNode: number;
  readonly sim: Simulation<GossipMessage, GossipNode>;
}

/** Node ids `g0 … g(n−1)`. */
export function gossipIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `g${i}`);
}

const PERIOD_MS = 100;

/**
 * One gossip run of the rumour from `g0` until every live node has it.
 *
 * @example
 * gossipRun({ n: 1_000, mode: 'push', seed: 1 }).rounds; // ≈ log₂ 1000 + ln 1000 ≈ 17
 */
export function gossipRun(options: GossipRunOptions): GossipRunResult {
  if (!Number.isInteger(options.n) || options.n < 2) throw new RangeError(`n debe ser un entero ≥ 2, no ${options.n}`);
  const ids = gossipIds(options.n);
  const plan = createRng(`${String(options.seed)}/caidos`);
  const crashed = plan.sample(ids.slice(1), Math.floor((options.crashedFraction ?? 0) * (options.n - 1)));
  const sim = new Simulation<GossipMessage, GossipNode>({
    seed: options.seed,
    trace: options.trace ?? false,
    nodeIds: ids,
    formatMessage: formatGossipMessage,
    network: { latency: latency.uniform(1, PERIOD_MS / 2), loss: options.loss ?? 0 },
    createNode: gossipNode({ mode: options.mode, fanout: options.fanout ?? 1, periodMs: PERIOD_MS, origin: 'g0', rumor: 'bloque-1', mayPickSelf: options.mayPickSelf ?? false }),
  });
  for (const id of crashed) sim.crash(id);
  const live = () => [...sim.nodes.values()];
  const allInformed = () => live().every((node) => node.rumor !== undefined);
  // Round k's messages leave at k·period and arrive within period/2: check once per round
  // (a predicate after every event would cost O(N) per event).
  let done = allInformed();
  for (let k = 1; !done && k <= (options.maxRounds ?? 200); k++) {
    sim.runUntilTime(k * PERIOD_MS + (3 * PERIOD_MS) / 4);
    done = allInformed();
  }
  const nodes = live();
  const messages = nodes.reduce((sum, node) => sum + node.sent, 0);
  const rounds = done ? Math.max(...nodes.map((node) => node.informedRound ?? 0)) : undefined;
  return { n: options.n, mode: options.mode, live: nodes.length, informedLive: nodes.filter((x) => x.rumor !== undefined).length, rounds, messages, messagesPerNode: messages / nodes.length, sim };
}

/** One point of {@link gossipScaling}: a mode and a size, averaged over seeds. */
export interface GossipScalingRow {
  readonly mode: GossipMode;
  readonly n: number;
  readonly condition: string;
  readonly roundsMean: number;
  readonly roundsMin: number;
  readonly roundsMax: number;
  readonly messagesPerNode: number;
  /** Runs that did not inform every live node within the round limit. */
  readonly incomplete: number;
}

/** Options of {@link gossipScaling}. */
export interface GossipScalingOptions {
  readonly sizes: readonly number[];
  readonly modes: readonly GossipMode[];
  readonly seeds: number;
  readonly seed: Seed;
  readonly fanout?: number;
  readonly loss?: number;
  readonly crashedFraction?: number;
  /** A label for the network condition (default from loss and crashes). */
  readonly condition?: string;
}

/**
 * Rounds and messages per node against N for each mode, over `seeds` runs per point.
 *
 * @example
 * gossipScaling({ sizes: [16, 256, 4096], modes: ['push', 'push-pull'], seeds: 2, seed: 1 });
 */
export function gossipScaling(options: GossipScalingOptions): GossipScalingRow[] {
  const condition = options.condition ?? `pérdida ${Math.round((options.loss ?? 0) * 100)} %, caídos ${Math.round((options.crashedFraction ?? 0) * 100)} %`;
  const rows: GossipScalingRow[] = [];
  for (const mode of options.modes) {
    for (const n of options.sizes) {
      const rounds: number[] = [];
      let messages = 0;
      let incomplete = 0;
      for (let s = 0; s < options.seeds; s++) {
        const r = gossipRun({ n, mode, seed: `${String(options.seed)}/${mode}/${n}/${s}`, fanout: options.fanout ?? 1, loss: options.loss ?? 0, crashedFraction: options.crashedFraction ?? 0 });
        if (r.rounds === undefined) incomplete++;
        else rounds.push(r.rounds);
        messages += r.messagesPerNode;
      }
      rows.push({
        mode, n, condition,
        roundsMean: rounds.length ? rounds.reduce((a, b) => a + b, 0) / rounds.length : Number.NaN,
        roundsMin: rounds.length ? Math.min(...rounds) : Number.NaN,
        roundsMax: rounds.length ? Math.max(...rounds) : Number.NaN,
        messagesPerNode: messages / options.seeds,
        incomplete,
      });
    }
  }
  return rows;
}

/** Push with fan-out 1: log₂ N + ln N rounds (Frieze & Grimmett 1985; Pittel 1987). */
export function pushRoundsTheory(n: number): number {
  return Math.log2(n) + Math.log(n);
}

/** Push–pull with fan-out 1: log₃ N + O(ln ln N) rounds (Karp, Schindelhauer, Shenker, Vöcking 2000). */
export function pushPullRoundsTheory(n: number): number {
  return Math.log(n) / Math.log(3) + Math.log(Math.log(n));
}
