/**
 * Plot data from Raft runs, for notebook 06: each server's role and term over a run (for
 * lib/sim's `stateTimeline`), each server's commit index over time, the paper's Figure 16
 * (cumulative distribution of the time to elect a new leader after a crash, per timeout range)
 * and messages per committed command against cluster size. Plain data; the notebook draws.
 */
import type { Seed } from '../random/index';
import { checker } from '../sim/checkers';
import type { CheckerFactory } from '../sim/checkers';
import { latency } from '../sim/network';
import type { LatencyModel } from '../sim/network';
import { Simulation } from '../sim/simulation';
import { recordStates } from '../sim/state-timeline';
import type { StateRecord, StateRecorder } from '../sim/state-timeline';
import type { RaftMessage } from './messages';
import { raftNode } from './node';
import type { RaftNode } from './node';
import { raftNodeIds } from './scenario';

/**
 * A recorder of each server's role and term (a checker that never fails): pass it in
 * `checkers`, then `show(stateTimeline(roles, { trace: sim.trace }))`.
 *
 * @example
 * const roles = raftRoles();
 * const sim = raftScenario({ seed: 3, checkers: [roles] });
 * show(stateTimeline(roles, { trace: sim.trace, title: 'Roles y términos' }));
 */
export function raftRoles(): StateRecorder<RaftNode> {
  return recordStates<RaftNode>((node) => ({ state: node.role, annotation: `t=${node.currentTerm}` }));
}

/** The role records of a finished recorder as `{ atMs, role, term }` per node (crashes as role `'caído'`). */
export function rolesByNode(records: readonly StateRecord[]): Map<string, { atMs: number; role: string; term: number | undefined }[]> {
  const out = new Map<string, { atMs: number; role: string; term: number | undefined }[]>();
  for (const r of records) {
    const list = out.get(r.node) ?? [];
    list.push({ atMs: r.timeMs, role: r.state, term: r.annotation === undefined ? undefined : Number(r.annotation.slice(2)) });
    out.set(r.node, list);
  }
  return out;
}

/** A commit-index recorder: `series` holds, per server, the points `{ atMs, commitIndex }` at each change (volatile state: a restarted server starts again from its snapshot). */
export interface CommitIndexRecorder extends CheckerFactory<RaftMessage, RaftNode> {
  readonly series: ReadonlyMap<string, readonly { readonly atMs: number; readonly commitIndex: number }[]>;
}

/**
 * A checker that never fails and records every change of each server's commit index: pass it in
 * `checkers`, then plot `recorder.series` (one line per server, a step chart).
 *
 * @example
 * const commits = commitIndexSeries();
 * raftScenario({ seed: 3, checkers: [commits] });
 * for (const [id, points] of commits.series) console.log(id, points.length);
 */
export function commitIndexSeries(): CommitIndexRecorder {
  const series = new Map<string, { atMs: number; commitIndex: number }[]>();
  const factory = checker<RaftMessage, RaftNode>('commitIndexSeries', () => {
    series.clear();
    return {
      onEvent(_event, cluster) {
        for (const node of cluster.nodes.values()) {
          const list = series.get(node.id) ?? [];
          if (list.length === 0) series.set(node.id, list);
          if (list[list.length - 1]?.commitIndex !== node.commitIndex) list.push({ atMs: cluster.nowMs, commitIndex: node.commitIndex });
        }
        return undefined;
      },
    };
  });
  return Object.assign(factory, { series }) as CommitIndexRecorder;
}

/** Options of {@link electionTimeCdf}. */
export interface ElectionCdfOptions {
  /** Timeout ranges `[min, max]` ms (default the paper's: 150–150, 150–151, 150–155, 150–175, 150–200, 150–300). */
  readonly ranges?: readonly (readonly [number, number])[];
  /** Leader crashes per range (default 100; the paper ran ~1,000). */
  readonly trials?: number;
  /** Give up on one election after this long (default 15,000 ms: "over 10 s" must show). */
  readonly limitMs?: number;
  /** One-way latency (default uniform 2–5 ms; the paper reports a broadcast time of ~15 ms on its cluster). */
  readonly latency?: LatencyModel;
  /** Heartbeat period (default 50 ms, ≤ half the smallest timeout). */
  readonly heartbeatMs?: number;
  readonly seed?: Seed;
}

/** Figure 16's data for one range: sorted election times (ms) and the share that timed out. */
export interface ElectionCdf {
  readonly range: readonly [number, number];
  readonly label: string;
  /** Times from the crash to a new leader, sorted; trials that hit `limitMs` are left out. */
  readonly timesMs: readonly number[];
  readonly trials: number;
  readonly timedOut: number;
  readonly medianMs: number | undefined;
}

