/**
 * Nothing at stake and slashing on a small example. In proof of work a miner who splits its
 * hash power between two branches of a fork halves its chances on each: voting costs work.
 * In proof of stake a signature costs nothing, so a validator that signs **both** branches is
 * rewarded whichever wins, and nobody has a reason to let the fork die. Slashing makes the
 * double signature evidence: two signed blocks of one validator at one height burn part of
 * its stake. On Ethereum's beacon chain a slashed validator pays an **initial** penalty of
 * `balance / MIN_SLASHING_PENALTY_QUOTIENT` (1/128 in Phase 0, 1/64 in Altair, 1/32 in
 * Bellatrix, **1/4096 since Electra**, May 2025), is **ejected** (it stops earning and waits
 * 8192 epochs, ≈ 36 days, to withdraw), and halfway through that wait pays the **correlation**
 * penalty `balance · min(PROPORTIONAL_SLASHING_MULTIPLIER · slashed / total, 1)` (multiplier 1,
 * 2, then 3 since Bellatrix), where `slashed` is the stake slashed in that ≈ 36-day window: a
 * lone equivocator loses almost nothing to it, but if about 1/3 of the stake is slashed
 * together, each of them loses the whole balance.
 */

/** The consensus-layer forks whose slashing parameters differ. */
export type SlashingFork = 'phase0' | 'altair' | 'bellatrix' | 'electra';

/** One fork's slashing parameters (consensus-specs presets, mainnet). */
export interface SlashingParameters {
  readonly fork: SlashingFork;
  /** When it took effect, in Spanish. */
  readonly since: string;
  /** The initial penalty is `balance / minPenaltyQuotient`. */
  readonly minPenaltyQuotient: number;
  /** The correlation penalty is `balance · min(multiplier · slashedShare, 1)`. */
  readonly proportionalMultiplier: number;
}

/** Slashing parameters by fork: `MIN_SLASHING_PENALTY_QUOTIENT*` and `PROPORTIONAL_SLASHING_MULTIPLIER*`. */
export const SLASHING_PARAMETERS: Readonly<Record<SlashingFork, SlashingParameters>> = {
  phase0: { fork: 'phase0', since: 'Phase 0 (diciembre de 2020)', minPenaltyQuotient: 128, proportionalMultiplier: 1 },
  altair: { fork: 'altair', since: 'Altair (octubre de 2021)', minPenaltyQuotient: 64, proportionalMultiplier: 2 },
  bellatrix: { fork: 'bellatrix', since: 'Bellatrix (The Merge, septiembre de 2022)', minPenaltyQuotient: 32, proportionalMultiplier: 3 },
  electra: { fork: 'electra', since: 'Electra (Pectra, mayo de 2025)', minPenaltyQuotient: 4096, proportionalMultiplier: 3 },
};

/** What {@link slashingPenalty} charges a slashed validator. */
export interface SlashingPenalty {
  readonly initial: number;
  readonly correlation: number;
  /** `initial + correlation`, never more than the stake (a balance does not go below 0). */
  readonly total: number;
}

/**
 * The penalty a slashed validator pays under a fork's rules, given the share of the whole
 * stake slashed in the same ≈ 36-day window (itself included). Real amounts are integer Gwei
 * with the effective balance; this is the continuous version.
 *
 * @example
 * slashingPenalty({ stake: 32, fork: 'electra', slashedShare: 1e-6 }).total; // ≈ 0.0079: the initial 32/4096 and almost no correlation
 * slashingPenalty({ stake: 32, fork: 'electra', slashedShare: 1 / 3 }).total; // 32: everything
 */
export function slashingPenalty(options: { readonly stake: number; readonly fork: SlashingFork; readonly slashedShare: number }): SlashingPenalty {
  const { stake, fork, slashedShare } = options;
  const params = SLASHING_PARAMETERS[fork];
  if (params === undefined) throw new RangeError(`fork desconocido: ${String(fork)} (phase0, altair, bellatrix o electra)`);
  if (!(Number.isFinite(stake) && stake >= 0)) throw new RangeError(`stake debe ser un número finito ≥ 0, no ${stake}`);
  if (!(slashedShare >= 0 && slashedShare <= 1)) throw new RangeError(`slashedShare debe estar en [0, 1], no ${slashedShare}`);
  const initial = stake / params.minPenaltyQuotient;
  const correlation = stake * Math.min(params.proportionalMultiplier * slashedShare, 1);
  return { initial, correlation, total: Math.min(stake, initial + correlation) };
}

