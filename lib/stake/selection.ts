/**
 * Stake-weighted validator selection: the lecture's `random.choices(stakers, weights=stakes)`
 * done with the kit's seeded `Rng`, and the check that the frequencies follow the stakes.
 */
import { createRng } from '../random/index';
import type { Rng, Seed } from '../random/index';
import { chiSquaredTest } from './chi-squared';
import type { ChiSquaredResult } from './chi-squared';

/** Validators and their stakes, in a fixed order (the order matters for a given draw). */
export type Stakes = ReadonlyMap<string, number>;

/** Throws a Spanish `RangeError` unless every stake is finite and ≥ 0 and their total is > 0. */
export function validateStakes(stakes: Stakes): number {
  if (!(stakes instanceof Map) || stakes.size === 0) throw new RangeError('stakes: hace falta al menos un validador');
  let total = 0;
  for (const [validator, stake] of stakes) {
    if (typeof stake !== 'number' || !Number.isFinite(stake) || stake < 0) throw new RangeError(`stakes: la participación de ${validator} debe ser un número finito ≥ 0, no ${String(stake)}`);
    total += stake;
  }
  if (!(total > 0)) throw new RangeError('stakes: la participación total debe ser mayor que 0');
  return total;
}

/**
 * The validator a uniform draw `u` in [0, 1) picks: the first whose cumulative stake exceeds
 * `u · total` (half-open intervals `[c₍ᵢ₋₁₎, cᵢ)`), as Python's `random.choices` does with
 * `bisect(cum_weights, random() * total)`. The kit's own rule; exercise 11.3 is the same contract.
 */
export function stakeWeightedPick(stakes: Stakes, u: number): string {
  const total = validateStakes(stakes);
  if (!(u >= 0 && u < 1)) throw new RangeError(`u debe estar en [0, 1), no ${u}`);
  const target = u * total;
  let cumulative = 0;
  let last = '';
  for (const [validator, stake] of stakes) {
    if (stake === 0) continue;
    cumulative += stake;
    last = validator;
    if (target < cumulative) return validator;
  }
  return last; // rounding: u · total just below total but ≥ the float sum
}

/**
 * One stake-weighted choice of validator with a seeded stream.
 *
 * @example
 * selectValidator(new Map([['Alice', 10], ['Bob', 20]]), createRng(1)); // 'Bob' two times in three
 */
export function selectValidator(stakes: Stakes, rng: Rng, pick: (stakes: Stakes, u: number) => string = stakeWeightedPick): string {
  return pick(stakes, rng.next());
}

/** Options of {@link stakeFrequencies}. */
export interface StakeFrequencyOptions {
  readonly stakes: Stakes;
  readonly rounds: number;
  readonly seed: Seed;
  /** The pick rule (default the kit's; exercise 11.3's cell passes the student's). */
  readonly pick?: (stakes: Stakes, u: number) => string;
}

/** Selection counts over many rounds, against the stakes. */
export interface StakeFrequencies {
  readonly rounds: number;
  /** One row per validator, in the order of the stakes. */
  readonly rows: readonly { readonly validator: string; readonly stake: number; readonly share: number; readonly selected: number; readonly frequency: number }[];
  /** Pearson's test of the counts against `rounds · share` (validators with stake 0 left out). */
  readonly chiSquared: ChiSquaredResult;
}

/**
 * Runs `rounds` selections and compares each validator's frequency with its share of the stake.
 *
 * @example
 * stakeFrequencies({ stakes: new Map([['Alice', 10], ['Bob', 20]]), rounds: 10_000, seed: 1 }).chiSquared.pValue; // > 0.01
 */
export function stakeFrequencies(options: StakeFrequencyOptions): StakeFrequencies {
  const total = validateStakes(options.stakes);
  if (!Number.isInteger(options.rounds) || options.rounds < 1) throw new RangeError(`rounds debe ser un entero ≥ 1, no ${options.rounds}`);
  const rng = createRng(`${String(options.seed)}/participacion`);
  const counts = new Map<string, number>([...options.stakes.keys()].map((v) => [v, 0]));
  for (let i = 0; i < options.rounds; i++) {
    const chosen = selectValidator(options.stakes, rng, options.pick);
    if (!counts.has(chosen)) throw new RangeError(`la regla de selección devolvió ${JSON.stringify(chosen)}, que no es un validador`);
    counts.set(chosen, (counts.get(chosen) ?? 0) + 1);
  }
  const rows = [...options.stakes].map(([validator, stake]) => {
    const selected = counts.get(validator) ?? 0;
    return { validator, stake, share: stake / total, selected, frequency: selected / options.rounds };
  });
  const positive = rows.filter((r) => r.stake > 0);
  const chiSquared = positive.length >= 2
    ? chiSquaredTest(positive.map((r) => r.selected), positive.map((r) => r.share * options.rounds))
    : { statistic: 0, degreesOfFreedom: 0, pValue: 1 };
  return { rounds: options.rounds, rows, chiSquared };
}

/** A biased rule for contrast: every validator with stake equally likely (stake ignored). */
export function uniformPick(stakes: Stakes, u: number): string {
  const positive = [...stakes].filter(([, s]) => s > 0).map(([v]) => v);
  return positive[Math.min(positive.length - 1, Math.floor(u * positive.length))] as string;
}
