// @real-io: starts, kills and restarts real etcd processes on 127.0.0.1 and polls them until they elect a leader.
/**
 * A real etcd cluster on 127.0.0.1 (Debian's etcd-server, 3.4): `members` processes started
 * by the chapter or the test, never as a system service, with data under `build/services/`,
 * etcd's own Raft timing (`--heartbeat-interval`, `--election-timeout`; defaults 100 and
 * 1,000 ms), kill -9 and restart from the member's data folder, and the leader read from
 * `/v3/maintenance/status`.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { etcdClient } from './etcd-client';
import { findBinary, freePort, portOpen, ServiceMissing, serviceDataDir, startService } from './process';
import type { ServiceHandle } from './process';

/** One member of an {@link EtcdCluster}: its name, URLs and current process. */
export interface EtcdMember {
  readonly name: string;
  readonly clientUrl: string;
  readonly peerUrl: string;
  handle: ServiceHandle;
}

/** A running etcd cluster. */
export interface EtcdCluster {
  readonly members: readonly EtcdMember[];
  /** The leader's member name, as the live members report it; `undefined` if none answers with one. */
  leader(): Promise<string | undefined>;
  /** Sends `signal` (default SIGKILL) to a member's process group. */
  kill(name: string, signal?: NodeJS.Signals): void;
  /** Starts a killed member again on its old data folder (it rejoins with its log). */
  restart(name: string): Promise<void>;
  /** Stops every member and removes the data folders. Idempotent. */
  stop(): Promise<void>;
  /** The client URLs of every member. */
  endpoints(): string[];
}

/** Options of {@link startEtcdCluster}. */
export interface EtcdClusterOptions {
  /** Number of members (default 3). */
  readonly members?: number;
  /** etcd's `--heartbeat-interval` (default 100 ms, etcd's default). */
  readonly heartbeatMs?: number;
  /** etcd's `--election-timeout` (default 1,000 ms, etcd's default). */
  readonly electionMs?: number;
  /** How long to wait for the cluster to elect a first leader (default 15,000 ms). */
  readonly timeoutMs?: number;
}

/** The etcd binary, or undefined when etcd-server is not installed. */
export function etcdBinary(): string | undefined {
  return findBinary('etcd');
}

/**
 * Starts an etcd cluster on 127.0.0.1 and waits until it has a leader. Throws
 * {@link ServiceMissing} (Spanish message with `sudo apt-get install etcd-server`) when etcd
 * is absent. Always `stop()` it (in a `finally`).
 *
 * @example
 * const cluster = await startEtcdCluster({ members: 3 });
 * try { console.log(await cluster.leader()); } finally { await cluster.stop(); }
 */
export async function startEtcdCluster(options: EtcdClusterOptions = {}): Promise<EtcdCluster> {
  const binary = etcdBinary();
  if (binary === undefined) throw new ServiceMissing('etcd', 'etcd', 'etcd-server');
  const count = options.members ?? 3;
  const ports: number[] = [];
  while (ports.length < 2 * count) {
    const p = await freePort();
    if (!ports.includes(p)) ports.push(p);
  }
  const names = Array.from({ length: count }, (_, i) => `m${i + 1}`);
  const urls = names.map((name, i) => ({ name, clientUrl: `http://127.0.0.1:${ports[2 * i]}`, peerUrl: `http://127.0.0.1:${ports[2 * i + 1]}`, clientPort: ports[2 * i] as number }));
  const initialCluster = urls.map((u) => `${u.name}=${u.peerUrl}`).join(',');
  const token = `kit-${ports[0]}`;
  const dataRoot = serviceDataDir('etcd-data', ports[0] as number);
  rmSync(dataRoot, { recursive: true, force: true });
  mkdirSync(dataRoot, { recursive: true });
  const lives = new Map<string, number>();
  // Every process ever started (a killed life's handle still owns its log folder, removed by its stop()).
  const everyHandle: ServiceHandle[] = [];

  const launch = async (u: (typeof urls)[number], state: 'new' | 'existing'): Promise<ServiceHandle> => {
    const life = (lives.get(u.name) ?? 0) + 1;
    lives.set(u.name, life);
    const handle = await startService({
      name: `etcd-${u.name}`,
      command: binary,
      args: [
        '--name', u.name, '--data-dir', join(dataRoot, u.name),
        '--listen-client-urls', u.clientUrl, '--advertise-client-urls', u.clientUrl,
        '--listen-peer-urls', u.peerUrl, '--initial-advertise-peer-urls', u.peerUrl,
        '--initial-cluster', initialCluster, '--initial-cluster-token', token, '--initial-cluster-state', state,
        '--heartbeat-interval', String(options.heartbeatMs ?? 100), '--election-timeout', String(options.electionMs ?? 1_000),
      ],
      // The log folder is per life (startService empties it); the member's data lives in dataRoot and survives restarts.
      dataDir: serviceDataDir(`etcd-${u.name}-life${life}`, u.clientPort),
      ready: () => portOpen(u.clientPort),
      timeoutMs: options.timeoutMs ?? 15_000,
    });
    everyHandle.push(handle);
    return handle;
  };

  const members: EtcdMember[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(everyHandle.map((h) => h.stop(2_000)));
    rmSync(dataRoot, { recursive: true, force: true });
  };
  try {
    const handles = await Promise.all(urls.map((u) => launch(u, 'new')));
    urls.forEach((u, i) => members.push({ name: u.name, clientUrl: u.clientUrl, peerUrl: u.peerUrl, handle: handles[i] as ServiceHandle }));
  } catch (error) {
    await stop();
    throw error;
  }
  const client = etcdClient(urls.map((u) => u.clientUrl), { timeoutMs: 500 });
  let idToName = new Map<string, string>();
  const leader = async (): Promise<string | undefined> => {
    for (const m of members) {
      if (m.handle.hasExited) continue;
      try {
        const s = await client.status(m.clientUrl);
        if (s.leader === '0') continue;
        if (!idToName.has(s.leader)) {
          const list = await client.call(m.clientUrl, '/v3/cluster/member/list', {});
          idToName = new Map(((list.members as { ID: string; name: string }[] | undefined) ?? []).map((x) => [String(x.ID), x.name]));
        }
        return idToName.get(s.leader);
      } catch {
        // A member that is down or electing: ask the next one.
      }
    }
    return undefined;
  };
  const cluster: EtcdCluster = {
    members,
    leader,
    kill(name, signal = 'SIGKILL') {
      member(name).handle.kill(signal);
    },
    async restart(name) {
      const m = member(name);
      if (!m.handle.hasExited) {
        m.handle.kill('SIGKILL');
        await m.handle.exited;
      }
      m.handle = await launch(urls.find((u) => u.name === name)!, 'existing');
    },
    stop,
    endpoints: () => members.map((m) => m.clientUrl),
  };
  function member(name: string): EtcdMember {
    const m = members.find((x) => x.name === name);
    if (m === undefined) throw new RangeError(`etcd: no hay miembro «${name}» (hay ${members.map((x) => x.name).join(', ')})`);
    return m;
  }
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while ((await leader()) === undefined) {
    if (Date.now() > deadline) {
      const tail = members.map((m) => `${m.name}: ${m.handle.logTail(5)}`).join('\n');
      await stop();
      throw new Error(`etcd: el clúster no eligió líder en ${options.timeoutMs ?? 15_000} ms\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return cluster;
}
