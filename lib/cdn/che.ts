/**
 * Che's approximation of an LRU cache under independent requests (Che, Tung and Wang, IEEE JSAC
 * 2002, "Hierarchical Web caching systems: modeling, design and experimental results"; why it is
 * so accurate: Fricker, Robert and Roberts, ITC 2012, "A versatile and accurate approximation for
 * LRU cache performance"). An object with request rate λᵢ is in the cache if it was asked for in
 * the last T_C time units, the *characteristic time*, which fills the cache on average:
 * Σᵢ (1 − e^(−λᵢ·T_C)) = C. Its hit probability is then 1 − e^(−λᵢ·T_C).
 *
 * For FIFO (and RANDOM) Fricker et al. give the analogue hᵢ = λᵢT / (1 + λᵢT) with Σᵢ hᵢ = C.
 */

function checkRates(rates: unknown): number[] {
  const list = Array.isArray(rates) ? (rates as unknown[]) : rates instanceof Float64Array ? Array.from(rates) : undefined;
  if (list === undefined || !list.every((r) => typeof r === 'number' && Number.isFinite(r) && r >= 0)) {
    throw new TypeError('rates debe ser una lista de tasas de petición (números finitos ≥ 0)');
  }
  return (list as number[]).slice();
}

function checkCheCapacity(capacity: unknown): number {
  if (typeof capacity !== 'number' || !Number.isFinite(capacity) || capacity < 0) throw new RangeError(`la capacidad debe ser un número finito ≥ 0, recibido ${String(capacity)}`);
  return capacity;
}

/**
 * Solves occupancy(T) = C for T by bracketing (doubling) and bisection, to a relative
 * tolerance of 1e-12. `occupancy` must grow from 0 towards `limit` (the number of objects with a
 * positive rate): C = 0 gives 0 and C ≥ limit gives Infinity (the cache holds every object).
 */
function solveIncreasing(occupancy: (t: number) => number, capacity: number, limit: number): number {
  if (capacity <= 0) return 0;
  if (capacity >= limit) return Infinity;
  let lo = 0;
  let hi = 1;
  while (occupancy(hi) < capacity) {
    lo = hi;
    hi *= 2;
  }
  // Start the bracket low enough for huge rates (tiny T).
  if (lo === 0) {
    while (hi > 1e-300 && occupancy(hi / 2) >= capacity) hi /= 2;
    lo = hi / 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (occupancy(mid) < capacity) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Che's characteristic time T_C of an LRU cache of `capacity` objects: the root of
 * Σᵢ (1 − e^(−λᵢ·T)) = C, by bisection. 0 when C = 0; Infinity when C is at least the number of
 * objects with a positive rate. Time is in the units of `1 / rate` (with Zipf probabilities as
 * rates, in requests).
 *
 * @example
 * lruCharacteristicTime(zipfPmf(10_000, 0.8), 100); // ≈ 111 requests
 */
export function lruCharacteristicTime(rates: ArrayLike<number>, capacity: number): number {
  const r = checkRates(rates).filter((x) => x > 0);
  const c = checkCheCapacity(capacity);
  return solveIncreasing((t) => r.reduce((sum, x) => sum - Math.expm1(-x * t), 0), c, r.length);
}

/** The FIFO analogue (Fricker et al. 2012): the root of Σᵢ λᵢT / (1 + λᵢT) = C. */
export function fifoCharacteristicTime(rates: ArrayLike<number>, capacity: number): number {
  const r = checkRates(rates).filter((x) => x > 0);
  const c = checkCheCapacity(capacity);
  return solveIncreasing((t) => r.reduce((sum, x) => sum + (x * t) / (1 + x * t), 0), c, r.length);
}

/**
 * The hit ratio Che's approximation predicts for LRU: Σᵢ λᵢ(1 − e^(−λᵢ·T_C)) / Σᵢ λᵢ.
 *
 * @example
 * cheHitRatio(zipfPmf(10_000, 0.8), 100); // ≈ 0,157
 */
export function cheHitRatio(rates: ArrayLike<number>, capacity: number): number {
  const r = checkRates(rates);
  const t = lruCharacteristicTime(r, capacity);
  const total = r.reduce((s, x) => s + x, 0);
  if (total === 0) return 0;
  if (t === Infinity) return 1;
  return r.reduce((s, x) => s - x * Math.expm1(-x * t), 0) / total;
}

/** The FIFO hit ratio of Fricker et al.'s approximation: Σᵢ λᵢ·hᵢ / Σᵢ λᵢ with hᵢ = λᵢT/(1+λᵢT). */
export function fifoApproxHitRatio(rates: ArrayLike<number>, capacity: number): number {
  const r = checkRates(rates);
  const t = fifoCharacteristicTime(r, capacity);
  const total = r.reduce((s, x) => s + x, 0);
  if (total === 0) return 0;
  if (t === Infinity) return 1;
  return r.reduce((s, x) => s + (x * (x * t)) / (1 + x * t), 0) / total;
}

/**
 * The hit ratio of a cache that always holds the C most popular objects (what a perfect LFU,
 * with the true popularities, or an ideal push-fill achieves): the C largest rates over the total.
 */
export function topCHitRatio(rates: ArrayLike<number>, capacity: number): number {
  const r = checkRates(rates).sort((a, b) => b - a);
  const c = checkCheCapacity(capacity);
  const total = r.reduce((s, x) => s + x, 0);
  if (total === 0) return 0;
  return r.slice(0, Math.floor(c)).reduce((s, x) => s + x, 0) / total;
}
