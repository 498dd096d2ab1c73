// @real-io: launches OS processes, waits on wall-clock phases and client timeouts.
/**
 * The same Raft server as real OS processes (lib/runtime): five processes on 127.0.0.1, fsynced
 * files, KV clients played by the launcher (one operation at a time each, retried with the same
 * request id, following `notLeader` hints), and a fault script — `kill -9` of the leader and of a
 * follower, restarts from their files, a partition through the launcher — after which the
 * history is checked with lib/linearizability's key-value model.
 */
import { join } from 'node:path';
import { checkLinearizability, keyValueModel } from '../linearizability/index';
import type { Operation, Verdict } from '../linearizability/index';
import { launchCluster } from '../runtime/index';
import type { Cluster } from '../runtime/index';
import type { NodeId } from '../sim/types';
import { LAB_TIMING } from './config';
import type { RaftConfig } from './config';
import type { ClientReply, KvOperation, RaftMessage } from './messages';
import { raftNodeIds } from './scenario';

/** Options of {@link runRaftProcesses}. */
export interface RaftProcessesOptions {
  /** Server processes (default 5) and client loops (default 3). */
  readonly nodes?: number;
  readonly clients?: number;
  /** Server options (plain data; default 6.5840's timing, 300–600 ms and 100 ms heartbeats). */
  readonly raft?: Partial<Pick<RaftConfig, 'electionTimeoutMs' | 'heartbeatMs' | 'snapshotEvery' | 'maxEntriesPerMessage' | 'bugs'>>;
  /** Run the fault script (default true); false measures plain throughput for `durationMs`. */
  readonly faults?: boolean;
  /** Load time without faults (default 2,000 ms); with faults, each phase lasts about `phaseMs` (default 1,000). */
  readonly durationMs?: number;
  readonly phaseMs?: number;
  /** Where the servers' files go (default: a temp folder removed at the end). */
  readonly dataDir?: string;
  /** Called with each fault as it happens (a Spanish line), e.g. `console.log`. */
  readonly log?: (line: string) => void;
}

/** What a run of real processes gave. */
export interface RaftProcessesResult {
  readonly history: Operation[];
  readonly verdict: Verdict;
  /** Operations that completed `ok`, and per second of load. */
  readonly committed: number;
  readonly opsPerSecond: number;
  readonly loadMs: number;
  /** The faults, in order, as Spanish lines. */
  readonly faults: readonly string[];
  /** Node errors the launcher saw (a fatal one means protocol code threw). */
  readonly fatalErrors: readonly string[];
}

/** The server module the node processes load (resolved when a cluster starts). */
const serverModule = (): string => join(typeof __dirname === 'string' ? __dirname : 'lib/raft', 'node.ts');

/** The live server whose latest `leader` output has the highest term (the current leader, as far as outputs tell). */
export function currentLeader(cluster: Cluster<RaftMessage>): NodeId | undefined {
  let best: { node: NodeId; term: number } | undefined;
  for (const o of cluster.outputs) {
    if (o.label !== 'leader' || cluster.status(o.node) !== 'running') continue;
    const term = (o.data as { term: number }).term;
    if (best === undefined || term >= best.term) best = { node: o.node, term };
  }
  return best?.node;
}

/**
 * Runs Raft as real processes with KV clients and (by default) the fault script, checks the
 * history, and stops every process (also on failure).
 *
 * @example
 * const r = await runRaftProcesses({ log: console.log });
 * console.log(r.verdict, r.committed, r.faults);
 */
