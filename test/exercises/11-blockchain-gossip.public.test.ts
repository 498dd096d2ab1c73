// Public checks of exercises 11.3 (pickByStake) and 11.4 (pushPullRound): one per requirement
// of their Spanish statements.
import { expect } from 'vitest';
import { pickByStake } from '../../lib/stake/exercises';
import { pushPullRound } from '../../lib/gossip/exercises';
import { check } from './check';

check('11.3', 'elige por tramos acumulados en el orden de la lista (ejemplo del enunciado)', () => {
  expect(pickByStake([['Alice', 10], ['Bob', 20]], 0.2)).toBe('Alice');
  expect(pickByStake([['Alice', 10], ['Bob', 20]], 0.5)).toBe('Bob');
  expect(pickByStake([['Bob', 20], ['Alice', 10]], 0.5)).toBe('Bob');
  expect(pickByStake([['Bob', 20], ['Alice', 10]], 0.7)).toBe('Alice');
  expect(pickByStake([['A', 1], ['B', 2], ['C', 3], ['D', 4]], 0.55)).toBe('C');
}, { hint: 'Suma las participaciones en el orden de la lista y compara u · total con cada suma acumulada.' });

check('11.3', 'un límite exacto entre dos tramos es del siguiente; u = 0 es del primero', () => {
  expect(pickByStake([['A', 1], ['B', 1]], 0.5)).toBe('B');
  expect(pickByStake([['A', 1], ['B', 1], ['C', 2]], 0.5)).toBe('C');
  expect(pickByStake([['A', 1], ['B', 3]], 0.25)).toBe('B');
  expect(pickByStake([['A', 1], ['B', 3]], 0.2499)).toBe('A');
  expect(pickByStake([['A', 1], ['B', 3]], 0)).toBe('A');
}, { hint: 'Los tramos son semiabiertos [inicio, fin): compara con < y no con <=.' });

check('11.3', 'un validador con participación 0 no se elige nunca', () => {
  expect(pickByStake([['Z', 0], ['A', 1], ['B', 1]], 0)).toBe('A');
  expect(pickByStake([['A', 1], ['Z', 0], ['B', 1]], 0.5)).toBe('B');
  expect(pickByStake([['A', 2], ['B', 2], ['Z', 0]], 0.99)).toBe('B');
  expect(pickByStake([['A', 2], ['B', 2], ['Z', 0]], 0.25)).toBe('A');
}, { hint: 'Un tramo de longitud 0 está vacío: ni siquiera su límite le pertenece.' });

check('11.3', 'compara u * total con las sumas acumuladas, en coma flotante, tal cual', () => {
  expect(pickByStake([['a', 1], ['b', 48]], 1 / 49)).toBe('a'); // (1/49) * 49 = 0,9999999999999999 < 1
  expect(pickByStake([['a', 1], ['b', 2]], 1 / 3)).toBe('b'); // (1/3) * 3 = 1: el límite, del siguiente
}, { hint: 'Calcula u * total una vez y compáralo con cada suma acumulada; no dividas las sumas entre total.' });

check('11.3', 'si por redondeo u · total no cae en ningún intervalo, el último con participación positiva', () => {
  expect(pickByStake([['a', 5e-324]], 0.9)).toBe('a');
  expect(pickByStake([['a', 5e-324], ['b', 5e-324], ['z', 0]], 0.9)).toBe('b');
  expect(pickByStake([['z', 0], ['a', 5e-324], ['y', 0]], 0.9)).toBe('a');
}, { hint: 'Si el bucle termina sin devolver nada, devuelve el último validador con participación mayor que 0 que hayas visto.' });

check('11.3', 'no modifica stakes', () => {
  const stakes: [string, number][] = [['Alice', 10], ['Bob', 20], ['Dave', 30], ['Carol', 0]];
  expect(pickByStake(stakes, 0.4)).toBe('Bob');
  expect(stakes).toEqual([['Alice', 10], ['Bob', 20], ['Dave', 30], ['Carol', 0]]);
}, { hint: 'No ordenes ni cambies la lista que te pasan: recórrela tal cual.' });

