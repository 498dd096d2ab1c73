/**
 * Chapter 05's exercises: pure functions over plain data. The protocol nodes never call them by
 * default (they keep their own implementation in `rules.ts`); the notebook's exercise cells
 * inject them (`primaryBackup({ commitIndex: semiSyncCommitIndex })`, `quorumStore({ readRepair:
 * readRepairPlan })`).
 */
import type { Versioned } from './messages';

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} debe ser un entero >= ${min}, recibido ${String(value)}`);
}

/** What a quorum configuration (N, R, W) guarantees: the result of exercise 05.1. */
export interface QuorumProperties {
  /** The fewest replicas a read quorum and a write quorum always share: max(0, R + W − N). */
  readonly overlap: number;
  /** R + W > N: every read quorum meets every write quorum (a read sees the last acknowledged write). */
  readonly readsSeeLastWrite: boolean;
  /** 2W > N: two write quorums always meet (two concurrent writes cannot both miss each other). */
  readonly writesOverlap: boolean;
  /** Replicas that may be down while writes still gather W acks: N − W. */
  readonly writeFailuresTolerated: number;
  /** Replicas that may be down while reads still gather R replies: N − R. */
  readonly readFailuresTolerated: number;
}

/**
 * Exercise 05.1: what a Dynamo-style quorum configuration (N, R, W) guarantees.
 *
 * **Enunciado (ejercicio 05.1, en español).** Un almacén sin líder guarda cada clave en `n`
 * réplicas; una escritura se confirma cuando responden `w` de ellas y una lectura cuando
 * responden `r`. Devuelve un objeto con cinco campos:
 * - `overlap`: el mínimo de réplicas que un quórum de lectura (`r` réplicas cualesquiera de las
 *   `n`) y uno de escritura (`w` réplicas cualesquiera) comparten siempre, sea cual sea el
 *   reparto (0 si pueden no compartir ninguna);
 * - `readsSeeLastWrite`: `true` si y solo si todo quórum de lectura comparte al menos una
 *   réplica con todo quórum de escritura;
 * - `writesOverlap`: `true` si y solo si dos quórums de escritura cualesquiera comparten al
 *   menos una réplica;
 * - `writeFailuresTolerated`: cuántas réplicas pueden estar caídas y aún reunirse las `w`
 *   respuestas de una escritura; y `readFailuresTolerated`, lo mismo para las `r` de una lectura.
 * `n`, `r` y `w` son enteros con 1 ≤ r ≤ n y 1 ≤ w ≤ n; la función ya rechaza los demás con
 * `RangeError` antes de tu región. Escribe toda tu solución dentro de la región
 * `#region exercise 05.1`: el corrector toma solo ese texto de tu entrega.
 *
 * @example
 * quorumProperties(3, 2, 2); // { overlap: 1, readsSeeLastWrite: true, writesOverlap: true, writeFailuresTolerated: 1, readFailuresTolerated: 1 }
 */
export function quorumProperties(n: number, r: number, w: number): QuorumProperties {
  checkCount('n', n, 1);
  checkCount('r', r, 1);
  checkCount('w', w, 1);
  if (r > n || w > n) throw new RangeError(`r y w no pueden pasar de n (n=${n}, r=${r}, w=${w})`);
  // #region exercise 05.1: Quórums que se solapan (2 puntos)
  return {
    overlap: Math.max(0, r + w - n),
    readsSeeLastWrite: r + w > n,
    writesOverlap: 2 * w > n,
    writeFailuresTolerated: n - w,
    readFailuresTolerated: n - r,
  };
  // #endregion exercise 05.1
}

