// Public checks of exercise 09.1 (smoothWeightedStep): one per requirement of its Spanish statement.
import { expect } from 'vitest';
import { smoothWeightedStep } from '../../lib/balance/exercises-balancers';
import type { WeightedPeer } from '../../lib/balance/exercises-balancers';
import { check } from './check';

const peers = (...list: [string, number, number][]): WeightedPeer[] => list.map(([name, weight, current]) => ({ name, weight, current }));
const currents = (r: { peers: WeightedPeer[] }) => r.peers.map((p) => p.current);

/** Runs `n` steps from all-zero currents and returns the chosen names. */
function run(weights: [string, number][], n: number): string[] {
  let state = weights.map(([name, weight]) => ({ name, weight, current: 0 }));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = smoothWeightedStep(state);
    out.push(r.chosen);
    state = r.peers;
  }
  return out;
}

check('09.1', 'el ejemplo del enunciado: pesos 5, 1, 1 desde 0 eligen a y dejan -2, 1, 1', () => {
  const r = smoothWeightedStep(peers(['a', 5, 0], ['b', 1, 0], ['c', 1, 0]));
  expect(r.chosen).toBe('a');
  expect(r.peers).toEqual(peers(['a', 5, -2], ['b', 1, 1], ['c', 1, 1]));
}, { hint: 'Suma a cada current su peso, elige el mayor y réstale al elegido la suma de todos los pesos.' });

check('09.1', 'a cada servidor, elegido o no, se le suma su peso', () => {
  const r = smoothWeightedStep(peers(['a', 2, 4], ['b', 3, -1], ['c', 1, 0]));
  expect(r.chosen).toBe('a');
  expect(currents(r)).toEqual([0, 2, 1]);
}, { hint: 'Los servidores que no salen elegidos también ganan su peso en este paso.' });

check('09.1', 'se elige el mayor current después de sumar los pesos, no antes', () => {
  const r = smoothWeightedStep(peers(['a', 1, 3], ['b', 5, 0]));
  expect(r.chosen).toBe('b');
  expect(currents(r)).toEqual([4, -1]);
  expect(smoothWeightedStep(peers(['a', 1, 5], ['b', 5, 0])).chosen).toBe('a');
}, { hint: 'Compara los current ya sumados: antes de la suma, a parece el mayor.' });

check('09.1', 'en un empate gana el primero de la lista', () => {
  const r = smoothWeightedStep(peers(['x', 2, 1], ['y', 1, 2], ['z', 3, 0]));
  expect(r.chosen).toBe('x');
  expect(currents(r)).toEqual([-3, 3, 3]);
  expect(smoothWeightedStep(peers(['x', 2, 0], ['y', 1, 2], ['z', 3, 0])).chosen).toBe('y');
}, { hint: 'En un empate tu función no elige al primero de la lista: mira qué hace tu comparación cuando los dos current son iguales.' });

check('09.1', 'al elegido se le resta la suma de todos los pesos', () => {
  const r = smoothWeightedStep(peers(['a', 1, 0], ['b', 4, 0], ['c', 2, 0]));
  expect(r.chosen).toBe('b');
  expect(currents(r)).toEqual([1, -3, 2]);
}, { hint: 'Se resta el total (aquí 7), no el peso del elegido.' });

check('09.1', 'siete pasos seguidos con pesos 5, 1, 1 eligen a a b a c a a', () => {
  expect(run([['a', 5], ['b', 1], ['c', 1]], 7).join(' ')).toBe('a a b a c a a');
  expect(run([['a', 1], ['b', 2]], 3).join(' ')).toBe('b a b');
}, { hint: 'Encadena los pasos con los peers que devuelves: el reparto de turnos debe salir suave, no a a a a a b c.' });

check('09.1', 'con un solo servidor se elige siempre ese y su current no cambia', () => {
  const r = smoothWeightedStep(peers(['solo', 3, 0]));
  expect(r.chosen).toBe('solo');
  expect(currents(r)).toEqual([0]);
  const off = smoothWeightedStep(peers(['solo', 9, -4]));
  expect(off.chosen).toBe('solo');
  expect(currents(off)).toEqual([-4]);
  const two = smoothWeightedStep(peers(['a', 1, 0], ['b', 2, 0]));
  expect(two.chosen).toBe('b');
  expect(currents(two)).toEqual([1, -1]);
}, { hint: 'Un servidor solo no es un caso aparte: aplica los mismos tres pasos a su current, sea cual sea al empezar.' });

check('09.1', 'devuelve una lista nueva en el mismo orden y no modifica peers', () => {
  const input = peers(['c', 1, 0], ['a', 3, 0], ['b', 2, 0]);
  const before = JSON.stringify(input);
  const r = smoothWeightedStep(input);
  expect(r.chosen).toBe('a');
  expect(r.peers.map((p) => p.name)).toEqual(['c', 'a', 'b']);
  expect(r.peers.map((p) => p.weight)).toEqual([1, 3, 2]);
  expect(currents(r)).toEqual([1, -3, 2]);
  expect(JSON.stringify(input)).toBe(before);
  expect(r.peers).not.toBe(input);
}, { hint: 'Compara peers antes y después de la llamada: si cambia, o si el orden de la lista devuelta no es el de la entrada, revisa qué objetos escribes.' });
