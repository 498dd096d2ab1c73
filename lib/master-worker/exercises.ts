/**
 * Chapter 04's master–worker exercise: the master's planner as a pure function over plain
 * data. The master never calls it by default (it uses `planAssignmentsReference`); the
 * notebook's exercise cell runs the real render with the student's planner injected
 * (`runMasterWorker({ …, plan: planAssignments })`).
 * @packageDocumentation
 */
import { validatePlanInput } from './scheduler';
import type { MasterPlan, MasterPlanState } from './scheduler';

/**
 * Exercise 04.1: plans the master's next step — timeouts first, then assignments.
 *
 * **Enunciado (ejercicio 04.1, en español).** El maestro del render de vídeo guarda un estado
 * `{ pending, running, idle }`: `pending` son los fragmentos que esperan, en el orden en que se
 * repartirán; `running`, los que se están renderizando, cada uno `{ fragment, worker,
 * deadlineMs }` (quién lo tiene y hasta cuándo); `idle`, los trabajadores libres, en orden. Dado
 * el instante `nowMs` y el plazo `timeoutMs`, devuelve `{ pending, running, idle, assigned,
 * timedOut }`: (1) todo fragmento de `running` con `deadlineMs <= nowMs` ha vencido: sale de
 * `running`, va a `timedOut` como `{ fragment, worker }` (en el orden de `running`) y su
 * trabajador se da por muerto (no vuelve a `idle`); los fragmentos vencidos pasan al PRINCIPIO
 * de la cola, ordenados de menor a mayor, delante de los que ya esperaban; (2) después, mientras
 * haya un trabajador libre y un fragmento en la cola, el primer trabajador de `idle` toma el
 * primer fragmento de la cola con `deadlineMs = nowMs + timeoutMs`; cada asignación va a
 * `assigned` (en el orden en que se hace) y se añade al final de `running`, detrás de los que
 * siguen en marcha. `pending` e `idle` son lo que queda. Con la cola vacía o sin trabajadores
 * libres no se asigna nada. No modifiques los argumentos. La función ya rechaza, antes de tu
 * región, estados mal formados, fragmentos o trabajadores repetidos y `nowMs`/`timeoutMs` no
 * válidos. Escribe toda tu solución dentro de la región `#region exercise 04.1`: el corrector
 * toma solo ese texto de tu entrega; si necesitas una función auxiliar, declárala dentro de la
 * región.
 *
 * @example
 * planAssignments({ pending: [2, 3], running: [{ fragment: 1, worker: 't1', deadlineMs: 500 }], idle: ['t2'] }, 600, 1000);
 * // { pending: [2, 3], running: [{ fragment: 1, worker: 't2', deadlineMs: 1600 }], idle: [],
 * //   assigned: [{ fragment: 1, worker: 't2', deadlineMs: 1600 }], timedOut: [{ fragment: 1, worker: 't1' }] }
 */
export function planAssignments(state: MasterPlanState, nowMs: number, timeoutMs: number): MasterPlan {
  validatePlanInput(state, nowMs, timeoutMs);
  // #region exercise 04.1: Repartir y reasignar fragmentos (3 puntos)
  const timedOut = state.running.filter((r) => r.deadlineMs <= nowMs).map((r) => ({ fragment: r.fragment, worker: r.worker }));
  const running = state.running.filter((r) => r.deadlineMs > nowMs).map((r) => ({ ...r }));
  const queue = [...timedOut.map((t) => t.fragment).sort((a, b) => a - b), ...state.pending];
  const idle = [...state.idle];
  const assigned: { fragment: number; worker: string; deadlineMs: number }[] = [];
  while (idle.length > 0 && queue.length > 0) {
    const assignment = { fragment: queue.shift() as number, worker: idle.shift() as string, deadlineMs: nowMs + timeoutMs };
    assigned.push(assignment);
    running.push({ ...assignment });
  }
  return { pending: queue, running, idle, assigned, timedOut };
  // #endregion exercise 04.1
}
