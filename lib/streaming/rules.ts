/**
 * Adaptive-bitrate rules, step 3 of the lecture's Netflix flow («ajusta dinámicamente la calidad
 * del video según el ancho de banda disponible»). A rule sees what a player knows before it
 * requests the next segment and returns one rung of the ladder (kb/s).
 *
 * - The rate-based rule: the harmonic mean of the last k measured throughputs times a safety
 *   factor, and the highest rung under it (the "RB" baseline of Yin et al., «A Control-Theoretic
 *   Approach for Dynamic Adaptive Video Streaming over HTTP», SIGCOMM 2015, §5; harmonic mean as
 *   in Jiang et al., FESTIVE, CoNEXT 2012, §5.1).
 * - BBA-0 (Huang et al., «A Buffer-Based Approach to Rate Adaptation: Evidence from a Large
 *   Video Streaming Service», SIGCOMM 2014, §4 and Algorithm 1): the rate is a function of the
 *   buffer alone — R_min in the reservoir, R_max past the cushion, a linear map f(B) between,
 *   and the previous rate kept until f(B) crosses the next rung up or down.
 */

/** What a rule may look at before choosing segment `index`. */
export interface AbrState {
  /** Segment about to be requested (0-based). */
  readonly index: number;
  /** Seconds of video in the buffer now. */
  readonly bufferS: number;
  /** Rate of the previous segment (undefined before the first). */
  readonly previousKbps: number | undefined;
  /** Throughput measured on each past download, kb/s, oldest first. */
  readonly throughputsKbps: readonly number[];
  /** The ladder, kb/s, ascending. */
  readonly ladderKbps: readonly number[];
  readonly segmentS: number;
  readonly bufferMaxS: number;
}

/** An ABR rule: the next segment's rate, one of `state.ladderKbps`. */
export type AbrRule = (state: AbrState) => number;

/** Arguments of BBA-0's rate choice (Algorithm 1 of Huang et al. 2014). */
export interface BufferBasedInput {
  /** Buffer occupancy B now, seconds (Buf_now). */
  readonly bufferS: number;
  /** Available rates, kb/s, strictly ascending (R_min first, R_max last). */
  readonly ladderKbps: readonly number[];
  /** Size of the reservoir r, seconds. */
  readonly reservoirS: number;
  /** Size of the cushion cu, seconds. */
  readonly cushionS: number;
  /** Previous rate (Rate_prev), one of the ladder's. */
  readonly previousKbps: number;
}

/** A BBA-0 rate function with {@link BufferBasedInput}'s signature (the kit's, or exercise 12.3's). */
export type BufferBasedRate = (input: BufferBasedInput) => number;

/**
 * The kit's BBA-0 (Algorithm 1 of Huang et al. 2014), used by the players; exercise 12.3 is the
 * same function written by the student.
 *
 * @example
 * bufferBasedRateReference({ bufferS: 150, ladderKbps: [1750, 3000, 5800, 15000], reservoirS: 90, cushionS: 126, previousKbps: 1750 });
 * // f(150) = 1750 + 13250 · 60/126 ≈ 8060 ≥ 3000 → the highest rung below f: 5800
 */
export function bufferBasedRateReference(input: BufferBasedInput): number {
  const { bufferS, ladderKbps: rates, reservoirS: r, cushionS: cu, previousKbps: prev } = input;
  const rMin = rates[0] as number;
  const rMax = rates[rates.length - 1] as number;
  if (rates.length === 1) return rMin;
  const ratePlus = prev === rMax ? rMax : (rates.find((x) => x > prev) as number);
  const rateMinus = prev === rMin ? rMin : (rates.filter((x) => x < prev).pop() as number);
  if (bufferS <= r) return rMin;
  if (bufferS >= r + cu) return rMax;
  const f = rMin + ((rMax - rMin) * (bufferS - r)) / cu;
  if (f >= ratePlus) return rates.filter((x) => x < f).pop() as number;
  if (f <= rateMinus) return rates.find((x) => x > f) as number;
  return prev;
}

/**
 * BBA-0 as a player rule: R_min for the first segment (the paper starts there), then
 * Algorithm 1 with reservoir `reservoirS` and cushion `cushionS` (the paper's 90 s and 126 s
 * for a 240 s buffer, §4). `rate` swaps in exercise 12.3's function.
 *
 * @example
 * simulatePlayer({ trace, rule: bbaRule({ reservoirS: 90, cushionS: 126 }) });
 */
export function bbaRule(options: { readonly reservoirS?: number; readonly cushionS?: number; readonly rate?: BufferBasedRate } = {}): AbrRule {
  const reservoirS = options.reservoirS ?? 90;
  const cushionS = options.cushionS ?? 126;
  if (!(reservoirS >= 0) || !(cushionS > 0)) throw new RangeError(`bbaRule: reservoirS debe ser ≥ 0 y cushionS > 0 (son ${reservoirS} y ${cushionS})`);
  const rate = options.rate ?? bufferBasedRateReference;
  return (state) => (state.previousKbps === undefined ? (state.ladderKbps[0] as number)
    : rate({ bufferS: state.bufferS, ladderKbps: state.ladderKbps, reservoirS, cushionS, previousKbps: state.previousKbps }));
}

/**
 * The rate-based rule: estimate = harmonic mean of the last `k` throughputs; choose the highest
 * rung ≤ `safety` × estimate (R_min when none is, and for the first segment).
 *
 * @example
 * simulatePlayer({ trace, rule: throughputRule({ k: 5, safety: 0.9 }) });
 */
export function throughputRule(options: { readonly k?: number; readonly safety?: number } = {}): AbrRule {
  const k = options.k ?? 5;
  const safety = options.safety ?? 0.9;
  if (!Number.isInteger(k) || k < 1 || !(safety > 0 && safety <= 1)) throw new RangeError(`throughputRule: k debe ser un entero ≥ 1 y safety estar en (0, 1] (son ${k} y ${safety})`);
  return (state) => {
    const last = state.throughputsKbps.slice(-k);
    const rMin = state.ladderKbps[0] as number;
    if (last.length === 0) return rMin;
    const estimate = last.length / last.reduce((s, x) => s + 1 / Math.max(x, 1e-9), 0);
    return state.ladderKbps.filter((x) => x <= safety * estimate).pop() ?? rMin;
  };
}

/** The harmonic mean of the last `k` values (what the rate-based rule believes the bandwidth is). */
export function harmonicMean(values: readonly number[], k = values.length): number {
  const last = values.slice(-k);
  return last.length === 0 ? NaN : last.length / last.reduce((s, x) => s + 1 / Math.max(x, 1e-9), 0);
}
