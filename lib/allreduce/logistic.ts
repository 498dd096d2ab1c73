/**
 * Logistic regression by full-batch gradient descent, on one worker and data-parallel: the
 * rows are cut into N shards, each worker computes the gradient of the whole model on its
 * shard, and the N gradients are summed (by a parameter server or by AllReduce) before the
 * same update. The weights are `features + 1` numbers, the bias last.
 */
import { chunkBounds } from './ring';
import type { LogisticDataset } from './dataset';

/** The logistic function 1 / (1 + e^(−z)), written so it never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function score(data: LogisticDataset, weights: Float64Array, row: number): number {
  const d = data.features;
  let z = weights[d] as number;
  for (let j = 0; j < d; j++) z += (weights[j] as number) * (data.x[row * d + j] as number);
  return z;
}

/**
 * The gradient of the log-loss summed (not averaged) over rows `[from, to)`:
 * Σ (σ(w·x) − y) · (x, 1). Summing shard sums gives the whole data set's sum.
 */
export function gradientSum(data: LogisticDataset, weights: Float64Array, from = 0, to = data.rows): Float64Array {
  const d = data.features;
  const g = new Float64Array(d + 1);
  for (let i = from; i < to; i++) {
    const err = sigmoid(score(data, weights, i)) - (data.y[i] as number);
    for (let j = 0; j < d; j++) g[j] = (g[j] as number) + err * (data.x[i * d + j] as number);
    g[d] = (g[d] as number) + err;
  }
  return g;
}

/** Mean log-loss −[y log p + (1 − y) log(1 − p)] over the data set. */
export function logLoss(data: LogisticDataset, weights: Float64Array): number {
  let total = 0;
  for (let i = 0; i < data.rows; i++) {
    const z = score(data, weights, i);
    // log(1 + e^z) − y·z, computed stably.
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    total += softplus - (data.y[i] as number) * z;
  }
  return total / data.rows;
}

/** Fraction of rows whose predicted class (σ ≥ ½) equals the label. */
export function accuracy(data: LogisticDataset, weights: Float64Array): number {
  let right = 0;
  for (let i = 0; i < data.rows; i++) if ((score(data, weights, i) >= 0 ? 1 : 0) === data.y[i]) right++;
  return right / data.rows;
}

/** Training options: full-batch gradient descent from zero weights. */
export interface TrainOptions {
  /** Gradient steps (default 100). */
  readonly iterations?: number;
  /** Learning rate (default 0,5). */
  readonly learningRate?: number;
}

/** A trained model and its loss after each iteration. */
export interface TrainResult {
  readonly weights: Float64Array;
  /** Log-loss before each step (length = iterations). */
  readonly losses?: number[];
}

/** Checks training options; a Spanish `RangeError` for nonsense. */
export function trainSettings(options: TrainOptions = {}): { iterations: number; learningRate: number } {
  const iterations = options.iterations ?? 100;
  const learningRate = options.learningRate ?? 0.5;
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`iterations debe ser un entero ≥ 0 (recibí ${iterations})`);
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) throw new RangeError(`learningRate debe ser un número positivo (recibí ${learningRate})`);
  return { iterations, learningRate };
}

/** One update w ← w − η · g / rows, in place. */
export function applyGradient(weights: Float64Array, gradient: Float64Array, learningRate: number, rows: number): void {
  for (let j = 0; j < weights.length; j++) weights[j] = (weights[j] as number) - (learningRate * (gradient[j] as number)) / rows;
}

/**
 * The single-worker reference: full-batch gradient descent on every row.
 *
 * @example
 * const { weights } = trainLogistic(loadLogisticDataset(), { iterations: 100 });
 */
export function trainLogistic(data: LogisticDataset, options: TrainOptions = {}): TrainResult {
  return trainDataParallelInMemory(data, 1, options);
}

/** The row ranges `[from, to)` of `workers` contiguous shards. */
export function shardRows(rows: number, workers: number): Array<readonly [number, number]> {
  return chunkBounds(rows, workers);
}

/**
 * Data-parallel training without threads: each of `workers` shards gives its gradient sum, the
 * sums are added in shard order (what a parameter server does), and every worker applies the same
 * update. With one worker it is the single-worker reference.
 */
export function trainDataParallelInMemory(data: LogisticDataset, workers: number, options: TrainOptions = {}): TrainResult {
  const { iterations, learningRate } = trainSettings(options);
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers debe ser un entero ≥ 1 (recibí ${workers})`);
  const shards = shardRows(data.rows, workers);
  const weights = new Float64Array(data.features + 1);
  const losses: number[] = [];
  for (let it = 0; it < iterations; it++) {
    losses.push(logLoss(data, weights));
    const total = new Float64Array(data.features + 1);
    for (const [from, to] of shards) {
      const g = gradientSum(data, weights, from, to);
      for (let j = 0; j < total.length; j++) total[j] = (total[j] as number) + (g[j] as number);
    }
    applyGradient(weights, total, learningRate, data.rows);
  }
  return { weights, losses };
}

/**
 * The largest |a − b| / max(1, |b|) over two weight vectors: a relative difference where |b| ≥ 1,
 * an absolute one where |b| < 1 (so weights near 0 do not blow it up). Infinity for different lengths.
 */
export function maxRelativeDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)) / Math.max(1, Math.abs(b[i] as number)));
  return worst;
}
