// Public checks of chapter 07: one per requirement stated in the exercises' Spanish statements
// (the docstrings of bullyOnElection, ricartAgrawalaDefers and fencedWrite).
import { expect } from 'vitest';
import { bullyOnElection } from '../../lib/election/exercises';
import { ricartAgrawalaDefers } from '../../lib/mutex/exercises';
import { fencedWrite } from '../../lib/lease/exercises';
import { check } from './check';

const none = { reply: 'ignore', startElection: false, electionTo: [] };

check('07.1', 'un nodo mayor responde ANSWER y empieza su elección hacia los mayores (ejemplo del enunciado)', () => {
  expect(bullyOnElection(3, 1, false, [1, 2, 3, 4, 5])).toEqual({ reply: 'Answer', startElection: true, electionTo: [4, 5] });
  expect(bullyOnElection(2, 1, false, [1, 2, 3])).toEqual({ reply: 'Answer', startElection: true, electionTo: [3] });
}, { hint: 'Paso 3 y 4 de la clase: responde al menor y convoca a todos los que son mayores que tú.' });

check('07.1', 'electionTo va de menor a mayor aunque ids venga desordenada', () => {
  expect(bullyOnElection(10, 4, false, [30, 4, 10, 100, 2, 17])).toEqual({ reply: 'Answer', startElection: true, electionTo: [17, 30, 100] });
}, { hint: 'Ordena los ids numéricamente: sort() sin comparador ordena como texto y pone 100 antes que 17.' });

check('07.1', 'el mayor de todos empieza su elección con electionTo vacía (se proclamará líder)', () => {
  expect(bullyOnElection(5, 2, false, [1, 2, 3, 4, 5])).toEqual({ reply: 'Answer', startElection: true, electionTo: [] });
  expect(bullyOnElection(4, 2, false, [1, 2, 3, 4, 5])).toEqual({ reply: 'Answer', startElection: true, electionTo: [5] });
}, { hint: 'Si nadie es mayor que tú, tu elección no envía nada, pero sí la empiezas.' });

check('07.1', 'si ya está en una elección responde pero no empieza otra', () => {
  expect(bullyOnElection(3, 1, true, [1, 2, 3, 4, 5])).toEqual({ reply: 'Answer', startElection: false, electionTo: [] });
  expect(bullyOnElection(3, 1, false, [1, 2, 3, 4, 5]).startElection).toBe(true);
}, { hint: 'electing dice que ya enviaste tus ELECTION: responde al menor y nada más.' });

check('07.1', 'un ELECTION de un nodo mayor o de sí mismo se ignora', () => {
  expect(bullyOnElection(3, 4, false, [1, 2, 3, 4, 5])).toEqual(none);
  expect(bullyOnElection(3, 3, false, [1, 2, 3, 4, 5])).toEqual(none);
  expect(bullyOnElection(3, 2, false, [1, 2, 3, 4, 5]).reply).toBe('Answer');
}, { hint: 'En Bully solo los menores envían ELECTION; uno que llega de un mayor (o igual) no merece respuesta.' });

check('07.1', 'un remitente que no está en ids se decide comparando números', () => {
  expect(bullyOnElection(3, 0, false, [1, 2, 3, 4])).toEqual({ reply: 'Answer', startElection: true, electionTo: [4] });
  expect(bullyOnElection(3, 7, false, [1, 2, 3, 4])).toEqual(none);
}, { hint: 'No busques from en ids: compara from con me.' });

check('07.1', 'no modifica ids', () => {
  const ids = [5, 1, 4, 2, 3];
  expect(bullyOnElection(2, 1, false, ids)).toEqual({ reply: 'Answer', startElection: true, electionTo: [3, 4, 5] });
  expect(ids).toEqual([5, 1, 4, 2, 3]);
}, { hint: 'sort ordena la lista en su sitio: filtra o copia antes de ordenar.' });

const m = (time: number, node: string) => ({ time, node });

check('07.2', 'en RELEASED responde ya', () => {
  expect(ricartAgrawalaDefers('RELEASED', null, m(5, 'n2'))).toBe(false);
  expect(ricartAgrawalaDefers('WANTED', m(1, 'n1'), m(5, 'n2'))).toBe(true);
}, { hint: 'Quien ni usa ni quiere el recurso contesta «OK» enseguida.' });

