// Hidden checks of chapter 04's master–worker exercise: random states from checkSeed
// (per-student seeds under the grader), compared with this file's own reference, computed
// before calling the student's function.
import { expect } from 'vitest';
import { planAssignments } from '../../lib/master-worker/exercises';
import { createRng } from '../../lib/random/index';
import type { Rng } from '../../lib/random/index';
import { check, checkSeed } from './check';

type Running = { fragment: number; worker: string; deadlineMs: number };
type State = { pending: number[]; running: Running[]; idle: string[] };

function reference(state: State, nowMs: number, timeoutMs: number) {
  const timedOut: { fragment: number; worker: string }[] = [];
  const kept: Running[] = [];
  for (const r of state.running) {
    if (r.deadlineMs <= nowMs) timedOut.push({ fragment: r.fragment, worker: r.worker });
    else kept.push({ fragment: r.fragment, worker: r.worker, deadlineMs: r.deadlineMs });
  }
  const queue = timedOut.map((t) => t.fragment).sort((a, b) => a - b).concat(state.pending);
  const idle = state.idle.slice();
  const assigned: Running[] = [];
  let q = 0;
  let w = 0;
  for (; q < queue.length && w < idle.length; q++, w++) assigned.push({ fragment: queue[q]!, worker: idle[w]!, deadlineMs: nowMs + timeoutMs });
  return { pending: queue.slice(q), running: kept.concat(assigned), idle: idle.slice(w), assigned, timedOut };
}

function randomState(rng: Rng): { state: State; nowMs: number; timeoutMs: number } {
  const fragments = rng.shuffle(Array.from({ length: rng.int(0, 14) }, (_, i) => i));
  const workers = rng.shuffle(Array.from({ length: rng.int(0, 7) }, (_, i) => `t${i + 1}`));
  const nowMs = rng.int(0, 5000);
  const timeoutMs = rng.int(1, 2000);
  const runningCount = Math.min(fragments.length, workers.length, rng.int(0, 5));
  const running = Array.from({ length: runningCount }, (_, i) => ({
    fragment: fragments[i]!, worker: workers[i]!,
    deadlineMs: rng.bernoulli(0.2) ? nowMs : nowMs + rng.int(-1500, 1500),
  }));
  return { state: { pending: fragments.slice(runningCount), running, idle: workers.slice(runningCount) }, nowMs, timeoutMs };
}

check('04.1', 'coincide con el planificador de referencia en 500 estados aleatorios', () => {
  const seed = checkSeed('04.1-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 500; i++) {
    const { state, nowMs, timeoutMs } = randomState(rng);
    const expected = reference(state, nowMs, timeoutMs);
    const before = JSON.stringify(state);
    const got = planAssignments(state, nowMs, timeoutMs);
    const text = `estado=${before} nowMs=${nowMs} timeoutMs=${timeoutMs} (semilla ${seed})`;
    expect({ pending: got.pending, running: got.running, idle: got.idle, assigned: got.assigned, timedOut: got.timedOut }, text).toEqual(expected);
    expect(JSON.stringify(state), `modifica los argumentos: ${text}`).toBe(before);
  }
}, { hint: '¿Vencen los de deadlineMs <= nowMs, van los vencidos delante y ordenados, y no vuelve a idle su trabajador?' });

check('04.1', 'todos vencidos a la vez: se reparten en orden de fragmento a los libres, sin reutilizar a los muertos', () => {
  const seed = checkSeed('04.1-todos');
  const rng = createRng(seed);
  for (let i = 0; i < 100; i++) {
    const n = rng.int(1, 6);
    const fragments = rng.shuffle(Array.from({ length: n + 3 }, (_, k) => k * 2 + 1));
    const state: State = {
      pending: fragments.slice(n),
      running: fragments.slice(0, n).map((fragment, k) => ({ fragment, worker: `m${k}`, deadlineMs: rng.int(0, 100) })),
      idle: Array.from({ length: rng.int(0, n + 4) }, (_, k) => `l${k}`),
    };
    const timeoutMs = rng.int(1, 50);
    const expected = reference(state, 100, timeoutMs);
    const got = planAssignments(state, 100, timeoutMs);
    expect(got.assigned, `estado=${JSON.stringify(state)} (semilla ${seed})`).toEqual(expected.assigned);
    expect(got.pending, `estado=${JSON.stringify(state)} (semilla ${seed})`).toEqual(expected.pending);
    expect(got.idle, `estado=${JSON.stringify(state)} (semilla ${seed})`).toEqual(expected.idle);
    expect(got.timedOut.length).toBe(n);
  }
}, { hint: 'Los vencidos van al principio de la cola de menor a mayor; sus trabajadores no vuelven.' });

check('04.1', 'un estado vacío da un plan vacío, uno sin vencidos conserva running tal cual, y uno con trabajo lo reparte', () => {
  const seed = checkSeed('04.1-bordes');
  const rng = createRng(seed);
  const empty = planAssignments({ pending: [], running: [], idle: [] }, rng.int(0, 100), 10);
  expect(empty).toEqual({ pending: [], running: [], idle: [], assigned: [], timedOut: [] });
  const running = [{ fragment: 3, worker: 'a', deadlineMs: 500 }, { fragment: 1, worker: 'b', deadlineMs: 400 }];
  const calm = planAssignments({ pending: [0], running, idle: [] }, rng.int(0, 399), 10);
  expect(calm.running).toEqual(running);
  expect(calm.pending).toEqual([0]);
  expect(calm.timedOut).toEqual([]);
  const now = rng.int(0, 1000);
  const busy = planAssignments({ pending: [0, 1], running: [], idle: ['x'] }, now, 10);
  expect(busy.assigned, `semilla ${seed}`).toEqual([{ fragment: 0, worker: 'x', deadlineMs: now + 10 }]);
  expect(busy.pending).toEqual([1]);
}, { hint: 'Sin nada que vencer ni repartir, el plan devuelve el mismo estado.' });
