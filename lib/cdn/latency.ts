// @real-io: times the whole latency experiment with performance.now (the requests are timed in http.ts).
/**
 * Latency seen by users against the edge's hit ratio, measured on real loopback HTTP and
 * compared with the two-point model RTT_e + (1 − h)·RTT_o (see {@link meanLatencyModel}).
 */
import { percentile } from '../plot/percentile';
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { checkCapacity } from './caches';
import type { CachePolicy } from './caches';
import { cheHitRatio } from './che';
import { meanLatencyModel, percentileLatencyModel } from './experiment';
import { replayStream, startEdge, startOrigin } from './http';
import { zipfPmf, zipfStream } from './zipf';

/** One edge capacity of {@link latencyExperiment}. */
export interface LatencyRow {
  /** Edge capacity, in objects. */
  readonly capacity: number;
  /** Hit ratio the edge reported (x-cache) over the measured requests. */
  readonly hitRatio: number;
  /** Objects the origin served while the measured requests ran (one per `x-cache: MISS`). */
  readonly originRequests: number;
  /** Che's prediction for that capacity (LRU). */
  readonly cheHitRatio: number;
  /** Measured mean and 95th percentile latency, ms. */
  readonly meanMs: number;
  readonly p95Ms: number;
  /** The model's mean and p95 with the measured hit ratio and the calibrated RTTs, ms. */
  readonly modelMeanMs: number;
  readonly modelP95Ms: number;
}

/** The outcome of {@link latencyExperiment}. */
export interface LatencyExperiment {
  /**
   * Mean latency of a request the edge answers from its cache (calibration: a warm edge that
   * holds everything, with the same concurrency as the measured runs), ms.
   */
  readonly rttEdgeMs: number;
  /** Mean latency of a request straight to the origin (calibration, same concurrency), ms. */
  readonly rttOriginMs: number;
  /** The injected origin delay, ms. */
  readonly delayMs: number;
  readonly rows: LatencyRow[];
  /** Wall time of the whole experiment, ms. */
  readonly wallMs: number;
}

