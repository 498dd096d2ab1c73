/**
 * Proof of work, measured: the lecture's `proof_of_work` (hex zeros on a JSON-hashed block) as
 * written, and the difficulty curve, attempts per block against the zero bits asked, next to
 * the geometric distribution each attempt's coin flip gives (success probability p = 2^−d:
 * mean 2^d, standard deviation √(1 − p)/p ≈ 2^d).
 */
import { sha256Hex } from './canonical';
import { createHeaderMiner } from './sha256-midstate';
import type { Rng } from '../random/rng';
import { createRng } from '../random/rng';

/** The lecture's block: `Block(index, previous_hash, data)` with a `nonce` (its class is not in the lecture). */
export interface LectureBlock {
  index: number;
  previous_hash: string;
  data: string;
  nonce: number;
}

/** The lecture's `compute_hash`, as such classes usually write it: SHA-256 of `JSON.stringify(block)`. */
export function lectureComputeHash(block: LectureBlock): string {
  return sha256Hex(JSON.stringify(block));
}

/**
 * The lecture's `proof_of_work(block, difficulty=4)`, translated line by line: nonce from 0
 * until the hash starts with `difficulty` hex zeros. Returns the hash and the attempts it took.
 *
 * @example
 * proofOfWorkLecture({ index: 1, previous_hash: '00000', data: 'Transacción 1', nonce: 0 }); // { hash: '0000…', attempts: … }
 */
export function proofOfWorkLecture(block: LectureBlock, difficulty = 4): { hash: string; attempts: number; nonce: number } {
  block.nonce = 0;
  let attempts = 1;
  while (lectureComputeHash(block).slice(0, difficulty) !== '0'.repeat(difficulty)) {
    block.nonce += 1;
    attempts += 1;
  }
  return { hash: lectureComputeHash(block), attempts, nonce: block.nonce };
}

/** The nearest-rank quantile q of a geometric distribution with success probability p. */
export function geometricQuantile(p: number, q: number): number {
  if (p >= 1) return 1;
  return Math.max(1, Math.ceil(Math.log(1 - q) / Math.log(1 - p)));
}

/** Attempts per block measured at one difficulty, with the theory next to it. */
export interface DifficultyPoint {
  readonly zeroBits: number;
  readonly attempts: readonly number[];
  readonly mean: number;
  readonly p10: number;
  readonly p90: number;
  /** 2^d, the geometric mean. */
  readonly theoryMean: number;
  readonly theoryP10: number;
  readonly theoryP90: number;
}

/** A random 80-byte header (version, previous hash, Merkle root, time, bits; nonce zero). */
export function randomHeader(rng: Rng): Buffer {
  const header = Buffer.alloc(80);
  for (let i = 0; i < 76; i++) header[i] = rng.int(0, 255);
  return header;
}

function nearestRank(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * Mines `blocksPerPoint` random headers at each difficulty (leading zero bits of the double
 * SHA-256, Bitcoin's rule) and returns the attempts each one took. Deterministic per seed.
 *
 * @example
 * difficultyCurve({ seed: 11, zeroBits: [4, 8, 12], blocksPerPoint: 30 });
 */
export function difficultyCurve(options: { seed: number | string; zeroBits: readonly number[]; blocksPerPoint: number }): DifficultyPoint[] {
  const rng = createRng(options.seed);
  return options.zeroBits.map((d) => {
    if (!Number.isInteger(d) || d < 0 || d > 24) throw new RangeError('zeroBits: enteros entre 0 y 24 (más tarda demasiado)');
    const attempts: number[] = [];
    for (let b = 0; b < options.blocksPerPoint; b++) {
      const miner = createHeaderMiner(randomHeader(rng));
      const nonce = miner.search(0, 2 ** 31, d);
      attempts.push(nonce + 1);
    }
    const sorted = [...attempts].sort((x, y) => x - y);
    const p = 2 ** -d;
    return {
      zeroBits: d, attempts, mean: attempts.reduce((s, a) => s + a, 0) / attempts.length,
      p10: nearestRank(sorted, 0.1), p90: nearestRank(sorted, 0.9),
      theoryMean: 2 ** d, theoryP10: geometricQuantile(p, 0.1), theoryP90: geometricQuantile(p, 0.9),
    };
  });
}
