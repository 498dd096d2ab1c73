/**
 * Small pieces the explorer's world model and its replay share: the nodes' random streams,
 * the identity of an in-flight message, and how an exception in protocol code is worded.
 */
import { createRng } from '../random/index';
import type { Rng } from '../random/index';
import type { NodeId } from '../sim/types';
import { canonical } from './snapshot';

/** The random stream of a node in life `life` (1 at boot): the same in the explorer and in its replay. */
export function nodeStream(base: Rng, life: number): Rng {
  return base.fork(`life${life}`);
}

/** The base random stream of node `id` for a seed: `createRng(`${seed}/${id}`)`. */
export function nodeBaseStream(seed: string | number, id: NodeId): Rng {
  return createRng(`${seed}/${id}`);
}

/** The identity of an in-flight message: sender, receiver and canonical content. */
export function messageKey(from: NodeId, to: NodeId, message: unknown): string {
  return `${from}\u2192${to} ${canonical(message)}`;
}

/** An exception thrown by protocol code, worded as the simulator reports it (checker `protocolException`). */
export class ProtocolException extends Error {
  constructor(readonly node: NodeId, readonly during: string, readonly error: unknown) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    super(`${node} lanzó una excepción en ${during}: ${text}`);
    this.name = 'ProtocolException';
  }
}

/** Inserts `value` into the sorted array `list`, keeping it sorted (by `<`). */
export function insertSorted<T extends string | number>(list: T[], value: T): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as T) <= value) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}
