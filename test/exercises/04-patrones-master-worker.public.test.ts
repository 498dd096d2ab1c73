// Public checks of chapter 04's master–worker exercise: one per requirement stated in the
// Spanish statement of planAssignments (lib/master-worker/exercises.ts).
import { expect } from 'vitest';
import { planAssignments } from '../../lib/master-worker/exercises';
import { check } from './check';

const run = (fragment: number, worker: string, deadlineMs: number) => ({ fragment, worker, deadlineMs });

check('04.1', 'reparte los primeros fragmentos de la cola a los trabajadores libres, en orden, con plazo nowMs + timeoutMs', () => {
  const plan = planAssignments({ pending: [4, 0, 2], running: [], idle: ['t1', 't2'] }, 100, 1000);
  expect(plan.assigned).toEqual([run(4, 't1', 1100), run(0, 't2', 1100)]);
  expect(plan.running).toEqual([run(4, 't1', 1100), run(0, 't2', 1100)]);
  expect(plan.pending).toEqual([2]);
  expect(plan.idle).toEqual([]);
  expect(plan.timedOut).toEqual([]);
}, { hint: 'El primer trabajador libre toma el primer fragmento de la cola, el segundo el segundo…' });

check('04.1', 'vence el fragmento con deadlineMs <= nowMs (el igual también vence) y no los posteriores', () => {
  const plan = planAssignments({ pending: [], running: [run(1, 't1', 1000), run(2, 't2', 1001)], idle: [] }, 1000, 500);
  expect(plan.timedOut).toEqual([{ fragment: 1, worker: 't1' }]);
  expect(plan.running).toEqual([run(2, 't2', 1001)]);
  expect(plan.pending).toEqual([1]);
}, { hint: 'Mira el caso en que el plazo es exactamente ahora: ese fragmento ya no tiene tiempo, ¿lo estás dejando en running?' });

check('04.1', 'el trabajador de un fragmento vencido se da por muerto: no vuelve a idle ni recibe nada', () => {
  const plan = planAssignments({ pending: [5], running: [run(3, 't1', 10)], idle: ['t2'] }, 50, 100);
  expect(plan.idle).toEqual([]);
  expect(plan.assigned).toEqual([run(3, 't2', 150)]);
  expect(plan.running.map((r) => r.worker)).toEqual(['t2']);
  expect(plan.pending).toEqual([5]);
}, { hint: 'Un trabajador que no contestó a tiempo puede estar muerto: no le des más trabajo.' });

check('04.1', 'los fragmentos vencidos van al principio de la cola, de menor a mayor, y se reparten primero', () => {
  const plan = planAssignments({ pending: [8, 6], running: [run(7, 't1', 5), run(9, 't2', 100), run(2, 't3', 5)], idle: ['t4'] }, 5, 50);
  expect(plan.timedOut).toEqual([{ fragment: 7, worker: 't1' }, { fragment: 2, worker: 't3' }]);
  expect(plan.assigned).toEqual([run(2, 't4', 55)]);
  expect(plan.pending).toEqual([7, 8, 6]);
}, { hint: 'Ordena los vencidos de menor a mayor y ponlos delante de los que ya esperaban.' });

check('04.1', 'las asignaciones nuevas se añaden al final de running, detrás de las que siguen en marcha', () => {
  const plan = planAssignments({ pending: [3, 4], running: [run(0, 't1', 900), run(1, 't2', 950)], idle: ['t3'] }, 400, 1000);
  expect(plan.running).toEqual([run(0, 't1', 900), run(1, 't2', 950), run(3, 't3', 1400)]);
  expect(plan.pending).toEqual([4]);
}, { hint: 'running conserva las entradas que no vencieron, en su orden, y las nuevas van detrás.' });

check('04.1', 'con la cola vacía o sin trabajadores libres no se asigna nada', () => {
  const empty = planAssignments({ pending: [], running: [run(0, 't1', 900)], idle: ['t2', 't3'] }, 100, 1000);
  expect(empty.assigned).toEqual([]);
  expect(empty.idle).toEqual(['t2', 't3']);
  expect(empty.running).toEqual([run(0, 't1', 900)]);
  const busy = planAssignments({ pending: [1, 2], running: [run(0, 't1', 900)], idle: [] }, 100, 1000);
  expect(busy.assigned).toEqual([]);
  expect(busy.pending).toEqual([1, 2]);
  const some = planAssignments({ pending: [1], running: [], idle: ['t9'] }, 0, 10);
  expect(some.assigned).toEqual([run(1, 't9', 10)]);
}, { hint: 'El bucle de reparto para en cuanto se acaban los fragmentos o los trabajadores.' });

check('04.1', 'no modifica los argumentos', () => {
  const state = { pending: [2, 3], running: [run(1, 't1', 500), run(0, 't3', 900)], idle: ['t2'] };
  const before = JSON.stringify(state);
  const plan = planAssignments(state, 600, 1000);
  expect(JSON.stringify(state)).toBe(before);
  expect(plan.assigned).toEqual([run(1, 't2', 1600)]);
  expect(plan.timedOut).toEqual([{ fragment: 1, worker: 't1' }]);
}, { hint: 'Tras tu llamada, el estado que recibiste ha cambiado: alguna operación de tu código modifica las listas de entrada en lugar de trabajar sobre otras.' });
