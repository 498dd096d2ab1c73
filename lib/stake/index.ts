/**
 * Proof of stake: stake-weighted selection checked with a chi-squared test, a RANDAO-style
 * commit–reveal beacon and its last-revealer bias, energy per block PoW vs PoS, and nothing
 * at stake with slashing.
 * @packageDocumentation
 */
export { chiSquaredSurvival, chiSquaredTest } from './chi-squared';
export type { ChiSquaredResult } from './chi-squared';
export { selectValidator, stakeFrequencies, stakeWeightedPick, uniformPick, validateStakes } from './selection';
export type { StakeFrequencies, StakeFrequencyOptions, Stakes } from './selection';
export { beaconUniform, commitTo, mixContribution, randaoBias, randaoEpoch, randaoMix, randaoSecret, xorHex } from './randao';
export type { LastRevealerStrategy, RandaoBias, RandaoEpoch, RandaoEpochOptions } from './randao';
export { ENERGY_SOURCES, energyPerBlockTable } from './energy';
export type { EnergyRow } from './energy';
export { applySlashing, findEquivocations, nothingAtStakePayoffs, SLASHING_PARAMETERS, slashingPenalty } from './slashing';
export type { Equivocation, PayoffRow, SignedVote, SlashingFork, SlashingParameters, SlashingPenalty } from './slashing';
export { pickByStake } from './exercises';
export { lecturePos } from './lecture';
export type { LecturePos } from './lecture';
