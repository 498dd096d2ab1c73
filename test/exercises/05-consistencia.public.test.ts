// Public checks of chapter 05: one per requirement stated in the exercises' Spanish statements
// (the docstrings of quorumProperties, semiSyncCommitIndex and readRepairPlan).
import { expect } from 'vitest';
import { quorumProperties, readRepairPlan, semiSyncCommitIndex } from '../../lib/replication/exercises';
import { check } from './check';

const item = (value: string, counter: number, by: string) => ({ value, version: { counter, by } });

check('05.1', 'overlap: (3, 2, 2) comparten al menos 1 réplica, (5, 3, 4) al menos 2, (3, 3, 3) las 3', () => {
  expect(quorumProperties(3, 2, 2).overlap).toBe(1);
  expect(quorumProperties(5, 3, 4).overlap).toBe(2);
  expect(quorumProperties(3, 3, 3).overlap).toBe(3);
}, { hint: 'Si cada quórum tiene r y w réplicas de n, ¿cuántas tienen que repetirse como mínimo?' });

check('05.1', 'overlap es 0 cuando los quórums pueden no compartir nada: (3, 1, 1), (5, 1, 2), (3, 1, 2)', () => {
  expect(quorumProperties(3, 1, 1).overlap).toBe(0);
  expect(quorumProperties(5, 1, 2).overlap).toBe(0);
  expect(quorumProperties(3, 1, 2).overlap).toBe(0);
}, { hint: 'Reparte las r réplicas de lectura y las w de escritura sin repetir ninguna: si cabe, comparten 0 (nunca menos).' });

check('05.1', 'readsSeeLastWrite: (3, 2, 2) y (1, 1, 1) sí; (3, 1, 2) y (4, 2, 2) no', () => {
  expect(quorumProperties(3, 2, 2).readsSeeLastWrite).toBe(true);
  expect(quorumProperties(3, 1, 2).readsSeeLastWrite).toBe(false);
  expect(quorumProperties(4, 2, 2).readsSeeLastWrite).toBe(false);
  expect(quorumProperties(1, 1, 1).readsSeeLastWrite).toBe(true);
}, { hint: 'Con (4, 2, 2), ¿puedes elegir 2 réplicas para leer y otras 2 para escribir sin ninguna común?' });

check('05.1', 'writesOverlap: con w = 2 sí para n = 3 y no para n = 4; con w = 3, sí para n = 5', () => {
  expect(quorumProperties(3, 1, 2).writesOverlap).toBe(true);
  expect(quorumProperties(4, 3, 2).writesOverlap).toBe(false);
  expect(quorumProperties(5, 1, 3).writesOverlap).toBe(true);
  expect(quorumProperties(3, 3, 1).writesOverlap).toBe(false);
}, { hint: 'Es la pregunta de overlap, pero con dos quórums de escritura de w réplicas.' });

check('05.1', 'fallos tolerados: (5, 2, 4) aguanta 1 caída al escribir y 3 al leer; (3, 3, 1), 2 y 0', () => {
  expect(quorumProperties(5, 2, 4)).toMatchObject({ writeFailuresTolerated: 1, readFailuresTolerated: 3 });
  expect(quorumProperties(3, 3, 1)).toMatchObject({ writeFailuresTolerated: 2, readFailuresTolerated: 0 });
}, { hint: 'Una escritura necesita w réplicas vivas: pueden faltar las demás. No confundas r con w.' });

check('05.2', 'la mayor posición que tienen al menos k réplicas: (10, [7, 4, 9], 2) da 7', () => {
  expect(semiSyncCommitIndex(10, [7, 4, 9], 2)).toBe(7);
  expect(semiSyncCommitIndex(10, [7, 4, 9], 1)).toBe(9);
  expect(semiSyncCommitIndex(10, [7, 4, 9], 3)).toBe(4);
  expect(semiSyncCommitIndex(6, [6, 6], 2)).toBe(6);
}, { hint: 'Una posición p la tienen las réplicas con backupMatch ≥ p: busca la mayor p que tengan k de ellas.' });

check('05.2', 'con k = 0 (asíncrona) es primaryIndex', () => {
  expect(semiSyncCommitIndex(8, [1, 2], 0)).toBe(8);
  expect(semiSyncCommitIndex(5, [], 0)).toBe(5);
  expect(semiSyncCommitIndex(8, [1, 2], 1)).toBe(2);
}, { hint: 'Sin esperar a nadie, todo lo que tiene el primario se puede confirmar.' });

