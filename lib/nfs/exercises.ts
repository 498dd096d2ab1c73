/**
 * Chapter 10's NFS exercise: the client's attribute-cache decision under close-to-open
 * consistency and an attribute timeout, as a pure function over plain data. {@link NfsClient}
 * keeps its own rule (`cacheDecision`) and takes this function as its `decide` option only in
 * the chapter's exercise cells.
 */
import { checkPolicy } from './cache-policy';
import type { AttributeCacheEntry, CacheDecision, CacheEvent, CachePolicy } from './cache-policy';

const EVENTS: ReadonlySet<string> = new Set(['open', 'read', 'stat']);

function checkDecisionArguments(entry: unknown, event: unknown, nowMs: unknown, policy: unknown): void {
  if (entry !== null) {
    const e = entry as Partial<AttributeCacheEntry>;
    if (typeof e !== 'object' || !Number.isFinite(e.fetchedAtMs) || !Number.isFinite(e.timeoutMs) || (e.timeoutMs as number) < 0 || !Number.isFinite(e.change)) {
      throw new TypeError('entry debe ser null o { fetchedAtMs, timeoutMs ≥ 0, change } con números finitos');
    }
  }
  if (typeof event !== 'string' || !EVENTS.has(event)) throw new TypeError(`event debe ser 'open', 'read' o 'stat' (llegó ${JSON.stringify(event)})`);
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) throw new TypeError('nowMs debe ser un número finito');
  checkPolicy(policy as CachePolicy);
}

/**
 * Exercise 10.4: may the client answer from its cached attributes, or must it ask the server?
 *
 * **Enunciado (ejercicio 10.4, en español).** Un cliente NFS guarda, por archivo, los atributos
 * que le dio el servidor: `entry = { fetchedAtMs, timeoutMs, change }` (cuándo llegaron, cuánto
 * tiempo valen y el contador de cambios), o `null` si no tiene ninguno. La aplicación hace
 * `event` (`'open'`, `'read'` o `'stat'`) en el instante `nowMs`, con las opciones de montaje
 * `policy = { acregminMs, acregmaxMs, cto }`. Devuelve `'cache'` si puede usar los atributos
 * guardados sin preguntar, o `'getattr'` si debe pedirlos al servidor:
 * - Sin atributos guardados (`entry === null`): `'getattr'`.
 * - Cierre-apertura: si `policy.cto` es `true`, un `'open'` siempre da `'getattr'`, aunque los
 *   atributos estén frescos. Con `policy.cto` en `false`, un `'open'` se decide como un `'read'`.
 * - `'read'` y `'stat'` (y `'open'` sin cto): `'cache'` si los atributos están frescos, es decir,
 *   si `fetchedAtMs ≤ nowMs < fetchedAtMs + timeoutMs`; si no, `'getattr'`. Justo en
 *   `nowMs = fetchedAtMs + timeoutMs` ya han caducado; con `timeoutMs = 0` nunca están frescos.
 * - Si el reloj fue hacia atrás (`nowMs < fetchedAtMs`), cuentan como caducados: `'getattr'`.
 * - `'stat'` nunca fuerza la pregunta por `cto`: solo `'open'` lo hace.
 * - No modifiques `entry` ni `policy`. La función ya rechaza, antes de tu región, argumentos mal
 *   formados (`TypeError`) y políticas imposibles (`RangeError`). `acregminMs` y `acregmaxMs` no
 *   hacen falta aquí: ya están aplicados en `timeoutMs`.
 * Escribe toda tu solución dentro de la región `#region exercise 10.4`: el corrector toma
 * solo ese texto de tu entrega.
 *
 * @example
 * attributeCacheDecision({ fetchedAtMs: 0, timeoutMs: 3000, change: 2 }, 'read', 1500, { acregminMs: 3000, acregmaxMs: 60000, cto: true });
 * // 'cache'
 */
export function attributeCacheDecision(entry: AttributeCacheEntry | null, event: CacheEvent, nowMs: number, policy: CachePolicy): CacheDecision {
  checkDecisionArguments(entry, event, nowMs, policy);
  // #region exercise 10.4: Caché de atributos con cierre-apertura (2 puntos)
  if (entry === null) return 'getattr';
  if (event === 'open' && policy.cto) return 'getattr';
  const age = nowMs - entry.fetchedAtMs;
  return age >= 0 && age < entry.timeoutMs ? 'cache' : 'getattr';
  // #endregion exercise 10.4
}
