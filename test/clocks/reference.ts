/**
 * Test-only reference implementations of the vector-clock rules, written independently of
 * lib/clocks (whose only implementations are the chapter 02 exercise functions).
 */
import type { VectorClock, VectorOrder } from '../../lib/clocks/index';

/** Compares two sparse vectors straight from the definition (missing entries are 0). */
export function referenceOrder(a: VectorClock, b: VectorClock): VectorOrder {
  const ids = new Set([...a.keys(), ...b.keys()]);
  const le = [...ids].every((id) => (a.get(id) ?? 0) <= (b.get(id) ?? 0));
  const ge = [...ids].every((id) => (a.get(id) ?? 0) >= (b.get(id) ?? 0));
  return le && ge ? 'equal' : le ? 'before' : ge ? 'after' : 'concurrent';
}

/** Entry-wise maximum, as a plain array in `ids` order. */
export function referenceMax(a: VectorClock, b: VectorClock, ids: readonly string[]): number[] {
  return ids.map((id) => Math.max(a.get(id) ?? 0, b.get(id) ?? 0));
}