const FIGURE_16_RANGES: readonly (readonly [number, number])[] = [
  [150, 150],
  [150, 151],
  [150, 155],
  [150, 175],
  [150, 200],
  [150, 300],
];

/**
 * The paper's Figure 16 on the simulator (§9.3): five servers; the leader is crashed at a
 * uniformly random moment of its heartbeat interval, and we time until another server becomes
 * leader. Paper's anchors: with no randomness (150–150) split votes made elections take over
 * 10 s; 5 ms of randomness gave a median of 287 ms.
 *
 * @example
 * for (const c of electionTimeCdf({ trials: 50 })) console.log(c.label, c.medianMs, c.timedOut);
 */
export function electionTimeCdf(options: ElectionCdfOptions = {}): ElectionCdf[] {
  const nodeIds = raftNodeIds(5);
  const trials = options.trials ?? 100;
  const limitMs = options.limitMs ?? 15_000;
  const heartbeatMs = options.heartbeatMs ?? 50;
  return (options.ranges ?? FIGURE_16_RANGES).map((range) => {
    const times: number[] = [];
    let timedOut = 0;
    for (let trial = 0; trial < trials; trial++) {
      const sim = new Simulation<RaftMessage, RaftNode>({
        seed: `${options.seed ?? 'figure16'}/${range[0]}-${range[1]}/${trial}`,
        trace: false,
        nodeIds,
        network: { latency: options.latency ?? latency.uniform(2, 5) },
        createNode: raftNode({ electionTimeoutMs: range, heartbeatMs }),
      });
      const leader = () => [...sim.nodes.values()].find((n) => n.role === 'leader');
      // A first leader, settled for a while (any first election; only the re-election is timed).
      sim.runUntil(() => leader() !== undefined, { limitMs: 60_000 });
      const first = leader();
      if (first === undefined) {
        timedOut++;
        continue;
      }
      sim.runFor(500 + (trial % 10) * 7 + heartbeatMs * (((trial * 7919) % 100) / 100));
      const old = leader();
      if (old === undefined) {
        timedOut++;
        continue;
      }
      sim.crash(old.id);
      const crashAt = sim.nowMs;
      sim.runUntil(() => leader() !== undefined, { limitMs });
      if (leader() === undefined) timedOut++;
      else times.push(sim.nowMs - crashAt);
    }
    times.sort((a, b) => a - b);
    const medianMs = times.length === 0 ? undefined : (times[Math.floor((times.length - 1) / 2)] as number);
    return { range, label: `${range[0]}–${range[1]} ms`, timesMs: times, trials, timedOut, medianMs };
  });
}

/** Messages per committed command for one cluster size. */
export interface MessagesPerCommand {
  readonly nodes: number;
  readonly commands: number;
  readonly messages: number;
  readonly perCommand: number;
}

/**
 * Server-to-server messages per committed command vs cluster size (no faults, one client, 100
 * sequential commands): Raft's normal case is O(n) — one AppendEntries and one reply per
 * follower per command, plus heartbeats.
 *
 * @example
 * messagesPerCommand([3, 5, 7]).map((r) => r.perCommand); // ≈ [4, 8, 12] plus heartbeats
 */
export function messagesPerCommand(sizes: readonly number[] = [3, 5, 7, 9], options: { readonly commands?: number; readonly seed?: Seed } = {}): MessagesPerCommand[] {
  const commands = options.commands ?? 100;
  return sizes.map((n) => {
    const nodeIds = raftNodeIds(n);
    const sim = new Simulation<RaftMessage, RaftNode>({ seed: options.seed ?? `messages/${n}`, trace: false, nodeIds, createNode: raftNode() });
    sim.runUntil(() => [...sim.nodes.values()].some((node) => node.role === 'leader'), { limitMs: 10_000 });
    const leader = [...sim.nodes.values()].find((node) => node.role === 'leader') as RaftNode;
    const sentBefore = sim.stats.sent;
    for (let k = 1; k <= commands; k++) {
      sim.inject(leader.id, { type: 'ClientRequest', requestId: `m:${k}`, op: { f: 'put', key: 'x', value: String(k) } }, { from: 'm' });
      sim.runUntil(() => leader.commitIndex >= k, { limitMs: 5_000 });
    }
    // Replies to the injecting client are not server-to-server traffic.
    const messages = sim.stats.sent - sentBefore - commands;
    return { nodes: n, commands, messages, perCommand: messages / commands };
  });
}
