// Alternative solutions of chapter 04's master–worker exercise (04.1), for
// test/kit/exercise-quality.test.ts. Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out).
import type { Alternatives, Fn } from '../exercise-alternatives';

type Running = { fragment: number; worker: string; deadlineMs: number };
type State = { pending: number[]; running: Running[]; idle: string[] };

/** A planner parameterised by the mistakes the wrong alternatives make. */
const planner = (opts: { strict?: boolean; requeueAtEnd?: boolean; reviveDead?: boolean; unsorted?: boolean } = {}) =>
  (state: State, nowMs: number, timeoutMs: number) => {
    const late = (r: Running) => (opts.strict ? r.deadlineMs < nowMs : r.deadlineMs <= nowMs);
    const timedOut = state.running.filter(late).map((r) => ({ fragment: r.fragment, worker: r.worker }));
    const running = state.running.filter((r) => !late(r)).map((r) => ({ ...r }));
    const back = timedOut.map((t) => t.fragment);
    if (!opts.unsorted) back.sort((a, b) => a - b);
    const queue = opts.requeueAtEnd ? [...state.pending, ...back] : [...back, ...state.pending];
    const idle = opts.reviveDead ? [...state.idle, ...timedOut.map((t) => t.worker)] : [...state.idle];
    const assigned: Running[] = [];
    while (idle.length > 0 && queue.length > 0) {
      const a = { fragment: queue.shift()!, worker: idle.shift()!, deadlineMs: nowMs + timeoutMs };
      assigned.push(a);
      running.push({ ...a });
    }
    return { pending: queue, running, idle, assigned, timedOut };
  };

const trivial: Record<string, Fn> = {
  'el estado tal cual': (s: State) => ({ ...s, assigned: [], timedOut: [] }),
  'plan vacío': () => ({ pending: [], running: [], idle: [], assigned: [], timedOut: [] }),
};

/** Chapter 04.1: correct, wrong and trivial planners on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '04.1': {
    fn: 'planAssignments',
    correct: {
      'filter y shift sobre copias': planner(),
      'índices, sin shift': (state: State, nowMs: number, timeoutMs: number) => {
        const timedOut: { fragment: number; worker: string }[] = [];
        const running: Running[] = [];
        for (const r of state.running) {
          if (r.deadlineMs <= nowMs) timedOut.push({ fragment: r.fragment, worker: r.worker });
          else running.push({ fragment: r.fragment, worker: r.worker, deadlineMs: r.deadlineMs });
        }
        const queue = timedOut.map((t) => t.fragment).sort((a, b) => a - b).concat(state.pending);
        const n = Math.min(queue.length, state.idle.length);
        const assigned = Array.from({ length: n }, (_, i) => ({ fragment: queue[i]!, worker: state.idle[i]!, deadlineMs: nowMs + timeoutMs }));
        return { pending: queue.slice(n), running: [...running, ...assigned], idle: state.idle.slice(n), assigned, timedOut };
      },
    },
    wrong: {
      'plazo estricto (<)': planner({ strict: true }),
      'vencidos al final de la cola': planner({ requeueAtEnd: true }),
      'el trabajador vencido vuelve a idle': planner({ reviveDead: true }),
      'vencidos sin ordenar': planner({ unsorted: true }),
      'modifica el estado': (state: State, nowMs: number, timeoutMs: number) => {
        const timedOut = state.running.filter((r) => r.deadlineMs <= nowMs).map((r) => ({ fragment: r.fragment, worker: r.worker }));
        const running = state.running.filter((r) => r.deadlineMs > nowMs);
        state.pending.unshift(...timedOut.map((t) => t.fragment).sort((a, b) => a - b));
        const assigned: Running[] = [];
        while (state.idle.length > 0 && state.pending.length > 0) {
          const a = { fragment: state.pending.shift()!, worker: state.idle.shift()!, deadlineMs: nowMs + timeoutMs };
          assigned.push(a);
          running.push(a);
        }
        return { pending: state.pending, running, idle: state.idle, assigned, timedOut };
      },
    },
    trivial,
  },
};
