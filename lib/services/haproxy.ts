// @real-io: starts haproxy on 127.0.0.1 and talks to its admin socket.
/**
 * HAProxy on 127.0.0.1 for chapter 09: a config written under `build/services/`, one frontend
 * per pool (`bind 127.0.0.1:<port>`) in front of backends on 127.0.0.1, started in the
 * foreground (`haproxy -f <cfg> -db`) through lib/services, and its admin socket (a Unix socket
 * in the same folder) for runtime commands such as `set server be/s3 state maint`.
 */
import { createConnection } from 'node:net';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceMissing, findBinary, freePort, portOpen, serviceDataDir, startService } from './process';
import type { ServiceHandle } from './process';

/** HAProxy's balancing algorithms the chapter uses (`uri-consistent` is `balance uri` + `hash-type consistent`). */
export type HaproxyBalance = 'roundrobin' | 'static-rr' | 'leastconn' | 'uri-consistent';

/** A backend server: its name in HAProxy and its port on 127.0.0.1. */
export interface HaproxyServerLine {
  readonly name: string;
  readonly port: number;
  /** HAProxy weight, 1–256 (default 1). */
  readonly weight?: number;
}

/** One frontend and its backend: a name (`[A-Za-z0-9_]`), an algorithm, a port, servers. */
export interface HaproxyPool {
  readonly name: string;
  readonly balance: HaproxyBalance;
  /** Frontend port on 127.0.0.1 (default: a free one). */
  readonly port?: number;
  readonly servers: readonly HaproxyServerLine[];
  /** `hash-balance-factor` (consistent hashing with bounded loads): 0 (off) or an integer > 100, e.g. 125; uri-consistent only. */
  readonly hashBalanceFactor?: number;
}

/** A running HAProxy: its frontends' ports, its files, and its admin socket. */
export interface HaproxyInstance {
  /** Frontend port of each pool, by pool name. */
  readonly ports: ReadonlyMap<string, number>;
  readonly handle: ServiceHandle;
  /** The config file it runs (under `build/services/`). */
  readonly configPath: string;
  /** The admin socket's path. */
  readonly adminSocket: string;
  /** Sends one runtime command on the admin socket and returns HAProxy's answer. */
  command(line: string): Promise<string>;
  /** `set server <pool>/<server> state <state>` (`maint` takes it out, `ready` puts it back). */
  setServerState(pool: string, server: string, state: 'ready' | 'drain' | 'maint'): Promise<void>;
  stop(): Promise<void>;
}

/** The haproxy binary, or `undefined` when it is not installed (or hidden by `KIT_HIDE_BINARIES`). */
export function haproxyBinary(): string | undefined {
  return findBinary('haproxy');
}

const NAME = /^[A-Za-z0-9_]+$/;

function checkPool(pool: HaproxyPool): void {
  if (!NAME.test(pool.name)) throw new Error(`haproxy: nombre de grupo no válido «${pool.name}» (letras, cifras, _)`);
  if (pool.servers.length === 0) throw new Error(`haproxy: el grupo ${pool.name} no tiene servidores`);
  const seen = new Set<string>();
  for (const s of pool.servers) {
    if (!NAME.test(s.name)) throw new Error(`haproxy: nombre de servidor no válido «${s.name}»`);
    if (seen.has(s.name)) throw new Error(`haproxy: servidor repetido ${s.name} en ${pool.name}`);
    seen.add(s.name);
    if (!Number.isInteger(s.port) || s.port < 1 || s.port > 65_535) throw new Error(`haproxy: puerto no válido ${String(s.port)} para ${s.name}`);
    if (s.weight !== undefined && (!Number.isInteger(s.weight) || s.weight < 1 || s.weight > 256)) throw new Error(`haproxy: peso no válido ${String(s.weight)} para ${s.name} (1–256)`);
  }
  const factor = pool.hashBalanceFactor;
  if (factor !== undefined) {
    // HAProxy accepts 0 (no bound) or an integer above 100 (a percentage of the mean load).
    if (!(factor === 0 || (Number.isInteger(factor) && factor > 100))) throw new Error(`haproxy: hash-balance-factor no válido ${String(factor)} en ${pool.name} (0, o un entero > 100, p. ej. 125)`);
    if (pool.balance !== 'uri-consistent') throw new Error(`haproxy: hash-balance-factor solo vale con uri-consistent, no con ${pool.balance} (${pool.name})`);
  }
}

