/**
 * Chapter 12's AllReduce exercise: which chunk a node sends and receives at one step of ring
 * AllReduce. The kit's own schedule is `ringStepChunks` (ring.ts); the notebook compares the
 * two only in the exercise cell.
 */

/** What node `rank` does at one global step of ring AllReduce. */
export interface RingChunkStep {
  /** `'reduce-scatter'` for the first N − 1 steps, `'all-gather'` for the last N − 1. */
  readonly phase: 'reduce-scatter' | 'all-gather';
  /** The chunk index it sends to node (rank + 1) mod N. */
  readonly send: number;
  /** The chunk index it receives from node (rank − 1) mod N. */
  readonly receive: number;
}

function checkChunkArguments(n: unknown, rank: unknown, step: unknown): void {
  for (const [name, value] of [['n', n], ['rank', rank], ['step', step]] as const) {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`${name} debe ser un número entero (recibí ${String(value)})`);
  }
  const size = n as number;
  if (size < 1) throw new RangeError(`n debe ser al menos 1 (recibí ${size})`);
  if ((rank as number) < 0 || (rank as number) >= size) throw new RangeError(`rank debe estar entre 0 y n − 1 = ${size - 1} (recibí ${String(rank)})`);
  if (size === 1) throw new RangeError('con un solo nodo el AllReduce no tiene pasos: no hay nada que enviar');
  if ((step as number) < 0 || (step as number) >= 2 * (size - 1)) throw new RangeError(`step debe estar entre 0 y 2(n − 1) − 1 = ${2 * (size - 1) - 1} (recibí ${String(step)})`);
}

/**
 * Exercise 12.4: the chunk a node sends and receives at one step of ring AllReduce.
 *
 * **Enunciado (ejercicio 12.4, en español).** En el AllReduce en anillo, `n` nodos numerados
 * `0 … n − 1` forman un anillo: el nodo `r` envía siempre a `(r + 1) mod n` y recibe siempre de
 * `(r − 1) mod n`. El vector de cada nodo se parte en `n` trozos numerados `0 … n − 1`. La
 * operación tiene `2(n − 1)` pasos globales, `step = 0 … 2(n − 1) − 1`, y en cada paso cada nodo
 * envía un trozo y recibe otro. Devuelve `{ phase, send, receive }` para el nodo `rank` en el paso
 * `step`:
 * - Los pasos `0 … n − 2` son la fase `'reduce-scatter'`, con `s = step`: el nodo `r` envía el
 *   trozo `(r − s) mod n` y recibe el trozo `(r − 1 − s) mod n` (lo suma al suyo).
 * - Los pasos `n − 1 … 2(n − 1) − 1` son la fase `'all-gather'`, con `s = step − (n − 1)` (de nuevo
 *   desde 0): el nodo `r` envía el trozo `(r + 1 − s) mod n` y recibe el trozo `(r − s) mod n` (lo
 *   copia encima del suyo).
 * - `mod n` da siempre un resultado entre `0` y `n − 1`, también para números negativos:
 *   `(−1) mod 4 = 3` (cuidado: en JavaScript `-1 % 4` vale `-1`).
 * - Con `n = 2` las dos fases tienen un paso cada una. Con `n = 1` no hay ningún paso.
 * - La función ya rechaza, antes de tu región, argumentos que no son enteros (`TypeError`) y
 *   valores fuera de rango (`RangeError`): `n < 1`, `rank` fuera de `0 … n − 1`, `step` fuera de
 *   `0 … 2(n − 1) − 1` y cualquier paso con `n = 1`.
 * Escribe toda tu solución dentro de la región `#region exercise 12.4`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * ringAllReduceChunk(4, 0, 1); // { phase: 'reduce-scatter', send: 3, receive: 2 }
 * ringAllReduceChunk(4, 0, 3); // { phase: 'all-gather', send: 1, receive: 0 }
 */
export function ringAllReduceChunk(n: number, rank: number, step: number): RingChunkStep {
  checkChunkArguments(n, rank, step);
  // #region exercise 12.4: El trozo de cada paso del AllReduce en anillo (2 puntos)
  const wrap = (x: number) => ((x % n) + n) % n;
  if (step < n - 1) return { phase: 'reduce-scatter', send: wrap(rank - step), receive: wrap(rank - 1 - step) };
  const s = step - (n - 1);
  return { phase: 'all-gather', send: wrap(rank + 1 - s), receive: wrap(rank - s) };
  // #endregion exercise 12.4
}
