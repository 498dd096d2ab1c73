/**
 * rsync's two block checksums (Tridgell & Mackerras 1996; rsync's `checksum.c` and `match.c`):
 * the weak rolling checksum, cheap to slide one byte along a file, and the strong hash (MD5
 * here, from `node:crypto`) that confirms a weak match.
 */
import * as crypto from 'node:crypto';

/**
 * rsync's `CHAR_OFFSET`: a constant added to every byte before summing. rsync defines it as 0
 * (checksum.c), so it changes nothing; it stays here to show where it would go.
 */
export const CHAR_OFFSET = 0;

/**
 * The value rsync sums for a byte: rsync reads data through `schar *` (signed char), so bytes
 * 128–255 count as −128…−1. The checksums equal real rsync's only with this conversion.
 */
export function signedByte(byte: number): number {
  return byte >= 128 ? byte - 256 : byte;
}

/**
 * rsync's weak checksum `get_checksum1` of `length` bytes of `data` from `start`:
 * s1 = Σ xᵢ, s2 = Σ s1 (= Σ (L − i)·xᵢ), both mod 2¹⁶, combined as `(s1 & 0xffff) | (s2 << 16)`
 * (an unsigned 32-bit number), with xᵢ the signed byte plus {@link CHAR_OFFSET}.
 * @example
 * weakChecksum(new TextEncoder().encode('abc'), 0, 3); // 0x024a0126: s1 = 97 + 98 + 99 = 294, s2 = 97 + 195 + 294 = 586
 */
export function weakChecksum(data: Uint8Array, start: number, length: number): number {
  // The same memory viewed as signed chars, as rsync's `schar *buf`.
  const n = Math.max(0, Math.min(length, data.length - start));
  if (n === 0) return 0;
  const bytes = new Int8Array(data.buffer, data.byteOffset + start, n);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    s1 = (s1 + (bytes[i] as number)) | 0;
    s2 = (s2 + s1) | 0;
  }
  // CHAR_OFFSET (0) would add L·CHAR_OFFSET to s1 and L(L+1)/2·CHAR_OFFSET to s2.
  s1 = (s1 + n * CHAR_OFFSET) | 0;
  s2 = (s2 + ((n * (n + 1)) / 2) * CHAR_OFFSET) | 0;
  return ((s1 & 0xffff) | (s2 << 16)) >>> 0;
}

/**
 * The O(1) update of the weak checksum when the window of `blockLength` bytes slides one byte
 * right: `outByte` leaves, `inByte` enters (rsync's match.c: `s1 -= out; s2 -= k·out;
 * s1 += in; s2 += s1`). Bytes are raw 0–255 and converted like rsync's signed chars.
 */
export function rollWeakChecksum(checksum: number, outByte: number, inByte: number, blockLength: number): number {
  const out = signedByte(outByte) + CHAR_OFFSET;
  const s1 = ((checksum & 0xffff) - out + signedByte(inByte) + CHAR_OFFSET) & 0xffff;
  const s2 = ((checksum >>> 16) - blockLength * out + s1) & 0xffff;
  return (s1 | (s2 << 16)) >>> 0;
}

/**
 * The weak checksum of the window after its first byte `outByte` is dropped and no byte enters
 * (the window of `blockLength` bytes shrinks at the end of a file): s1 −= out, s2 −= L·out.
 */
export function shrinkWeakChecksum(checksum: number, outByte: number, blockLength: number): number {
  const out = signedByte(outByte) + CHAR_OFFSET;
  const s1 = ((checksum & 0xffff) - out) & 0xffff;
  const s2 = ((checksum >>> 16) - blockLength * out) & 0xffff;
  return (s1 | (s2 << 16)) >>> 0;
}

// One-shot `crypto.hash` (Node ≥ 20.12) costs half of `createHash` for a 700-byte block.
const md5Hex: (data: Uint8Array) => string = typeof crypto.hash === 'function'
  ? (data) => crypto.hash('md5', data, 'hex')
  : (data) => crypto.createHash('md5').update(data).digest('hex');

/** The strong checksum of a block: MD5 of `length` bytes of `data` from `start`, as hex. */
export function strongChecksum(data: Uint8Array, start: number, length: number): string {
  return md5Hex(data.subarray(start, start + length));
}

/** The whole-file checksum the receiver verifies at the end (rsync sends one after the delta): MD5, hex. */
export function fileChecksum(data: Uint8Array): string {
  return md5Hex(data);
}
