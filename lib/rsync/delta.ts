/**
 * rsync's delta algorithm (Tridgell & Mackerras 1996; rsync's match.c `hash_search`): the
 * receiver sends a signature of its old file (weak + strong checksum per block); the sender
 * slides a window over the new file, one byte at a time with the O(1) rolling update, and
 * emits "copy block i" wherever a window matches a block, literal bytes elsewhere.
 */
import { fileChecksum, shrinkWeakChecksum, strongChecksum, weakChecksum } from './checksum';
import { rsyncBlockSize } from './block-size';
import { DeltaError } from './patch';

/** One block of a signature: where it is in the basis file and its two checksums. */
export interface BlockSignature {
  readonly index: number;
  readonly offset: number;
  readonly length: number;
  /** rsync's weak checksum, an unsigned 32-bit number. */
  readonly weak: number;
  /** MD5 of the block, hex. */
  readonly strong: string;
}

/** What the receiver sends about its old (basis) file: block size, length and one entry per block. */
export interface Signature {
  readonly blockSize: number;
  readonly fileLength: number;
  readonly blocks: readonly BlockSignature[];
}

/** One instruction of a delta: copy block `index` of the basis, or insert literal bytes. */
export type DeltaOp = { readonly type: 'copy'; readonly index: number } | { readonly type: 'literal'; readonly data: Uint8Array };

/** A delta: the instructions that rebuild the new file from the basis, and the new file's MD5. */
export interface Delta {
  readonly blockSize: number;
  readonly targetLength: number;
  /** MD5 of the new file, hex: the receiver checks the rebuilt file against it. */
  readonly targetChecksum: string;
  readonly ops: readonly DeltaOp[];
}

/** Counters of a delta computation, named like rsync's `--stats` and `-vv` output. */
export interface DeltaStats {
  /** Bytes sent as literal data (rsync's «Literal data»). */
  readonly literalBytes: number;
  /** Bytes rebuilt from matched blocks (rsync's «Matched data»). */
  readonly matchedBytes: number;
  /** Blocks matched. */
  readonly matches: number;
  /** Weak checksum hits (rsync's `hash_hits`): windows whose weak checksum is some block's. */
  readonly weakHits: number;
  /** Weak hits whose strong checksum differed (rsync's `false_alarms`). */
  readonly falseAlarms: number;
  /** Positions where the window was checked, one per byte not skipped by a match. */
  readonly windows: number;
}

/** One match, as rsync's `--debug=deltasum3` prints it: «match at OFFSET … j=INDEX len=LENGTH». */
export interface DeltaMatch {
  readonly offset: number;
  readonly index: number;
  readonly length: number;
}

/** A computed delta with its counters and the list of matches. */
export interface DeltaResult {
  readonly delta: Delta;
  readonly stats: DeltaStats;
  readonly matches: readonly DeltaMatch[];
}

/** Options of {@link computeDelta}. */
export interface DeltaOptions {
  /** The rolling update to use (default: the kit's own `rollWeakChecksum`, inlined); exercise 10.1 plugs in here. */
  readonly roll?: (checksum: number, outByte: number, inByte: number, blockLength: number) => number;
  /** Use only the weak checksum to accept a match (a broken rsync, to show why the strong hash exists). */
  readonly weakOnly?: boolean;
}

/**
 * The signature of a basis file: blocks of `blockSize` bytes (default: rsync 3's rule for its
 * length, {@link rsyncBlockSize}), the last one shorter, each with its weak and strong checksum.
 * @example
 * const sig = signature(new TextEncoder().encode('hola mundo'), 4);
 * sig.blocks.map((b) => b.length); // [4, 4, 2]
 */
export function signature(basis: Uint8Array, blockSize?: number): Signature {
  if (!(basis instanceof Uint8Array)) throw new TypeError('signature: el archivo base debe ser un Uint8Array');
  const size = blockSize ?? rsyncBlockSize(basis.length);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`signature: el tamaño de bloque debe ser un entero ≥ 1, no ${String(blockSize)}`);
  const blocks: BlockSignature[] = [];
  for (let offset = 0, index = 0; offset < basis.length; offset += size, index++) {
    const length = Math.min(size, basis.length - offset);
    blocks.push({ index, offset, length, weak: weakChecksum(basis, offset, length), strong: strongChecksum(basis, offset, length) });
  }
  return { blockSize: size, fileLength: basis.length, blocks };
}

/**
 * Checks a signature that came from the other side before searching with it: block size, and
 * blocks laid end to end from 0 with their own index, all of `blockSize` bytes but a shorter last
 * one, a 32-bit weak sum and a 32-hex-digit MD5 each. Anything else is a `DeltaError('malformed')`.
 */
export function checkSignature(sig: Signature): void {
  const bad = (what: string): never => {
    throw new DeltaError('malformed', `firma corrupta: ${what}`);
  };
  if (sig === null || typeof sig !== 'object' || !Array.isArray(sig.blocks)) bad('no es { blockSize, fileLength, blocks }');
  if (!Number.isInteger(sig.blockSize) || sig.blockSize < 1) bad(`tamaño de bloque ${String(sig.blockSize)}`);
  let offset = 0;
  for (const [i, b] of sig.blocks.entries()) {
    if (b === null || typeof b !== 'object') bad(`el bloque ${i} no es un objeto`);
    if (b.index !== i || b.offset !== offset) bad(`el bloque ${i} dice ser el ${String(b.index)} en el byte ${String(b.offset)}`);
    const last = i === sig.blocks.length - 1;
    if (!Number.isInteger(b.length) || b.length < 1 || b.length > sig.blockSize || (!last && b.length !== sig.blockSize)) bad(`el bloque ${i} mide ${String(b.length)} bytes`);
    if (!Number.isInteger(b.weak) || b.weak < 0 || b.weak > 0xffffffff) bad(`suma débil del bloque ${i}: ${String(b.weak)}`);
    if (typeof b.strong !== 'string' || !/^[0-9a-f]{32}$/.test(b.strong)) bad(`suma fuerte del bloque ${i}: ${String(b.strong)}`);
    offset += b.length;
  }
  if (sig.fileLength !== offset) bad(`los bloques suman ${offset} bytes y el archivo ${String(sig.fileLength)}`);
}

