/**
 * A RANDAO-style commit–reveal randomness beacon: every validator first publishes
 * `commit = sha256('reveal:' + secret)`, then reveals `secret`; anyone checks the reveal against
 * the commit, and the beacon is the XOR of `sha256('mezcla:' + secret)` over the valid reveals.
 * The mixed value is a **different** hash of the secret, which the commit does not reveal: were
 * the beacon the XOR of the commits, it would be known before any reveal and the last to commit
 * could grind secrets until it won. (On Ethereum's beacon chain the reveal is the proposer's BLS
 * signature of the epoch number, the "commitment" is its public key, and `randao_mix` XORs the
 * hash of that signature.) Nobody can choose the output by picking a secret after seeing the
 * others (the commits bind them), but **the last revealer** sees every other reveal before
 * deciding, and can withhold its own: it picks the better of two outputs (one bit of bias; k
 * colluding last revealers choose among 2^k), at the price of its reveal's reward.
 */
import { createHash } from 'node:crypto';
import type { Seed } from '../random/index';
import { stakeWeightedPick, validateStakes } from './selection';
import type { Stakes } from './selection';

const ZERO_MIX = '0'.repeat(64);

/** sha256 of a UTF-8 string, as hex. */
function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The commitment to a secret: `sha256('reveal:' + secret)` in hex, published before the reveal. */
export function commitTo(secret: string): string {
  return sha256Hex(`reveal:${secret}`);
}

/**
 * What a revealed secret adds to the beacon: `sha256('mezcla:' + secret)` in hex, a hash the
 * commit does not give away (it is not a function of `commitTo(secret)` short of knowing the secret).
 */
export function mixContribution(secret: string): string {
  return sha256Hex(`mezcla:${secret}`);
}

/** A validator's secret for an epoch, derived from the seed (deterministic, unpredictable without it). */
export function randaoSecret(seed: Seed, validator: string, epoch: number): string {
  return sha256Hex(`secreto/${String(seed)}/${validator}/${epoch}`);
}

