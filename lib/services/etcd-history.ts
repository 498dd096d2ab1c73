// @real-io: drives a real etcd cluster and times its operations with the wall clock.
/**
 * Experiments on a real etcd cluster for chapter 06: the time from `kill -9` of the leader
 * until a write succeeds again, and a concurrent history of puts, gets and compare-and-swaps
 * recorded during leader kills, in lib/linearizability's format (register model, one register
 * per key), with linearizable or serializable reads.
 */
import { performance } from 'node:perf_hooks';
import type { History, Operation } from '../linearizability/history';
import type { RegisterInput } from '../linearizability/models';
import { createRng } from '../random/index';
import type { EtcdCluster } from './etcd';
import { etcdClient, EtcdError } from './etcd-client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One failover: who led, who leads now, and how long writes were impossible. */
export interface EtcdFailover {
  readonly oldLeader: string;
  readonly newLeader: string | undefined;
  /** From the SIGKILL to the first acknowledged write, in ms (wall clock). */
  readonly writeUnavailableMs: number;
  readonly attempts: number;
}

/**
 * Kills the leader with SIGKILL and measures how long until a put succeeds on a survivor
 * (each attempt waits at most 250 ms), then restarts the killed member (`restart: false` to keep it down).
 *
 * @example
 * const f = await measureEtcdFailover(cluster); // { oldLeader: 'm2', newLeader: 'm1', writeUnavailableMs: ~1200, … }
 */
export async function measureEtcdFailover(cluster: EtcdCluster, options: { restart?: boolean; limitMs?: number } = {}): Promise<EtcdFailover> {
  const oldLeader = await cluster.leader();
  if (oldLeader === undefined) throw new Error('etcd: no hay líder que tirar');
  const survivors = cluster.members.filter((m) => m.name !== oldLeader).map((m) => m.clientUrl);
  const client = etcdClient(survivors, { timeoutMs: 250 });
  const start = performance.now();
  cluster.kill(oldLeader, 'SIGKILL');
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      await client.put('failover', String(attempts));
      break;
    } catch {
      if (performance.now() - start > (options.limitMs ?? 20_000)) throw new Error(`etcd: sin escrituras ${options.limitMs ?? 20_000} ms después de tirar a ${oldLeader}`);
      await sleep(10);
    }
  }
  const writeUnavailableMs = performance.now() - start;
  const newLeader = await cluster.leader();
  if (options.restart !== false) await cluster.restart(oldLeader);
  return { oldLeader, newLeader, writeUnavailableMs, attempts };
}

/** Options of {@link recordEtcdHistory}. */
export interface EtcdHistoryOptions {
  /** Concurrent clients, each talking to one member (client i to member i mod n). Default 3. */
  readonly clients?: number;
  /** Length of the run in ms (default 3,000). */
  readonly durationMs?: number;
  /** Leader kills (SIGKILL, restart 800 ms later), evenly spread (default 1). */
  readonly kills?: number;
  /** Serializable gets (answered from the member's local copy, not linearizable). Default false. */
  readonly serializable?: boolean;
  /** Pause (SIGSTOP) one follower this long in the middle of the run, then SIGCONT (default 0: no pause). */
  readonly pauseFollowerMs?: number;
  readonly keys?: readonly string[];
  readonly seed?: number | string;
  /** Per-request timeout (default 1,000 ms): a timed-out write is recorded as unknown (`info`). */
  readonly timeoutMs?: number;
}

/**
 * Records a concurrent history of get / put / cas (register model inputs) against `cluster`
 * while its leader is killed. A request refused before it was sent is `fail`; a timeout or a
 * server error on a write is `info` (it may have happened); on a read, `fail`.
 *
 * @example
 * const h = await recordEtcdHistory(cluster, { kills: 1 });
 * checkLinearizability(registerModel(), h).verdict; // 'ok'
 */
