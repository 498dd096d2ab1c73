/**
 * Chapter 09's balancer exercise: one step of nginx's smooth weighted round robin, as a pure
 * function over plain data. {@link SmoothWeightedRoundRobin} keeps its own implementation;
 * only the chapter's exercise cells build a balancer on this function.
 */

/** One server's state in smooth weighted round robin: its name, weight and current value. */
export interface WeightedPeer {
  readonly name: string;
  readonly weight: number;
  readonly current: number;
}

/** The result of one step: the chosen server and every server's new state. */
export interface WeightedStep {
  readonly chosen: string;
  readonly peers: WeightedPeer[];
}

function checkPeers(peers: unknown): void {
  if (!Array.isArray(peers) || peers.length === 0) throw new RangeError('peers debe ser una lista no vacía de { name, weight, current }');
  const names = new Set<string>();
  for (const p of peers as Partial<WeightedPeer>[]) {
    if (p === null || typeof p !== 'object' || typeof p.name !== 'string') throw new TypeError('cada servidor debe ser { name, weight, current } con name de texto');
    if (names.has(p.name)) throw new RangeError(`servidor repetido: ${p.name}`);
    names.add(p.name);
    if (!Number.isInteger(p.weight) || (p.weight as number) <= 0) throw new RangeError(`el peso de ${p.name} debe ser un entero positivo, no ${String(p.weight)}`);
    if (!Number.isInteger(p.current)) throw new RangeError(`current de ${p.name} debe ser un entero, no ${String(p.current)}`);
  }
}

/**
 * Exercise 09.1: one pick of smooth weighted round robin (nginx's `ngx_http_upstream_get_peer`).
 *
 * **Enunciado (ejercicio 09.1, en español).** Round Robin ponderado «suave», el de nginx: cada
 * servidor de `peers` tiene un nombre `name`, un peso `weight` (entero positivo) y un valor
 * `current` (entero, al principio 0). En cada elección:
 * 1. a **cada** servidor se le suma su peso a `current`;
 * 2. se elige el servidor con el `current` **mayor** tras la suma; si hay empate, el que aparece
 *    **primero** en la lista;
 * 3. al elegido se le resta a `current` la **suma de todos los pesos**.
 *
 * Devuelve `{ chosen, peers }`: `chosen` es el nombre del elegido y `peers` una lista **nueva**,
 * en el **mismo orden**, con `{ name, weight, current }` de cada servidor tras el paso. Con pesos
 * 5, 1, 1 y `current` a 0, siete pasos seguidos eligen a a b a c a a. Con un solo servidor se
 * elige siempre ese y su `current` no cambia (gana su peso y pierde el total, que es ese mismo
 * peso). No modifiques `peers` ni sus objetos. La función
 * ya rechaza, antes de tu región, una lista vacía, nombres repetidos, pesos que no sean enteros
 * positivos y `current` no enteros. Escribe toda tu solución dentro de la región
 * `#region exercise 09.1`: el corrector toma solo ese texto de tu entrega.
 *
 * @example
 * smoothWeightedStep([{ name: 'a', weight: 5, current: 0 }, { name: 'b', weight: 1, current: 0 }, { name: 'c', weight: 1, current: 0 }]);
 * // { chosen: 'a', peers: [{ name: 'a', weight: 5, current: -2 }, { name: 'b', weight: 1, current: 1 }, { name: 'c', weight: 1, current: 1 }] }
 */
export function smoothWeightedStep(peers: WeightedPeer[]): WeightedStep {
  checkPeers(peers);
  // #region exercise 09.1: Round Robin ponderado suave de nginx (2 puntos)
  const next = peers.map((p) => ({ name: p.name, weight: p.weight, current: p.current + p.weight }));
  let best = 0;
  for (let i = 1; i < next.length; i++) if ((next[i] as WeightedPeer).current > (next[best] as WeightedPeer).current) best = i;
  const total = next.reduce((sum, p) => sum + p.weight, 0);
  const winner = next[best] as { name: string; weight: number; current: number };
  winner.current -= total;
  return { chosen: winner.name, peers: next };
  // #endregion exercise 09.1
}
