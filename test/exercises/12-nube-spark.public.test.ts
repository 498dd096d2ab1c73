// Public checks of exercise 12.1 (pageRankStep): one per requirement of its Spanish statement.
import { expect } from 'vitest';
import { pageRankStep } from '../../lib/spark/exercises';
import { check } from './check';

const close = (got: Map<string, number>, expected: Record<string, number>) => {
  expect([...got.keys()].sort()).toEqual(Object.keys(expected).sort());
  for (const [node, value] of Object.entries(expected)) expect(Math.abs((got.get(node) as number) - value), `nodo ${node}: ${got.get(node)} en vez de ${value}`).toBeLessThan(1e-12);
};
const m = <T>(entries: [string, T][]) => new Map(entries);

check('12.1', 'reparte el rango entre los enlaces y aplica (1 − d)/N + d · (entrante + D/N) (ejemplo del enunciado)', () => {
  const got = pageRankStep(m([['a', ['b']], ['b', ['a', 'c']], ['c', []]]), m([['a', 0.5], ['b', 0.25], ['c', 0.25]]), 0.8);
  close(got, { a: 0.2 / 3 + 0.8 * (0.125 + 0.25 / 3), b: 0.2 / 3 + 0.8 * (0.5 + 0.25 / 3), c: 0.2 / 3 + 0.8 * (0.125 + 0.25 / 3) });
  close(pageRankStep(m([['x', ['y']], ['y', ['x']]]), m([['x', 0.7], ['y', 0.3]]), 0.5), { x: 0.25 + 0.5 * 0.3, y: 0.25 + 0.5 * 0.7 });
}, { hint: 'Cada nodo da rank(u) / longitud de su lista a cada destino; luego (1 − d)/N + d · (lo recibido + D/N).' });

check('12.1', 'el rango de los nodos colgantes se reparte entre los N nodos, ellos incluidos', () => {
  // b and c are dangling: D = 0,6, each node gets D/3 = 0,2 of it.
  close(pageRankStep(m([['a', ['b']], ['b', []], ['c', []]]), m([['a', 0.4], ['b', 0.3], ['c', 0.3]]), 1), { a: 0.2, b: 0.6, c: 0.2 });
  close(pageRankStep(m([['solo', []]]), m([['solo', 1]]), 0.85), { solo: 1 });
}, { hint: 'Suma el rango de los nodos con lista vacía y da D/N a todos, también a los colgantes.' });

check('12.1', 'un enlace repetido cuenta dos veces y un enlace a sí mismo cuenta como cualquier otro', () => {
  close(pageRankStep(m([['a', ['b', 'b', 'c']], ['b', ['a']], ['c', ['c']]]), m([['a', 0.6], ['b', 0.3], ['c', 0.1]]), 1), { a: 0.3, b: 0.4, c: 0.3 });
}, { hint: 'Divide entre la longitud de la lista tal cual y da la parte por cada entrada, sin quitar repetidos.' });

check('12.1', 'un nodo sin enlaces de entrada recibe (1 − d)/N + d · D/N', () => {
  close(pageRankStep(m([['fuente', ['a']], ['a', []], ['b', ['a']]]), m([['fuente', 0.5], ['a', 0.3], ['b', 0.2]]), 0.9), { fuente: 0.1 / 3 + 0.9 * 0.1, b: 0.1 / 3 + 0.9 * 0.1, a: 0.1 / 3 + 0.9 * (0.7 + 0.1) });
}, { hint: 'Todos los nodos de links tienen rango nuevo, aunque nadie les enlace.' });

check('12.1', 'si los rangos suman 1, los nuevos también (con d = 0,85)', () => {
  const links = m([['a', ['b', 'c']], ['b', ['c']], ['c', ['a']], ['d', []], ['e', ['a', 'd']]]);
  const got = pageRankStep(links, m([['a', 0.1], ['b', 0.2], ['c', 0.3], ['d', 0.25], ['e', 0.15]]), 0.85);
  expect(Math.abs([...got.values()].reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
}, { hint: 'Si la suma no da 1, algo del rango se pierde o se cuenta dos veces: mira los colgantes y el (1 − d)/N.' });

check('12.1', 'usa los rangos del principio de la iteración, no los nuevos ya calculados', () => {
  close(pageRankStep(m([['a', ['b']], ['b', ['c']], ['c', ['a']]]), m([['a', 0.6], ['b', 0.3], ['c', 0.1]]), 1), { a: 0.1, b: 0.6, c: 0.3 });
}, { hint: 'Calcula todo con ranks tal como te llega y escribe los resultados en un Map nuevo.' });

check('12.1', 'devuelve un Map nuevo con las claves en el orden de links y no modifica links ni ranks', () => {
  const links = m([['z', ['a']], ['a', ['m', 'z']], ['m', []]]);
  const ranks = m([['m', 0.2], ['a', 0.5], ['z', 0.3]]);
  const got = pageRankStep(links, ranks, 0.85);
  expect(got).toBeInstanceOf(Map);
  expect(got).not.toBe(ranks);
  expect([...got.keys()]).toEqual(['z', 'a', 'm']);
  expect([...ranks]).toEqual([['m', 0.2], ['a', 0.5], ['z', 0.3]]);
  expect([...links]).toEqual([['z', ['a']], ['a', ['m', 'z']], ['m', []]]);
}, { hint: 'Crea un Map nuevo recorriendo las claves de links en su orden; no escribas en ranks.' });