export async function recordEtcdHistory(cluster: EtcdCluster, options: EtcdHistoryOptions = {}): Promise<History<RegisterInput, unknown>> {
  const clients = options.clients ?? 3;
  const durationMs = options.durationMs ?? 3_000;
  const keys = options.keys ?? ['x', 'y'];
  const rng = createRng(options.seed ?? 'etcd-history');
  const operations: Operation<RegisterInput, unknown>[] = [];
  const origin = performance.now();
  const now = () => performance.now() - origin;
  let nextId = 0;
  const endpoints = cluster.endpoints();

  const runClient = async (index: number) => {
    const name = `c${index + 1}`;
    const endpoint = endpoints[index % endpoints.length] as string;
    const client = etcdClient([endpoint], { timeoutMs: options.timeoutMs ?? 1_000 });
    const mine = rng.fork(name);
    const lastSeen = new Map<string, string | undefined>();
    let k = 0;
    while (now() < durationMs) {
      const key = mine.choice(keys);
      const draw = mine.next();
      const input: RegisterInput = draw < 0.5 ? { f: 'read', key } : draw < 0.8 ? { f: 'write', key, value: `${name}-${++k}` } : { f: 'cas', key, from: lastSeen.get(key) ?? null, to: `${name}-${++k}` };
      const id = nextId++;
      const invokeMs = now();
      try {
        let output: unknown;
        if (input.f === 'read') {
          const r = await client.get(key, { serializable: options.serializable === true });
          output = r.value ?? null;
          lastSeen.set(key, r.value);
        } else if (input.f === 'write') {
          await client.put(key, String(input.value));
          output = undefined;
        } else {
          const from = input.from === null ? undefined : String(input.from);
          output = (await client.cas(key, from, String(input.to))).succeeded;
        }
        operations.push({ id, client: name, key, input, ...(output === undefined ? {} : { output }), invokeMs, completeMs: now(), status: 'ok' });
      } catch (error) {
        const surelyNot = input.f === 'read' || (error instanceof EtcdError && error.kind === 'unavailable');
        operations.push(surelyNot ? { id, client: name, key, input, invokeMs, completeMs: now(), status: 'fail' } : { id, client: name, key, input, invokeMs, status: 'info' });
        await sleep(20);
      }
    }
  };

  const nemesis = async () => {
    const kills = options.kills ?? 1;
    for (let i = 1; i <= kills; i++) {
      await sleep(durationMs / (kills + 1) - (i === 1 ? 0 : 800));
      const leader = await cluster.leader();
      if (leader === undefined) continue;
      cluster.kill(leader, 'SIGKILL');
      await sleep(800);
      await cluster.restart(leader);
    }
  };
  const pause = async () => {
    if (!options.pauseFollowerMs) return;
    await sleep(durationMs / 2 - options.pauseFollowerMs / 2);
    const leader = await cluster.leader();
    const follower = cluster.members.find((m) => m.name !== leader && !m.handle.hasExited);
    if (follower === undefined) return;
    follower.handle.kill('SIGSTOP');
    try {
      await sleep(options.pauseFollowerMs);
    } finally {
      follower.handle.kill('SIGCONT');
    }
  };
  await Promise.all([...Array.from({ length: clients }, (_, i) => runClient(i)), nemesis(), pause()]);
  return operations.sort((a, b) => a.id - b.id);
}

/**
 * The longest stretch of a history with no acknowledged write (put / write / append / cas that
 * answered ok), in ms: during a leader failover, how long the service could not take writes —
 * the same measure for etcd and for the kit's Raft as processes.
 *
 * @example
 * longestWriteGapMs(await recordEtcdHistory(cluster, { kills: 1 })); // ≈ 1,000–2,000 ms with etcd's defaults
 */
export function longestWriteGapMs(history: History): number {
  const isWrite = (input: unknown) => {
    const f = (input as { f?: string } | null)?.f;
    return f === 'write' || f === 'put' || f === 'append' || f === 'cas';
  };
  const times = history.filter((op) => op.status === 'ok' && op.completeMs !== undefined && isWrite(op.input)).map((op) => op.completeMs as number).sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, (times[i] as number) - (times[i - 1] as number));
  return gap;
}
