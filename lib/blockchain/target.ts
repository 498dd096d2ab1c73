/**
 * Bitcoin's proof-of-work rule: a block is valid when its hash, read as a 256-bit number, is at
 * most the target; the header stores the target in 4 bytes ("bits", the compact format of
 * Bitcoin Core's `arith_uint256::SetCompact`/`GetCompact`): one byte of size, three of mantissa,
 * target = mantissa × 256^(size − 3). Leading zero hex digits (the lecture's rule) are the
 * special case target = 16^(64 − zeros) − 1.
 */

/** Bitcoin's proof-of-work limit (main net): the easiest target, 2^224 − 1 (bits 0x1d00ffff). */
export const POW_LIMIT = (1n << 224n) - 1n;

/**
 * The target a compact `bits` value encodes (Core's `arith_uint256::SetCompact`); throws a
 * RangeError for a negative or overflowing one, both judged after a size ≤ 3 shift, as Core does.
 */
export function compactToTarget(bits: number): bigint {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) throw new RangeError(`bits debe ser un entero de 32 bits sin signo, no ${bits}`);
  const size = bits >>> 24;
  let word = bits & 0x007fffff;
  // As Core's SetCompact: shift first, then test sign and overflow on the word that is left,
  // so 0x01803456 is 0 (its sign bit went out with the dropped bytes), not negative.
  if (size <= 3) word >>>= 8 * (3 - size);
  if (word !== 0 && (bits & 0x00800000) !== 0) throw new RangeError(`bits 0x${bits.toString(16)} codifica un objetivo negativo`);
  if (word !== 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32))) throw new RangeError(`bits 0x${bits.toString(16)} se sale de 256 bits`);
  return size <= 3 ? BigInt(word) : BigInt(word) << BigInt(8 * (size - 3));
}

/** The compact `bits` of a target (rounded down to 3 bytes of mantissa, as Bitcoin does). */
export function targetToCompact(target: bigint): number {
  if (target < 0n) throw new RangeError('el objetivo no puede ser negativo');
  let size = Math.ceil(target.toString(2).length / 8);
  if (target === 0n) size = 0;
  let compact = size <= 3 ? Number(target << BigInt(8 * (3 - size))) : Number(target >> BigInt(8 * (size - 3)));
  // The mantissa's top bit is a sign bit: shift one byte right and grow the size.
  if ((compact & 0x00800000) !== 0) {
    compact >>>= 8;
    size += 1;
  }
  return ((compact | (size << 24)) >>> 0);
}

/** The hash (64 hex digits, most significant first) as a number. */
export function hashToBigInt(hashHex: string): bigint {
  if (!/^[0-9a-f]{64}$/i.test(hashHex)) throw new RangeError('el hash debe tener 64 dígitos hexadecimales');
  return BigInt(`0x${hashHex}`);
}

/** Bitcoin's check (`CheckProofOfWork`): the hash is at most the target that `bits` encodes. */
export function meetsCompactTarget(hashHex: string, bits: number): boolean {
  return hashToBigInt(hashHex) <= compactToTarget(bits);
}

/** The lecture's check: the hash starts with `zeros` hexadecimal zeros. */
export function hasHexZeros(hashHex: string, zeros: number): boolean {
  return hashHex.slice(0, zeros) === '0'.repeat(zeros);
}

/** Bitcoin's difficulty of a target: how many times harder than the easiest one (bits 0x1d00ffff). */
export function difficultyOf(bits: number): number {
  return Number(compactToTarget(0x1d00ffff)) / Number(compactToTarget(bits));
}

/** Expected hashes to find a block at a target: 2^256 / (target + 1). */
export function expectedHashes(target: bigint): number {
  return 2 ** 256 / Number(target + 1n);
}