check('07.2', 'en HELD aplaza siempre, aunque la petición recibida sea más antigua', () => {
  expect(ricartAgrawalaDefers('HELD', m(9, 'n1'), m(2, 'n2'))).toBe(true);
  expect(ricartAgrawalaDefers('HELD', m(1, 'n1'), m(2, 'n2'))).toBe(true);
  expect(ricartAgrawalaDefers('WANTED', m(9, 'n1'), m(2, 'n2'))).toBe(false);
}, { hint: 'Dentro de la sección crítica no se compara nada: se responde al salir.' });

check('07.2', 'en WANTED gana la marca más antigua', () => {
  expect(ricartAgrawalaDefers('WANTED', m(3, 'n1'), m(5, 'n2'))).toBe(true);
  expect(ricartAgrawalaDefers('WANTED', m(5, 'n1'), m(3, 'n2'))).toBe(false);
  expect(ricartAgrawalaDefers('WANTED', m(12, 'n9'), m(100, 'n1'))).toBe(true);
}, { hint: 'Aplaza solo si TU petición es anterior (menor marca) a la que llega.' });

check('07.2', 'con marcas iguales decide el identificador, como cadenas', () => {
  expect(ricartAgrawalaDefers('WANTED', m(4, 'n1'), m(4, 'n2'))).toBe(true);
  expect(ricartAgrawalaDefers('WANTED', m(4, 'n2'), m(4, 'n1'))).toBe(false);
  expect(ricartAgrawalaDefers('WANTED', m(4, 'n10'), m(4, 'n2'))).toBe(true);
}, { hint: 'El empate se rompe con el id: gana el menor, comparado con < de cadenas (\'n10\' < \'n2\').' });

check('07.2', 'no modifica mine ni request', () => {
  const mine = m(4, 'n3');
  const request = m(4, 'n2');
  const later = m(6, 'n1');
  expect(ricartAgrawalaDefers('WANTED', mine, request)).toBe(false);
  expect(ricartAgrawalaDefers('WANTED', mine, later)).toBe(true);
  expect([mine, request, later]).toEqual([m(4, 'n3'), m(4, 'n2'), m(6, 'n1')]);
}, { hint: 'Solo hay que comparar: no cambies los objetos que recibes.' });

check('07.3', 'acepta un token mayor y guarda el valor y el token (ejemplo de Kleppmann)', () => {
  expect(fencedWrite({ value: 'a', highestToken: 33 }, { token: 34, value: 'b' })).toEqual({ storage: { value: 'b', highestToken: 34 }, accepted: true });
}, { hint: 'Un token mayor es un poseedor más reciente: su escritura vale y su token pasa a ser el mayor visto.' });

check('07.3', 'acepta un token igual (el mismo poseedor escribe otra vez)', () => {
  expect(fencedWrite({ value: 'a', highestToken: 34 }, { token: 34, value: 'c' })).toEqual({ storage: { value: 'c', highestToken: 34 }, accepted: true });
}, { hint: 'La condición es «mayor o igual», no «estrictamente mayor».' });

check('07.3', 'rechaza un token menor y deja el almacenamiento como estaba', () => {
  expect(fencedWrite({ value: 'b', highestToken: 34 }, { token: 33, value: 'a' })).toEqual({ storage: { value: 'b', highestToken: 34 }, accepted: false });
  expect(fencedWrite({ value: 'b', highestToken: 34 }, { token: 35, value: 'a' }).accepted).toBe(true);
}, { hint: 'Un token menor viene de un cerrojo caducado: ni valor ni token cambian.' });

check('07.3', 'un almacenamiento vacío (highestToken 0) acepta la primera escritura', () => {
  expect(fencedWrite({ value: null, highestToken: 0 }, { token: 1, value: 'x' })).toEqual({ storage: { value: 'x', highestToken: 1 }, accepted: true });
}, { hint: '0 quiere decir «ningún token aún»: cualquier token ≥ 1 es válido.' });

check('07.3', 'no modifica storage ni write', () => {
  const storage = { value: 'a', highestToken: 2 };
  const write = { token: 5, value: 'z' };
  expect(fencedWrite(storage, write)).toEqual({ storage: { value: 'z', highestToken: 5 }, accepted: true });
  expect([storage, write]).toEqual([{ value: 'a', highestToken: 2 }, { token: 5, value: 'z' }]);
}, { hint: 'Devuelve un objeto nuevo en vez de cambiar el que recibes.' });