/**
 * Exercise 05.2: semi-synchronous replication's commit point (MySQL's "wait for k acks").
 *
 * **Enunciado (ejercicio 05.2, en español).** En replicación semisíncrona el primario confirma
 * una escritura al cliente cuando al menos `k` réplicas la tienen. El log del primario llega
 * hasta la posición `primaryIndex`; `backupMatch[i]` es la última posición que la réplica `i`
 * tiene (y todas las anteriores). Devuelve la mayor posición `p ≤ primaryIndex` que tienen al
 * menos `k` réplicas: todas las escrituras hasta `p` se pueden confirmar.
 * - Con `k = 0` (asíncrona) es `primaryIndex`.
 * - Si hay menos de `k` réplicas, o ninguna posición la tienen `k` de ellas, devuelve 0.
 * - Una réplica puede decir más que `primaryIndex` (tras un cambio de primario): cuenta como
 *   `primaryIndex`. El orden de `backupMatch` no importa y la lista puede estar vacía.
 * - No modifiques `backupMatch`.
 * Todos los números son enteros ≥ 0 (ya se rechazan los demás con `RangeError` antes de tu
 * región). Escribe toda tu solución dentro de la región `#region exercise 05.2`: el corrector
 * toma solo ese texto de tu entrega.
 *
 * @example
 * semiSyncCommitIndex(10, [7, 4, 9], 2); // 7: positions 1–7 are on two backups (7 and 9)
 */
export function semiSyncCommitIndex(primaryIndex: number, backupMatch: readonly number[], k: number): number {
  checkCount('primaryIndex', primaryIndex, 0);
  checkCount('k', k, 0);
  if (!Array.isArray(backupMatch)) throw new RangeError('backupMatch debe ser una lista de enteros >= 0');
  backupMatch.forEach((m, i) => checkCount(`backupMatch[${i}]`, m, 0));
  // #region exercise 05.2: Cuántas réplicas confirman en semisíncrona (2 puntos)
  if (k === 0) return primaryIndex;
  if (backupMatch.length < k) return 0;
  const sorted = backupMatch.map((m) => Math.min(m, primaryIndex)).sort((a, b) => b - a);
  return sorted[k - 1] ?? 0;
  // #endregion exercise 05.2
}

/** One replica's answer to a quorum read: its node, and what it holds (`null`: nothing). */
export interface ReadReply {
  readonly node: string;
  readonly item: Versioned | null;
}

/** What a coordinator does after a quorum read: the value to return and the replicas to repair. */
export interface ReadRepairPlan {
  readonly newest: Versioned | null;
  readonly stale: string[];
}

/**
 * Exercise 05.3: read repair (Dynamo, Cassandra). The coordinator returns the newest version
 * among the replies and writes it back to the replicas that answered with an older one.
 *
 * **Enunciado (ejercicio 05.3, en español).** `replies` son las respuestas de las réplicas a una
 * lectura: `{ node, item }`, donde `item` es `null` si la réplica no tiene la clave, o
 * `{ value, version: { counter, by } }`. Una versión es más nueva que otra si su `counter` es
 * mayor; con el mismo `counter`, gana la de `by` mayor (comparación de textos, `'n2' > 'n1'`).
 * Devuelve `{ newest, stale }`:
 * - `newest`: el `item` más nuevo de todas las respuestas (el mismo objeto o una copia), o
 *   `null` si ninguna réplica tiene la clave (también con `replies` vacía);
 * - `stale`: los `node` de las réplicas que necesitan reparación, en el orden de `replies`:
 *   las que respondieron `null` o una versión distinta de la más nueva (si `newest` es `null`,
 *   ninguna). Las que ya tienen la versión más nueva no se reparan.
 * - No modifiques `replies`.
 * Escribe toda tu solución dentro de la región `#region exercise 05.3`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * readRepairPlan([{ node: 'n1', item: { value: 'a', version: { counter: 1, by: 'n1' } } }, { node: 'n2', item: null }]);
 * // { newest: { value: 'a', … }, stale: ['n2'] }
 */
export function readRepairPlan(replies: readonly ReadReply[]): ReadRepairPlan {
  if (!Array.isArray(replies)) throw new RangeError('replies debe ser una lista de respuestas');
  // #region exercise 05.3: Reparación en lectura (3 puntos)
  const newer = (a: Versioned, b: Versioned) => a.version.counter > b.version.counter || (a.version.counter === b.version.counter && a.version.by > b.version.by);
  let newest: Versioned | null = null;
  for (const reply of replies) if (reply.item !== null && (newest === null || newer(reply.item, newest))) newest = reply.item;
  if (newest === null) return { newest: null, stale: [] };
  const best = newest;
  const stale = replies
    .filter((reply) => reply.item === null || reply.item.version.counter !== best.version.counter || reply.item.version.by !== best.version.by)
    .map((reply) => reply.node);
  return { newest: best, stale };
  // #endregion exercise 05.3
}
