// @real-io: measures a real Redis primary and replica on 127.0.0.1 (wall-clock latencies, kill -9).
/**
 * Chapter 05's real experiment: Redis replicates asynchronously; `WAIT numreplicas timeout`
 * blocks the client until that many replicas acknowledged its writes. We measure the write
 * latency without and with `WAIT 1`, then write, `kill -9` the primary the moment the last
 * acknowledgement arrives, promote the replica (`REPLICAOF NO ONE`) and count the acknowledged
 * keys it does not have.
 */
import { replicationField, startRedisPair } from '../services/redis';
import type { RedisConnection, RedisPair } from '../services/redis';

/** `'async'`: a write counts once SET answers OK; `'wait'`: once `WAIT 1 <ms>` says a replica has it. */
export type RedisAckMode = 'async' | 'wait';

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

async function ackedWrite(c: RedisConnection, mode: RedisAckMode, key: string, value: string, waitTimeoutMs: number): Promise<boolean> {
  const ok = await c.command('SET', key, value);
  if (ok !== 'OK') return false;
  if (mode === 'async') return true;
  // WAIT answers how many replicas acknowledged; 0 after the timeout means: not replicated (yet).
  return Number(await c.command('WAIT', 1, waitTimeoutMs)) >= 1;
}

/**
 * Latencies (ms) of `writes` sequential writes to the primary of `pair`, each SET alone
 * (`async`) or SET followed by `WAIT 1 waitTimeoutMs` (`wait`).
 */
export async function redisWriteLatencies(pair: RedisPair, options: { mode: RedisAckMode; writes?: number; waitTimeoutMs?: number }): Promise<number[]> {
  const c = await pair.primary.connect();
  const latencies: number[] = [];
  try {
    for (let i = 0; i < (options.writes ?? 300); i++) {
      const start = nowMs();
      await ackedWrite(c, options.mode, `lat:${options.mode}:${i}`, String(i), options.waitTimeoutMs ?? 100);
      latencies.push(nowMs() - start);
    }
  } finally {
    c.close();
  }
  return latencies;
}

/** What one crash run found. */
export interface RedisCrashResult {
  readonly mode: RedisAckMode;
  /** Writes acknowledged to the clients before the primary was killed. */
  readonly acked: number;
  /** Acknowledged keys the promoted replica does not have. */
  readonly lost: number;
  /** How long the run took (start, writes, kill, promotion, count), ms. */
  readonly elapsedMs: number;
}

/**
 * One crash run on a fresh primary + replica: `clients` connections write distinct keys as fast
 * as they can; when `writes` are acknowledged the primary gets SIGKILL at once; the replica is
 * promoted and every acknowledged key is looked up on it.
 * @example
 * const r = await redisCrashRun({ mode: 'async', writes: 2_000 });
 * r.lost; // often > 0: acknowledged, never replicated
 */
export async function redisCrashRun(options: {
  mode: RedisAckMode;
  writes?: number;
  clients?: number;
  waitTimeoutMs?: number;
  valueBytes?: number;
  /** Pause the replica (SIGSTOP) once half the writes are acknowledged, as a replica under load would lag; default false. */
  slowReplica?: boolean;
  /** With a slow replica, kill the primary at most this long after the pause even if fewer writes were acknowledged (default 600 ms). */
  maxPauseMs?: number;
}): Promise<RedisCrashResult> {
  const started = nowMs();
  const target = options.writes ?? 2_000;
  const clients = options.clients ?? 8;
  const value = 'x'.repeat(options.valueBytes ?? 64);
  const pair = await startRedisPair();
  const connections: RedisConnection[] = [];
  try {
    for (let i = 0; i < clients; i++) connections.push(await pair.primary.connect());
    const acked: string[] = [];
    let killed = false;
    let next = 0;
    let pauseTimer: ReturnType<typeof setTimeout> | undefined;
    const kill = () => {
      if (killed) return;
      killed = true;
      clearTimeout(pauseTimer);
      pair.primary.handle.kill('SIGKILL'); // kill -9, right after the last acknowledgement
    };
    const writer = async (c: RedisConnection) => {
      while (!killed) {
        const key = `k:${next++}`;
        let ok = false;
        try {
          ok = await ackedWrite(c, options.mode, key, value, options.waitTimeoutMs ?? 100);
        } catch {
          return; // The primary is gone: this write's outcome is unknown, and it was not acknowledged.
        }
        if (!ok || killed) continue;
        acked.push(key);
        if (options.slowReplica && pauseTimer === undefined && acked.length >= target / 2) {
          pair.replica.handle.kill('SIGSTOP');
          pauseTimer = setTimeout(kill, options.maxPauseMs ?? 600);
        }
        if (acked.length >= target) kill();
      }
    };
    await Promise.all(connections.map(writer));
    await pair.primary.handle.exited;
    pair.replica.handle.kill('SIGCONT');
    const r = await pair.replica.connect();
    try {
      // Let the replica read what the kernel still holds for it and see its primary gone (the EOF
      // comes after the data), as a real failover would: REPLICAOF NO ONE drops unread data.
      for (let i = 0; i < 250 && (await replicationField(r, 'master_link_status')) === 'up'; i++) await new Promise((done) => setTimeout(done, 20));
      await r.command('REPLICAOF', 'NO', 'ONE');
      let lost = 0;
      for (let i = 0; i < acked.length; i += 500) {
        const values = (await r.command('MGET', ...acked.slice(i, i + 500))) as (string | null)[];
        lost += values.filter((v) => v === null).length;
      }
      return { mode: options.mode, acked: acked.length, lost, elapsedMs: nowMs() - started };
    } finally {
      r.close();
    }
  } finally {
    for (const c of connections) c.close();
    await pair.stop();
  }
}
