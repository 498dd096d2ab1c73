/**
 * The identifier space both DHTs share: unsigned 32-bit integers (m = 32 bits, a ring of
 * 2³² positions). Chord and Kademlia use 160 bits (SHA-1); 32 are plenty for 10,000 nodes
 * (collisions are drawn again) and keep every id a plain JavaScript number.
 */
import { createHash } from 'node:crypto';
import type { Rng } from '../random/index';

/** Bits of an identifier (m in Chord's paper). */
export const ID_BITS = 32;

/** Size of the identifier space, 2³². */
export const ID_SPACE = 2 ** ID_BITS;

/** True if `id` is an integer in [0, 2³²). */
export function isId(id: unknown): id is number {
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < ID_SPACE;
}

/** Throws a Spanish `RangeError` unless `id` is an identifier; `what` names it in the message. */
export function checkId(id: unknown, what: string): number {
  if (!isId(id)) throw new RangeError(`${what} debe ser un entero en [0, 2^32), es ${String(id)}`);
  return id;
}

/**
 * The identifier of a name (a file, a node's address): the first 32 bits of its SHA-1, as
 * Chord and BitTorrent's DHT hash names (with all 160 bits).
 *
 * @example
 * hashId('datos.txt'); // a number in [0, 2^32)
 */
export function hashId(name: string): number {
  return createHash('sha1').update(name).digest().readUInt32BE(0);
}

/** Clockwise distance from `from` to `to` on the ring (0 when equal). */
export function clockwise(from: number, to: number): number {
  return (to - from + ID_SPACE) % ID_SPACE;
}

/** True if `x` lies in the ring interval (a, b]; (a, a] is the whole ring. */
export function inHalfOpen(x: number, a: number, b: number): boolean {
  const span = clockwise(a, b);
  const offset = clockwise(a, x);
  return span === 0 ? true : offset > 0 && offset <= span;
}

/** True if `x` lies in the open ring interval (a, b); (a, a) is the ring without a. */
export function inOpen(x: number, a: number, b: number): boolean {
  const span = clockwise(a, b);
  const offset = clockwise(a, x);
  return span === 0 ? x !== a : offset > 0 && offset < span;
}

/** Kademlia's distance: the bitwise XOR of two ids, as an unsigned number. */
export function xor(a: number, b: number): number {
  return (a ^ b) >>> 0;
}

/** `n` distinct random identifiers, sorted ascending (collisions are drawn again). */
export function randomIds(n: number, rng: Rng): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`el número de nodos debe ser un entero ≥ 0, es ${String(n)}`);
  const ids = new Set<number>();
  while (ids.size < n) ids.add(Math.floor(rng.next() * ID_SPACE));
  return [...ids].sort((a, b) => a - b);
}

/** Index of the first element of the ascending `sorted` that is ≥ `x` (`sorted.length` if none). */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Throws a Spanish `RangeError` unless `ids` are distinct identifiers. */
export function checkIds(ids: readonly number[]): void {
  if (!Array.isArray(ids)) throw new TypeError('ids debe ser una lista de identificadores');
  ids.forEach((id, i) => checkId(id, `ids[${i}]`));
  if (new Set(ids).size !== ids.length) throw new RangeError('los identificadores de los nodos no pueden repetirse');
}
