/**
 * Chapter 11's gossip exercise: one synchronous push–pull round over plain data. The kit's
 * round model (`roundGossip`) keeps its own rule (`pushPullRoundRule`) and takes this function as
 * its `round` option only in the exercise cells.
 */

/** The result of one push–pull round. */
export interface PushPullRoundResult {
  /** Who knows the rumour after the round (a new set). */
  readonly informed: Set<string>;
  /** Those who learnt it in this round, in the order the calls taught them, without repeats. */
  readonly newlyInformed: string[];
}

function checkRoundArguments(informed: unknown, calls: unknown, down: unknown): void {
  if (!(informed instanceof Set) || ![...informed].every((x) => typeof x === 'string')) throw new TypeError('informed debe ser un Set de ids (textos)');
  if (!(down instanceof Set) || ![...down].every((x) => typeof x === 'string')) throw new TypeError('down debe ser un Set de ids (textos)');
  if (!Array.isArray(calls) || !calls.every((c) => Array.isArray(c) && c.length === 2 && typeof c[0] === 'string' && typeof c[1] === 'string')) throw new TypeError('calls debe ser una lista de pares [llamante, llamado] (textos)');
}

/**
 * Exercise 11.4: one round of push–pull gossip.
 *
 * **Enunciado (ejercicio 11.4, en español).** En una ronda de *gossip* push–pull, cada nodo
 * llama a otro y los dos intercambian lo que saben. `informed` es el conjunto de nodos que
 * conocen el rumor (el bloque nuevo) **al empezar la ronda**, `calls` la lista de llamadas de
 * esta ronda, cada una `[llamante, llamado]`, y `down` el conjunto de nodos caídos. Devuelve
 * `{ informed, newlyInformed }`:
 * - En cada llamada, si el llamante conocía el rumor al empezar la ronda, el llamado lo aprende
 *   (*push*); si el llamado lo conocía, el llamante lo aprende (*pull*).
 * - Solo cuenta lo que se sabía **al empezar la ronda**: un nodo que aprende el rumor en esta ronda
 *   no lo pasa en otra llamada de la misma ronda (eso será en la siguiente).
 * - Una llamada en la que el llamante o el llamado está en `down` no transmite nada. Un nodo caído
 *   que ya estaba en `informed` sigue en él.
 * - `informed` devuelto es un conjunto **nuevo**: los de antes más los que aprendieron en esta ronda.
 * - `newlyInformed` son los que aprendieron en esta ronda, **sin repetir**, en el orden en que los
 *   informa la lista de llamadas (recorrida en orden; dentro de una llamada solo puede aprender uno
 *   de los dos). Sin llamadas útiles, `[]`.
 * - No modifiques `informed`, `calls` ni `down`. La función ya rechaza, antes de tu región,
 *   argumentos mal formados (`TypeError`).
 * Escribe toda tu solución dentro de la región `#region exercise 11.4`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * pushPullRound(new Set(['a']), [['a', 'b'], ['c', 'a'], ['b', 'd']], new Set());
 * // { informed: Set {'a', 'b', 'c'}, newlyInformed: ['b', 'c'] } — d no: b lo aprendió en esta ronda
 */
export function pushPullRound(informed: Set<string>, calls: [string, string][], down: Set<string>): PushPullRoundResult {
  checkRoundArguments(informed, calls, down);
  // #region exercise 11.4: Una ronda de gossip push–pull (2 puntos)
  const next = new Set(informed);
  const newlyInformed: string[] = [];
  for (const [caller, callee] of calls) {
    if (down.has(caller) || down.has(callee)) continue;
    const learner = informed.has(caller) && !informed.has(callee) ? callee : informed.has(callee) && !informed.has(caller) ? caller : undefined;
    if (learner !== undefined && !next.has(learner)) {
      next.add(learner);
      newlyInformed.push(learner);
    }
  }
  return { informed: next, newlyInformed };
  // #endregion exercise 11.4
}
