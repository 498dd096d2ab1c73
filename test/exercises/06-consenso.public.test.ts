// Public checks of chapter 06: one per requirement stated in the exercises' Spanish statements
// (the docstrings of raftUpToDate, raftAdvanceCommitIndex, choosePaxosValue and pbftPrepared).
import { expect } from 'vitest';
import { choosePaxosValue } from '../../lib/paxos/exercises';
import { pbftPrepared } from '../../lib/pbft/exercises';
import { raftAdvanceCommitIndex, raftUpToDate } from '../../lib/raft/exercises';
import { check } from './check';

const pos = (lastLogIndex: number, lastLogTerm: number) => ({ lastLogIndex, lastLogTerm });

check('06.1', 'un término mayor en la última entrada gana aunque el log sea más corto', () => {
  expect(raftUpToDate(pos(3, 2), pos(5, 1))).toBe(true);
  expect(raftUpToDate(pos(5, 1), pos(3, 2))).toBe(false);
}, { hint: 'Compara primero los términos de las últimas entradas; la longitud solo desempata.' });

check('06.1', 'con el mismo término, el log más largo está más actualizado', () => {
  expect(raftUpToDate(pos(6, 3), pos(4, 3))).toBe(true);
  expect(raftUpToDate(pos(4, 3), pos(6, 3))).toBe(false);
}, { hint: 'Con términos iguales decide lastLogIndex.' });

check('06.1', 'logs iguales (también dos vacíos) cuentan como al día', () => {
  expect(raftUpToDate(pos(4, 2), pos(4, 2))).toBe(true);
  expect(raftUpToDate(pos(0, 0), pos(0, 0))).toBe(true);
  expect(raftUpToDate(pos(0, 0), pos(1, 1))).toBe(false);
}, { hint: '«Al menos tan actualizado»: la igualdad también concede el voto.' });

check('06.1', 'no modifica las posiciones que recibe', () => {
  const c = pos(2, 2);
  const v = pos(9, 1);
  expect(raftUpToDate(c, v)).toBe(true);
  expect(raftUpToDate(v, c)).toBe(false);
  expect([c, v]).toEqual([pos(2, 2), pos(9, 1)]);
}, { hint: 'Devuelve un booleano sin tocar los objetos.' });

check('06.2', 'avanza al mayor índice replicado en una mayoría estricta (2 de 3, 3 de 5)', () => {
  expect(raftAdvanceCommitIndex({ currentTerm: 2, commitIndex: 0, matchIndex: [3, 3, 1], logTerms: [2, 2, 2] })).toBe(3);
  expect(raftAdvanceCommitIndex({ currentTerm: 1, commitIndex: 0, matchIndex: [5, 4, 4, 1, 0], logTerms: [1, 1, 1, 1, 1] })).toBe(4);
}, { hint: 'Busca el mayor N con más de la mitad de matchIndex ≥ N.' });

check('06.2', 'la mitad exacta no es mayoría (2 de 4)', () => {
  expect(raftAdvanceCommitIndex({ currentTerm: 1, commitIndex: 0, matchIndex: [4, 4, 1, 1], logTerms: [1, 1, 1, 1] })).toBe(1);
  expect(raftAdvanceCommitIndex({ currentTerm: 1, commitIndex: 0, matchIndex: [4, 4, 4, 1], logTerms: [1, 1, 1, 1] })).toBe(4);
}, { hint: 'Mayoría estricta: más de la mitad, no la mitad.' });

check('06.2', 'una entrada de un término anterior no se confirma contando réplicas (§5.4.2, figura 8)', () => {
  expect(raftAdvanceCommitIndex({ currentTerm: 4, commitIndex: 1, matchIndex: [3, 2, 2, 1, 1], logTerms: [1, 2, 4] })).toBe(1);
  expect(raftAdvanceCommitIndex({ currentTerm: 4, commitIndex: 1, matchIndex: [3, 3, 3, 1, 1], logTerms: [1, 2, 4] })).toBe(3);
}, { hint: 'Exige logTerms[N − 1] === currentTerm al elegir N.' });

check('06.2', 'sin N válido devuelve commitIndex, nunca uno menor', () => {
  expect(raftAdvanceCommitIndex({ currentTerm: 3, commitIndex: 5, matchIndex: [6, 2, 2], logTerms: [1, 1, 1, 1, 1, 3] })).toBe(5);
  expect(raftAdvanceCommitIndex({ currentTerm: 3, commitIndex: 5, matchIndex: [6, 6, 2], logTerms: [1, 1, 1, 1, 1, 3] })).toBe(6);
}, { hint: 'Solo se buscan N mayores que commitIndex.' });

check('06.2', 'el orden de matchIndex no importa y la lista no se modifica', () => {
  const matchIndex = [1, 3, 3];
  expect(raftAdvanceCommitIndex({ currentTerm: 2, commitIndex: 0, matchIndex, logTerms: [2, 2, 2, 2] })).toBe(3);
  expect(matchIndex).toEqual([1, 3, 3]);
}, { hint: 'Si ordenas, ordena una copia.' });

