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
 * Berkeley's algorithm, the master's computation (Gusella & Zatti's fault-tolerant average):
 * given every clock's reading (already corrected for half the round trip), find the largest
 * group of clocks that agree with each other within `toleranceMs`, average that group only
 * (a faulty clock must not drag the others) and tell each node how much to adjust.
 * Adjustments are deltas, not absolute times, so their own delivery delay does not matter.
 *
 * If several groups are equally large, the one with the master's reading wins (pass
 * `masterId`), otherwise the earliest. So a master and one follower that disagree by more
 * than the tolerance both move to the master's clock, never to a meaningless average.
 *
 * @example
 * berkeleyAdjustments(new Map([['m', 180], ['a', 205], ['b', 170], ['z', 900]]), { toleranceMs: 50 });
 * // m +5, a −20, b +15, z −715 (z's 900 is ignored for the average: 185)
 */
export function berkeleyAdjustments(
  readings: ReadonlyMap<string, number>,
  options: { toleranceMs?: number; masterId?: string } = {},
): Map<string, number> {
  const values = [...readings.values()].sort((x, y) => x - y);
  if (values.length === 0) return new Map();
  const tolerance = options.toleranceMs ?? Infinity;
  const master = options.masterId === undefined ? undefined : readings.get(options.masterId);
  // Sliding window over the sorted readings: [i, j] is the largest group starting at i whose
  // spread is within the tolerance. Keep the largest; on a tie, prefer the master's group.
  let best = { from: 0, to: 0 };
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    if (j < i) j = i;
    while (j + 1 < values.length && (values[j + 1] as number) - (values[i] as number) <= tolerance) j++;
    const size = j - i + 1;
    const bestSize = best.to - best.from + 1;
    const hasMaster = master !== undefined && (values[i] as number) <= master && master <= (values[j] as number);
    const bestHasMaster = master !== undefined && (values[best.from] as number) <= master && master <= (values[best.to] as number);
    if (size > bestSize || (size === bestSize && hasMaster && !bestHasMaster)) best = { from: i, to: j };
  }
  const trusted = values.slice(best.from, best.to + 1);
  const average = trusted.reduce((sum, v) => sum + v, 0) / trusted.length;
  const adjustments = new Map<string, number>();
  for (const [id, reading] of readings) adjustments.set(id, average - reading);
  return adjustments;
}
