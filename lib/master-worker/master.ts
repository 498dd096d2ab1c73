// @real-io: the master of the real render: worker threads, deadlines, wall-clock times.
/**
 * The master of the lecture's cloud render, on real threads: split the video, hand fragments
 * to idle workers, give up on a fragment whose deadline passes (terminate its worker, start a
 * replacement, hand the fragment to someone else), reject answers that fail their check, and
 * join the fragments in order. Whatever the faults, the output is byte-identical to
 * `renderSerially` (the join only ever sees each fragment's one correct rendering).
 */
import { availableParallelism } from 'node:os';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { validateFaults } from './messages';
import { joinFragments } from './join';
import { sha256Hex } from './render';
import { checkPlan, planAssignmentsReference, validatePlanInput } from './scheduler';
import { ThreadPool } from './threads';
import { LECTURE_FRAGMENT_S, LECTURE_VIDEO, splitIntoFragments, validateVideo } from './video';
import { parseWorkerMessage } from './messages';
import type { PlantedFault } from './messages';
import type { RenderedFragment } from './render';
import type { MasterPlanState, PlanFunction } from './scheduler';
import type { WorkerThread } from './threads';
import type { VideoSpec } from './video';
import type { MasterEvent, MasterWorkerRun } from './run';

/** Options of {@link runMasterWorker}. */
export interface MasterWorkerOptions {
  /** Number of worker threads (1 to 32). */
  readonly workers: number;
  /** The video (default the lecture's two minutes, `LECTURE_VIDEO`). */
  readonly video?: VideoSpec;
  /** Seconds per fragment (default 10, as in the lecture). */
  readonly fragmentS?: number;
  /** How long the master waits for a sign of life (a heartbeat or the result) before giving up on a worker (default 2000 ms). */
  readonly timeoutMs?: number;
  /** Faults to plant in the workers (default none). */
  readonly faults?: readonly PlantedFault[];
  /** Tries per fragment before the whole render fails (default 4). */
  readonly maxAttempts?: number;
  /** Hard limit for the whole render, threads' start included (default 120 s). */
  readonly runTimeoutMs?: number;
  /** The planner (default the kit's `planAssignmentsReference`; exercise 04.1 injects the student's). */
  readonly plan?: PlanFunction;
  /** Keep the joined bytes in the result (default false: only their length and hash). */
  readonly keepOutput?: boolean;
}

function validateOptions(options: MasterWorkerOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError('runMasterWorker: las opciones deben ser un objeto { workers, … }');
  if (!Number.isInteger(options.workers) || options.workers < 1 || options.workers > 32) {
    throw new RangeError(`runMasterWorker: workers debe ser un entero entre 1 y 32, es ${String(options.workers)}`);
  }
  for (const key of ['timeoutMs', 'runTimeoutMs'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) throw new RangeError(`runMasterWorker: ${key} debe ser un número de milisegundos > 0, es ${String(value)}`);
  }
  if (options.maxAttempts !== undefined && (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1)) {
    throw new RangeError(`runMasterWorker: maxAttempts debe ser un entero ≥ 1, es ${String(options.maxAttempts)}`);
  }
  if (options.plan !== undefined && typeof options.plan !== 'function') throw new TypeError('runMasterWorker: plan debe ser una función (state, nowMs, timeoutMs) → plan');
}

/**
 * Renders a video with a master and `workers` real worker threads, and resolves with what
 * happened (hash of the output, times, events, reassignments, problems reported). Every
 * thread is terminated before it resolves or rejects.
 *
 * @example
 * const run = await runMasterWorker({ workers: 2, faults: [{ fragment: 3, kind: 'throw' }], timeoutMs: 1000 });
 * run.sha256 === renderSerially(LECTURE_VIDEO, 10).sha256; // true: fragment 3 was reassigned
 */
