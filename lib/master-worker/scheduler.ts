/**
 * The master's bookkeeping as a pure function over plain data: which fragments wait, which
 * run where and until when, which workers are idle. At every event (a worker ready, a result,
 * a deadline) the master calls `plan(state, nowMs, timeoutMs)` and acts on what it returns:
 * terminate the workers that timed out (and start replacements), send the new assignments.
 * The master never calls the student's version (exercise 04.1) unless it is injected.
 */

/** A fragment being rendered: by whom, and the deadline after which the master gives up on it. */
export interface RunningFragment {
  readonly fragment: number;
  readonly worker: string;
  readonly deadlineMs: number;
}

/** The master's plain state, as `plan` sees it. */
export interface MasterPlanState {
  /** Fragments waiting, in the order they will be handed out. */
  readonly pending: readonly number[];
  /** Fragments being rendered, in assignment order. */
  readonly running: readonly RunningFragment[];
  /** Idle workers, in the order they became idle. */
  readonly idle: readonly string[];
}

/** What `plan` returns: the new state, the assignments to send, and the timeouts to act on. */
export interface MasterPlan extends MasterPlanState {
  /** New assignments (each also in `running`), in the order they were made. */
  readonly assigned: readonly RunningFragment[];
  /** Fragments whose deadline passed, with the worker now considered dead, in `running`'s order. */
  readonly timedOut: readonly { readonly fragment: number; readonly worker: string }[];
}

/** A planning function: the kit's {@link planAssignmentsReference} or the student's `planAssignments`. */
export type PlanFunction = (state: MasterPlanState, nowMs: number, timeoutMs: number) => MasterPlan;

/**
 * The kit's planner (the same rules as exercise 04.1): running fragments whose deadline is
 * ≤ `nowMs` time out (their worker is dead to the master; the fragments go back to the front of
 * the queue, lowest first), then each idle worker in order takes the first waiting fragment,
 * with deadline `nowMs + timeoutMs`.
 *
 * @example
 * planAssignmentsReference({ pending: [2, 3], running: [{ fragment: 1, worker: 't1', deadlineMs: 500 }], idle: ['t2'] }, 600, 1000);
 * // timedOut [{ fragment: 1, worker: 't1' }], assigned [{ fragment: 1, worker: 't2', deadlineMs: 1600 }], pending [2, 3]
 */
export function planAssignmentsReference(state: MasterPlanState, nowMs: number, timeoutMs: number): MasterPlan {
  const timedOut = state.running.filter((r) => r.deadlineMs <= nowMs).map((r) => ({ fragment: r.fragment, worker: r.worker }));
  const running = state.running.filter((r) => r.deadlineMs > nowMs);
  const queue = [...timedOut.map((t) => t.fragment).sort((a, b) => a - b), ...state.pending];
  const idle = [...state.idle];
  const assigned: RunningFragment[] = [];
  while (idle.length > 0 && queue.length > 0) {
    const assignment = { fragment: queue.shift() as number, worker: idle.shift() as string, deadlineMs: nowMs + timeoutMs };
    assigned.push(assignment);
    running.push(assignment);
  }
  return { pending: queue, running, idle, assigned, timedOut };
}

/** Checks a planner's input (before the region of exercise 04.1, and before every master step). */
export function validatePlanInput(state: MasterPlanState, nowMs: number, timeoutMs: number): void {
  if (state === null || typeof state !== 'object') throw new TypeError('el estado debe ser un objeto { pending, running, idle }');
  if (!Array.isArray(state.pending) || !Array.isArray(state.running) || !Array.isArray(state.idle)) {
    throw new TypeError('el estado debe tener las listas pending, running e idle');
  }
  if (!Number.isFinite(nowMs) || nowMs < 0) throw new RangeError(`nowMs debe ser un número finito ≥ 0, es ${String(nowMs)}`);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`timeoutMs debe ser un número finito > 0, es ${String(timeoutMs)}`);
  const fragments = [...state.pending, ...state.running.map((r) => r?.fragment)];
  if (fragments.some((f) => !Number.isInteger(f) || (f as number) < 0)) throw new RangeError('los fragmentos deben ser enteros ≥ 0');
  if (new Set(fragments).size !== fragments.length) throw new RangeError(`un fragmento aparece dos veces entre pending y running: ${fragments.join(', ')}`);
  const workers = [...state.idle, ...state.running.map((r) => r.worker)];
  if (workers.some((w) => typeof w !== 'string' || w === '')) throw new TypeError('los trabajadores deben ser nombres (texto no vacío)');
  if (new Set(workers).size !== workers.length) throw new RangeError(`un trabajador aparece dos veces entre idle y running: ${workers.join(', ')}`);
  if (state.running.some((r) => !Number.isFinite(r.deadlineMs))) throw new RangeError('cada deadlineMs debe ser un número finito');
}

/**
 * Checks that a planner's answer is consistent with its input: nothing lost or invented, no
 * fragment or worker twice. The master runs it on every answer of an injected planner, so a
 * wrong student planner is reported in Spanish instead of hanging or losing a fragment.
 */
export function checkPlan(before: MasterPlanState, plan: MasterPlan): string | undefined {
  if (plan === null || typeof plan !== 'object' || !Array.isArray(plan.pending) || !Array.isArray(plan.running) || !Array.isArray(plan.idle)
    || !Array.isArray(plan.assigned) || !Array.isArray(plan.timedOut)) {
    return 'el planificador no devolvió { pending, running, idle, assigned, timedOut }';
  }
  const fragmentsBefore = [...before.pending, ...before.running.map((r) => r.fragment)].sort((a, b) => a - b);
  const fragmentsAfter = [...plan.pending, ...plan.running.map((r) => r.fragment)].sort((a, b) => a - b);
  if (JSON.stringify(fragmentsBefore) !== JSON.stringify(fragmentsAfter)) {
    return `el planificador perdió o inventó fragmentos: antes ${fragmentsBefore.join(',')}, después ${fragmentsAfter.join(',')}`;
  }
  const dead = new Set(plan.timedOut.map((t) => t.worker));
  const workers = [...plan.idle, ...plan.running.map((r) => r.worker)];
  if (new Set(workers).size !== workers.length) return 'el planificador dio dos fragmentos a un mismo trabajador';
  if (workers.some((w) => dead.has(w))) return 'el planificador sigue usando un trabajador que venció su plazo';
  return undefined;
}
