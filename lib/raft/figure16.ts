/**
 * The Raft paper's Figure 16 on the simulator (Ongaro & Ousterhout 2014, §9.3; Ongaro's
 * dissertation, §9.4): how long a five-server cluster takes to detect a crashed leader and
 * elect a new one, for several election-timeout ranges, under the paper's test conditions.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { latency } from '../sim/network';
import type { LatencyModel } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { RaftMessage } from './messages';
import { raftNode } from './node';
import type { RaftNode } from './node';
import { raftNodeIds } from './scenario';

/** Options of {@link electionTimeCdf}. */
export interface ElectionCdfOptions {
  /** Timeout ranges `[min, max]` ms (default the paper's: 150–150, 150–151, 150–155, 150–175, 150–200, 150–300). */
  readonly ranges?: readonly (readonly [number, number])[];
  /** Leader crashes per range (default 100; the paper ran 1,000 per range, 100 for 150–150). */
  readonly trials?: number;
  /** Give up on one election after this long (default 15,000 ms: the paper's "over 10 s" must show). */
  readonly limitMs?: number;
  /** One-way latency of every message (default uniform 0.1–1 ms: the paper's gigabit LAN). */
  readonly latency?: LatencyModel;
  /**
   * How long a server's fsync of its term, vote or log takes (default 2 ms, calibrated: it gives
   * the paper's 287 ms median for 150–155). Our candidate writes its vote before it asks, so the
   * disk widens the split-vote window; `diskMs: 6` (a broadcast time nearer the paper's ~15 ms)
   * gives a 150–155 median of 1.7 s.
   */
  readonly diskMs?: number;
  /** Leader's heartbeat period (default half the range's minimum timeout, as in the paper). */
  readonly heartbeatMs?: number;
  /** Give two of the four survivors a shorter log, so they cannot win (default true, as in the paper). */
  readonly differentLogs?: boolean;
  readonly seed?: Seed;
}

/** Figure 16's data for one range: sorted election times (ms) and the share that timed out. */
export interface ElectionCdf {
  readonly range: readonly [number, number];
  readonly label: string;
  /** Times from the crash until every other live server heard the new leader's first heartbeat, sorted; trials that hit `limitMs` are left out. */
  readonly timesMs: readonly number[];
  readonly trials: number;
  readonly timedOut: number;
  readonly medianMs: number | undefined;
  /** The slowest finished election (the paper: 513 ms with 50 ms of randomness, over 1,000 trials). */
  readonly maxMs: number | undefined;
  /** Mean of the new leader's term minus the old one over the finished elections (1 = no split vote). */
  readonly meanTerms: number | undefined;
}

/** The paper's six ranges of Figure 16 (top). */
export const FIGURE_16_RANGES: readonly (readonly [number, number])[] = [
  [150, 150],
  [150, 151],
  [150, 155],
  [150, 175],
  [150, 200],
  [150, 300],
];

/** The paper's anchors for Figure 16, as the tests and the notebook quote them. */
export const FIGURE_16_ANCHORS = {
  /** "Adding just 5ms of randomness helps significantly, resulting in a median downtime of 287ms." */
  medianMs150to155: 287,
  /** "In the absence of randomness, leader election consistently took longer than 10 seconds." */
  noRandomnessOverMs: 10_000,
  /** "with 50ms of randomness the worst-case completion time (over 1000 trials) was 513ms." */
  worstMs150to200: 513,
} as const;

/**
 * The paper's Figure 16 on the simulator (§9.3), under the paper's test conditions: five
 * servers on a LAN (one-way 0.1–1 ms) with a 2 ms fsync; heartbeats every half minimum
 * timeout; two of the four survivors one entry short (they cannot win, but they do stand and
 * split votes); the leader's last act is a heartbeat to everyone (so the followers' timers start
 * together, the worst case) and it is crashed uniformly at random within its heartbeat
 * interval. Each election is timed from the crash until every other live server has received
 * the new leader's first heartbeat, as in the paper. Paper's anchors
 * ({@link FIGURE_16_ANCHORS}): with no randomness (150–150) split votes made every election take
 * over 10 s; 5 ms of randomness gave a median of 287 ms; with 50 ms, the worst of 1,000 was 513 ms.
 *
 * @example
 * for (const c of electionTimeCdf({ trials: 50 })) console.log(c.label, c.medianMs, c.timedOut);
 */