export async function runRaftProcesses(options: RaftProcessesOptions = {}): Promise<RaftProcessesResult> {
  const nodeIds = raftNodeIds(options.nodes ?? 5);
  const config = { ...LAB_TIMING, ...options.raft };
  const faults: string[] = [];
  const note = (line: string) => {
    faults.push(line);
    options.log?.(line);
  };
  const cluster = await launchCluster<RaftMessage>({ module: serverModule(), factory: 'raftNode', args: [config], nodeIds, durability: 'fsync', seed: 'raft-processes', ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }) });
  try {
    await cluster.waitFor(() => currentLeader(cluster) !== undefined, { timeoutMs: 20_000 });
    const history: Operation[] = [];
    let running = true;
    const loadStart = cluster.nowMs();
    const loops = Array.from({ length: options.clients ?? 3 }, (_, i) => clientLoop(cluster, `c${i + 1}`, nodeIds, history, () => running));
    const phase = options.phaseMs ?? 1_000;
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    if (options.faults === false) await sleep(options.durationMs ?? 2_000);
    else {
      await sleep(phase);
      const leader = currentLeader(cluster) as NodeId;
      note(`kill -9 del líder ${leader}`);
      await cluster.kill(leader);
      await sleep(phase);
      note(`${leader} arranca de nuevo desde sus ficheros`);
      await cluster.restart(leader);
      await sleep(phase / 2);
      const leader2 = currentLeader(cluster);
      const follower = nodeIds.find((id) => id !== leader2 && id !== leader) as NodeId;
      note(`kill -9 del seguidor ${follower}`);
      await cluster.kill(follower);
      await sleep(phase / 2);
      note(`${follower} arranca de nuevo desde sus ficheros`);
      await cluster.restart(follower);
      await sleep(phase / 2);
      const leader3 = currentLeader(cluster) ?? (nodeIds[0] as NodeId);
      const buddy = nodeIds.find((id) => id !== leader3) as NodeId;
      const minority = [leader3, buddy];
      note(`partición: ${minority.join(', ')} | ${nodeIds.filter((id) => !minority.includes(id)).join(', ')}`);
      await cluster.partition(minority, nodeIds.filter((id) => !minority.includes(id)));
      await sleep(phase * 1.5);
      note('fin de la partición');
      await cluster.heal();
      await sleep(phase);
    }
    running = false;
    const loadMs = cluster.nowMs() - loadStart;
    await Promise.all(loops);
    history.sort((a, b) => a.invokeMs - b.invokeMs);
    const renumbered = history.map((op, id) => ({ ...op, id }));
    const verdict = checkLinearizability(keyValueModel(), renumbered, { maxSteps: 2_000_000 }).verdict;
    const committed = renumbered.filter((op) => op.status === 'ok').length;
    return { history: renumbered, verdict, committed, opsPerSecond: committed / (loadMs / 1_000), loadMs, faults, fatalErrors: cluster.errors.filter((e) => e.fatal).map((e) => `${e.node}: ${e.message}`) };
  } finally {
    await cluster.stop();
  }
}

/** One client: an operation at a time until `running()` is false; retries keep the request id. */
async function clientLoop(cluster: Cluster<RaftMessage>, client: string, nodeIds: readonly NodeId[], history: Operation[], running: () => boolean): Promise<void> {
  let cursor = 0;
  let target = nodeIds[0] as NodeId;
  const keys = ['x', 'y', 'z'];
  for (let seq = 1; running(); seq++) {
    const key = keys[seq % keys.length] as string;
    const op: KvOperation = seq % 3 === 0 ? { f: 'get', key } : { f: seq % 3 === 1 ? 'put' : 'append', key, value: `${client}.${seq};` };
    const requestId = `${client}:${seq}`;
    const invokeMs = cluster.nowMs();
    let result: { output: string | null; atMs: number } | undefined;
    let uncertain = false;
    for (let attempt = 0; attempt < 40 && result === undefined && running(); attempt++) {
      cluster.inject(target, { type: 'ClientRequest', requestId, op }, client);
      let reply: ClientReply | undefined;
      let atMs = 0;
      const answered = () => {
        for (; cursor < cluster.external.length; cursor++) {
          const e = cluster.external[cursor];
          if (e === undefined || e.to !== client || e.message.type !== 'ClientReply' || e.message.requestId !== requestId) continue;
          reply = e.message;
          atMs = e.timeMs;
          cursor++;
          return true;
        }
        return false;
      };
      try {
        await cluster.waitFor(answered, { timeoutMs: 300 });
      } catch {
        uncertain = true;
        target = nodeIds[(nodeIds.indexOf(target) + 1) % nodeIds.length] as NodeId;
        continue;
      }
      const r = reply as ClientReply | undefined;
      if (r?.status === 'ok') result = { output: r.output, atMs };
      else if (r?.status === 'notLeader') {
        target = r.leaderHint ?? (nodeIds[(nodeIds.indexOf(target) + 1) % nodeIds.length] as NodeId);
        if (r.leaderHint === null) await new Promise<void>((resolve) => setTimeout(resolve, 20));
      } else break;
    }
    const base = { id: history.length, client, key, input: op, invokeMs };
    if (result !== undefined) history.push({ ...base, status: 'ok', output: result.output, completeMs: result.atMs });
    else history.push(uncertain ? { ...base, status: 'info' } : { ...base, status: 'fail', completeMs: cluster.nowMs() });
  }
}

/**
 * Committed KV operations per second of the kit's Raft as real processes, with no faults:
 * `clients` closed-loop clients for `durationMs` (what `bench/raft.bench.ts` reports, and what
 * chapter 06 sets beside etcd measured in the same run).
 *
 * @example
 * const { opsPerSecond } = await raftProcessThroughput({ nodes: 3, clients: 4, durationMs: 3_000 });
 */
export async function raftProcessThroughput(options: { readonly nodes?: number; readonly clients?: number; readonly durationMs?: number; readonly raft?: RaftProcessesOptions['raft'] } = {}): Promise<{ readonly opsPerSecond: number; readonly committed: number; readonly loadMs: number; readonly verdict: Verdict }> {
  const r = await runRaftProcesses({ ...options, faults: false });
  return { opsPerSecond: r.opsPerSecond, committed: r.committed, loadMs: r.loadMs, verdict: r.verdict };
}
