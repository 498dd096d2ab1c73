/**
 * Jump consistent hash (Lamping & Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm",
 * 2014): maps a 64-bit key to one of `buckets` numbered buckets with no table at all, in
 * O(ln buckets) steps; growing from n to n + 1 buckets moves exactly the keys that land in the
 * new bucket (≈ 1/(n + 1) of them), and no other.
 * @packageDocumentation
 */
import { digestUint32BE, md5Words } from './hashing-md5';

/** The paper's 64-bit linear congruential multiplier, 2862933555777941757 = 0x27BB2EE687B0B0FD. */
export const JUMP_MULTIPLIER = 2862933555777941757n;
const MULTIPLIER_HIGH = 0x27bb2ee6;
const MULTIPLIER_LOW = 0x87b0b0fd;
const MASK_64 = (1n << 64n) - 1n;
const TWO_POW_31 = 2147483648;

/**
 * Jump consistent hash with the key as a BigInt: the paper's reference code, line by line.
 *
 * ```c
 * int32_t JumpConsistentHash(uint64_t key, int32_t num_buckets) {
 *   int64_t b = -1, j = 0;
 *   while (j < num_buckets) {
 *     b = j;
 *     key = key * 2862933555777941757ULL + 1;
 *     j = (b + 1) * (double(1LL << 31) / double((key >> 33) + 1));
 *   }
 *   return b;
 * }
 * ```
 * Gives the values of Guava's `HashingTest` (Guava's `Hashing.consistentHash` is this algorithm), e.g.
 * `jumpHashBigInt(10863919174838991n, 11) === 6`.
 */
export function jumpHashBigInt(key: bigint, buckets: number): number {
  checkJumpArguments(key, buckets);
  let state = key;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    state = (state * JUMP_MULTIPLIER + 1n) & MASK_64;
    j = Math.floor((b + 1) * (TWO_POW_31 / (Number(state >> 33n) + 1)));
  }
  return b;
}

/**
 * Jump consistent hash with the 64-bit key given as two unsigned 32-bit halves: the same
 * outputs as {@link jumpHashBigInt} (tests compare them), without BigInt, so about ten times
 * faster. The 64-bit multiply is done on 16-bit pieces so every partial product stays exact in
 * a double.
 * @example
 * jumpHash(0, 2202, 100001); // → 15018, Guava's HashingTest value for key 2202 and 100001 buckets
 */
export function jumpHash(keyHigh: number, keyLow: number, buckets: number): number {
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 2 ** 31 - 1) {
    throw new RangeError(`buckets debe ser un entero entre 1 y 2^31 − 1; recibido ${String(buckets)}`);
  }
  let high = keyHigh >>> 0;
  let low = keyLow >>> 0;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    // (high·2^32 + low) · (MH·2^32 + ML) + 1 mod 2^64.
    const l0 = low & 0xffff;
    const l1 = low >>> 16;
    const m0 = MULTIPLIER_LOW & 0xffff;
    const m1 = MULTIPLIER_LOW >>> 16;
    const p00 = l0 * m0;
    const p01 = l0 * m1;
    const p10 = l1 * m0;
    const middle = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff); // < 3·2^16
    const lowProduct = (((middle & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
    const carryProduct = l1 * m1 + (p01 >>> 16) + (p10 >>> 16) + (middle >>> 16);
    const newLow = lowProduct + 1;
    high = (carryProduct + Math.imul(high, MULTIPLIER_LOW) + Math.imul(low, MULTIPLIER_HIGH) + (newLow > 0xffffffff ? 1 : 0)) >>> 0;
    low = newLow >>> 0;
    j = Math.floor((b + 1) * (TWO_POW_31 / ((high >>> 1) + 1)));
  }
  return b;
}

const digest = new Uint32Array(4);

/**
 * The bucket of a string key: jump hash of the first 8 bytes of MD5(key) read big-endian.
 * @example
 * jumpLookup('usuario:42', 10); // a bucket in 0..9, the same every time
 */
export function jumpLookup(key: string, buckets: number): number {
  md5Words(key, digest);
  return jumpHash(digestUint32BE(digest, 0), digestUint32BE(digest, 1), buckets);
}

/** The 64-bit key {@link jumpLookup} uses for `key`, as a BigInt (first 8 bytes of MD5, big-endian). */
export function jumpKey(key: string): bigint {
  md5Words(key, digest);
  return (BigInt(digestUint32BE(digest, 0)) << 32n) | BigInt(digestUint32BE(digest, 1));
}

/** Throws a clear error unless `key` is a BigInt in [0, 2^64) and `buckets` an integer in [1, 2^31 − 1]. */
export function checkJumpArguments(key: unknown, buckets: unknown): void {
  if (typeof key !== 'bigint' || key < 0n || key > MASK_64) {
    throw new RangeError(`key debe ser un bigint entre 0 y 2^64 − 1; recibido ${typeof key === 'bigint' ? `${key}n` : String(key)}`);
  }
  if (typeof buckets !== 'number' || !Number.isInteger(buckets) || buckets < 1 || buckets > 2 ** 31 - 1) {
    throw new RangeError(`buckets debe ser un entero entre 1 y 2^31 − 1; recibido ${String(buckets)}`);
  }
}