export function electionTimeCdf(options: ElectionCdfOptions = {}): ElectionCdf[] {
  const trials = options.trials ?? 100;
  if (!(Number.isInteger(trials) && trials >= 1)) throw new RangeError(`electionTimeCdf: trials must be an integer >= 1, got ${trials}`);
  for (const [name, value] of [['limitMs', options.limitMs], ['diskMs', options.diskMs], ['heartbeatMs', options.heartbeatMs]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && (name === 'diskMs' || value > 0))) throw new RangeError(`electionTimeCdf: ${name} must be a finite number > 0, got ${value}`);
  }
  for (const range of options.ranges ?? []) {
    if (!(Array.isArray(range) && range.length === 2 && range[0] > 0 && range[1] >= range[0] && Number.isFinite(range[1]))) throw new RangeError(`electionTimeCdf: each range must be [min, max] ms with 0 < min <= max, got ${JSON.stringify(range)}`);
  }
  return (options.ranges ?? FIGURE_16_RANGES).map((range) => {
    const times: number[] = [];
    const terms: number[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const result = electionTrial(range, `${options.seed ?? 'figure16'}/${range[0]}-${range[1]}/${trial}`, options);
      if (result !== undefined) {
        times.push(result.timeMs);
        terms.push(result.terms);
      }
    }
    times.sort((a, b) => a - b);
    const medianMs = times.length === 0 ? undefined : (times[Math.floor((times.length - 1) / 2)] as number);
    const meanTerms = terms.length === 0 ? undefined : terms.reduce((a, b) => a + b, 0) / terms.length;
    return { range, label: `${range[0]}–${range[1]} ms`, timesMs: times, trials, timedOut: trials - times.length, medianMs, maxMs: times[times.length - 1], meanTerms };
  });
}

/** One leader crash and re-election; `undefined` if no leader took over within `limitMs`. */
function electionTrial(range: readonly [number, number], seed: string, options: ElectionCdfOptions): { timeMs: number; terms: number } | undefined {
  const [min] = range;
  const heartbeatMs = options.heartbeatMs ?? min / 2;
  const diskMs = options.diskMs ?? 2;
  const differentLogs = options.differentLogs ?? true;
  const rng = createRng(`${seed}/harness`);
  const nodeIds = raftNodeIds(5);
  const sim = new Simulation<RaftMessage, RaftNode>({
    seed,
    trace: false,
    nodeIds,
    network: { latency: options.latency ?? latency.uniform(0.1, 1) },
    durability: 'fsync',
    fsyncMs: diskMs,
    createNode: raftNode({ electionTimeoutMs: range, heartbeatMs }),
  });
  const leader = () => [...sim.nodes.values()].find((n) => n.role === 'leader');
  // A first leader, n1, whatever the range (150–150 would split forever from a cold start): the
  // others boot late enough after n1 became a candidate that n1's next try surely wins.
  const first = nodeIds[0] as string;
  for (const id of nodeIds.slice(1)) sim.crash(id);
  sim.runUntil(() => sim.node(first)?.role === 'candidate', { limitMs: 10 * range[1] });
  sim.runFor(range[1] - min + min / 2);
  for (const id of nodeIds.slice(1)) sim.restart(id);
  if (!sim.runUntil(() => sim.node(first)?.role === 'leader', { limitMs: 10 * range[1] })) throw new Error(`electionTimeCdf: ${first} did not become the first leader (seed ${seed})`);
  const old = sim.node(first) as RaftNode;
  const electedAt = sim.nowMs;
  // Settle, then stop at one of the old leader's heartbeat broadcasts (every heartbeatMs since
  // it was elected): every follower's timer restarts at about the same moment (the worst case).
  const beatAt = electedAt + heartbeatMs * (Math.ceil((2 * range[1] + 4 * diskMs) / heartbeatMs) + rng.int(0, 3));
  const followers = nodeIds.filter((id) => id !== old.id);
  if (differentLogs) {
    // The paper: "the servers in each trial had different log lengths, so two of the four servers
    // were not eligible to become leader". The leader appends an entry just before the beat, so
    // the beat carries it to everyone; two followers restart before their fsync of it completes
    // (their restart restarts their timers too), and come back one entry short.
    sim.runUntilTime(beatAt - diskMs - 0.05);
    sim.inject(old.id, { type: 'ClientRequest', requestId: 'figure16:1', op: { f: 'put', key: 'x', value: '1' } }, { from: 'figure16' });
  }
  sim.runUntilTime(beatAt);
  if (differentLogs) {
    const target = old.lastLogIndex;
    sim.runUntil(() => followers.every((id) => (sim.node(id)?.lastLogIndex ?? 0) >= target), { limitMs: diskMs });
    const short = rng.sample(followers, 2);
    for (const id of short) sim.crash(id).restart(id);
    if (short.some((id) => (sim.node(id)?.lastLogIndex ?? 0) >= target)) throw new RangeError(`electionTimeCdf: with differentLogs, diskMs (${diskMs}) must exceed the spread of the latency, or the short followers fsync the entry before they restart`);
  }
  // Crashed uniformly at random within its heartbeat interval.
  sim.runUntilTime(Math.max(sim.nowMs, beatAt + rng.uniform(0, heartbeatMs)));
  const oldTerm = old.currentTerm;
  sim.crash(old.id);
  const crashAt = sim.nowMs;
  const everyoneHeard = () => {
    const now = leader();
    if (now === undefined) return false;
    for (const n of sim.nodes.values()) if (n !== now && (n.currentTerm !== now.currentTerm || n.leaderId !== now.id)) return false;
    return true;
  };
  if (!sim.runUntil(everyoneHeard, { limitMs: options.limitMs ?? 15_000 })) return undefined;
  return { timeMs: sim.nowMs - crashAt, terms: (leader() as RaftNode).currentTerm - oldTerm };
}
