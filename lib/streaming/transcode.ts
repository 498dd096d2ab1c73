// @real-io: the transcoding job on real worker threads, with wall-clock times and a silence deadline.
/**
 * The transcoding job on chapter 04's worker threads: one queue of (segment, rung) tasks,
 * biggest first, handed to idle threads; every thread runs chapter 04's `worker-main.ts`, which
 * renders a `Render` request (the rung's video spec, the segment). A worker that dies mid-task
 * (it throws, is terminated, or falls silent for `timeoutMs`) is replaced by a fresh thread and
 * its task goes back first in the queue: the renditions stay byte-identical to the serial ones.
 */
import { availableParallelism } from 'node:os';
import { parseWorkerMessage } from '../master-worker/messages';
import { sha256Hex } from '../master-worker/render';
import { ThreadPool } from '../master-worker/threads';
import type { WorkerThread } from '../master-worker/threads';
import { joinRenditions, ladderTasks, NETFLIX_LADDER, SEGMENT_S, STREAMING_SOURCE, transcodeSerially, validateLadder } from './ladder';
import type { LadderTask, Rendition, Rung, SourceVideo } from './ladder';

/** A fault planted in the worker that transcodes `segment` at rung `rung` (index in the ladder), on its first try. */
export interface LadderFault {
  readonly segment: number;
  readonly rung: number;
  /** `'throw'`: the worker's thread dies half-way; `'terminate'`: the master kills it half-way; `'hang'`: it falls silent half-way. */
  readonly kind: 'throw' | 'terminate' | 'hang';
}

/** Options of {@link transcodeLadder}. */
export interface TranscodeOptions {
  /** Worker threads (1 to 16). */
  readonly workers: number;
  readonly source?: SourceVideo;
  readonly ladder?: readonly Rung[];
  readonly segmentS?: number;
  readonly faults?: readonly LadderFault[];
  /** Silence after which a worker is declared dead (default 1500 ms; heartbeats come every tenth of a task). */
  readonly timeoutMs?: number;
  /** Hard limit for the whole job, threads' start included (default 60 s). */
  readonly runTimeoutMs?: number;
  /**
   * Tasks in flight per thread (default 2): the next one is already in the thread's mailbox when
   * it finishes one, so it does not sit idle waiting for the master to wake up and answer
   * (Python's `Pool.map` batches with `chunksize` for the same reason). 1 = one task at a time.
   */
  readonly prefetch?: number;
}

/** One try of one task, as the master saw it (times from the job's start, ms). */
export interface TaskTry {
  readonly task: number;
  readonly rung: string;
  readonly segment: number;
  readonly worker: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: 'ok' | 'muerto';
}

/** What {@link transcodeLadder} returns. */
export interface TranscodeRun {
  readonly workers: number;
  readonly cores: number;
  readonly tasks: number;
  readonly renditions: Rendition[];
  /** Wall time of the job itself (threads' start excluded). */
  readonly jobMs: number;
  /** Time to start the threads (tsx's hook included). */
  readonly startMs: number;
  /** Sum of the workers' own time on accepted tasks. */
  readonly workMs: number;
  readonly tries: TaskTry[];
  /** Tasks handed out again, and why. */
  readonly redone: { readonly segment: number; readonly rung: string; readonly worker: string; readonly reason: string }[];
  readonly threadsStarted: number;
}

/**
 * Transcodes every (segment, rung) task of the source on `workers` real threads.
 * Every thread is terminated before it resolves or rejects.
 *
 * @example
 * const run = await transcodeLadder({ workers: 2, faults: [{ segment: 3, rung: 3, kind: 'throw' }] });
 * run.renditions.map((r) => r.sha256); // the same as transcodeSerially().map((r) => r.sha256)
 */
