/**
 * Bitcoin mining's inner loop in plain JavaScript: double SHA-256 of an 80-byte header whose
 * nonce changes. The first 64 bytes (version, previous hash, most of the Merkle root) do not
 * change with the nonce, so their compression (the *midstate*) is done once; each attempt costs
 * two compressions instead of three (FIPS 180-4 §6.2), on 32-bit integers, with no allocation
 * and no call into `node:crypto` (whose per-call overhead dominates on 80 bytes). The two
 * per-attempt compressions use the unrolled version (sha256-unrolled.ts); the looped one below
 * is the readable reference, used once per header for the midstate.
 */
import { compressDigest, compressHeaderTail } from './sha256-unrolled';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256's initial hash value H(0) (FIPS 180-4 §5.3.3). */
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** One SHA-256 compression: `out = state + rounds(state, w[0..15])`; `w` is expanded in place. */
function compress(state: Int32Array, w: Int32Array, out: Int32Array): void {
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  out[0] = (state[0]! + a) | 0; out[1] = (state[1]! + b) | 0; out[2] = (state[2]! + c) | 0; out[3] = (state[3]! + d) | 0;
  out[4] = (state[4]! + e) | 0; out[5] = (state[5]! + f) | 0; out[6] = (state[6]! + g) | 0; out[7] = (state[7]! + h) | 0;
}

function readWord(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) | 0;
}

function byteSwap(x: number): number {
  return ((x >>> 24) | ((x >>> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24)) | 0;
}

/** A miner for one 80-byte header: its midstate and scratch space, reused for every nonce. */
export interface HeaderMiner {
  /** Double SHA-256 of the header with this nonce (little-endian, as Bitcoin stores it), into `out` (8 words, big-endian). */
  hash(nonce: number, out: Int32Array): void;
  /**
   * Tries `count` nonces from `start`; returns the first whose hash, read as Bitcoin does
   * (little-endian number), has at least `zeroBits` leading zero bits, or -1.
   */
  search(start: number, count: number, zeroBits: number): number;
}

/**
 * Builds a miner for `header` (80 bytes; its last 4 bytes, the nonce, are ignored).
 *
 * @example
 * const miner = createHeaderMiner(header);
 * const nonce = miner.search(0, 1e6, 16); // a nonce with 16 zero bits, or -1
 */
export function createHeaderMiner(header: Uint8Array): HeaderMiner {
  if (header.length !== 80) throw new RangeError(`la cabecera debe tener 80 bytes, no ${header.length}`);
  const w = new Int32Array(64);
  const midstate = new Int32Array(8);
  for (let i = 0; i < 16; i++) w[i] = readWord(header, i * 4);
  compress(IV, w, midstate);
  const tail = [readWord(header, 64), readWord(header, 68), readWord(header, 72)];
  const first = new Int32Array(8);
  const tailWords = new Int32Array(4);
  tailWords[0] = tail[0]!; tailWords[1] = tail[1]!; tailWords[2] = tail[2]!;
  const hash = (nonce: number, out: Int32Array): void => {
    // First hash, second block: 16 header bytes (the nonce little-endian), padding, length 640 bits.
    tailWords[3] = byteSwap(nonce);
    compressHeaderTail(midstate, tailWords, first);
    // Second hash: the 32-byte digest, padding, length 256 bits.
    compressDigest(IV, first, out);
  };
  const digest = new Int32Array(8);
  const search = (start: number, count: number, zeroBits: number): number => {
    for (let n = 0; n < count; n++) {
      const nonce = (start + n) >>> 0;
      hash(nonce, digest);
      // Bitcoin reads the digest as a little-endian number: its top bits are the last bytes.
      if (leadingZeroBitsLittleEndian(digest) >= zeroBits) return nonce;
    }
    return -1;
  };
  return { hash, search };
}

/** Leading zero bits of a digest (8 big-endian words) read as a little-endian 256-bit number. */
export function leadingZeroBitsLittleEndian(digest: Int32Array): number {
  let bits = 0;
  for (let i = 7; i >= 0; i--) {
    const word = byteSwap(digest[i]!);
    if (word === 0) { bits += 32; continue; }
    return bits + Math.clz32(word);
  }
  return bits;
}

/** The digest words as the 32 bytes SHA-256 outputs (big-endian words). */
export function digestBytes(digest: Int32Array): Buffer {
  const out = Buffer.alloc(32);
  for (let i = 0; i < 8; i++) out.writeInt32BE(digest[i]!, i * 4);
  return out;
}
