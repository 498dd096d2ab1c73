/**
 * Physical clocks that disagree: each has an initial offset and a drift rate (a quartz
 * crystal off by some parts per million), plus the two classic ways to bring them together,
 * Cristian's algorithm (1989) and Berkeley's (Gusella & Zatti, 1989).
 */
import type { Rng } from '../random/index';

/** A hardware clock: reads `offsetMs + trueMs × (1 + driftPpm / 10⁶)`. */
export interface ClockModel {
  /** Reading at true time 0, in ms. */
  readonly offsetMs: number;
  /** Drift in parts per million: +50 gains 50 µs every second (4.3 s per day). */
  readonly driftPpm: number;
}

/** A perfect clock: no offset, no drift. */
export const PERFECT_CLOCK: ClockModel = { offsetMs: 0, driftPpm: 0 };

/** What a clock with model `clock` reads at true time `trueMs`. */
export function readClock(clock: ClockModel, trueMs: number): number {
  return clock.offsetMs + trueMs * (1 + clock.driftPpm / 1e6);
}

/** How much true time passes while the clock counts `localMs` (timers run on local time). */
export function trueDuration(clock: ClockModel, localMs: number): number {
  return localMs / (1 + clock.driftPpm / 1e6);
}

/**
 * Draws a clock: offset uniform in ±`maxOffsetMs`, drift uniform in ±`maxDriftPpm`.
 *
 * @example
 * randomClockModel(createRng(1), { maxOffsetMs: 20, maxDriftPpm: 100 });
 */
export function randomClockModel(rng: Rng, options: { maxOffsetMs?: number; maxDriftPpm?: number } = {}): ClockModel {
  const maxOffsetMs = options.maxOffsetMs ?? 0;
  const maxDriftPpm = options.maxDriftPpm ?? 0;
  return { offsetMs: rng.uniform(-maxOffsetMs, maxOffsetMs), driftPpm: rng.uniform(-maxDriftPpm, maxDriftPpm) };
}

/** The result of one round of Cristian's algorithm. */
export interface CristianEstimate {
  /** The client's estimate of the server's clock at the moment the reply arrived. */
  readonly estimateMs: number;
  /** What to add to the client's clock: `estimateMs − replyReceivedMs`. */
  readonly correctionMs: number;
  /** Worst-case error of the estimate: half the round trip (minus the minimum one-way latency). */
  readonly errorBoundMs: number;
}

/**
 * Cristian's algorithm: the server's time was read somewhere in the round trip, so assume the
 * middle: estimate = server time + RTT / 2, with error at most ±(RTT / 2 − min latency).
 *
 * @example
 * cristianEstimate({ requestSentMs: 100, serverTimeMs: 1_000, replyReceivedMs: 120 });
 * // { estimateMs: 1010, correctionMs: 890, errorBoundMs: 10 }
 */
export function cristianEstimate(round: {
  requestSentMs: number;
  serverTimeMs: number;
  replyReceivedMs: number;
  minLatencyMs?: number;
}): CristianEstimate {
  const roundTripMs = round.replyReceivedMs - round.requestSentMs;
  const estimateMs = round.serverTimeMs + roundTripMs / 2;
  return {
    estimateMs,
    correctionMs: estimateMs - round.replyReceivedMs,
    errorBoundMs: Math.max(0, roundTripMs / 2 - (round.minLatencyMs ?? 0)),
  };
}

/**
 * Berkeley's algorithm, the master's computation: given every clock's reading (already
 * corrected for half the round trip), average those within `toleranceMs` of the median
 * (a faulty clock must not drag the others) and tell each node how much to adjust.
 * Adjustments are deltas, not absolute times, so their own delivery delay does not matter.
 *
 * @example
 * berkeleyAdjustments(new Map([['m', 180], ['a', 205], ['b', 170], ['z', 900]]), { toleranceMs: 50 });
 * // m +5, a −20, b +15, z −715 (z's 900 is ignored for the average: 185)
 */
export function berkeleyAdjustments(
  readings: ReadonlyMap<string, number>,
  options: { toleranceMs?: number } = {},
): Map<string, number> {
  const values = [...readings.values()].sort((x, y) => x - y);
  if (values.length === 0) return new Map();
  const middle = values.length >> 1;
  const median =
    values.length % 2 === 1 ? (values[middle] as number) : ((values[middle - 1] as number) + (values[middle] as number)) / 2;
  const tolerance = options.toleranceMs ?? Infinity;
  const trusted = values.filter((v) => Math.abs(v - median) <= tolerance);
  const average = trusted.reduce((sum, v) => sum + v, 0) / trusted.length;
  const adjustments = new Map<string, number>();
  for (const [id, reading] of readings) adjustments.set(id, average - reading);
  return adjustments;
}