/** The text of HAProxy's config for `pools` (every address is 127.0.0.1). */
export function haproxyConfig(pools: readonly (HaproxyPool & { readonly port: number })[], adminSocket: string): string {
  const lines = [
    'global',
    `  stats socket ${adminSocket} mode 600 level admin`,
    '  maxconn 512',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 10s',
    '  timeout server 10s',
    // Every request is balanced on its own; the connection to the server closes after each one.
    '  option http-server-close',
    '',
  ];
  for (const pool of pools) {
    checkPool(pool);
    lines.push(`frontend fe_${pool.name}`, `  bind 127.0.0.1:${pool.port}`, `  default_backend ${pool.name}`, '');
    lines.push(`backend ${pool.name}`);
    if (pool.balance === 'uri-consistent') {
      lines.push('  balance uri', '  hash-type consistent');
      if (pool.hashBalanceFactor !== undefined) lines.push(`  hash-balance-factor ${pool.hashBalanceFactor}`);
    } else {
      lines.push(`  balance ${pool.balance}`);
    }
    for (const s of pool.servers) lines.push(`  server ${s.name} 127.0.0.1:${s.port} weight ${s.weight ?? 1}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Sends one line to a Unix admin socket and collects the answer until HAProxy closes it. */
function adminCommand(socketPath: string, line: string, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`haproxy: el socket de administración no respondió a «${line}» en ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk: string) => { answer += chunk; });
    socket.on('error', (error) => { clearTimeout(timer); reject(error); });
    socket.on('close', () => { clearTimeout(timer); resolve(answer.trim()); });
  });
}

/**
 * Starts HAProxy on 127.0.0.1 with one frontend per pool. Throws {@link ServiceMissing} when
 * the binary is not installed (the caller prints its Spanish message).
 *
 * @example
 * const lb = await startHaproxy([{ name: 'rr', balance: 'roundrobin', servers: [{ name: 's1', port: 8081 }, { name: 's2', port: 8082 }] }]);
 * try { await fetch(`http://127.0.0.1:${lb.ports.get('rr')}/`); } finally { await lb.stop(); }
 */
export async function startHaproxy(pools: readonly HaproxyPool[]): Promise<HaproxyInstance> {
  const binary = haproxyBinary();
  if (binary === undefined) throw new ServiceMissing('haproxy', 'haproxy', 'haproxy');
  if (pools.length === 0) throw new Error('haproxy: hace falta al menos un grupo de servidores');
  const names = new Set(pools.map((p) => p.name));
  if (names.size !== pools.length) throw new Error('haproxy: nombres de grupo repetidos');
  pools.forEach(checkPool);
  const withPorts: (HaproxyPool & { port: number })[] = [];
  for (const pool of pools) withPorts.push({ ...pool, port: pool.port ?? (await freePort()) });
  const first = (withPorts[0] as { port: number }).port;
  const dataDir = serviceDataDir('haproxy', first);
  const adminSocket = join(dataDir, 'admin.sock');
  // startService empties dataDir before spawning, so the config lives in a sibling folder.
  const configDir = serviceDataDir('haproxy-conf', first);
  const configPath = join(configDir, 'haproxy.cfg');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(configPath, haproxyConfig(withPorts, adminSocket));
  let handle: ServiceHandle;
  try {
    handle = await startService({
      name: 'haproxy', command: binary, args: ['-f', configPath, '-db'], dataDir,
      ready: async () => {
        for (const p of withPorts) if (!(await portOpen(p.port))) return false;
        return true;
      },
    });
  } catch (error) {
    rmSync(configDir, { recursive: true, force: true });
    throw error;
  }
  const ports = new Map(withPorts.map((p) => [p.name, p.port]));
  return {
    ports, handle, configPath, adminSocket,
    command: (line) => adminCommand(adminSocket, line),
    async setServerState(pool, server, state) {
      const answer = await adminCommand(adminSocket, `set server ${pool}/${server} state ${state}`);
      if (answer !== '') throw new Error(`haproxy: «set server ${pool}/${server} state ${state}» respondió: ${answer}`);
    },
    async stop() {
      try {
        await handle.stop();
      } finally {
        rmSync(configDir, { recursive: true, force: true });
      }
    },
  };
}
