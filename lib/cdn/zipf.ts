/**
 * A Zipf(α) request stream over a catalogue of N equal-size objects: object k (rank 1 = the most
 * popular) is asked for with probability proportional to 1 / k^α. Breslau, Cao, Fan, Phillips and
 * Shenker (INFOCOM 1999, "Web Caching and Zipf-like Distributions") measured α between 0.64 and
 * 0.83 on six web proxy traces; the kit lets α run from 0.6 to 1.0 (video catalogues sit nearer 1).
 */
import type { Rng } from '../random/index';

/** The lowest and highest α the kit's experiments use (Breslau et al. 1999 measured 0.64–0.83). */
export const ZIPF_ALPHA_RANGE = { min: 0.6, max: 1.0 } as const;

function checkCatalogue(objects: unknown, alpha: unknown): void {
  if (typeof objects !== 'number' || !Number.isInteger(objects) || objects < 1) throw new RangeError(`el catálogo debe tener un número entero de objetos ≥ 1, recibido ${String(objects)}`);
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) throw new RangeError(`α de Zipf debe ser un número finito ≥ 0, recibido ${String(alpha)}`);
}

/**
 * The Zipf(α) probabilities of objects 0 … N−1 (object i has rank i + 1), summing to 1.
 *
 * @example
 * zipfPmf(3, 1); // [0.545…, 0.272…, 0.181…]
 */
export function zipfPmf(objects: number, alpha: number): Float64Array {
  checkCatalogue(objects, alpha);
  const pmf = new Float64Array(objects);
  let total = 0;
  for (let i = 0; i < objects; i++) {
    const weight = 1 / (i + 1) ** alpha;
    pmf[i] = weight;
    total += weight;
  }
  for (let i = 0; i < objects; i++) pmf[i] = (pmf[i] as number) / total;
  return pmf;
}

/** Draws object ids from a Zipf(α) catalogue by inverse CDF. */
export interface ZipfSampler {
  /** Number of objects in the catalogue. */
  readonly objects: number;
  /** The exponent α. */
  readonly alpha: number;
  /** Probability of each object id (index = id, rank = id + 1). */
  readonly pmf: Float64Array;
  /** One request: an object id in 0 … N−1. */
  next(): number;
}

/**
 * A seeded Zipf(α) sampler: a precomputed cumulative table and a binary search per draw
 * (O(log N) per request, O(N) memory).
 *
 * @example
 * const zipf = createZipfSampler({ objects: 10_000, alpha: 0.8, rng: createRng(1) });
 * zipf.next(); // an object id, 0 most often
 */
export function createZipfSampler(options: { objects: number; alpha: number; rng: Rng }): ZipfSampler {
  const { objects, alpha, rng } = options;
  const pmf = zipfPmf(objects, alpha);
  const cdf = new Float64Array(objects);
  let acc = 0;
  for (let i = 0; i < objects; i++) {
    acc += pmf[i] as number;
    cdf[i] = acc;
  }
  cdf[objects - 1] = 1; // rounding: the last cumulative value is exactly 1
  return {
    objects,
    alpha,
    pmf,
    next(): number {
      const u = rng.next();
      // The first index whose cumulative probability exceeds u (bisect_right).
      let lo = 0;
      let hi = objects - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (u < (cdf[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}

/**
 * A whole Zipf(α) request stream as an `Int32Array` of object ids.
 *
 * @example
 * const stream = zipfStream({ objects: 1000, alpha: 0.8, requests: 50_000, rng: createRng(7) });
 */
export function zipfStream(options: { objects: number; alpha: number; requests: number; rng: Rng }): Int32Array {
  const { requests } = options;
  if (!Number.isInteger(requests) || requests < 0) throw new RangeError(`el número de peticiones debe ser un entero ≥ 0, recibido ${String(requests)}`);
  const sampler = createZipfSampler(options);
  const stream = new Int32Array(requests);
  for (let i = 0; i < requests; i++) stream[i] = sampler.next();
  return stream;
}
