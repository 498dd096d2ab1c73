/**
 * Chapter 12's Spark exercise: one PageRank iteration over plain data. The kit's engines
 * (`pageRank`, `pageRankSpark`, `pageRankMapReduce`) keep their own code; only the exercise
 * cell of the notebook calls this function.
 */

function checkStepArguments(links: unknown, ranks: unknown, damping: unknown): void {
  if (!(links instanceof Map)) throw new TypeError('links debe ser un Map de nodo → lista de nodos enlazados');
  if (links.size === 0) throw new RangeError('links está vacío: hace falta al menos un nodo');
  if (!(ranks instanceof Map)) throw new TypeError('ranks debe ser un Map de nodo → rango (número)');
  for (const [node, targets] of links as Map<unknown, unknown>) {
    if (typeof node !== 'string') throw new TypeError('los nodos de links deben ser textos');
    if (!Array.isArray(targets) || !targets.every((t) => typeof t === 'string')) throw new TypeError(`los enlaces de «${node}» deben ser una lista de textos`);
    for (const t of targets as string[]) if (!links.has(t)) throw new RangeError(`«${node}» enlaza a «${t}», que no es una clave de links`);
    const rank = (ranks as Map<unknown, unknown>).get(node);
    if (typeof rank !== 'number' || !Number.isFinite(rank) || rank < 0) throw new RangeError(`ranks debe dar a «${node}» un número finito ≥ 0`);
  }
  if (ranks.size !== links.size) throw new RangeError('ranks debe tener exactamente los mismos nodos que links');
  if (typeof damping !== 'number' || !Number.isFinite(damping) || damping < 0 || damping > 1) throw new RangeError(`damping debe ser un número en [0, 1], y es ${String(damping)}`);
}

/**
 * Exercise 12.1: one PageRank iteration with dangling nodes.
 *
 * **Enunciado (ejercicio 12.1, en español).** `links` es un grafo dirigido: cada clave es un nodo
 * y su valor, la lista de nodos a los que enlaza; `ranks` da el rango actual de cada nodo y
 * `damping` es el factor de amortiguación d. Devuelve un `Map` **nuevo** con el rango de cada
 * nodo tras **una** iteración de PageRank:
 * - Los nodos son las claves de `links`; N = `links.size`.
 * - Cada nodo u con enlaces reparte su rango a partes iguales entre las entradas de su lista:
 *   cada destino recibe `ranks(u) / (longitud de la lista de u)` **por cada vez** que aparece en
 *   ella (un enlace repetido cuenta dos veces; un enlace de u a sí mismo cuenta como cualquier
 *   otro). Llama `entrante(v)` a la suma de lo que recibe v.
 * - Los nodos **colgantes** (lista vacía) no enlazan a nadie: su rango total D se reparte a
 *   partes iguales entre **los N nodos** (ellos incluidos), D/N cada uno.
 * - El rango nuevo de v es `(1 − d)/N + d · (entrante(v) + D/N)`. Un nodo sin enlaces de entrada
 *   recibe solo `(1 − d)/N + d · D/N`. Así, si los rangos suman 1, los nuevos también.
 * - Todos los rangos se calculan con los de `ranks` (los del principio de la iteración), nunca
 *   con rangos nuevos ya calculados.
 * - El `Map` devuelto tiene las claves en el mismo orden que `links`. No modifiques `links` ni
 *   `ranks`.
 * - Los correctores comparan cada rango con una tolerancia de 1e−12 (sumar en otro orden cambia
 *   las últimas cifras). La función ya rechaza, antes de tu región, argumentos mal formados
 *   (`TypeError`/`RangeError`): un grafo vacío, un enlace a un nodo que no es clave, un rango
 *   que falta o no es un número finito ≥ 0, un `damping` fuera de [0, 1].
 * Escribe toda tu solución dentro de la región `#region exercise 12.1`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * pageRankStep(new Map([['a', ['b']], ['b', ['a', 'c']], ['c', []]]), new Map([['a', 0.5], ['b', 0.25], ['c', 0.25]]), 0.8);
 * // Map { a → 0,2333…, b → 0,5333…, c → 0,2333… }
 */
export function pageRankStep(links: Map<string, string[]>, ranks: Map<string, number>, damping: number): Map<string, number> {
  checkStepArguments(links, ranks, damping);
  // #region exercise 12.1: Una iteración de PageRank (3 puntos)
  const n = links.size;
  const incoming = new Map<string, number>();
  for (const node of links.keys()) incoming.set(node, 0);
  let dangling = 0;
  for (const [node, targets] of links) {
    const rank = ranks.get(node) as number;
    if (targets.length === 0) {
      dangling += rank;
      continue;
    }
    for (const t of targets) incoming.set(t, (incoming.get(t) as number) + rank / targets.length);
  }
  const next = new Map<string, number>();
  for (const [node, sum] of incoming) next.set(node, (1 - damping) / n + damping * (sum + dangling / n));
  return next;
  // #endregion exercise 12.1
}
