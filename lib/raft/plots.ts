/**
 * Plot data from Raft runs, for notebook 06: each server's role and term over a run (for
 * lib/sim's `stateTimeline`), each server's commit index over time, the paper's Figure 16
 * (cumulative distribution of the time to elect a new leader after a crash, per timeout range)
 * and messages per committed command against cluster size. Plain data; the notebook draws.
 */
import type { Seed } from '../random/index';
import { checker } from '../sim/checkers';
import type { CheckerFactory } from '../sim/checkers';
import { Simulation } from '../sim/simulation';
import { recordStates, roleName } from '../sim/state-timeline';
import type { StateRecord, StateRecorder } from '../sim/state-timeline';
import type { RaftMessage } from './messages';
import { raftNode } from './node';
import type { RaftNode } from './node';
import { raftNodeIds } from './scenario';

/**
 * A recorder of each server's role (in Spanish: seguidor, candidato, líder) and term (a checker
 * that never fails): pass it in
 * `checkers`, then `show(stateTimeline(roles, { trace: sim.trace }))`.
 *
 * @example
 * const roles = raftRoles();
 * const sim = raftScenario({ seed: 3, checkers: [roles] });
 * show(stateTimeline(roles, { trace: sim.trace, title: 'Roles y términos' }));
 */
export function raftRoles(): StateRecorder<RaftNode> {
  return recordStates<RaftNode>((node) => ({ state: roleName(node.role), annotation: `t=${node.currentTerm}` }));
}

/** The role records of a finished recorder as `{ atMs, role, term }` per node (roles in Spanish, crashes as `'caído'`). */
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

// Figure 16 (§9.3) lives in its own file; re-exported here, where the other plot data is.
export { electionTimeCdf, FIGURE_16_ANCHORS, FIGURE_16_RANGES } from './figure16';
export type { ElectionCdf, ElectionCdfOptions } from './figure16';

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
