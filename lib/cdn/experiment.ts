/**
 * Hit ratio against cache size: every policy replays the same seeded Zipf stream, and Che's
 * approximation (LRU), its FIFO analogue and the top-C bound are computed beside it.
 */
import { createRng } from '../random/index';
import type { Rng, Seed } from '../random/index';
import { CACHE_POLICIES, createCache, hitRatioOf } from './caches';
import type { CachePolicy } from './caches';
import { cheHitRatio, fifoApproxHitRatio, topCHitRatio } from './che';
import { zipfPmf, zipfStream } from './zipf';

/** One (policy, capacity) point of {@link hitRatioSweep}. */
export interface HitRatioRow {
  /** Zipf exponent of the stream. */
  readonly alpha: number;
  /** Catalogue size N. */
  readonly objects: number;
  /** Cache capacity C, in objects. */
  readonly capacity: number;
  /** The policy simulated. */
  readonly policy: CachePolicy;
  /** Simulated hit ratio after the warm-up. */
  readonly hitRatio: number;
  /** The model's prediction for this policy: Che for LRU, Fricker et al. for FIFO, top-C for LFU. */
  readonly model: number;
}

/** Options of {@link hitRatioSweep}. */
export interface HitRatioSweepOptions {
  /** Catalogue size N (e.g. 10 000). */
  readonly objects: number;
  /** Zipf exponents to try (0,6–1,0). */
  readonly alphas: readonly number[];
  /** Cache capacities in objects. */
  readonly capacities: readonly number[];
  /** Requests per stream (the first `warmupFraction` of them only warm the cache). */
  readonly requests: number;
  /** Policies (default all three). */
  readonly policies?: readonly CachePolicy[];
  /** Fraction of the stream that only warms the cache (default 0,2). */
  readonly warmupFraction?: number;
  /** Seed of the streams. */
  readonly seed: Seed;
}

/**
 * Simulated hit ratio of each policy at each capacity for each α, with the models.
 *
 * @example
 * const rows = hitRatioSweep({ objects: 10_000, alphas: [0.8], capacities: [10, 100, 1000], requests: 200_000, seed: 1 });
 */
export function hitRatioSweep(options: HitRatioSweepOptions): HitRatioRow[] {
  const { objects, alphas, capacities, requests, seed } = options;
  const policies = options.policies ?? CACHE_POLICIES;
  const warmupFraction = options.warmupFraction ?? 0.2;
  if (!(warmupFraction >= 0 && warmupFraction < 1)) throw new RangeError(`warmupFraction debe estar en [0, 1), recibido ${warmupFraction}`);
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError(`requests debe ser un entero ≥ 1, recibido ${String(requests)}`);
  const rng = createRng(seed);
  const rows: HitRatioRow[] = [];
  for (const alpha of alphas) {
    const stream = zipfStream({ objects, alpha, requests, rng: rng.fork(`zipf-${alpha}`) });
    const pmf = zipfPmf(objects, alpha);
    const warmup = Math.floor(requests * warmupFraction);
    for (const capacity of capacities) {
      const models: Record<CachePolicy, () => number> = {
        lru: () => cheHitRatio(pmf, capacity),
        fifo: () => fifoApproxHitRatio(pmf, capacity),
        lfu: () => topCHitRatio(pmf, capacity),
      };
      for (const policy of policies) {
        const hitRatio = hitRatioOf(stream, createCache(policy, capacity), warmup);
        rows.push({ alpha, objects, capacity, policy, hitRatio, model: models[policy]() });
      }
    }
  }
  return rows;
}

/**
 * The mean latency a user sees with hit ratio h: RTT_edge on a hit, RTT_edge + RTT_origin on a
 * miss, so h·RTT_e + (1 − h)·(RTT_e + RTT_o) = RTT_e + (1 − h)·RTT_o.
 *
 * @example
 * meanLatencyModel({ hitRatio: 0.9, rttEdgeMs: 10, rttOriginMs: 80 }); // 18
 */
export function meanLatencyModel(options: { hitRatio: number; rttEdgeMs: number; rttOriginMs: number }): number {
  const { hitRatio, rttEdgeMs, rttOriginMs } = options;
  if (!(hitRatio >= 0 && hitRatio <= 1)) throw new RangeError(`la tasa de aciertos debe estar en [0, 1], recibido ${hitRatio}`);
  if (!(rttEdgeMs >= 0) || !(rttOriginMs >= 0)) throw new RangeError('los RTT deben ser números ≥ 0 (ms)');
  return rttEdgeMs + (1 - hitRatio) * rttOriginMs;
}

/**
 * The p-th latency percentile the same two-point model predicts: a miss latency while more than
 * (100 − p) % of requests miss, a hit latency once fewer do (p95 stays at the origin's latency
 * until the hit ratio passes 95 %).
 */
export function percentileLatencyModel(options: { hitRatio: number; rttEdgeMs: number; rttOriginMs: number; percentile: number }): number {
  const { hitRatio, rttEdgeMs, rttOriginMs, percentile } = options;
  meanLatencyModel(options);
  if (!(percentile > 0 && percentile < 100)) throw new RangeError(`el percentil debe estar en (0, 100), recibido ${percentile}`);
  return 1 - hitRatio > 1 - percentile / 100 ? rttEdgeMs + rttOriginMs : rttEdgeMs;
}

/**
 * A Zipf(α) stream whose popularity is reshuffled every `shiftEvery` requests (a new random
 * ranking of the catalogue): requests are no longer independent draws from one distribution, the
 * assumption (IRM) under which Che's approximation holds.
 *
 * @example
 * const stream = shiftingZipfStream({ objects: 10_000, alpha: 0.8, requests: 200_000, shiftEvery: 20_000, rng: createRng(1) });
 */
export function shiftingZipfStream(options: { objects: number; alpha: number; requests: number; shiftEvery: number; rng: Rng }): Int32Array {
  const { objects, alpha, requests, shiftEvery, rng } = options;
  if (!Number.isInteger(shiftEvery) || shiftEvery < 1) throw new RangeError(`shiftEvery debe ser un entero ≥ 1, recibido ${String(shiftEvery)}`);
  const ranks = zipfStream({ objects, alpha, requests, rng: rng.fork('ranks') });
  const ids = Array.from({ length: objects }, (_, i) => i);
  let permutation = ids;
  const stream = new Int32Array(requests);
  for (let i = 0; i < requests; i++) {
    if (i % shiftEvery === 0 && i > 0) permutation = rng.shuffle(ids);
    stream[i] = permutation[ranks[i] as number] as number;
  }
  return stream;
}

/** Each object's share of the requests in `stream` (object ids 0 … objects−1). */
export function empiricalRates(stream: ArrayLike<number>, objects: number): number[] {
  const counts = new Array<number>(objects).fill(0);
  for (let i = 0; i < stream.length; i++) {
    const id = stream[i] as number;
    if (!(id >= 0 && id < objects)) throw new RangeError(`el objeto ${id} no está en el catálogo de ${objects}`);
    counts[id] = (counts[id] as number) + 1;
  }
  return counts.map((c) => c / Math.max(1, stream.length));
}
