// @real-io: runs actor hosts on worker threads, with a hard timeout, and always terminates them.
/**
 * Actor hosts for real: one worker thread per host, each running the same protocol node the
 * simulator runs (loaded by module path and export name, through tsx), with real timers. The
 * main thread routes the envelopes between threads (postMessage: structured clone, so no
 * thread shares an object with another) and records every output with its real time. Every
 * thread is terminated at the end — when `until` holds, at the hard timeout, or on error.
 */
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { tsxHookPath } from '../runtime/processes';
import type { OutputRecord } from '../sim/checkers';

/** A host factory that a worker thread can load: `module`'s export `export`, called with `args`. */
export interface ThreadFactory {
  readonly module: string;
  readonly export: string;
  readonly args: readonly unknown[];
}

/** Options of {@link runOnThreads}. */
export interface ThreadRunOptions {
  /** One thread per host id. */
  readonly hosts: readonly string[];
  readonly factory: ThreadFactory;
  readonly seed: string | number;
  /** Stop as soon as this holds over the outputs so far. */
  readonly until: (outputs: readonly OutputRecord[]) => boolean;
  /** Hard limit in real ms (default 10 000). */
  readonly timeoutMs?: number;
}

/** What a run on threads did. */
export interface ThreadRunResult {
  /** Every output, with real ms since the start. */
  readonly outputs: OutputRecord[];
  readonly timedOut: boolean;
  /** Each host's thread id. */
  readonly threadIds: ReadonlyMap<string, number>;
  readonly elapsedMs: number;
}

const live = new Set<Worker>();

/** The absolute path of a file of lib/actors (for worker threads to load). */
export function actorsFile(file: string): string {
  return typeof __dirname === 'string' ? join(__dirname, file) : resolve('lib/actors', file);
}

/** How many actor threads started by this module are still alive (0 after every run). */
export function liveActorThreads(): number {
  return live.size;
}

/**
 * Runs `hosts` on worker threads until `until` holds or `timeoutMs` passes, then terminates them.
 *
 * @example
 * const r = await runOnThreads({ hosts: ['sala', 'cocina'], factory: { module, export: 'restaurantNodes', args: [options] }, seed: 1, until: done });
 */
export async function runOnThreads(options: ThreadRunOptions): Promise<ThreadRunResult> {
  let startedAt = performance.timeOrigin + performance.now();
  let ready = 0;
  const outputs: OutputRecord[] = [];
  // Set once the run is decided: later messages (sent while terminating) are dropped, not appended unsorted.
  let closed = false;
  const workers = new Map<string, Worker>();
  const threadIds = new Map<string, number>();
  let finish: (timedOut: boolean) => void = () => undefined;
  const done = new Promise<boolean>((resolve) => { finish = resolve; });
  const check = () => { if (options.until(outputs)) finish(false); };
  const record = (node: string, label: string, data: unknown, timeMs: number) => {
    if (closed) return;
    outputs.push(data === undefined ? { timeMs, node, label } : { timeMs, node, label, data });
  };
  const hook = tsxHookPath();
  const entry = actorsFile('thread-main.ts');
  const timer = setTimeout(() => finish(true), options.timeoutMs ?? 10_000);
  try {
    for (const id of options.hosts) {
      const worker = new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(entry)});`, {
        eval: true,
        workerData: { module: options.factory.module, export: options.factory.export, args: options.factory.args, id, nodeIds: options.hosts, seed: String(options.seed) },
      });
      live.add(worker);
      worker.once('exit', () => live.delete(worker));
      workers.set(id, worker);
      threadIds.set(id, worker.threadId);
      worker.on('error', (error) => { record(id, 'thread.error', { host: id, error: error.message }, performance.timeOrigin + performance.now() - startedAt); finish(false); });
      worker.on('message', (m: { type: string; to?: string; message?: unknown; label?: string; data?: unknown; timeMs?: number }) => {
        if (closed) return;
        if (m.type === 'ready' && ++ready === options.hosts.length) {
          startedAt = performance.timeOrigin + performance.now();
          for (const w of workers.values()) w.postMessage({ type: 'start', startedAt });
        } else if (m.type === 'output') {
          record(id, m.label ?? '?', m.data, m.timeMs ?? 0);
          check();
        } else if (m.type === 'send') {
          const target = m.to === undefined ? undefined : workers.get(m.to);
          if (target === undefined) record(id, 'actor.deadLetter', { to: m.to, reason: `no existe el host ${String(m.to)}` }, performance.timeOrigin + performance.now() - startedAt);
          else target.postMessage({ type: 'input', input: { type: 'message', from: id, message: m.message } });
        }
      });
    }
    const timedOut = await done;
    closed = true;
    outputs.sort((a, b) => a.timeMs - b.timeMs);
    return { outputs, timedOut, threadIds, elapsedMs: performance.timeOrigin + performance.now() - startedAt };
  } finally {
    closed = true;
    clearTimeout(timer);
    for (const w of workers.values()) w.removeAllListeners('message');
    await Promise.all([...workers.values()].map((w) => w.terminate()));
  }
}
