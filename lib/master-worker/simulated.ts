/**
 * The same master, in simulated time: the planner (`planAssignmentsReference`, or an injected
 * one) driven by a seeded event queue in which workers take a random time per fragment, crash
 * silently with some probability, or answer slowly. Deterministic (same seed, same run), so a
 * sweep over hundreds of seeds checks the bookkeeping the real render relies on: every
 * fragment accepted exactly once, joined in order, with a bounded number of tries.
 */
import { createRng } from '../random/index';
import { planAssignmentsReference } from './scheduler';
import type { MasterPlanState, PlanFunction } from './scheduler';

/** Options of {@link simulateMaster}. */
export interface SimulatedMasterOptions {
  readonly seed: string | number;
  readonly fragments: number;
  readonly workers: number;
  /** Probability that a try crashes silently (the worker never answers). */
  readonly crashProbability: number;
  /** Probability that a try is slow (takes 3× the timeout: its late answer must be ignored). */
  readonly slowProbability?: number;
  readonly timeoutMs: number;
  /** Mean render time of a fragment (exponential). */
  readonly workMsMean: number;
  readonly plan?: PlanFunction;
  /** Give up after this much simulated time (default 1 000 000 ms). */
  readonly limitMs?: number;
}

/** What a simulated run did. */
export interface SimulatedMasterRun {
  readonly seed: string;
  /** Fragments in the order they were accepted. */
  readonly accepted: readonly number[];
  /** The joined order (0…n−1 when complete). */
  readonly joined: readonly number[];
  readonly tries: readonly number[];
  readonly timeouts: number;
  readonly lateAnswersIgnored: number;
  readonly workersStarted: number;
  readonly finishedAtMs: number;
  /** Property violations found (empty when correct). */
  readonly violations: readonly string[];
}

type SimEvent = { atMs: number; seq: number; kind: 'answer'; worker: string; fragment: number; attempt: number } | { atMs: number; seq: number; kind: 'tick' } | { atMs: number; seq: number; kind: 'ready'; worker: string };

/**
 * Runs the master in simulated time and checks it: `everyFragmentOnce` (each accepted exactly
 * once), `joinedInOrder`, `noWorkForTheDead` (no fragment goes to a worker whose deadline
 * passed) and `progress` (the run finishes within the limit). A crashed worker stays dead.
 *
 * @example
 * simulateMaster({ seed: 7, fragments: 12, workers: 3, crashProbability: 0.2, timeoutMs: 500, workMsMean: 100 }).violations; // []
 */
export function simulateMaster(options: SimulatedMasterOptions): SimulatedMasterRun {
  const rng = createRng(`master:${String(options.seed)}`);
  const plan = options.plan ?? planAssignmentsReference;
  const limitMs = options.limitMs ?? 1_000_000;
  const queue: SimEvent[] = [];
  let seq = 0;
  const push = (e: SimEvent) => queue.push(e);
  let started = 0;
  const spawn = (atMs: number) => push({ kind: 'ready', atMs: atMs + 20, seq: seq++, worker: `w${++started}` });
  let state: MasterPlanState = { pending: Array.from({ length: options.fragments }, (_, i) => i), running: [], idle: [] };
  const tries = new Array<number>(options.fragments).fill(0);
  const accepted: number[] = [];
  const done = new Set<number>();
  const violations: string[] = [];
  const crashed = new Set<string>();
  const declaredDead = new Set<string>();
  let timeouts = 0;
  let late = 0;
  let nowMs = 0;
  for (let i = 0; i < options.workers; i++) spawn(0);
  const step = () => {
    const next = plan(state, nowMs, options.timeoutMs);
    state = { pending: next.pending, running: next.running, idle: next.idle };
    for (const out of next.timedOut) timeouts++, declaredDead.add(out.worker), spawn(nowMs);
    for (const a of next.assigned) {
      const attempt = ++tries[a.fragment]!;
      if (declaredDead.has(a.worker)) violations.push(`noWorkForTheDead: el fragmento ${a.fragment} se dio a ${a.worker}, que ya había vencido un plazo`);
      const r = rng.next();
      if (crashed.has(a.worker)) continue; // a dead worker never answers
      if (r < options.crashProbability) {
        crashed.add(a.worker); // a silent crash: no answer, ever, to this or any later fragment
        continue;
      }
      const slow = r < options.crashProbability + (options.slowProbability ?? 0);
      const workMs = slow ? 3 * options.timeoutMs : Math.min(options.timeoutMs * 0.9, rng.exponential(options.workMsMean));
      push({ kind: 'answer', atMs: nowMs + workMs, seq: seq++, worker: a.worker, fragment: a.fragment, attempt });
    }
    const deadline = Math.min(...state.running.map((r) => r.deadlineMs));
    if (Number.isFinite(deadline)) push({ kind: 'tick', atMs: deadline, seq: seq++ });
  };
  while (done.size < options.fragments && queue.length > 0) {
    queue.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
    const event = queue.shift() as SimEvent;
    nowMs = event.atMs;
    if (nowMs > limitMs) break;
    if (event.kind === 'ready') state = { ...state, idle: [...state.idle, event.worker] };
    if (event.kind === 'answer') {
      const mine = state.running.find((r) => r.worker === event.worker && r.fragment === event.fragment);
      if (mine === undefined) {
        late++;
        continue; // the worker was given up on: its answer is ignored
      }
      if (done.has(event.fragment)) violations.push(`everyFragmentOnce: el fragmento ${event.fragment} se aceptó dos veces`);
      done.add(event.fragment);
      accepted.push(event.fragment);
      state = { ...state, running: state.running.filter((r) => r !== mine), idle: [...state.idle, event.worker] };
    }
    step();
  }
  if (done.size < options.fragments) violations.push(`progress: solo ${done.size} de ${options.fragments} fragmentos en ${limitMs} ms simulados`);
  const joined = [...done].sort((a, b) => a - b);
  if (joined.some((f, i) => f !== i)) violations.push(`joinedInOrder: el archivo no tiene los fragmentos 0…${options.fragments - 1}`);
  return { seed: String(options.seed), accepted, joined, tries, timeouts, lateAnswersIgnored: late, workersStarted: started, finishedAtMs: nowMs, violations };
}
