/**
 * Chapter 09's hashing exercises, as pure functions over plain data: jump consistent hash
 * (09.2) and the keys a new server takes over on a hash ring (09.3). The kit's own code
 * (`jump.ts`, `ring.ts`) keeps its own implementations and never calls these.
 */
import { checkJumpArguments } from './jump';

/** One point of a hash ring as plain data: a virtual node of `server` at position `point`. */
export interface RingEntry {
  readonly point: number;
  readonly server: string;
}

/** What a join changes: the keys that now belong to the new server, and who lost them. */
export interface JoinMoves {
  /** The keys (hashes) whose owner changes, in the order of `keys`, repeats included. */
  readonly moved: number[];
  /** For each server that loses keys, how many it loses (servers that lose none are absent). */
  readonly from: Map<string, number>;
}

/**
 * Exercise 09.2: jump consistent hash (Lamping & Veach, 2014).
 *
 * **Enunciado (ejercicio 09.2, en español).** Implementa el *jump consistent hash* de Lamping
 * y Veach: dada una clave de 64 bits `key` (un `bigint` entre 0 y 2^64 − 1) y un número de
 * cubetas `buckets` (entero ≥ 1), devuelve la cubeta de la clave, un entero entre 0 y
 * `buckets − 1`. El código del artículo, en C, es:
 * ```c
 * int64_t b = -1, j = 0;
 * while (j < num_buckets) {
 *   b = j;
 *   key = key * 2862933555777941757ULL + 1;
 *   j = (b + 1) * (double(1LL << 31) / double((key >> 33) + 1));
 * }
 * return b;
 * ```
 * - La clave llega como `bigint` y es un entero **sin signo de 64 bits**, como `key` en C: la
 *   multiplicación y la suma de C se desbordan y se quedan con los 64 bits de abajo, y tu
 *   función debe dar lo mismo que C también con claves cercanas a 2^64.
 * - La división es en coma flotante (`double`), como en C, no entera; el resultado se trunca
 *   al guardarlo en `j`, que es entero.
 * - Con `buckets = 1` la respuesta es siempre 0. Debe dar los valores de la prueba
 *   `HashingTest` de Guava (la biblioteca de Google, cuyo `Hashing.consistentHash` es este
 *   algoritmo): clave 10863919174838991n con 11 cubetas → 6; clave 2202n con 100001 cubetas →
 *   15018; claves 0n…19n con 100 cubetas → 0, 55, 62, 8, 45, …
 * - Al pasar de `n` a `n + 1` cubetas, una clave o se queda en su cubeta o pasa a la nueva
 *   (la `n`): nunca salta entre cubetas viejas.
 * - La función ya rechaza, antes de tu región, una clave que no sea `bigint` o esté fuera de
 *   [0, 2^64) y un número de cubetas que no sea un entero entre 1 y 2^31 − 1 (`RangeError`).
 * Escribe toda tu solución dentro de la región `#region exercise 09.2`: el corrector toma
 * solo ese texto de tu entrega.
 *
 * @example
 * jumpConsistentHash(10863919174838991n, 11); // 6
 */
export function jumpConsistentHash(key: bigint, buckets: number): number {
  checkJumpArguments(key, buckets);
  // #region exercise 09.2: Jump consistent hash (2 puntos)
  let state = key;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    state = BigInt.asUintN(64, state * 2862933555777941757n + 1n);
    j = Math.floor((b + 1) * (2 ** 31 / Number((state >> 33n) + 1n)));
  }
  return b;
  // #endregion exercise 09.2
}

