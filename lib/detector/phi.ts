/**
 * The φ accrual failure detector (Hayashibara, Défago, Yared & Katayama, 2004), as Akka
 * implements it: φ = −log10(1 − F(t)), with F the normal CDF fitted to the recent inter-arrival
 * times of heartbeats (mean plus an acceptable pause, standard deviation at least a minimum), in
 * Akka's logistic approximation of the normal CDF (Bowling et al. 2009).
 */

/** Parameters of the φ accrual detector (Akka's names, in milliseconds). */
export interface PhiOptions {
  /** Suspect when φ exceeds this (Akka and Cassandra: 8). */
  readonly threshold: number;
  /** How many inter-arrival times to keep (Akka: 1,000). */
  readonly maxSampleSize: number;
  /** The standard deviation never goes below this (Akka: 100 ms). */
  readonly minStdDeviationMs: number;
  /** Added to the mean: heartbeats this late are still normal (Akka's cluster: 3 s). */
  readonly acceptableHeartbeatPauseMs: number;
  /** The guess before any interval is known (Akka: 1 s; seeds the window with mean ± mean/4). */
  readonly firstHeartbeatEstimateMs: number;
}

/** Akka's defaults for the cluster failure detector (`akka.cluster.failure-detector`). */
export const AKKA_PHI_DEFAULTS: PhiOptions = {
  threshold: 8,
  maxSampleSize: 1_000,
  minStdDeviationMs: 100,
  acceptableHeartbeatPauseMs: 3_000,
  firstHeartbeatEstimateMs: 1_000,
};

/**
 * φ for `elapsedMs` since the last heartbeat, given the fitted mean and standard deviation
 * (already adjusted: mean + acceptable pause, std ≥ minimum). Akka's formula: with
 * y = (t − μ)/σ and e = exp(−y(1.5976 + 0.070566y²)), 1 − F ≈ e/(1 + e).
 */
export function phiOf(elapsedMs: number, meanMs: number, stdDeviationMs: number): number {
  const y = (elapsedMs - meanMs) / stdDeviationMs;
  const e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
  // The two branches are the same quantity, computed where each is numerically stable.
  return elapsedMs > meanMs ? -Math.log10(e / (1 + e)) : -Math.log10(1 - 1 / (1 + e));
}

/** Mean and population standard deviation of a list of numbers (0, 0 when empty). */
export function meanAndStdDeviation(values: readonly number[]): { meanMs: number; stdDeviationMs: number } {
  if (values.length === 0) return { meanMs: 0, stdDeviationMs: 0 };
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / values.length;
  return { meanMs: mean, stdDeviationMs: Math.sqrt(Math.max(0, squares / values.length - mean * mean)) };
}

function validatePhi(options: PhiOptions): void {
  const positive = (name: keyof PhiOptions) => {
    const v = options[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new RangeError(`phiAccrual: ${name} debe ser un número > 0, recibido ${String(v)}`);
  };
  positive('threshold');
  positive('maxSampleSize');
  positive('minStdDeviationMs');
  positive('firstHeartbeatEstimateMs');
  if (!(options.acceptableHeartbeatPauseMs >= 0)) throw new RangeError(`phiAccrual: acceptableHeartbeatPauseMs debe ser ≥ 0, recibido ${String(options.acceptableHeartbeatPauseMs)}`);
}

/**
 * A φ accrual detector for one monitored process: feed it heartbeat arrival times, ask φ or
 * whether it suspects. It keeps a sliding window of inter-arrival times.
 *
 * @example
 * const d = new PhiAccrualDetector({ threshold: 8 });
 * for (const t of [0, 1_000, 2_010, 2_990, 4_000]) d.heartbeat(t);
 * d.phi(5_000);          // ≈ 0,1: one second late is nothing with a 3 s acceptable pause
 * d.suspects(12_000);    // true: 8 s of silence
 */
export class PhiAccrualDetector {
  readonly options: PhiOptions;
  /** The last `maxSampleSize` intervals, as a ring buffer. */
  private readonly window: Float64Array;
  private head = 0;
  private count = 0;
  private lastMs: number | undefined;
  private sum = 0;
  private squares = 0;
  /** The standardised silence y* at which φ reaches the threshold (found once, by bisection). */
  private readonly thresholdY: number;

  constructor(options: Partial<PhiOptions> = {}) {
    this.options = { ...AKKA_PHI_DEFAULTS, ...options };
    validatePhi(this.options);
    this.window = new Float64Array(Math.ceil(this.options.maxSampleSize));
    let lo = -40;
    let hi = 40;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (phiOf(mid, 0, 1) > this.options.threshold) hi = mid;
      else lo = mid;
    }
    this.thresholdY = hi;
    // Akka seeds the history with two samples, mean ± mean/4, so the first φ is sensible.
    const first = this.options.firstHeartbeatEstimateMs;
    this.push(first - first / 4);
    this.push(first + first / 4);
  }

  /** Records a heartbeat that arrived at `nowMs` (a time before the last one is ignored). */
  heartbeat(nowMs: number): void {
    if (!Number.isFinite(nowMs)) throw new RangeError(`heartbeat: tiempo no válido ${String(nowMs)}`);
    if (this.lastMs !== undefined) {
      if (nowMs < this.lastMs) return;
      this.push(nowMs - this.lastMs);
    }
    this.lastMs = nowMs;
  }

  /** The time of the last heartbeat, if any. */
  get lastHeartbeatMs(): number | undefined {
    return this.lastMs;
  }

  /** The fitted distribution: mean + acceptable pause, and max(std, min std). */
  fitted(): { meanMs: number; stdDeviationMs: number } {
    const n = this.count;
    const mean = this.sum / n;
    const std = Math.sqrt(Math.max(0, this.squares / n - mean * mean));
    return { meanMs: mean + this.options.acceptableHeartbeatPauseMs, stdDeviationMs: Math.max(std, this.options.minStdDeviationMs) };
  }

  /** φ at `nowMs` (0 before the first heartbeat: nothing to suspect yet). */
  phi(nowMs: number): number {
    if (this.lastMs === undefined) return 0;
    const { meanMs, stdDeviationMs } = this.fitted();
    return phiOf(Math.max(0, nowMs - this.lastMs), meanMs, stdDeviationMs);
  }

  /** True when φ at `nowMs` exceeds the threshold. */
  suspects(nowMs: number): boolean {
    return this.phi(nowMs) > this.options.threshold;
  }

  /**
   * The absolute time at which, with no new heartbeat, φ crosses the threshold (φ grows with
   * the silence, so suspicion starts there and lasts until the next heartbeat).
   */
  suspicionStartMs(): number {
    if (this.lastMs === undefined) return Infinity;
    const { meanMs, stdDeviationMs } = this.fitted();
    // φ depends on the silence only through y = (t − μ)/σ, so the threshold is one fixed y*.
    return this.lastMs + Math.max(0, meanMs + stdDeviationMs * this.thresholdY);
  }

  private push(interval: number): void {
    if (this.count === this.window.length) {
      const old = this.window[this.head] as number;
      this.sum -= old;
      this.squares -= old * old;
    } else {
      this.count++;
    }
    this.window[this.head] = interval;
    this.head = (this.head + 1) % this.window.length;
    this.sum += interval;
    this.squares += interval * interval;
  }
}