check('05.2', 'con menos de k réplicas, o sin posición que tengan k, devuelve 0', () => {
  expect(semiSyncCommitIndex(8, [8], 2)).toBe(0);
  expect(semiSyncCommitIndex(8, [], 1)).toBe(0);
  expect(semiSyncCommitIndex(8, [0, 5], 2)).toBe(0);
  expect(semiSyncCommitIndex(8, [3, 5], 2)).toBe(3);
}, { hint: 'Si no hay k réplicas, no hay k confirmaciones: nada se puede confirmar.' });

check('05.2', 'una réplica por delante del primario cuenta como primaryIndex', () => {
  expect(semiSyncCommitIndex(5, [9, 7], 1)).toBe(5);
  expect(semiSyncCommitIndex(5, [9, 3], 2)).toBe(3);
}, { hint: 'El primario no puede confirmar lo que no tiene: limita cada réplica a primaryIndex.' });

check('05.2', 'el orden de backupMatch no importa, y no se modifica', () => {
  const match = [2, 9, 5, 7];
  const copy = [...match];
  expect(semiSyncCommitIndex(10, match, 2)).toBe(7);
  expect(semiSyncCommitIndex(10, [9, 7, 5, 2], 2)).toBe(7);
  expect(semiSyncCommitIndex(10, [5, 2, 7, 9], 2)).toBe(7);
  expect(match).toEqual(copy);
}, { hint: 'Algunas operaciones de las listas cambian la lista sobre la que se llaman: comprueba que backupMatch queda igual.' });

check('05.3', 'devuelve la versión más nueva (mayor counter)', () => {
  const plan = readRepairPlan([{ node: 'n1', item: item('a', 1, 'n1') }, { node: 'n2', item: item('b', 3, 'n1') }, { node: 'n3', item: item('c', 2, 'n9') }]);
  expect(plan.newest).toEqual(item('b', 3, 'n1'));
}, { hint: 'Compara counter antes que by.' });

check('05.3', 'con el mismo counter gana el by mayor', () => {
  expect(readRepairPlan([{ node: 'n1', item: item('a', 4, 'n1') }, { node: 'n2', item: item('b', 4, 'n2') }]).newest).toEqual(item('b', 4, 'n2'));
  expect(readRepairPlan([{ node: 'n1', item: item('b', 4, 'n2') }, { node: 'n2', item: item('a', 4, 'n1') }]).newest).toEqual(item('b', 4, 'n2'));
}, { hint: 'El empate se rompe con by, comparando textos: "n2" > "n1".' });

check('05.3', 'stale: las réplicas con null o con otra versión, en el orden de replies', () => {
  const plan = readRepairPlan([{ node: 'n3', item: null }, { node: 'n1', item: item('b', 2, 'n1') }, { node: 'n2', item: item('a', 1, 'n1') }, { node: 'n4', item: item('b', 2, 'n1') }]);
  expect(plan.stale).toEqual(['n3', 'n2']);
  expect(plan.newest).toEqual(item('b', 2, 'n1'));
}, { hint: 'Una réplica que no tiene la clave (null) también necesita reparación; las que ya tienen la nueva, no.' });

check('05.3', 'la misma counter con otro by también es otra versión (se repara)', () => {
  const plan = readRepairPlan([{ node: 'n1', item: item('a', 4, 'n1') }, { node: 'n2', item: item('b', 4, 'n2') }]);
  expect(plan.stale).toEqual(['n1']);
}, { hint: 'Dos versiones son iguales solo si coinciden counter y by.' });

check('05.3', 'sin ninguna clave (o sin respuestas) newest es null y no se repara nada', () => {
  expect(readRepairPlan([])).toEqual({ newest: null, stale: [] });
  expect(readRepairPlan([{ node: 'n1', item: null }, { node: 'n2', item: null }])).toEqual({ newest: null, stale: [] });
  expect(readRepairPlan([{ node: 'n1', item: null }, { node: 'n2', item: item('a', 1, 'n2') }])).toEqual({ newest: item('a', 1, 'n2'), stale: ['n1'] });
}, { hint: 'Si nadie tiene la clave no hay nada que copiar: newest es null y stale, vacía.' });

check('05.3', 'no modifica replies', () => {
  const replies = [{ node: 'n1', item: item('a', 1, 'n1') }, { node: 'n2', item: null }, { node: 'n3', item: item('c', 5, 'n3') }];
  const copy = JSON.parse(JSON.stringify(replies));
  expect(readRepairPlan(replies).stale).toEqual(['n1', 'n2']);
  expect(replies).toEqual(copy);
}, { hint: 'No ordenes ni cambies la lista que recibes: recórrela.' });