export async function transcodeLadder(options: TranscodeOptions): Promise<TranscodeRun> {
  if (options === null || typeof options !== 'object') throw new TypeError('transcodeLadder: las opciones deben ser un objeto { workers, … }');
  if (!Number.isInteger(options.workers) || options.workers < 1 || options.workers > 16) throw new RangeError(`transcodeLadder: workers debe ser un entero entre 1 y 16, es ${String(options.workers)}`);
  const ladder = validateLadder(options.ladder ?? NETFLIX_LADDER);
  const tasks = ladderTasks(options.source ?? STREAMING_SOURCE, ladder, options.segmentS ?? SEGMENT_S);
  const timeoutMs = options.timeoutMs ?? 1500;
  const limitMs = options.runTimeoutMs ?? 60_000;
  const faults = options.faults ?? [];
  const prefetch = options.prefetch ?? 2;
  if (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > 8) throw new RangeError(`transcodeLadder: prefetch debe ser un entero entre 1 y 8, es ${String(prefetch)}`);
  for (const f of faults) {
    if (!tasks.some((t) => t.segment.index === f.segment && t.rung === f.rung) || !['throw', 'terminate', 'hang'].includes(f.kind)) {
      throw new RangeError(`transcodeLadder: fallo no válido ${JSON.stringify(f)} (segmento y peldaño deben existir; kind: throw, terminate o hang)`);
    }
  }
  const faultOf = (task: LadderTask, attempt: number) => (attempt === 1 ? faults.find((f) => f.segment === task.segment.index && f.rung === task.rung)?.kind : undefined);

  const t0 = performance.now();
  let jobStart = t0;
  const at = () => performance.now() - jobStart;
  const queue = tasks.map((t) => t.id);
  const attempts = new Map<number, number>();
  const encoded = new Map<number, Uint8Array>();
  /** Tasks sent to each thread, in the order it will do them (the head is the one it is on). */
  const inFlight = new Map<WorkerThread, { task: LadderTask; attempt: number; startMs: number }[]>();
  const lastSignMs = new Map<WorkerThread, number>();
  const tries: TaskTry[] = [];
  const redone: TranscodeRun['redone'] = [];
  let workMs = 0;
  let finish: (error?: Error) => void = () => undefined;
  const rungName = (task: LadderTask) => (ladder[task.rung] as Rung).name;

  /** Tops up a thread to `prefetch` tasks in flight, so it never waits for the master between two. */
  const hand = (thread: WorkerThread) => {
    const mine = inFlight.get(thread) ?? [];
    inFlight.set(thread, mine);
    if (!lastSignMs.has(thread)) lastSignMs.set(thread, at());
    while (mine.length < prefetch) {
      const id = queue.shift();
      if (id === undefined) return;
      const task = tasks[id] as LadderTask;
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      if (attempt > 4) return finish(new Error(`transcodeLadder: el segmento ${task.segment.index} de ${rungName(task)} falló 4 veces`));
      const fault = faultOf(task, attempt);
      mine.push({ task, attempt, startMs: at() });
      thread.worker.postMessage({ type: 'Render', video: task.video, fragment: task.segment, attempt, ...(fault ? { fault } : {}) });
    }
  };
  /** The worker is gone: its tasks go back first in the queue, in order, and a fresh thread takes its place. */
  const lost = (thread: WorkerThread, reason: string) => {
    const mine = inFlight.get(thread) ?? [];
    inFlight.delete(thread);
    lastSignMs.delete(thread);
    const head = mine[0];
    if (head !== undefined) {
      tries.push({ task: head.task.id, rung: rungName(head.task), segment: head.task.segment.index, worker: thread.id, startMs: head.startMs, endMs: at(), outcome: 'muerto' });
      redone.push({ segment: head.task.segment.index, rung: rungName(head.task), worker: thread.id, reason });
    }
    queue.unshift(...mine.map((m) => m.task.id));
    pool.spawn().then(hand, (error: Error) => finish(error));
  };
  const pool = new ThreadPool({
    onMessage: (thread, raw) => {
      const message = parseWorkerMessage(raw);
      const mine = inFlight.get(thread);
      const head = mine?.[0];
      if (mine === undefined || head === undefined) return;
      if (message.type === 'Invalid') return finish(new Error(`transcodeLadder: ${message.error}`));
      lastSignMs.set(thread, at());
      if (message.type === 'Progress') {
        const half = Math.max(1, Math.floor(head.task.segment.frameCount / 2));
        if (message.framesDone === half && faultOf(head.task, head.attempt) === 'terminate') {
          pool.terminate(thread);
          lost(thread, 'terminado a mitad del segmento (worker.terminate())');
        }
        return;
      }
      // A thread does its tasks in the order they were sent: a result is always the head's.
      if (message.type !== 'Rendered' || message.attempt !== head.attempt || message.fragment !== head.task.segment.index) return;
      if (sha256Hex(message.bytes) !== message.sha256) return finish(new Error(`transcodeLadder: bytes del segmento ${message.fragment} no coinciden con su sha256`));
      encoded.set(head.task.id, message.bytes);
      workMs += message.workMs;
      const endMs = at();
      tries.push({ task: head.task.id, rung: rungName(head.task), segment: head.task.segment.index, worker: thread.id, startMs: head.startMs, endMs, outcome: 'ok' });
      mine.shift();
      // The next one (already sent) starts now.
      if (mine[0] !== undefined) mine[0].startMs = Math.max(mine[0].startMs, endMs);
      if (encoded.size === tasks.length) return finish();
      hand(thread);
    },
    onExit: (thread, error) => lost(thread, error ? `el hilo lanzó: ${error.message}` : 'el hilo terminó'),
  });

  let hard: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setInterval> | undefined;
  let threadsReadyAt = t0;
  let jobEnd = t0;
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      finish = (error) => {
        if (settled) return;
        settled = true;
        jobEnd = performance.now();
        if (error) reject(error);
        else resolve();
      };
      hard = setTimeout(() => finish(new Error(`transcodeLadder: el trabajo no terminó en ${limitMs} ms`)), limitMs);
      // The master is not told that a worker hung: it only sees the silence pass its deadline.
      watchdog = setInterval(() => {
        for (const [thread, mine] of [...inFlight]) {
          if (mine.length === 0 || at() - (lastSignMs.get(thread) ?? at()) <= timeoutMs) continue;
          pool.terminate(thread);
          lost(thread, `sin señales en ${timeoutMs} ms`);
        }
      }, Math.max(10, Math.floor(timeoutMs / 5)));
      Promise.all(Array.from({ length: options.workers }, () => pool.spawn())).then((threads) => {
        threadsReadyAt = performance.now();
        jobStart = threadsReadyAt;
        for (const thread of threads) hand(thread);
      }, (error: Error) => finish(error));
    });
  } finally {
    if (hard !== undefined) clearTimeout(hard);
    if (watchdog !== undefined) clearInterval(watchdog);
    await pool.close();
  }
  const jobMs = jobEnd - jobStart;
  return {
    workers: options.workers, cores: availableParallelism(), tasks: tasks.length,
    renditions: joinRenditions(ladder, tasks, encoded), jobMs, startMs: threadsReadyAt - t0, workMs,
    tries, redone, threadsStarted: pool.startedCount,
  };
}

/**
 * The serial reference with its wall time: the whole ladder in this thread, task after task
 * (the T₁ of "one server does everything", without threads or messages).
 */
export function timeSerially(source: SourceVideo = STREAMING_SOURCE, ladder: readonly Rung[] = NETFLIX_LADDER, segmentS: number = SEGMENT_S): { renditions: Rendition[]; ms: number } {
  const t0 = performance.now();
  const renditions = transcodeSerially(source, ladder, segmentS);
  return { renditions, ms: performance.now() - t0 };
}