/** Options of {@link latencyExperiment}. */
export interface LatencyExperimentOptions {
  readonly objects: number;
  readonly alpha: number;
  /** Edge capacities to try (objects). */
  readonly capacities: readonly number[];
  /** Measured requests per capacity. */
  readonly requests: number;
  /** Requests that warm the edge first (played through the policy untimed, see `EdgeServer.warm`). */
  readonly warmupRequests: number;
  /** Injected origin delay, ms (e.g. 20). */
  readonly delayMs: number;
  /** Requests in flight (1–256; the notebook uses 10). */
  readonly concurrency: number;
  readonly policy?: CachePolicy;
  readonly seed: Seed;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/**
 * Runs an origin and, per capacity, a fresh edge on 127.0.0.1; warms the edge, replays a Zipf
 * stream through it and measures latencies. Servers are closed in `finally`, also on error.
 *
 * @example
 * const run = await latencyExperiment({ objects: 1000, alpha: 0.8, capacities: [0, 100], requests: 300,
 *   warmupRequests: 3000, delayMs: 20, concurrency: 16, seed: 1 });
 */
export async function latencyExperiment(options: LatencyExperimentOptions): Promise<LatencyExperiment> {
  const { objects, alpha, capacities, requests, warmupRequests, delayMs, concurrency } = options;
  // Every argument is checked before any server starts.
  if (!Number.isInteger(requests) || requests < 1) throw new RangeError(`requests debe ser un entero ≥ 1, recibido ${String(requests)}`);
  if (!Number.isInteger(warmupRequests) || warmupRequests < 0) throw new RangeError(`warmupRequests debe ser un entero ≥ 0, recibido ${String(warmupRequests)}`);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new RangeError(`concurrency debe ser un entero entre 1 y 256, recibido ${String(concurrency)}`);
  if (!Array.isArray(capacities) || capacities.length === 0) throw new RangeError('capacities debe ser una lista no vacía de capacidades (enteros ≥ 0)');
  for (const c of capacities) checkCapacity(c);
  if (typeof delayMs !== 'number' || !(delayMs >= 0 && delayMs <= 10_000)) throw new RangeError(`delayMs debe estar entre 0 y 10 000 ms, recibido ${String(delayMs)}`);
  const rng = createRng(options.seed);
  const pmf = zipfPmf(objects, alpha);
  const origin = await startOrigin({ objects, delayMs });
  const started = performance.now();
  try {
    // A short untimed warm-up with no delay, so the first measured capacity does not pay for
    // compiling the HTTP code paths (the JIT) that the later ones find ready.
    const jit = await startEdge({ originUrl: origin.url, objects, capacity: Math.ceil(objects / 2), policy: options.policy });
    try {
      origin.delayMs = 0;
      await replayStream({ url: jit.url, stream: zipfStream({ objects, alpha, requests: 40 * concurrency, rng: rng.fork('jit') }), concurrency });
    } finally {
      origin.delayMs = delayMs;
      await jit.close();
    }
    const measuredRows: Omit<LatencyRow, 'modelMeanMs' | 'modelP95Ms'>[] = [];
    for (const capacity of capacities) {
      const streamRng = rng.fork(`stream-${capacity}`);
      const warm = zipfStream({ objects, alpha, requests: warmupRequests, rng: streamRng });
      const measured = zipfStream({ objects, alpha, requests, rng: streamRng });
      const edge = await startEdge({ originUrl: origin.url, objects, capacity, policy: options.policy });
      try {
        origin.delayMs = 0;
        await edge.warm(warm);
        origin.delayMs = delayMs;
        const servedBefore = origin.served;
        const run = await replayStream({ url: edge.url, stream: measured, concurrency });
        const hitRatio = run.hits.filter(Boolean).length / requests;
        measuredRows.push({
          capacity, hitRatio, originRequests: origin.served - servedBefore, cheHitRatio: cheHitRatio(pmf, capacity),
          meanMs: mean(run.latenciesMs), p95Ms: percentile(run.latenciesMs, 95),
        });
      } finally {
        origin.delayMs = delayMs;
        await edge.close();
      }
    }
    // Calibration, after the measured runs (so the JIT is as warm as it was for them) and with
    // the same concurrency, so both RTTs include the same queueing on the shared event loop:
    // RTT_o is a request straight to the origin (the injected delay plus loopback), RTT_e a
    // request that an edge holding everything answers from memory.
    const probe = zipfStream({ objects, alpha, requests: 20 * concurrency, rng: rng.fork('probe') });
    await replayStream({ url: origin.url, stream: probe.subarray(0, concurrency), concurrency }); // opens the connections
    const direct = await replayStream({ url: origin.url, stream: probe.subarray(0, 4 * concurrency), concurrency });
    const rttOriginMs = mean(direct.latenciesMs);
    const full = await startEdge({ originUrl: origin.url, objects, capacity: objects, policy: options.policy });
    let rttEdgeMs: number;
    try {
      origin.delayMs = 0;
      await full.warm(probe);
      await replayStream({ url: full.url, stream: probe.subarray(0, concurrency), concurrency }); // opens the connections
      rttEdgeMs = mean((await replayStream({ url: full.url, stream: probe, concurrency })).latenciesMs);
    } finally {
      origin.delayMs = delayMs;
      await full.close();
    }
    const rows: LatencyRow[] = measuredRows.map((r) => ({
      ...r,
      modelMeanMs: meanLatencyModel({ hitRatio: r.hitRatio, rttEdgeMs, rttOriginMs }),
      modelP95Ms: percentileLatencyModel({ hitRatio: r.hitRatio, rttEdgeMs, rttOriginMs, percentile: 95 }),
    }));
    return { rttEdgeMs, rttOriginMs, delayMs, rows, wallMs: performance.now() - started };
  } finally {
    await origin.close();
  }
}
