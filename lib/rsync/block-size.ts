/**
 * rsync 3's default block size and strong-checksum length (generator.c, `sum_sizes_sqroot`).
 */

/** rsync's `BLOCK_SIZE`: the block size of every file up to 700² = 490,000 bytes. */
export const RSYNC_BLOCK_SIZE = 700;
/** rsync's `MAX_BLOCK_SIZE` for protocol 30 and later: 1 << 17 = 131,072 bytes. */
export const RSYNC_MAX_BLOCK_SIZE = 1 << 17;

/**
 * rsync 3's default block size for a basis file of `fileLength` bytes: 700 up to 490,000 bytes,
 * else ⌊√length⌋ rounded down to a multiple of 8 (never under 700), capped at 131,072. Written as
 * rsync computes it, bit by bit from the highest power of two whose square fits.
 * @example
 * rsyncBlockSize(10_000_000); // 3160 (√10⁷ = 3162,3 → 3160)
 */
export function rsyncBlockSize(fileLength: number): number {
  if (!Number.isSafeInteger(fileLength) || fileLength < 0) throw new RangeError(`rsyncBlockSize: la longitud debe ser un entero ≥ 0, no ${fileLength}`);
  if (fileLength <= RSYNC_BLOCK_SIZE * RSYNC_BLOCK_SIZE) return RSYNC_BLOCK_SIZE;
  // c = 2^⌊log4(length)⌋, the highest power of two whose square is ≤ length.
  let c = 1;
  for (let l = Math.floor(fileLength / 4); l > 0; l = Math.floor(l / 4)) c *= 2;
  if (c >= RSYNC_MAX_BLOCK_SIZE) return RSYNC_MAX_BLOCK_SIZE;
  let blockLength = 0;
  do {
    blockLength |= c;
    if (fileLength < blockLength * blockLength) blockLength &= ~c;
    c >>= 1;
  } while (c >= 8);
  return Math.max(blockLength, RSYNC_BLOCK_SIZE);
}

/**
 * How many bytes of each block's strong checksum rsync sends (`s2length`, 2–16): enough bits that
 * a false match over the whole file is unlikely; rsync checks the whole file at the end and
 * resends it with full-length sums if that ever fails.
 */
export function rsyncStrongLength(fileLength: number, blockLength: number): number {
  let b = 10; // BLOCKSUM_BIAS
  for (let l = Math.floor(fileLength / 2); l > 0; l = Math.floor(l / 2)) b += 2;
  for (let c = blockLength >> 1; c > 0 && b > 0; c >>= 1) b--;
  const s2length = Math.trunc((b + 1 - 32 + 7) / 8);
  return Math.min(Math.max(s2length, 2), 16);
}
