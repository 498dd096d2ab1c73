/**
 * Chapter 07's Bully exercise: what a node does when an ELECTION arrives. A pure function
 * over plain data; {@link BullyNode} takes it as its `onElection` option in the chapter's
 * exercise cells, and keeps its own rule otherwise.
 */

/** What a Bully node does with an ELECTION: reply or not, and whether it starts its own election. */
export interface BullyReaction {
  /** `'Answer'`: reply ANSWER to the sender; `'ignore'`: send nothing. */
  readonly reply: 'Answer' | 'ignore';
  /** True if the node starts its own election now. */
  readonly startElection: boolean;
  /** The ids it sends ELECTION to (every id higher than its own, ascending); `[]` otherwise. */
  readonly electionTo: number[];
}

function checkIds(me: number, from: number, ids: readonly number[]): void {
  if (!Array.isArray(ids) || !ids.every((x) => Number.isSafeInteger(x))) throw new TypeError('ids debe ser una lista de enteros');
  if (new Set(ids).size !== ids.length) throw new RangeError('ids no puede tener repetidos');
  if (!Number.isSafeInteger(me) || !ids.includes(me)) throw new RangeError(`me=${String(me)} no está en ids`);
  if (!Number.isSafeInteger(from)) throw new RangeError(`from=${String(from)} no es un entero`);
}

/**
 * Exercise 07.1: Bully's reaction to an ELECTION message (the lecture's steps 3 and 4).
 *
 * **Enunciado (ejercicio 07.1, en español).** El nodo `me` recibe un mensaje ELECTION del
 * nodo `from`. `electing` dice si `me` ya está en una elección suya (esperando respuestas o
 * el COORDINATOR); `ids` son los identificadores de todos los nodos del grupo (incluido `me`),
 * en cualquier orden. Devuelve `{ reply, startElection, electionTo }`:
 * - Si `from` es **menor** que `me`: `reply` es `'Answer'` (el nodo mayor responde que está vivo).
 *   Si además `me` no está ya en una elección, empieza la suya: `startElection: true` y
 *   `electionTo` son todos los ids de `ids` **mayores que `me`**, de menor a mayor (vacía si
 *   `me` es el mayor: entonces se proclamará líder). Si ya está en una elección,
 *   `startElection: false` y `electionTo: []`.
 * - Si `from` es **mayor o igual** que `me` (un ELECTION que en Bully nunca debería llegar: solo
 *   lo envían los menores), se ignora: `{ reply: 'ignore', startElection: false, electionTo: [] }`.
 * - `from` puede no estar en `ids` (un nodo desconocido): se decide igual, comparando números.
 * - No modifiques `ids`. La función ya rechaza, antes de tu región, ids repetidos o no enteros
 *   y un `me` que no esté en `ids`.
 * Escribe toda tu solución dentro de la región `#region exercise 07.1`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * bullyOnElection(3, 1, false, [1, 2, 3, 4, 5]); // { reply: 'Answer', startElection: true, electionTo: [4, 5] }
 */
export function bullyOnElection(me: number, from: number, electing: boolean, ids: number[]): BullyReaction {
  checkIds(me, from, ids);
  // #region exercise 07.1: Reacción de Bully a un ELECTION (2 puntos)
  if (from >= me) return { reply: 'ignore', startElection: false, electionTo: [] };
  if (electing) return { reply: 'Answer', startElection: false, electionTo: [] };
  const higher = ids.filter((id) => id > me).sort((a, b) => a - b);
  return { reply: 'Answer', startElection: true, electionTo: higher };
  // #endregion exercise 07.1
}
