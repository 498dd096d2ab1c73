/**
 * Pearson's chi-squared goodness-of-fit test: observed counts against expected ones, with the
 * p-value from the chi-squared distribution (regularised upper incomplete gamma function,
 * Numerical Recipes §6.2: a series below a + 1, a continued fraction above).
 */

/** The outcome of {@link chiSquaredTest}. */
export interface ChiSquaredResult {
  /** Σ (observed − expected)² / expected. */
  readonly statistic: number;
  /** Degrees of freedom: categories − 1. */
  readonly degreesOfFreedom: number;
  /** P(χ² ≥ statistic) if the counts really follow the expected proportions. */
  readonly pValue: number;
}

/**
 * Pearson's chi-squared test of observed counts against expected counts (same length, expected > 0).
 *
 * @example
 * chiSquaredTest([48, 52], [50, 50]); // { statistic: 0.16, degreesOfFreedom: 1, pValue: ≈ 0.69 }
 */
export function chiSquaredTest(observed: readonly number[], expected: readonly number[]): ChiSquaredResult {
  if (observed.length !== expected.length || observed.length < 2) {
    throw new RangeError(`chiSquaredTest: necesita dos listas de la misma longitud (≥ 2), no ${observed.length} y ${expected.length}`);
  }
  let statistic = 0;
  observed.forEach((o, i) => {
    const e = expected[i] as number;
    if (!(e > 0) || !Number.isFinite(o) || o < 0) throw new RangeError(`chiSquaredTest: categoría ${i}: observado ${o}, esperado ${e}`);
    statistic += ((o - e) * (o - e)) / e;
  });
  const degreesOfFreedom = observed.length - 1;
  return { statistic, degreesOfFreedom, pValue: chiSquaredSurvival(statistic, degreesOfFreedom) };
}

/** P(X ≥ x) for X chi-squared with `k` degrees of freedom. */
export function chiSquaredSurvival(x: number, k: number): number {
  if (x <= 0) return 1;
  return upperGammaRegularized(k / 2, x / 2);
}

function logGamma(z: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~15 digits for z > 0.
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let a = c[0] as number;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

function upperGammaRegularized(a: number, x: number): number {
  const prefactor = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    // Series for the lower function P(a, x); Q = 1 − P.
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * prefactor);
  }
  // Lentz's continued fraction for Q(a, x).
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, prefactor * h);
}
