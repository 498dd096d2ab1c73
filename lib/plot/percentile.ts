/**
 * The course's one percentile definition, used by the plots, the simulator's metrics and
 * every chapter: the **nearest rank**. The p-th percentile of n values is the value at
 * position ⌈p/100 · n⌉ (counting from 1) of the sorted sample, so it is always one of the
 * measured values, and at least p % of the sample is ≤ it. With 4 values the p50 is the
 * 2nd, with 1000 values the p99 is the 990th.
 */

/**
 * The p-th percentile (p in [0, 100]) of a non-empty sample, by the nearest-rank method
 * (p = 0 gives the minimum). Throws a Spanish `RangeError` on an empty sample or a p
 * outside [0, 100].
 *
 * @example
 * percentile([40, 10, 30, 20], 50); // 20: the 2nd of 4 sorted values
 * percentile([40, 10, 30, 20], 99); // 40
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile: la muestra está vacía');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p debe estar en [0, 100], recibido ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}
