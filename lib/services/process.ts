// @real-io: finds, starts, polls and kills real service processes (redis-server, etcd, …).
/**
 * Real services for the chapters that use them (Redis, etcd, HAProxy, rsync, openssl): how a
 * binary is found, how a server is started on 127.0.0.1 in its own process group with its data
 * and log under `build/services/`, how the kit waits until it answers, and how it is stopped.
 *
 * No process is left behind: `stop()` kills the whole group; `stopAllServices()` stops every
 * service still registered; a process `exit` hook SIGKILLs the groups still alive; and if this
 * process dies without running it (SIGKILL), lib/runtime's reaper watchdog kills them.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { findBinary, nonLoopbackAddress } from './binaries';
import { reaperWatch } from '../runtime/reaper';

export { ServiceMissing, findBinary, freePort, missingServiceMessage, nonLoopbackAddress, portOpen } from './binaries';
export type { ServiceName } from './binaries';

/** A running service process, started by {@link startService}. */
export interface ServiceHandle {
  /** The name given at start (also the log file's name). */
  readonly name: string;
  /** Its process id, which is also its process group id. */
  readonly pid: number;
  /** Its data folder (its log is `<dataDir>/<name>.log`). */
  readonly dataDir: string;
  /** Resolves with its exit code when it ends, or `null` when a signal ended it. */
  readonly exited: Promise<number | null>;
  /** `true` once it has exited. */
  readonly hasExited: boolean;
  /** Sends `signal` (default SIGKILL) to its whole process group: 'SIGKILL', 'SIGSTOP', 'SIGCONT'… */
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM to the group, SIGKILL after `timeoutMs` (default 3000); removes the data folder unless kept. Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
  /** The last `lines` (default 20) lines of its stdout and stderr, for error messages. */
  logTail(lines?: number): string;
}

/** Options of {@link startService}. */
export interface StartServiceOptions {
  /** A short name: the log file is `<dataDir>/<name>.log`. */
  readonly name: string;
  /** The executable (absolute path, or a name found with {@link findBinary}). */
  readonly command: string;
  /** Its arguments; any IPv4/IPv6 address other than 127.0.0.1 is refused. */
  readonly args: readonly string[];
  /** Its data folder: created empty (an old one is removed first). Use {@link serviceDataDir}. */
  readonly dataDir: string;
  /** Polled every 50 ms until it returns true. */
  readonly ready: () => Promise<boolean>;
  /** How long to wait for `ready` (default 10,000 ms). */
  readonly timeoutMs?: number;
  /** Extra environment variables. */
  readonly env?: Record<string, string>;
  /** Keep the data folder when stopped (default false). */
  readonly keep?: boolean;
}

// Real path: under tslab, __dirname goes through the notebooks/lib symlink.
const ROOT = resolve(realpathSync(__dirname), '..', '..');

/** The data folder of a service: `build/services/<name>-<port>` under the kit's root. */
export function serviceDataDir(name: string, port: number | string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(`${name}-${port}`)) throw new Error(`serviceDataDir: nombre no válido «${name}-${port}»`);
  return join(ROOT, 'build', 'services', `${name}-${port}`);
}