const none = { acceptedBallot: 0, acceptedValue: null };
const acc = (acceptedBallot: number, acceptedValue: string) => ({ acceptedBallot, acceptedValue });

check('06.3', 'si una promesa trae un valor aceptado, se propone ese y no el propio (el ejemplo del sushi)', () => {
  expect(choosePaxosValue([none, acc(1, 'Comamos sushi')], 'Comamos pizza')).toBe('Comamos sushi');
  expect(choosePaxosValue([none, none], 'Comamos pizza')).toBe('Comamos pizza');
}, { hint: 'Es la regla que omite la lección: un valor ya aceptado manda sobre el propio.' });

check('06.3', 'entre varias, manda la de acceptedBallot más alto (no la primera ni la última)', () => {
  expect(choosePaxosValue([acc(2, 'b'), acc(5, 'e'), acc(3, 'c')], 'x')).toBe('e');
  expect(choosePaxosValue([acc(5, 'e'), acc(2, 'b'), acc(3, 'c')], 'x')).toBe('e');
}, { hint: 'Recorre todas las promesas y quédate con el número de propuesta mayor.' });

check('06.3', 'la lista vacía o sin valores aceptados da el valor propio', () => {
  expect(choosePaxosValue([], 'propio')).toBe('propio');
  expect(choosePaxosValue([none], 'propio')).toBe('propio');
  expect(choosePaxosValue([none, acc(1, 'otro')], 'propio')).toBe('otro');
}, { hint: 'acceptedBallot 0 significa «no aceptó nada».' });

check('06.3', 'no modifica las promesas que recibe', () => {
  const promises = [acc(1, 'a'), acc(4, 'd'), none];
  const copy = JSON.parse(JSON.stringify(promises));
  expect(choosePaxosValue(promises, 'x')).toBe('d');
  expect(promises).toEqual(copy);
}, { hint: 'No ordenes la lista en su sitio.' });

const pp = { view: 0, seq: 42, digest: 'd42' };
const prep = (replica: string, over: Partial<typeof pp> = {}) => ({ replica, ...pp, ...over });

check('06.4', 'con el PRE-PREPARE y 2f PREPARE coincidentes de réplicas distintas está preparada', () => {
  expect(pbftPrepared(pp, [prep('r1'), prep('r2')], 'r0', 1)).toBe(true);
  expect(pbftPrepared(pp, [prep('r1')], 'r0', 1)).toBe(false);
}, { hint: 'Hacen falta 2f prepares, además del pre-prepare.' });

check('06.4', 'sin PRE-PREPARE nunca está preparada', () => {
  expect(pbftPrepared(null, [prep('r1'), prep('r2'), prep('r3')], 'r0', 1)).toBe(false);
  expect(pbftPrepared(pp, [prep('r1'), prep('r2'), prep('r3')], 'r0', 1)).toBe(true);
}, { hint: 'prePrepare null: la réplica no sabe qué petición ordenó el primario.' });

check('06.4', 'un PREPARE repetido cuenta una vez y el del primario no cuenta', () => {
  expect(pbftPrepared(pp, [prep('r1'), prep('r1')], 'r0', 1)).toBe(false);
  expect(pbftPrepared(pp, [prep('r0'), prep('r1')], 'r0', 1)).toBe(false);
  expect(pbftPrepared(pp, [prep('r0'), prep('r1'), prep('r3')], 'r0', 1)).toBe(true);
}, { hint: 'Cuenta réplicas distintas, sin el primario de la vista.' });

check('06.4', 'un PREPARE de otra vista, otra secuencia u otro resumen no cuenta', () => {
  expect(pbftPrepared(pp, [prep('r1'), prep('r2', { digest: 'otro' })], 'r0', 1)).toBe(false);
  expect(pbftPrepared(pp, [prep('r1'), prep('r2', { view: 1 })], 'r0', 1)).toBe(false);
  expect(pbftPrepared(pp, [prep('r1'), prep('r2', { seq: 43 })], 'r0', 1)).toBe(false);
  expect(pbftPrepared(pp, [prep('r1'), prep('r2'), prep('r3', { digest: 'otro' })], 'r0', 1)).toBe(true);
}, { hint: 'Compara view, seq y digest con los del pre-prepare.' });

check('06.4', 'el umbral es 2f: con f = 2 hacen falta 4, con f = 0 ninguno', () => {
  const four = ['r1', 'r2', 'r3', 'r4'].map((r) => prep(r));
  expect(pbftPrepared(pp, four, 'r0', 2)).toBe(true);
  expect(pbftPrepared(pp, four.slice(0, 3), 'r0', 2)).toBe(false);
  expect(pbftPrepared(pp, [], 'r0', 0)).toBe(true);
}, { hint: 'El número de prepares depende de f: 2·f.' });

check('06.4', 'no modifica los argumentos', () => {
  const prepares = [prep('r2'), prep('r1')];
  const copy = JSON.parse(JSON.stringify(prepares));
  expect(pbftPrepared(pp, prepares, 'r0', 1)).toBe(true);
  expect(pbftPrepared(pp, prepares, 'r0', 2)).toBe(false);
  expect(prepares).toEqual(copy);
}, { hint: 'Cuenta con un Set aparte; no toques la lista.' });
