/**
 * Chapter 06's PBFT exercise: the `prepared` predicate of Castro & Liskov §4.2 with its
 * quorum. The teacher's replica (`replica.ts`) keeps its own copy and takes this function only
 * when a cell passes it as the `prepared` option.
 */

/** A pre-prepare or prepare as the exercise sees it: plain data. */
export interface VoteRecord {
  readonly view: number;
  readonly seq: number;
  readonly digest: string;
}

/** A prepare, with the replica that sent it. */
export interface PrepareRecord extends VoteRecord {
  readonly replica: string;
}

/**
 * Whether a replica has *prepared* a request (Castro & Liskov 1999, §4.2).
 *
 * **Enunciado (ejercicio 06.4, en español).** En PBFT con n = 3f + 1 réplicas, una réplica ha
 * *preparado* la petición con resumen `prePrepare.digest` en la vista `prePrepare.view` y el
 * número de secuencia `prePrepare.seq` cuando tiene en su registro:
 * - el `PRE-PREPARE` de esa vista y secuencia (`prePrepare`; `null` si no lo tiene: entonces
 *   la respuesta es `false` siempre), y
 * - al menos **2f** `PREPARE` de réplicas **distintas** que coinciden con él en `view`, `seq` y
 *   `digest`. Un `PREPARE` repetido de la misma réplica cuenta una sola vez; uno de `primary`
 *   (el primario de la vista) no cuenta, porque su voto ya es el `PRE-PREPARE`; uno con otra
 *   vista, otra secuencia u otro resumen no cuenta. El propio `PREPARE` de la réplica, si está
 *   en la lista, cuenta como cualquier otro.
 * Devuelve `true` o `false`. No modifiques los argumentos. La función ya rechaza antes de tu
 * región un `f` que no sea un entero ≥ 0 y registros mal formados, con `RangeError`.
 * Escribe toda tu solución dentro de la región `#region exercise 06.4`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * const pp = { view: 0, seq: 42, digest: 'd42' };
 * pbftPrepared(pp, [{ replica: 'r1', view: 0, seq: 42, digest: 'd42' }, { replica: 'r2', view: 0, seq: 42, digest: 'd42' }], 'r0', 1); // true
 */
export function pbftPrepared(prePrepare: VoteRecord | null, prepares: readonly PrepareRecord[], primary: string, f: number): boolean {
  checkArguments(prePrepare, prepares, f);
  // #region exercise 06.4: ¿Preparada? El predicado prepared de PBFT (2 puntos)
  if (prePrepare === null) return false;
  const voters = new Set<string>();
  for (const p of prepares) {
    if (p.replica !== primary && p.view === prePrepare.view && p.seq === prePrepare.seq && p.digest === prePrepare.digest) voters.add(p.replica);
  }
  return voters.size >= 2 * f;
  // #endregion exercise 06.4
}

function checkArguments(prePrepare: VoteRecord | null, prepares: readonly PrepareRecord[], f: number): void {
  if (!Number.isInteger(f) || f < 0) throw new RangeError(`pbftPrepared: f debe ser un entero ≥ 0, no ${f}`);
  const vote = (v: VoteRecord) => typeof v === 'object' && v !== null && Number.isInteger(v.view) && Number.isInteger(v.seq) && typeof v.digest === 'string';
  if (prePrepare !== null && !vote(prePrepare)) throw new RangeError('pbftPrepared: pre-prepare mal formado');
  if (!Array.isArray(prepares) || !prepares.every((p) => vote(p) && typeof p.replica === 'string')) throw new RangeError('pbftPrepared: prepares mal formados');
}