const living = new Set<ServiceHandle>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const handle of living) {
      try {
        process.kill(-handle.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

function tailOf(path: string, lines: number): string {
  try {
    const all = readFileSync(path, 'utf8').split('\n');
    if (all[all.length - 1] === '') all.pop();
    return all.slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Starts a service process detached (its own process group), its stdout and stderr going to
 * `<dataDir>/<name>.log`, and waits until `ready()` is true (polled every 50 ms). Throws a clear
 * error with the log's tail if the process exits first or `timeoutMs` passes (then it is
 * killed). The service is registered, so `stopAllServices()` and an `exit` hook kill leftovers.
 * @example
 * const port = await freePort();
 * const redis = await startService({ name: 'redis', command: findBinary('redis-server')!,
 *   args: ['--bind', '127.0.0.1', '--port', String(port), '--save', ''],
 *   dataDir: serviceDataDir('redis', port), ready: () => portOpen(port) });
 * await redis.stop();
 */
export async function startService(options: StartServiceOptions): Promise<ServiceHandle> {
  const { name, args, dataDir } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`startService: nombre no válido «${name}»`);
  for (const arg of args) {
    const bad = nonLoopbackAddress(arg);
    if (bad !== undefined) throw new Error(`startService(${name}): solo se permite 127.0.0.1, no ${bad} (argumento «${arg}»)`);
  }
  const command = findBinary(options.command);
  if (command === undefined) throw new Error(`startService(${name}): no encuentro el ejecutable «${options.command}»`);
  if (!isAbsolute(dataDir)) throw new Error(`startService(${name}): dataDir debe ser una ruta absoluta («${dataDir}»)`);
  if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const logPath = join(dataDir, `${name}.log`);
  const logFd = openSync(logPath, 'a');
  const child = (() => {
    try {
      return spawn(command, [...args], {
        cwd: dataDir,
        env: { ...process.env, ...(options.env ?? {}) },
        stdio: ['ignore', logFd, logFd],
        detached: true,
      });
    } finally {
      closeSync(logFd);
    }
  })();
  let hasExited = false;
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code) => {
      hasExited = true;
      resolveExit(code);
    });
    child.once('error', () => {
      hasExited = true;
      resolveExit(null);
    });
  });
  const pid = child.pid;
  if (pid === undefined) {
    await exited;
    throw new Error(`startService(${name}): no se pudo lanzar ${command}\n${tailOf(logPath, 20)}`);
  }
  let lastTail = '';
  let stopping: Promise<void> | undefined;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // The group is gone (or never was a group): try the process alone.
      try {
        if (!hasExited) process.kill(pid, s);
      } catch {
        // Gone.
      }
    }
  };
  const handle: ServiceHandle = {
    name,
    pid,
    dataDir,
    exited,
    get hasExited() {
      return hasExited;
    },
    kill: (s = 'SIGKILL') => signal(s),
    logTail: (lines = 20) => (existsSync(logPath) ? tailOf(logPath, lines) : lastTail.split('\n').slice(-lines).join('\n')),
    stop: (stopTimeoutMs = 3_000) => {
      stopping ??= (async () => {
        if (!hasExited) {
          signal('SIGTERM');
          signal('SIGCONT'); // A paused (SIGSTOP) service must run to handle SIGTERM.
          const killed = await Promise.race([exited.then(() => true), sleep(stopTimeoutMs).then(() => false)]);
          if (!killed) signal('SIGKILL');
          await exited;
        }
        signal('SIGKILL'); // Anything the leader left in its group.
        living.delete(handle);
        reaperWatch(pid, false);
        lastTail = tailOf(logPath, 200);
        if (options.keep !== true) rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
  living.add(handle);
  installExitHook();
  reaperWatch(pid, true);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited) {
      const tail = tailOf(logPath, 20);
      await handle.stop();
      throw new Error(`startService(${name}): el proceso terminó antes de estar listo (código ${await exited}).\n${tail}`);
    }
    let ok = false;
    try {
      ok = await options.ready();
    } catch {
      ok = false;
    }
    if (ok) return handle;
    if (Date.now() > deadline) {
      const tail = tailOf(logPath, 20);
      await handle.stop(500);
      throw new Error(`startService(${name}): no estuvo listo en ${timeoutMs} ms.\n${tail}`);
    }
    await sleep(50);
  }
}

/** The services started by this process and not yet stopped. */
export function runningServices(): readonly ServiceHandle[] {
  return [...living];
}

/** Stops every service still running (see {@link ServiceHandle.stop}). */
export async function stopAllServices(): Promise<void> {
  await Promise.all([...living].map((h) => h.stop()));
}