export async function runMasterWorker(options: MasterWorkerOptions): Promise<MasterWorkerRun> {
  validateOptions(options);
  const video = validateVideo(options.video ?? LECTURE_VIDEO);
  const fragmentS = options.fragmentS ?? LECTURE_FRAGMENT_S;
  const timeoutMs = options.timeoutMs ?? 2000;
  const maxAttempts = options.maxAttempts ?? 4;
  const plan = options.plan ?? planAssignmentsReference;
  const faults = options.faults ?? [];
  const clock0 = performance.now();
  const now = () => performance.now() - clock0;
  const splitStart = now();
  const fragments = splitIntoFragments(video, fragmentS);
  const splitMs = now() - splitStart;
  validateFaults(faults, fragments.length);

  const events: MasterEvent[] = [];
  const problems: string[] = [];
  const reassigned: { fragment: number; from: string; reason: string }[] = [];
  const attempts = fragments.map(() => 0);
  const workMs = fragments.map(() => 0);
  const results = new Map<number, RenderedFragment>();
  const byId = new Map<string, WorkerThread>();
  const faultOf = (fragment: number, attempt: number) => faults.find((f) => f.fragment === fragment && (f.attempt ?? 1) === attempt)?.kind;
  let state: MasterPlanState = { pending: fragments.map((f) => f.index), running: [], idle: [] };
  let fail: (error: Error) => void = () => undefined;
  let step: () => void = () => undefined;
  const log = (event: Omit<MasterEvent, 'atMs'>) => events.push({ atMs: now(), ...event });

  const pool = new ThreadPool({
    onMessage: (thread, raw) => {
      const message = parseWorkerMessage(raw);
      const mine = state.running.find((r) => r.worker === thread.id);
      if (message.type === 'Invalid') return reject(thread, `${thread.id}: ${message.error}`);
      if (message.type !== 'Progress' && message.type !== 'Rendered') return reject(thread, `${thread.id}: respuesta inesperada ${message.type}`);
      if (mine === undefined || message.fragment !== mine.fragment || message.attempt !== attempts[mine.fragment]) {
        if (message.type === 'Rendered') log({ kind: 'late', worker: thread.id, fragment: message.fragment, detail: 'respuesta a un encargo que ya no tiene: ignorada' });
        return;
      }
      if (message.type === 'Progress') {
        // A heartbeat: the worker is alive, so its deadline moves (a slow worker on a loaded
        // machine is not declared dead; a silent one is, `timeoutMs` after its last sign of life).
        const extended = { ...mine, deadlineMs: now() + timeoutMs };
        state = { ...state, running: state.running.map((r) => (r === mine ? extended : r)) };
        const half = Math.max(1, Math.floor((fragments[message.fragment]?.frameCount ?? 2) / 2));
        if (message.framesDone !== half || faultOf(message.fragment, message.attempt) === undefined) return;
        log({ kind: 'progress', worker: thread.id, fragment: message.fragment, attempt: message.attempt, detail: `${message.framesDone} fotogramas` });
        if (faultOf(message.fragment, message.attempt) === 'terminate') {
          pool.terminate(thread);
          log({ kind: 'died', worker: thread.id, fragment: message.fragment, detail: 'terminado a mitad del fragmento (worker.terminate())' });
        }
        return;
      }
      if (sha256Hex(message.bytes) !== message.sha256) {
        return reject(thread, `${thread.id}: los bytes del fragmento ${message.fragment} no coinciden con su sha256`);
      }
      results.set(message.fragment, { index: message.fragment, bytes: message.bytes, sha256: message.sha256 });
      workMs[message.fragment] = message.workMs;
      log({ kind: 'result', worker: thread.id, fragment: message.fragment, attempt: message.attempt });
      state = { pending: state.pending, running: state.running.filter((r) => r !== mine), idle: [...state.idle, thread.id] };
      step();
    },
    onExit: (thread, error) => {
      // The master is not told that a remote worker died: it only sees the deadline pass.
      log({ kind: 'died', worker: thread.id, fragment: state.running.find((r) => r.worker === thread.id)?.fragment, detail: error ? `el hilo lanzó: ${error.message}` : 'el hilo terminó' });
    },
  });

  /** A worker that answered wrong: reported, terminated and replaced; its fragment goes back first in the queue. */
  function reject(thread: WorkerThread, why: string): void {
    problems.push(why);
    const mine = state.running.find((r) => r.worker === thread.id);
    log({ kind: 'rejected', worker: thread.id, fragment: mine?.fragment, detail: why });
    pool.terminate(thread);
    if (mine !== undefined) reassigned.push({ fragment: mine.fragment, from: thread.id, reason: 'respuesta no válida' });
    state = {
      pending: mine === undefined ? state.pending : [mine.fragment, ...state.pending],
      running: state.running.filter((r) => r !== mine),
      idle: state.idle.filter((w) => w !== thread.id),
    };
    replace();
    step();
  }

  function replace(): void {
    pool.spawn().then((fresh) => {
      byId.set(fresh.id, fresh);
      log({ kind: 'start', worker: fresh.id, detail: 'sustituto' });
      state = { ...state, idle: [...state.idle, fresh.id] };
      step();
    }, (error: Error) => fail(error));
  }

  const startedAt = now();
  let renderStart = 0;
  let renderEnd = 0;
  // The master's main-thread busy time during the render (parsing, sha256 checks, planning,
  // dispatching): event-loop utilisation, whose `active` excludes the time spent waiting.
  let elu0: EventLoopUtilization | undefined;
  let masterBusyMs = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hardTimer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, rejectRun) => {
      let finished = false;
      fail = (error) => {
        if (!finished) (finished = true), rejectRun(error);
      };
      hardTimer = setTimeout(() => fail(new Error(`runMasterWorker: el render no terminó en ${options.runTimeoutMs ?? 120_000} ms`)), options.runTimeoutMs ?? 120_000);
      step = () => {
        if (finished) return;
        try {
          const before = state;
          const t = now();
          validatePlanInput(before, t, timeoutMs);
          const next = plan(before, t, timeoutMs);
          const wrong = options.plan === undefined ? undefined : checkPlan(before, next);
          if (wrong !== undefined) throw new Error(`runMasterWorker: ${wrong}`);
          state = { pending: [...next.pending], running: [...next.running], idle: [...next.idle] };
          for (const out of next.timedOut) {
            log({ kind: 'timeout', worker: out.worker, fragment: out.fragment, detail: `sin respuesta en ${timeoutMs} ms` });
            reassigned.push({ fragment: out.fragment, from: out.worker, reason: 'plazo vencido' });
            const dead = byId.get(out.worker);
            if (dead !== undefined) pool.terminate(dead);
            replace();
          }
          for (const a of next.assigned) {
            const attempt = (attempts[a.fragment] = (attempts[a.fragment] ?? 0) + 1);
            if (attempt > maxAttempts) throw new Error(`runMasterWorker: el fragmento ${a.fragment} falló ${maxAttempts} veces; el render se abandona`);
            const thread = byId.get(a.worker);
            if (thread === undefined || !thread.alive) throw new Error(`runMasterWorker: el planificador asignó a un trabajador desconocido o muerto: ${a.worker}`);
            log({ kind: 'assign', worker: a.worker, fragment: a.fragment, attempt });
            const fault = faultOf(a.fragment, attempt);
            thread.worker.postMessage({ type: 'Render', video, fragment: fragments[a.fragment], attempt, ...(fault ? { fault } : {}) });
          }
          if (results.size === fragments.length) {
            finished = true;
            renderEnd = now();
            if (elu0 !== undefined) masterBusyMs = performance.eventLoopUtilization(elu0).active;
            return resolve();
          }
          if (timer !== undefined) clearTimeout(timer);
          const nextDeadline = Math.min(...state.running.map((r) => r.deadlineMs));
          // setImmediate: messages that arrived while this thread was descheduled are handled
          // (heartbeats move deadlines) before the deadline is judged.
          if (Number.isFinite(nextDeadline)) timer = setTimeout(() => setImmediate(() => step()), Math.max(0, nextDeadline - now()) + 1);
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
        }
      };
      Promise.all(Array.from({ length: options.workers }, () => pool.spawn())).then((threads) => {
        for (const thread of threads) byId.set(thread.id, thread), log({ kind: 'start', worker: thread.id });
        state = { ...state, idle: threads.map((t) => t.id) };
        renderStart = now();
        elu0 = performance.eventLoopUtilization();
        step();
      }, (error: Error) => fail(error));
    });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (hardTimer !== undefined) clearTimeout(hardTimer);
    await pool.close();
  }
  const renderMs = renderEnd - renderStart;
  const joinStart = now();
  const joined = joinFragments(video, [...results.values()], fragmentS);
  const joinMs = now() - joinStart;
  return {
    video, fragmentS, workers: options.workers, cores: availableParallelism(), fragments: fragments.length, timeoutMs,
    sha256: joined.sha256, outputBytes: joined.bytes.length, ...(options.keepOutput ? { output: joined.bytes } : {}),
    startMs: renderStart - startedAt, splitMs, renderMs, joinMs, masterBusyMs: Math.min(masterBusyMs, renderMs), totalMs: splitMs + renderMs + joinMs,
    threadsStarted: pool.startedCount, attempts, workMs, events, reassigned, problems, faults,
  };
}