/** XORs two 32-byte hex strings (64 hex digits each). */
export function xorHex(a: string, b: string): string {
  let out = '';
  for (let i = 0; i < 64; i += 8) out += ((parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0).toString(16).padStart(8, '0');
  return out;
}

/** The beacon from a set of valid reveals: XOR of `mixContribution(secret)` (order does not matter). */
export function randaoMix(secrets: readonly string[]): string {
  return secrets.reduce((mix, secret) => xorHex(mix, mixContribution(secret)), ZERO_MIX);
}

/** The uniform draw in [0, 1) a beacon stands for: its first 48 bits over 2^48. */
export function beaconUniform(mix: string): number {
  return parseInt(mix.slice(0, 12), 16) / 2 ** 48;
}

/** How the last revealer behaves. */
export type LastRevealerStrategy = 'honest' | 'withhold-if-better';

/** Options of {@link randaoEpoch}. */
export interface RandaoEpochOptions {
  readonly stakes: Stakes;
  readonly seed: Seed;
  readonly epoch: number;
  /** The order in which validators reveal (default the order of `stakes`): the last one may bias. */
  readonly revealOrder?: readonly string[];
  readonly lastRevealer?: LastRevealerStrategy;
  /** Reveals replaced by something else (a wrong secret): rejected against the commit. */
  readonly forged?: ReadonlyMap<string, string>;
}

/** One epoch of the beacon. */
export interface RandaoEpoch {
  readonly epoch: number;
  readonly commits: ReadonlyMap<string, string>;
  /** Validators whose reveal matched their commit and was mixed in, in reveal order. */
  readonly revealed: readonly string[];
  /** Reveals refused, with the Spanish reason. */
  readonly rejected: readonly { readonly validator: string; readonly reason: string }[];
  /** The validator that withheld its reveal, if any. */
  readonly withheld: string | undefined;
  readonly mix: string;
  /** The next proposer, drawn by stake from the beacon. */
  readonly proposer: string;
}

/**
 * Runs one commit–reveal epoch and draws the next proposer from the beacon, by stake.
 *
 * @example
 * const e = randaoEpoch({ stakes: new Map([['A', 32], ['B', 32], ['C', 32]]), seed: 1, epoch: 0, lastRevealer: 'withhold-if-better' });
 * e.proposer; e.withheld; // C withholds only when that makes C the proposer
 */
export function randaoEpoch(options: RandaoEpochOptions): RandaoEpoch {
  validateStakes(options.stakes);
  const order = options.revealOrder ?? [...options.stakes.keys()];
  const seen = new Set<string>();
  for (const v of order) {
    if (!options.stakes.has(v)) throw new RangeError(`revealOrder: ${v} no es un validador`);
    // A repeated validator would XOR its contribution twice and cancel it out.
    if (seen.has(v)) throw new RangeError(`revealOrder: ${v} aparece más de una vez (cada validador revela una sola vez)`);
    seen.add(v);
  }
  const secrets = new Map(order.map((v) => [v, randaoSecret(options.seed, v, options.epoch)]));
  const commits = new Map([...secrets].map(([v, s]) => [v, commitTo(s)]));
  const revealed: string[] = [];
  const valid: string[] = [];
  const rejected: { validator: string; reason: string }[] = [];
  const last = order[order.length - 1];
  let withheld: string | undefined;
  for (const v of order) {
    const secret = options.forged?.get(v) ?? (secrets.get(v) as string);
    if (commitTo(secret) !== commits.get(v)) {
      rejected.push({ validator: v, reason: `la revelación de ${v} no coincide con su compromiso (sha256 distinto): se descarta` });
      continue;
    }
    if (v === last && options.lastRevealer === 'withhold-if-better') {
      // The last revealer computes both outcomes before deciding.
      const withIt = stakeWeightedPick(options.stakes, beaconUniform(randaoMix([...valid, secret])));
      const without = stakeWeightedPick(options.stakes, beaconUniform(randaoMix(valid)));
      if (withIt !== v && without === v) {
        withheld = v;
        continue;
      }
    }
    valid.push(secret);
    revealed.push(v);
  }
  const mix = randaoMix(valid);
  return { epoch: options.epoch, commits, revealed, rejected, withheld, mix, proposer: stakeWeightedPick(options.stakes, beaconUniform(mix)) };
}

/** The outcome of {@link randaoBias}. */
export interface RandaoBias {
  readonly epochs: number;
  /** The last revealer. */
  readonly attacker: string;
  readonly share: number;
  /** How often the attacker is proposer when honest, and when it withholds if better. */
  readonly honestRate: number;
  readonly biasedRate: number;
  /** 1 − (1 − share)²: the best of two independent draws. */
  readonly biasedTheory: number;
  /** Epochs in which the attacker withheld (and lost that reveal's reward). */
  readonly withheld: number;
}

/**
 * Measures the last revealer's bias over many epochs: honest vs withholding when it pays.
 *
 * @example
 * randaoBias({ stakes: new Map([['A', 32], ['B', 32], ['C', 32], ['D', 32]]), seed: 1, epochs: 2_000 });
 * // D is proposer ≈ 25 % of epochs honest, ≈ 44 % withholding
 */
export function randaoBias(options: { readonly stakes: Stakes; readonly seed: Seed; readonly epochs: number }): RandaoBias {
  const total = validateStakes(options.stakes);
  const order = [...options.stakes.keys()];
  const attacker = order[order.length - 1] as string;
  const share = (options.stakes.get(attacker) ?? 0) / total;
  let honest = 0;
  let biased = 0;
  let withheld = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    if (randaoEpoch({ stakes: options.stakes, seed: options.seed, epoch }).proposer === attacker) honest++;
    const b = randaoEpoch({ stakes: options.stakes, seed: options.seed, epoch, lastRevealer: 'withhold-if-better' });
    if (b.proposer === attacker) biased++;
    if (b.withheld !== undefined) withheld++;
  }
  return { epochs: options.epochs, attacker, share, honestRate: honest / options.epochs, biasedRate: biased / options.epochs, biasedTheory: 1 - (1 - share) ** 2, withheld };
}
