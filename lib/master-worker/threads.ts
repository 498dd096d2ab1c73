// @real-io: starts and terminates worker threads.
/**
 * The worker threads of the master–worker pattern: each one a real `worker_threads` Worker
 * running `worker-main.ts` (through tsx's CommonJS hook, as lib/runtime starts its node
 * processes), started with a hard timeout, and always terminated. Every thread started here
 * is registered until its `exit` event, so a test can assert that none is left
 * (`liveWorkerThreads()`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { tsxHookPath } from '../runtime/processes';

/** One worker thread, as the master sees it. */
export interface WorkerThread {
  /** The master's name for it: `t1`, `t2`, … in start order. */
  readonly id: string;
  readonly worker: Worker;
  /** False once it has exited (terminated, thrown, or never started). */
  alive: boolean;
}

/** Every worker thread started by this module and not yet exited (in any pool). */
const living = new Set<Worker>();

/** How many worker threads started by lib/master-worker are still running (0 after every run). */
export function liveWorkerThreads(): number {
  return living.size;
}

function workerMainPath(): string {
  for (const name of ['worker-main.ts', 'worker-main.js']) {
    const path = join(__dirname, name);
    if (existsSync(path)) return path;
  }
  throw new Error(`lib/master-worker: no encuentro worker-main.ts en ${__dirname}`);
}

/** Callbacks of a thread: its messages, and its death (with the error it threw, if any). */
export interface ThreadHandlers {
  readonly onMessage: (thread: WorkerThread, message: unknown) => void;
  readonly onExit: (thread: WorkerThread, error: Error | undefined) => void;
}

/**
 * A set of worker threads that can grow (a replacement for a dead one) and is closed once:
 * `close()` terminates every thread and waits for each `exit`.
 */
export class ThreadPool {
  private readonly threads: WorkerThread[] = [];
  private readonly exits: Promise<void>[] = [];
  private closed = false;
  private started = 0;

  constructor(private readonly handlers: ThreadHandlers, private readonly startTimeoutMs = 20_000) {}

  /** Threads started so far (replacements included). */
  get startedCount(): number {
    return this.started;
  }

  /** Threads of this pool still alive. */
  get aliveCount(): number {
    return this.threads.filter((t) => t.alive).length;
  }

  /**
   * Starts one thread and resolves when it says `Ready`; rejects (and terminates it) if it does
   * not within the start timeout, or exits first.
   */
  spawn(): Promise<WorkerThread> {
    if (this.closed) return Promise.reject(new Error('ThreadPool: ya está cerrado'));
    this.started += 1;
    const hook = tsxHookPath();
    const code = `require(${JSON.stringify(hook)}); require(${JSON.stringify(workerMainPath())});`;
    const worker = new Worker(code, { eval: true, stdout: false, stderr: false, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    const thread: WorkerThread = { id: `t${this.started}`, worker, alive: true };
    this.threads.push(thread);
    living.add(worker);
    let ready = false;
    let settle: { resolve: (t: WorkerThread) => void; reject: (e: Error) => void } | undefined;
    const readyPromise = new Promise<WorkerThread>((resolve, reject) => (settle = { resolve, reject }));
    const timer = setTimeout(() => {
      settle?.reject(new Error(`el hilo ${thread.id} no arrancó en ${this.startTimeoutMs} ms`));
      void worker.terminate();
    }, this.startTimeoutMs);
    let lastError: Error | undefined;
    worker.on('error', (error) => {
      lastError = error;
    });
    worker.on('message', (message: unknown) => {
      if (!ready && typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'Ready') {
        ready = true;
        clearTimeout(timer);
        settle?.resolve(thread);
        return;
      }
      if (ready && thread.alive) this.handlers.onMessage(thread, message);
    });
    this.exits.push(
      new Promise<void>((resolve) => {
        worker.once('exit', () => {
          clearTimeout(timer);
          living.delete(worker);
          const wasAlive = thread.alive;
          thread.alive = false;
          if (!ready) settle?.reject(new Error(`el hilo ${thread.id} terminó antes de arrancar${lastError ? `: ${lastError.message}` : ''}`));
          else if (wasAlive) this.handlers.onExit(thread, lastError);
          resolve();
        });
      }),
    );
    return readyPromise;
  }

  /** Terminates one thread (no more of its messages are delivered). */
  terminate(thread: WorkerThread): void {
    if (!thread.alive) return;
    thread.alive = false;
    void thread.worker.terminate();
  }

  /** Terminates every thread and resolves when all have exited. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    for (const thread of this.threads) {
      thread.alive = false;
      void thread.worker.terminate();
    }
    await Promise.all(this.exits);
  }
}
