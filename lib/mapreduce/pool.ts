// @real-io: starts, signals and stops MapReduce worker processes.
/**
 * A pool of worker processes: each is `node --require tsx/cjs worker-main.ts` in its own
 * process group, marked on its command line like lib/runtime's nodes (so
 * `runtimeProcesses(prefix)` finds leftovers), tracked by lib/runtime's reaper (so a
 * launcher killed with SIGKILL leaves nothing behind), and ended by `stop()`.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { signalGroup, track, tsxHookPath } from '../runtime/processes';
import { PROCESS_MARKER } from '../runtime/wire';

/** One worker of the pool, as the coordinator sees it: an id and a JSON-RPC URL. */
export interface WorkerEndpoint {
  readonly id: string;
  readonly url: string;
}

/** A running worker process. */
export interface WorkerProcess extends WorkerEndpoint {
  readonly pid: number;
}

/** A pool of worker processes. */
export interface WorkerPool {
  /** The cluster tag on every worker's command line (`runtimeProcesses(tag)` lists them). */
  readonly tag: string;
  /** The workers started, in order (a killed one stays listed, dead). */
  readonly workers: readonly WorkerProcess[];
  /** SIGKILL to a worker's process group: `kill -9`, no clean-up runs. */
  kill(id: string): void;
  /** SIGSTOP (`pause`) or SIGCONT (`resume`): a worker that hangs without closing its sockets. */
  pause(id: string): void;
  resume(id: string): void;
  /** Whether the worker's process is still running (false as soon as `kill` sent SIGKILL). */
  alive(id: string): boolean;
  /** Kills every worker and resolves when all have exited. */
  stop(): Promise<void>;
}

let poolCount = 0;

function workerMainPath(): string {
  for (const name of ['worker-main.ts', 'worker-main.js']) {
    const path = join(__dirname, name);
    if (existsSync(path)) return path;
  }
  throw new Error(`lib/mapreduce: no encuentro worker-main.ts en ${__dirname}`);
}

function startOne(tag: string, id: string, startTimeoutMs: number): Promise<{ child: ChildProcess; worker: WorkerProcess }> {
  const child = fork(workerMainPath(), [`${PROCESS_MARKER}${tag}`, id], {
    execPath: process.execPath,
    execArgv: ['--require', tsxHookPath()],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    detached: true,
  });
  track(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      signalGroup(child, 'SIGKILL');
      reject(new Error(`el trabajador ${id} no arrancó: ${why}${stderr ? `\n${stderr.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`sin respuesta en ${startTimeoutMs} ms`), startTimeoutMs);
    // Named handlers, removed one by one once the worker is up: `track` (lib/runtime) has
    // its own 'exit' listener, which must stay so that a dead worker leaves its registry.
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`terminó (código ${code ?? signal})`);
    const onError = (error: Error) => fail(error.message);
    child.once('exit', onExit);
    child.once('error', onError);
    child.once('message', (message: unknown) => {
      const m = message as { type?: string; url?: string; pid?: number };
      if (m.type !== 'ready' || typeof m.url !== 'string' || !m.url.startsWith('http://127.0.0.1:')) return fail('mensaje de arranque no válido');
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', onError);
      // A later error (a signal that cannot be sent, a broken IPC channel) must not crash the
      // coordinator: the worker's failure shows in its RPC calls and its 'exit'.
      child.on('error', () => undefined);
      resolve({ child, worker: { id, url: m.url, pid: child.pid ?? -1 } });
    });
  });
}

/**
 * Starts `count` worker processes (ids `w1`…`wN`) in parallel and waits until each serves
 * JSON-RPC; if any fails to start, the others are stopped and it rejects with why.
 *
 * @example
 * const pool = await startWorkerPool({ count: 2 });
 * try { console.log(pool.workers.map((w) => w.url)); } finally { await pool.stop(); }
 */
export async function startWorkerPool(options: { count: number; startTimeoutMs?: number }): Promise<WorkerPool> {
  if (!Number.isInteger(options.count) || options.count < 1) throw new RangeError(`count debe ser un entero ≥ 1, es ${options.count}`);
  const tag = `${process.pid}.mapreduce${++poolCount}`;
  const started = await Promise.allSettled(
    Array.from({ length: options.count }, (_, i) => startOne(tag, `w${i + 1}`, options.startTimeoutMs ?? 20_000)),
  );
  const children = new Map<string, ChildProcess>();
  const workers: WorkerProcess[] = [];
  for (const s of started) {
    if (s.status === 'fulfilled') {
      children.set(s.value.worker.id, s.value.child);
      workers.push(s.value.worker);
    }
  }
  const stop = async (): Promise<void> => {
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            signalGroup(child, 'SIGKILL');
          }),
      ),
    );
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed !== undefined) {
    await stop();
    throw failed.reason;
  }
  const childOf = (id: string): ChildProcess => {
    const child = children.get(id);
    if (child === undefined) throw new Error(`no hay ningún trabajador ${id} en este grupo`);
    return child;
  };
  // Killed on purpose: dead from now on, even before the parent hears of the exit.
  const killed = new Set<string>();
  return {
    tag,
    workers,
    kill: (id) => {
      killed.add(id);
      signalGroup(childOf(id), 'SIGKILL');
    },
    pause: (id) => void signalGroup(childOf(id), 'SIGSTOP'),
    resume: (id) => void signalGroup(childOf(id), 'SIGCONT'),
    alive: (id) => {
      const child = childOf(id);
      return !killed.has(id) && child.exitCode === null && child.signalCode === null;
    },
    stop,
  };
}
