/**
 * Balls into bins (Azar, Broder, Karlin & Upfal 1994; Mitzenmacher 2001): throw n balls into n
 * bins, each into the least loaded of d bins drawn at random. With d = 1 the fullest bin holds
 * Θ(ln n / ln ln n) balls; with d = 2, ln ln n / ln 2 + O(1): one extra look is an exponential
 * improvement, and why "power of two choices" balancers work.
 */
import type { Rng } from '../random/index';

/**
 * The fullest bin after throwing `balls` balls into `bins` bins, each into the least loaded of
 * `choices` bins drawn independently (with replacement, as in the paper; ties to the first drawn).
 *
 * @example
 * maxLoad({ bins: 10_000, choices: 2, rng: createRng(1) }); // 4 (one choice gives ~7)
 */
export function maxLoad(options: { readonly bins: number; readonly balls?: number; readonly choices: number; readonly rng: Rng }): number {
  const { bins, choices, rng } = options;
  const balls = options.balls ?? bins;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins debe ser un entero ≥ 1, no ${String(bins)}`);
  if (!Number.isInteger(balls) || balls < 0) throw new RangeError(`balls debe ser un entero ≥ 0, no ${String(balls)}`);
  if (!Number.isInteger(choices) || choices < 1) throw new RangeError(`choices debe ser un entero ≥ 1, no ${String(choices)}`);
  const load = new Uint32Array(bins);
  let max = 0;
  for (let b = 0; b < balls; b++) {
    let best = Math.floor(rng.next() * bins);
    for (let c = 1; c < choices; c++) {
      const other = Math.floor(rng.next() * bins);
      if ((load[other] as number) < (load[best] as number)) best = other;
    }
    const now = (load[best] as number) + 1;
    load[best] = now;
    if (now > max) max = now;
  }
  return max;
}

/** The leading terms of the theory: ln n / ln ln n for one choice, ln ln n / ln 2 for two. */
export function maxLoadTheory(bins: number, choices: 1 | 2): number {
  const ln = Math.log(bins);
  return choices === 1 ? ln / Math.log(ln) : Math.log(ln) / Math.LN2;
}

/** One row of {@link maxLoadSweep}: the mean (over `trials`) of the fullest bin for n bins. */
export interface MaxLoadRow {
  readonly bins: number;
  readonly choices: number;
  readonly maxLoadMean: number;
  readonly maxLoadWorst: number;
}

/** The fullest bin vs n, for each number of choices, averaged over `trials` throws per point. */
export function maxLoadSweep(options: { readonly sizes: readonly number[]; readonly choices: readonly number[]; readonly trials: number; readonly rng: Rng }): MaxLoadRow[] {
  const rows: MaxLoadRow[] = [];
  for (const choices of options.choices) {
    const rng = options.rng.fork(`d=${choices}`);
    for (const bins of options.sizes) {
      let sum = 0;
      let worst = 0;
      for (let t = 0; t < options.trials; t++) {
        const m = maxLoad({ bins, choices, rng });
        sum += m;
        worst = Math.max(worst, m);
      }
      rows.push({ bins, choices, maxLoadMean: sum / options.trials, maxLoadWorst: worst });
    }
  }
  return rows;
}