/**
 * The delta from a basis (known only by its `sig`) to `target`, searched exactly as rsync's
 * `hash_search`: the window is [offset, offset + min(blockSize, rest)); a block matches when
 * weak checksum, length and strong checksum agree; among equal blocks the one after the last
 * match is preferred (rsync's `want_i`), else the highest index (rsync's hash chain order); after
 * a match the window jumps past it; the search stops once the rest is shorter than the last block.
 * @example
 * const enc = new TextEncoder();
 * const { stats } = computeDelta(signature(enc.encode('aaaabbbbcccc'), 4), enc.encode('aaaaXbbbbcccc'));
 * stats; // { literalBytes: 1, matchedBytes: 12, matches: 3, … }
 */
export function computeDelta(sig: Signature, target: Uint8Array, options: DeltaOptions = {}): DeltaResult {
  if (!(target instanceof Uint8Array)) throw new TypeError('computeDelta: el archivo nuevo debe ser un Uint8Array');
  checkSignature(sig);
  const custom = options.roll;
  // rsync reads bytes as signed chars (checksum.c's schar): the same memory, viewed as Int8.
  const signedTarget = new Int8Array(target.buffer, target.byteOffset, target.length);
  const blockSize = sig.blockSize;
  const len = target.length;
  const ops: DeltaOp[] = [];
  const matches: DeltaMatch[] = [];
  let literalBytes = 0;
  let matchedBytes = 0;
  let weakHits = 0;
  let falseAlarms = 0;
  let windows = 0;
  let lastMatch = 0;
  const emitLiteral = (upTo: number) => {
    if (upTo > lastMatch) {
      ops.push({ type: 'literal', data: target.slice(lastMatch, upTo) });
      literalBytes += upTo - lastMatch;
    }
  };
  const last = sig.blocks[sig.blocks.length - 1];
  if (len > 0 && last !== undefined) {
    // rsync's hash chains list blocks with the same weak sum from the highest index down.
    const byWeak = new Map<number, number[]>();
    // A 2¹⁶-entry filter in front of the map, as rsync's hash table is: most windows miss it.
    const present = new Uint8Array(1 << 16);
    for (const b of sig.blocks) {
      present[(b.weak ^ (b.weak >>> 16)) & 0xffff] = 1;
      const chain = byWeak.get(b.weak);
      if (chain === undefined) byWeak.set(b.weak, [b.index]);
      else chain.unshift(b.index);
    }
    let k = Math.min(len, blockSize);
    let sum = weakChecksum(target, 0, k);
    let wantIndex = 0;
    const end = len + 1 - last.length;
    let offset = 0;
    do {
      windows++;
      const chain = present[(sum ^ (sum >>> 16)) & 0xffff] === 1 ? byWeak.get(sum) : undefined;
      if (chain !== undefined) {
        weakHits++;
        const l = Math.min(blockSize, len - offset);
        let strong: string | undefined;
        for (const i of chain) {
          const block = sig.blocks[i] as BlockSignature;
          if (block.length !== l) continue;
          if (!options.weakOnly) {
            strong ??= strongChecksum(target, offset, l);
            if (strong !== block.strong) {
              falseAlarms++;
              continue;
            }
          }
          let chosen = i;
          const wanted = sig.blocks[wantIndex];
          if (i !== wantIndex && wanted !== undefined && wanted.weak === sum && (options.weakOnly || wanted.strong === strong)) chosen = wantIndex;
          wantIndex = chosen + 1;
          emitLiteral(offset);
          ops.push({ type: 'copy', index: chosen });
          const matchedLength = (sig.blocks[chosen] as BlockSignature).length;
          matches.push({ offset, index: chosen, length: matchedLength });
          matchedBytes += matchedLength;
          offset += matchedLength - 1;
          lastMatch = offset + 1;
          k = Math.min(blockSize, len - offset);
          sum = weakChecksum(target, offset, k);
          break;
        }
      }
      // Slide one byte: drop target[offset], add target[offset + k] if there is one, else shrink.
      if (offset + k < len) {
        if (custom === undefined) {
          // rollWeakChecksum inlined (the hot loop: one pass per byte), over signed chars.
          const out = signedTarget[offset] ?? 0;
          const s1 = ((sum & 0xffff) - out + (signedTarget[offset + k] ?? 0)) & 0xffff;
          sum = (s1 | ((((sum >>> 16) - k * out + s1) & 0xffff) << 16)) >>> 0;
        } else {
          sum = custom(sum, target[offset] ?? 0, target[offset + k] ?? 0, k);
        }
      } else if (k > 0) {
        // Near the end the window shrinks: drop the first byte and add none (s2 −= k·out).
        sum = shrinkWeakChecksum(sum, target[offset] ?? 0, k);
        k--;
      }
    } while (++offset < end);
  }
  emitLiteral(len);
  const delta: Delta = { blockSize, targetLength: len, targetChecksum: fileChecksum(target), ops };
  return { delta, stats: { literalBytes, matchedBytes, matches: matches.length, weakHits, falseAlarms, windows }, matches };
}
