/**
 * Chapter 07's fencing exercise: the check a storage service makes before accepting a write.
 * {@link StorageNode} takes it as its `accept` option in the chapter's exercise cells, and keeps
 * its own rule otherwise.
 */

/** What a fenced storage keeps: its value and the highest fencing token it has accepted (0: none). */
export interface FencedStorage {
  readonly value: string | null;
  readonly highestToken: number;
}

/** A write as the storage receives it. */
export interface FencedWrite {
  readonly token: number;
  readonly value: string;
}

/**
 * Exercise 07.3: a write with a fencing token (Kleppmann's example).
 *
 * **Enunciado (ejercicio 07.3, en español).** Un almacenamiento guarda `storage = { value,
 * highestToken }`: su valor y el mayor token de cercado (fencing token) que ha aceptado (0 si
 * ninguno). Llega la escritura `write = { token, value }`. Devuelve `{ storage, accepted }`:
 * - Si `write.token` es **mayor o igual** que `highestToken`, la acepta: `accepted: true` y el
 *   nuevo `storage` tiene `value: write.value` y `highestToken: write.token` (un token igual es
 *   el mismo poseedor que escribe otra vez).
 * - Si es **menor**, la rechaza (es de un poseedor cuyo cerrojo ya caducó): `accepted: false` y
 *   `storage` queda con el mismo valor y el mismo `highestToken`.
 * - No modifiques `storage` ni `write`: devuelve un objeto nuevo. La función ya rechaza, antes
 *   de tu región, tokens que no sean enteros ≥ 1 (o ≥ 0 para `highestToken`) y valores que no
 *   sean texto.
 * Escribe toda tu solución dentro de la región `#region exercise 07.3`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * fencedWrite({ value: 'b', highestToken: 34 }, { token: 33, value: 'a' }); // { storage: { value: 'b', highestToken: 34 }, accepted: false }
 */
export function fencedWrite(storage: FencedStorage, write: FencedWrite): { storage: FencedStorage; accepted: boolean } {
  if (typeof storage !== 'object' || storage === null || !Number.isSafeInteger(storage.highestToken) || storage.highestToken < 0) throw new TypeError('storage.highestToken debe ser un entero ≥ 0');
  if (storage.value !== null && typeof storage.value !== 'string') throw new TypeError('storage.value debe ser texto o null');
  if (typeof write !== 'object' || write === null || !Number.isSafeInteger(write.token) || write.token < 1) throw new TypeError('write.token debe ser un entero ≥ 1');
  if (typeof write.value !== 'string') throw new TypeError('write.value debe ser texto');
  // #region exercise 07.3: Comprobar el token de cercado (2 puntos)
  if (write.token < storage.highestToken) return { storage: { value: storage.value, highestToken: storage.highestToken }, accepted: false };
  return { storage: { value: write.value, highestToken: write.token }, accepted: true };
  // #endregion exercise 07.3
}
