/**
 * Chapter 10's HDFS exercise: the default placement choice of the next replica, as a pure
 * function over plain data. The NameNode keeps its own rule (`hdfsPlacementChoice`) and takes
 * this function as its `chooseTarget` option only in the chapter's exercise cells.
 */

function checkPlacementArguments(rackOf: unknown, chosen: unknown, writer: unknown, candidates: unknown): void {
  if (!(rackOf instanceof Map) || ![...rackOf].every(([k, v]) => typeof k === 'string' && typeof v === 'string')) throw new TypeError('rackOf debe ser un Map de DataNode (texto) a rack (texto)');
  if (!Array.isArray(chosen) || !chosen.every((n) => typeof n === 'string')) throw new TypeError('chosen debe ser una lista de DataNodes (textos)');
  if (!Array.isArray(candidates) || !candidates.every((n) => typeof n === 'string')) throw new TypeError('candidates debe ser una lista de DataNodes (textos)');
  if (writer !== null && typeof writer !== 'string') throw new TypeError('writer debe ser el DataNode que escribe (texto) o null');
  for (const n of [...chosen, ...candidates]) if (!rackOf.has(n)) throw new RangeError(`${String(n)} no tiene rack en rackOf`);
  if (new Set(chosen).size !== chosen.length || new Set(candidates).size !== candidates.length) throw new RangeError('chosen y candidates no pueden tener repetidos');
  if (candidates.some((c) => chosen.includes(c))) throw new RangeError('candidates no puede incluir nodos que ya están en chosen');
}

/**
 * Exercise 10.2: where HDFS's default policy puts the next replica of a block.
 *
 * **Enunciado (ejercicio 10.2, en español).** El NameNode elige los DataNodes de un bloque
 * uno a uno. `rackOf` da el rack de cada DataNode, `chosen` son las réplicas ya elegidas (en
 * orden), `writer` es el DataNode donde corre quien escribe (o `null` si escribe un cliente de
 * fuera del clúster) y `candidates` son los DataNodes vivos que pueden recibir la réplica, ya
 * barajados al azar (el NameNode baraja con la semilla: «el primero que cumpla» es «uno al
 * azar que cumpla»). Devuelve el DataNode elegido, siguiendo la política por defecto de HDFS:
 * - Sin candidatos, devuelve `null`.
 * - **Primera réplica** (`chosen` vacío): `writer` si está entre los candidatos; si `writer` es
 *   un DataNode (está en `rackOf`) pero no es candidato (caído o lleno), el primer candidato de
 *   su mismo rack; si no hay ninguno, o si `writer` es `null` o no está en `rackOf`, el
 *   primer candidato.
 * - **Segunda réplica** (`chosen` con 1): el primer candidato de un rack **distinto** del de
 *   `chosen[0]`; si no hay ninguno, el primer candidato.
 * - **Tercera réplica** (`chosen` con 2): si `chosen[0]` y `chosen[1]` están en el mismo rack,
 *   el primer candidato de otro rack; si están en racks distintos, el primer candidato del rack
 *   de `chosen[1]`. En los dos casos, si no hay ninguno, el primer candidato.
 * - Con 3 o más elegidas, el primer candidato.
 * - No modifiques ningún argumento. La función ya rechaza, antes de tu región, argumentos mal
 *   formados (`TypeError`), nodos sin rack, repetidos o candidatos que ya están en `chosen`
 *   (`RangeError`).
 * Escribe toda tu solución dentro de la región `#region exercise 10.2`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * const rackOf = new Map([['d1', 'r1'], ['d2', 'r1'], ['d3', 'r2'], ['d4', 'r2']]);
 * chooseReplicaTarget(rackOf, [], 'd1', ['d3', 'd1', 'd2']);     // 'd1' (el nodo que escribe)
 * chooseReplicaTarget(rackOf, ['d1'], 'd1', ['d2', 'd4', 'd3']); // 'd4' (otro rack)
 * chooseReplicaTarget(rackOf, ['d1', 'd4'], 'd1', ['d2', 'd3']); // 'd3' (el rack de la segunda)
 */
export function chooseReplicaTarget(rackOf: ReadonlyMap<string, string>, chosen: readonly string[], writer: string | null, candidates: readonly string[]): string | null {
  checkPlacementArguments(rackOf, chosen, writer, candidates);
  // #region exercise 10.2: Colocación por defecto de HDFS (3 puntos)
  if (candidates.length === 0) return null;
  const first = candidates[0] as string;
  const onRack = (rack: string | undefined) => candidates.find((c) => rackOf.get(c) === rack);
  const offRack = (rack: string | undefined) => candidates.find((c) => rackOf.get(c) !== rack);
  if (chosen.length === 0) {
    if (writer === null || !rackOf.has(writer)) return first;
    if (candidates.includes(writer)) return writer;
    return onRack(rackOf.get(writer)) ?? first;
  }
  const rack0 = rackOf.get(chosen[0] as string);
  if (chosen.length === 1) return offRack(rack0) ?? first;
  if (chosen.length === 2) {
    const rack1 = rackOf.get(chosen[1] as string);
    return (rack0 === rack1 ? offRack(rack0) : onRack(rack1)) ?? first;
  }
  return first;
  // #endregion exercise 10.2
}
