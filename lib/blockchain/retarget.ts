/**
 * Bitcoin's difficulty retargeting (`CalculateNextWorkRequired` in Bitcoin Core's pow.cpp):
 * every 2016 blocks the target is multiplied by the time those blocks took over two weeks
 * (2016 × 10 minutes), with that time clamped to [¼, 4×] two weeks, and never above the
 * proof-of-work limit. The time is measured from the first to the last block of the period:
 * 2015 intervals, not 2016 (the original client's off-by-one, kept for consensus).
 */
import { POW_LIMIT, compactToTarget, expectedHashes, targetToCompact } from './target';
import type { Rng } from '../random/rng';

/** Blocks between retargets. */
export const RETARGET_INTERVAL = 2016;
/** Target seconds per block. */
export const TARGET_SPACING_S = 600;
/** Target seconds per retarget period: two weeks. */
export const TARGET_TIMESPAN_S = RETARGET_INTERVAL * TARGET_SPACING_S;

/**
 * The next period's compact bits: Bitcoin's formula, in integers.
 *
 * @example
 * nextWorkRequired(0x1d00ffff, 1261130161, 1262152739); // 0x1d00d86a (Bitcoin Core's pow_tests)
 */
export function nextWorkRequired(lastBits: number, firstBlockTimeS: number, lastBlockTimeS: number): number {
  let actual = lastBlockTimeS - firstBlockTimeS;
  actual = Math.max(TARGET_TIMESPAN_S / 4, Math.min(TARGET_TIMESPAN_S * 4, actual));
  let target = (compactToTarget(lastBits) * BigInt(actual)) / BigInt(TARGET_TIMESPAN_S);
  if (target > POW_LIMIT) target = POW_LIMIT;
  return targetToCompact(target);
}

/** Bitcoin Core's test cases for the formula (src/test/pow_tests.cpp), with what they expect. */
export const BITCOIN_RETARGET_CASES: readonly { name: string; lastBits: number; firstTimeS: number; lastTimeS: number; expected: number }[] = [
  { name: 'sin límites (bloque 32255)', lastBits: 0x1d00ffff, firstTimeS: 1261130161, lastTimeS: 1262152739, expected: 0x1d00d86a },
  { name: 'tope del límite de PoW (bloque 2015)', lastBits: 0x1d00ffff, firstTimeS: 1231006505, lastTimeS: 1233061996, expected: 0x1d00ffff },
  { name: 'periodo demasiado corto: ×¼ (bloque 68543)', lastBits: 0x1c05a3f4, firstTimeS: 1279008237, lastTimeS: 1279297671, expected: 0x1c0168fd },
  { name: 'periodo demasiado largo: ×4 (bloque 46367)', lastBits: 0x1c387f6f, firstTimeS: 1263163443, lastTimeS: 1269211443, expected: 0x1d00e1fd },
];

/** One retarget period of a simulated chain. */
export interface RetargetPeriod {
  readonly period: number;
  /** Simulated time at the period's end, days. */
  readonly endDay: number;
  /** Mean block interval in the period, minutes. */
  readonly meanIntervalMin: number;
  /** Difficulty relative to the start. */
  readonly difficulty: number;
  /** Hash rate relative to the start, at the period's end. */
  readonly hashRate: number;
}

/** Options of {@link simulateRetargeting}. */
export interface RetargetSimulationOptions {
  readonly rng: Rng;
  /** Number of 2016-block periods. */
  readonly periods: number;
  /** Hash rate relative to the start as a function of simulated day. */
  readonly hashRate: (day: number) => number;
  /** Compact bits of the first period (default 0x1c0ffff0). */
  readonly startBits?: number;
}

/**
 * A chain whose blocks arrive after exponential times (mean = expected hashes / hash rate),
 * retargeted every 2016 blocks with {@link nextWorkRequired}. The hash rate at the start gives
 * 10-minute blocks at `startBits`.
 *
 * @example
 * simulateRetargeting({ rng: createRng(3), periods: 12, hashRate: (d) => (d < 60 ? 1 : d < 120 ? 2 : 1) });
 */
export function simulateRetargeting(options: RetargetSimulationOptions): RetargetPeriod[] {
  const startBits = options.startBits ?? 0x1c0ffff0;
  const startHashes = expectedHashes(compactToTarget(startBits));
  const hashesPerSecond = startHashes / TARGET_SPACING_S;
  let bits = startBits;
  let timeS = 0;
  const out: RetargetPeriod[] = [];
  for (let period = 0; period < options.periods; period++) {
    const expected = expectedHashes(compactToTarget(bits));
    let firstTimeS = 0;
    const startS = timeS;
    for (let b = 0; b < RETARGET_INTERVAL; b++) {
      const rate = hashesPerSecond * options.hashRate(timeS / 86_400);
      timeS += options.rng.exponential(expected / rate);
      if (b === 0) firstTimeS = Math.round(timeS);
    }
    out.push({
      period, endDay: timeS / 86_400, meanIntervalMin: (timeS - startS) / RETARGET_INTERVAL / 60,
      difficulty: startHashes === 0 ? 0 : expected / startHashes, hashRate: options.hashRate(timeS / 86_400),
    });
    // Bitcoin's window: first to last block of the period (2015 intervals).
    bits = nextWorkRequired(bits, firstTimeS, Math.round(timeS));
  }
  return out;
}
