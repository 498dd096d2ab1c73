/**
 * Chapter 04's MapReduce exercise: a pure function over plain data. The coordinator never
 * calls it (it splits with the kit's own `splitEvenly`); the notebook's exercise cell runs the
 * lecture's job with the student's split.
 * @packageDocumentation
 */

/**
 * Exercise 04.3: splits the comments into one batch per worker, losing none.
 *
 * **Enunciado (ejercicio 04.3, en español).** El coordinador de la clase reparte los
 * comentarios con `batch_size = len(comments) // len(workers)` y `zip`, y pierde los últimos
 * cuando la cuenta no es divisible (y falla si hay menos comentarios que trabajadores).
 * Escribe `splitBatches(items, workers)`, que devuelve exactamente `workers` lotes (una lista
 * de listas): lotes consecutivos que, concatenados en orden, dan `items` entero y en su orden
 * original (ningún comentario perdido ni repetido). Los tamaños de dos lotes difieren como mucho
 * en 1, y los lotes más grandes van primero: con 10 comentarios y 4 trabajadores, tamaños
 * 3, 3, 2, 2. Con menos comentarios que trabajadores los últimos lotes quedan vacíos (`[]`);
 * con `items` vacío, `workers` lotes vacíos. Los elementos pueden ser de cualquier tipo (textos,
 * números, objetos): cópialos tal cual. No modifiques `items`. La función ya rechaza, antes de
 * tu región, un `items` que no sea una lista y un `workers` que no sea un entero ≥ 1
 * (`RangeError`). Escribe toda tu solución dentro de la región `#region exercise 04.3`: el
 * corrector toma solo ese texto de tu entrega; si necesitas una función auxiliar, declárala
 * dentro de la región.
 *
 * @example
 * splitBatches(['a', 'b', 'c', 'd', 'e'], 2); // [['a', 'b', 'c'], ['d', 'e']]
 */
export function splitBatches<T>(items: readonly T[], workers: number): T[][] {
  if (!Array.isArray(items)) throw new RangeError('items debe ser una lista');
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers debe ser un entero ≥ 1, es ${String(workers)}`);
  // #region exercise 04.3: Repartir en lotes sin perder comentarios (2 puntos)
  const base = Math.floor(items.length / workers);
  const extra = items.length % workers;
  const batches: T[][] = [];
  let start = 0;
  for (let k = 0; k < workers; k++) {
    const size = base + (k < extra ? 1 : 0);
    batches.push(items.slice(start, start + size));
    start += size;
  }
  return batches;
  // #endregion exercise 04.3
}
