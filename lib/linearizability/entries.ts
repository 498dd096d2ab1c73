/**
 * The search's data: calls and returns as entries of a doubly linked list in time order
 * (entry 2i is operation i's call, 2i + 1 its return), and the hashes of its cache.
 * @packageDocumentation
 */
import type { SearchOperation } from './search';

/** Removes operation `call >> 1`'s call and return from the list (porcupine's `lift`). */
export function lift(next: Int32Array, prev: Int32Array, call: number): void {
  const ret = call + 1;
  next[prev[call] as number] = next[call] as number;
  if (next[call] !== -1) prev[next[call] as number] = prev[call] as number;
  next[prev[ret] as number] = next[ret] as number;
  if (next[ret] !== -1) prev[next[ret] as number] = prev[ret] as number;
}

/** Puts back what {@link lift} removed. */
export function unlift(next: Int32Array, prev: Int32Array, call: number): void {
  // Undo in reverse order of `lift`: the return first, then the call.
  const ret = call + 1;
  next[prev[ret] as number] = ret;
  if (next[ret] !== -1) prev[next[ret] as number] = ret;
  next[prev[call] as number] = call;
  if (next[call] !== -1) prev[next[call] as number] = call;
}

/**
 * Entries sorted by time; at equal times calls come before returns (two operations that
 * touch the same instant overlap, as in porcupine), then by operation index.
 */
export function timeOrder(ops: readonly SearchOperation[]): number[] {
  const entries: number[] = [];
  for (let i = 0; i < ops.length; i++) entries.push(2 * i, 2 * i + 1);
  const time = (e: number): number => {
    const op = ops[e >> 1] as SearchOperation;
    return (e & 1) === 0 ? op.invokeMs : op.completeMs;
  };
  entries.sort((a, b) => time(a) - time(b) || (a & 1) - (b & 1) || a - b);
  return entries;
}

/** A 32-bit integer hash (murmur3's finaliser): Zobrist keys for the linearized set. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** A 32-bit hash of a state's hash (number or string). */
export function hashNumber(h: string | number): number {
  if (typeof h === 'number') return Number.isInteger(h) ? mix32(h) : mix32(Math.floor(h * 1000003));
  // FNV-1a over the string's UTF-16 code units.
  let x = 0x811c9dc5 | 0;
  for (let k = 0; k < h.length; k++) x = Math.imul(x ^ h.charCodeAt(k), 0x01000193);
  return x | 0;
}