function checkJoinArguments(ring: unknown, newServer: unknown, newPoints: unknown, keys: unknown): void {
  const isPosition = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 2 ** 32;
  if (!Array.isArray(ring) || ring.length === 0) throw new RangeError('ring debe ser una lista no vacía de { point, server }');
  let previous = -1;
  for (const entry of ring as unknown[]) {
    const e = entry as Partial<RingEntry> | null;
    if (e === null || typeof e !== 'object' || !isPosition(e.point) || typeof e.server !== 'string') throw new TypeError('cada punto del anillo debe ser { point: entero en [0, 2^32), server: texto }');
    if ((e.point as number) <= previous) throw new RangeError('ring debe estar ordenado por point, sin puntos repetidos');
    previous = e.point as number;
  }
  if (typeof newServer !== 'string' || newServer.length === 0) throw new TypeError('newServer debe ser un texto no vacío');
  if ((ring as RingEntry[]).some((e) => e.server === newServer)) throw new RangeError(`el servidor "${newServer}" ya está en el anillo`);
  if (!Array.isArray(newPoints) || newPoints.length === 0 || !newPoints.every(isPosition)) throw new RangeError('newPoints debe ser una lista no vacía de enteros en [0, 2^32)');
  const taken = new Set((ring as RingEntry[]).map((e) => e.point));
  for (const p of newPoints as number[]) {
    if (taken.has(p)) throw new RangeError(`el punto ${p} ya está ocupado en el anillo`);
    taken.add(p);
  }
  if (!Array.isArray(keys) || !keys.every(isPosition)) throw new TypeError('keys debe ser una lista de enteros en [0, 2^32)');
}

/**
 * Exercise 09.3: the keys a server takes over when it joins a consistent-hash ring.
 *
 * **Enunciado (ejercicio 09.3, en español).** Un anillo de hashing consistente es la lista
 * `ring` de sus puntos `{ point, server }` (posiciones enteras en [0, 2^32)), **ordenada** por
 * `point` de menor a mayor y sin posiciones repetidas. Una clave, dada ya por su hash `k`
 * (entero en [0, 2^32)), pertenece al servidor del **primer punto con `point` estrictamente
 * mayor que `k`**; si no hay ninguno, da la vuelta y pertenece al servidor del primer punto
 * del anillo (como `bisect.bisect` en el código de la lección). Ahora entra el servidor
 * `newServer` con sus puntos `newPoints` (**no** vienen ordenados). Devuelve `{ moved, from }`:
 * - `moved`: las claves de `keys` que cambian de servidor al entrar `newServer`, en el mismo
 *   orden que en `keys` (si una clave aparece repetida en `keys`, aparece repetida en `moved`).
 * - `from`: un `Map` que dice, para cada servidor que pierde claves, cuántas pierde; los
 *   servidores que no pierden ninguna **no** aparecen. Sin claves, `moved` es `[]` y `from`
 *   está vacío.
 * - Una clave igual a la posición de un punto no es de ese punto, sino del siguiente.
 * - No modifiques `ring`, `newPoints` ni `keys`. La función ya rechaza, antes de tu región, un
 *   anillo vacío, desordenado o mal formado, un `newServer` que ya esté en el anillo, puntos
 *   nuevos vacíos, fuera de rango o que coincidan con puntos existentes, y claves fuera de rango.
 * Escribe toda tu solución dentro de la región `#region exercise 09.3`: el corrector toma
 * solo ese texto de tu entrega.
 *
 * @example
 * keysMovedByJoin([{ point: 100, server: 'S1' }, { point: 200, server: 'S2' }], 'S3', [150], [120, 160, 250, 90]);
 * // { moved: [120], from: Map { 'S2' => 1 } }
 */
export function keysMovedByJoin(ring: RingEntry[], newServer: string, newPoints: number[], keys: number[]): JoinMoves {
  checkJoinArguments(ring, newServer, newPoints, keys);
  // #region exercise 09.3: Claves que se mueven al entrar un servidor (3 puntos)
  const ownerIn = (points: readonly RingEntry[], k: number): string => {
    let low = 0;
    let high = points.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((points[mid] as RingEntry).point <= k) low = mid + 1;
      else high = mid;
    }
    return (points[low === points.length ? 0 : low] as RingEntry).server;
  };
  const after = [...ring, ...newPoints.map((point) => ({ point, server: newServer }))].sort((a, b) => a.point - b.point);
  const moved: number[] = [];
  const from = new Map<string, number>();
  for (const k of keys) {
    const before = ownerIn(ring, k);
    if (ownerIn(after, k) !== before) {
      moved.push(k);
      from.set(before, (from.get(before) ?? 0) + 1);
    }
  }
  return { moved, from };
  // #endregion exercise 09.3
}
