/**
 * Bandwidth traces for the adaptive-bitrate player: piecewise-constant available throughput
 * (kb/s per step of `stepS` seconds), seeded, and the one integral a player needs — how long a
 * download of so many kilobits takes when it starts at time t.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';

/** A piecewise-constant bandwidth: `kbps[i]` holds during [i·stepS, (i+1)·stepS); after the end the last value holds. */
export interface BandwidthTrace {
  readonly stepS: number;
  readonly kbps: readonly number[];
}

/** Options of {@link markovTrace}. */
export interface MarkovTraceOptions {
  readonly seed: Seed;
  /** Length in seconds (default 1800). */
  readonly durationS?: number;
  /** Step of the trace in seconds (default 1). */
  readonly stepS?: number;
  /** Median bandwidth in the normal state, kb/s (default 8000). */
  readonly medianKbps?: number;
  /** Standard deviation of ln(bandwidth) in the normal state (default 0,5). */
  readonly sigma?: number;
  /** Correlation of ln(bandwidth) from one step to the next (default 0,95). */
  readonly correlation?: number;
  /** Probability per step of entering a drop (default 0,01: one every ~100 s). */
  readonly dropProbability?: number;
  /** Mean length of a drop in seconds (default 20). */
  readonly dropMeanS?: number;
  /** Bandwidth during a drop as a fraction of the normal one (default 0,1). */
  readonly dropFactor?: number;
}

/**
 * A seeded trace: a two-state Markov chain (normal / drop) per step. In the normal state
 * ln(bandwidth) is an AR(1) process, stationary log-normal with median `medianKbps` and
 * spread `sigma`; a drop starts with probability `dropProbability` per step, lasts a geometric
 * number of steps of mean `dropMeanS`, and multiplies the bandwidth by `dropFactor` (a tunnel,
 * a crowded cell, a neighbour's upload).
 *
 * @example
 * markovTrace({ seed: 1, durationS: 10 }).kbps.length; // 10
 */
export function markovTrace(options: MarkovTraceOptions): BandwidthTrace {
  const durationS = options.durationS ?? 1800;
  const stepS = options.stepS ?? 1;
  const median = options.medianKbps ?? 8000;
  const sigma = options.sigma ?? 0.5;
  const rho = options.correlation ?? 0.95;
  const pDrop = options.dropProbability ?? 0.01;
  const dropMeanS = options.dropMeanS ?? 20;
  const factor = options.dropFactor ?? 0.1;
  if (!(durationS > 0) || !(stepS > 0) || !(median > 0) || !(sigma >= 0) || !(rho >= 0 && rho < 1) || !(pDrop >= 0 && pDrop <= 1) || !(dropMeanS >= stepS) || !(factor >= 0 && factor <= 1)) {
    throw new RangeError('markovTrace: durationS, stepS y medianKbps > 0; sigma ≥ 0; 0 ≤ correlation < 1; dropProbability y dropFactor en [0, 1]; dropMeanS ≥ stepS');
  }
  const rng = createRng(options.seed).fork('bandwidth');
  const steps = Math.ceil(durationS / stepS);
  const kbps: number[] = [];
  let x = rng.normal(0, sigma);
  let dropping = false;
  const leave = stepS / dropMeanS;
  for (let i = 0; i < steps; i++) {
    x = rho * x + Math.sqrt(1 - rho * rho) * rng.normal(0, sigma);
    dropping = dropping ? !rng.bernoulli(leave) : rng.bernoulli(pDrop);
    kbps.push(Math.round(median * Math.exp(x) * (dropping ? factor : 1)));
  }
  return { stepS, kbps };
}

/**
 * A trace made of constant pieces `[seconds, kbps]`, for scenarios (a sudden drop).
 *
 * @example
 * stepTrace([[60, 8000], [30, 800], [60, 8000]]).kbps.length; // 150
 */
export function stepTrace(pieces: readonly (readonly [number, number])[], stepS = 1): BandwidthTrace {
  if (!Array.isArray(pieces) || pieces.length === 0) throw new RangeError('stepTrace: hace falta al menos un tramo [segundos, kbps]');
  const kbps: number[] = [];
  for (const [seconds, rate] of pieces) {
    if (!(seconds > 0) || !(rate >= 0)) throw new RangeError(`stepTrace: tramo no válido [${seconds}, ${rate}]: segundos > 0 y kbps ≥ 0`);
    for (let i = 0; i < Math.round(seconds / stepS); i++) kbps.push(rate);
  }
  return { stepS, kbps };
}

/** Checks a trace: a positive step and a non-empty list of finite bandwidths ≥ 0. */
export function validateTrace(trace: BandwidthTrace): BandwidthTrace {
  if (trace === null || typeof trace !== 'object' || !(trace.stepS > 0) || !Array.isArray(trace.kbps) || trace.kbps.length === 0) {
    throw new RangeError('la traza de ancho de banda debe ser { stepS > 0, kbps: lista no vacía }');
  }
  if (!trace.kbps.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new RangeError('la traza de ancho de banda solo admite kbps finitos ≥ 0');
  return trace;
}

/** Available bandwidth at time `tS` (kb/s). */
export function bandwidthAt(trace: BandwidthTrace, tS: number): number {
  const i = Math.min(trace.kbps.length - 1, Math.max(0, Math.floor(tS / trace.stepS)));
  return trace.kbps[i] as number;
}

/**
 * Seconds a download of `kilobits` takes when it starts at `startS`: the integral of the trace
 * from `startS` reaches `kilobits`. `Infinity` when it never does (zero bandwidth to the end).
 */
export function downloadSeconds(trace: BandwidthTrace, startS: number, kilobits: number): number {
  let remaining = kilobits;
  let t = startS;
  let i = Math.max(0, Math.floor(startS / trace.stepS));
  while (remaining > 0) {
    if (i >= trace.kbps.length) {
      const last = trace.kbps[trace.kbps.length - 1] as number;
      return last > 0 ? t + remaining / last - startS : Infinity;
    }
    const rate = trace.kbps[i] as number;
    const end = (i + 1) * trace.stepS;
    const capacity = rate * (end - t);
    if (capacity >= remaining) return t + remaining / rate - startS;
    remaining -= capacity;
    t = end;
    i += 1;
  }
  return 0;
}