const sorted = (s: Set<string>) => [...s].sort();

check('11.4', 'push y pull: el llamante informado informa al llamado y el llamado informado al llamante (ejemplo del enunciado)', () => {
  const r = pushPullRound(new Set(['a']), [['a', 'b'], ['c', 'a'], ['b', 'd']], new Set());
  expect(sorted(r.informed)).toEqual(['a', 'b', 'c']);
  expect(r.newlyInformed).toEqual(['b', 'c']);
  expect(pushPullRound(new Set(['x']), [['y', 'x']], new Set()).newlyInformed).toEqual(['y']);
}, { hint: 'En cada llamada mira a los dos extremos: el rumor viaja en los dos sentidos.' });

check('11.4', 'solo cuenta lo que se sabía al empezar la ronda', () => {
  const r = pushPullRound(new Set(['a']), [['a', 'b'], ['b', 'c'], ['d', 'b']], new Set());
  expect(sorted(r.informed)).toEqual(['a', 'b']);
  expect(r.newlyInformed).toEqual(['b']);
  expect(sorted(pushPullRound(new Set(['a', 'b']), [['b', 'c']], new Set()).informed)).toEqual(['a', 'b', 'c']);
}, { hint: 'Decide con el conjunto del principio de la ronda, no con el que vas construyendo.' });

check('11.4', 'una llamada con un nodo caído no transmite nada; un caído informado sigue informado', () => {
  const r = pushPullRound(new Set(['a', 'z']), [['a', 'z'], ['z', 'b'], ['c', 'z'], ['a', 'c']], new Set(['z']));
  expect(sorted(r.informed)).toEqual(['a', 'c', 'z']);
  expect(r.newlyInformed).toEqual(['c']);
  expect(pushPullRound(new Set(['a']), [['a', 'y']], new Set(['y'])).newlyInformed).toEqual([]);
}, { hint: 'Salta la llamada entera si cualquiera de los dos extremos está en down.' });

check('11.4', 'informed devuelto es un conjunto nuevo con los de antes más los nuevos', () => {
  const before = new Set(['a', 'q']);
  const r = pushPullRound(before, [['b', 'a']], new Set());
  expect(r.informed).toBeInstanceOf(Set);
  expect(r.informed).not.toBe(before);
  expect(sorted(r.informed)).toEqual(['a', 'b', 'q']);
  expect(r.newlyInformed).toEqual(['b']);
}, { hint: 'Empieza con una copia del conjunto y añade los que aprenden.' });

check('11.4', 'newlyInformed sin repetidos, en el orden de las llamadas; sin llamadas útiles, []', () => {
  const r = pushPullRound(new Set(['a', 'b']), [['c', 'd'], ['e', 'b'], ['a', 'c'], ['b', 'c'], ['e', 'a'], ['a', 'b']], new Set());
  expect(r.newlyInformed).toEqual(['e', 'c']);
  expect(pushPullRound(new Set(['a']), [['a', 'a'], ['b', 'c']], new Set()).newlyInformed).toEqual([]);
  expect(pushPullRound(new Set(['a']), [], new Set()).newlyInformed).toEqual([]);
}, { hint: 'Un nodo que ya aprendió en esta ronda no se vuelve a añadir.' });

check('11.4', 'no modifica informed, calls ni down', () => {
  const informed = new Set(['a']);
  const calls: [string, string][] = [['a', 'b'], ['c', 'a']];
  const down = new Set(['d']);
  const r = pushPullRound(informed, calls, down);
  expect(sorted(r.informed)).toEqual(['a', 'b', 'c']);
  expect(r.newlyInformed).toEqual(['b', 'c']);
  expect([...informed]).toEqual(['a']);
  expect(calls).toEqual([['a', 'b'], ['c', 'a']]);
  expect([...down]).toEqual(['d']);
}, { hint: 'informed.add modifica el Set que te pasan: copia primero (new Set(informed)).' });