/** A validator's signed vote for a block at a height. */
export interface SignedVote {
  readonly validator: string;
  readonly height: number;
  readonly blockHash: string;
}

/** Evidence of equivocation: two different blocks signed by one validator at one height. */
export interface Equivocation {
  readonly validator: string;
  readonly height: number;
  readonly blocks: readonly [string, string];
}

/**
 * Every equivocation in a list of votes (the first two different blocks per validator and height).
 *
 * @example
 * findEquivocations([{ validator: 'A', height: 5, blockHash: 'x' }, { validator: 'A', height: 5, blockHash: 'y' }]);
 * // [{ validator: 'A', height: 5, blocks: ['x', 'y'] }]
 */
export function findEquivocations(votes: readonly SignedVote[]): Equivocation[] {
  const first = new Map<string, string>();
  const found = new Map<string, Equivocation>();
  for (const v of votes) {
    const key = `${v.validator}@${v.height}`;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, v.blockHash);
    else if (seen !== v.blockHash && !found.has(key)) found.set(key, { validator: v.validator, height: v.height, blocks: [seen, v.blockHash] });
  }
  return [...found.values()];
}

/**
 * Stakes after slashing every equivocating validator under a fork's rules (a new map): the
 * initial penalty plus the correlation one, with the slashed share taken from this evidence.
 */
export function applySlashing(stakes: ReadonlyMap<string, number>, evidence: readonly Equivocation[], fork: SlashingFork): Map<string, number> {
  const out = new Map(stakes);
  const guilty = [...new Set(evidence.map((e) => e.validator))].filter((v) => stakes.has(v));
  let total = 0;
  for (const s of stakes.values()) total += s;
  const slashed = guilty.reduce((sum, v) => sum + (stakes.get(v) ?? 0), 0);
  const slashedShare = total > 0 ? slashed / total : 0;
  for (const v of guilty) {
    const stake = stakes.get(v) as number;
    out.set(v, stake - slashingPenalty({ stake, fork, slashedShare }).total);
  }
  return out;
}

/** One strategy's expected gain in {@link nothingAtStakePayoffs}. */
export interface PayoffRow {
  readonly strategy: string;
  readonly withoutSlashing: number;
  readonly withSlashing: number;
}

/**
 * Expected gain of a validator at a fork with branches A and B (A wins with probability
 * `pA`): sign A only, B only, or both; with slashing, signing both loses `penalty` coins
 * whenever the evidence is included (probability `detection`). Pass the penalty of
 * {@link slashingPenalty} for a fork's rules.
 *
 * @example
 * nothingAtStakePayoffs({ reward: 1, pA: 0.6, penalty: 32 / 32, detection: 1 });
 * // both: 1 without slashing (the best), 1 − 1 = 0 with Bellatrix's initial 1/32 of 32 (worse than A only: 0.6)
 */
export function nothingAtStakePayoffs(options: { reward: number; pA: number; penalty: number; detection: number }): PayoffRow[] {
  const { reward, pA, detection } = options;
  if (!(pA >= 0 && pA <= 1) || !(detection >= 0 && detection <= 1)) throw new RangeError('pA y detection deben estar en [0, 1]');
  if (!(Number.isFinite(options.penalty) && options.penalty >= 0)) throw new RangeError(`penalty debe ser un número finito ≥ 0, no ${options.penalty}`);
  const penalty = options.penalty * detection;
  return [
    { strategy: 'firmar solo A', withoutSlashing: pA * reward, withSlashing: pA * reward },
    { strategy: 'firmar solo B', withoutSlashing: (1 - pA) * reward, withSlashing: (1 - pA) * reward },
    { strategy: 'firmar A y B', withoutSlashing: reward, withSlashing: reward - penalty },
  ];
}
