import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import {
  applyDelta, computeDelta, decodeDelta, DeltaError, EDIT_KINDS, editFile, encodeDelta, randomBytes, signature, weakChecksum,
} from '../../lib/rsync/index';
import type { Delta } from '../../lib/rsync/index';

const enc = (s: string) => new TextEncoder().encode(s);
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** A random sequence of insertions, deletions and overwrites of `basis`. */
function randomEdits(basis: Uint8Array, rng: ReturnType<typeof createRng>): Uint8Array {
  let out = Buffer.from(basis);
  for (let e = rng.int(0, 6); e > 0; e--) {
    const at = rng.int(0, out.length);
    const op = rng.int(0, 2);
    const piece = Buffer.from(randomBytes(rng, rng.int(1, 300)));
    if (op === 0) out = Buffer.concat([out.subarray(0, at), piece, out.subarray(at)]);
    else if (op === 1) out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + piece.length))]);
    else out = Buffer.concat([out.subarray(0, at), piece, out.subarray(Math.min(out.length, at + piece.length))]);
  }
  return new Uint8Array(out);
}

describe('rsync delta: signature, search, rebuild', () => {
  it('splits the basis into blocks, the last one shorter', () => {
    const sig = signature(enc('hola mundo'), 4);
    expect(sig.blocks.map((b) => [b.offset, b.length])).toEqual([[0, 4], [4, 4], [8, 2]]);
    expect(signature(new Uint8Array(0), 700).blocks).toEqual([]);
  });

  it('sends one literal byte for one inserted byte, and matches every block', () => {
    const { stats, delta } = computeDelta(signature(enc('aaaabbbbcccc'), 4), enc('aaaaXbbbbcccc'));
    expect(stats).toMatchObject({ literalBytes: 1, matchedBytes: 12, matches: 3 });
    expect(delta.ops.map((o) => (o.type === 'copy' ? o.index : 'L'))).toEqual([0, 'L', 1, 2]);
  });

  it('matches the short last block only at the very end of the new file', () => {
    const r = computeDelta(signature(enc('abcdefghij'), 4), enc('ijabcdefghij'));
    expect(r.matches.map((m) => [m.offset, m.index, m.length])).toEqual([[2, 0, 4], [6, 1, 4], [10, 2, 2]]);
    // "ij" at the start is the last block's content but not at the end: rsync sends it literally.
    expect(r.stats.literalBytes).toBe(2);
  });

  it('round-trips random edits of random files through encode/decode (200 seeds)', () => {
    for (let seed = 0; seed < 200; seed++) {
      const rng = createRng(`vuelta-${seed}`);
      // Tiny blocks cost an MD5 per byte or two: keep their files small.
      const blockSize = rng.choice([1, 2, 8, 16, 64, 128, 700, 700]);
      const basis = randomBytes(rng, rng.int(0, blockSize < 16 ? 600 : 4000));
      const target = randomEdits(basis, rng);
      const sig = signature(basis, blockSize);
      const { delta, stats } = computeDelta(sig, target);
      expect(stats.literalBytes + stats.matchedBytes, `seed ${seed}`).toBe(target.length);
      const rebuilt = applyDelta(basis, decodeDelta(encodeDelta(delta)), sig);
      expect(same(rebuilt, target), `seed ${seed}: rebuilt file differs`).toBe(true);
    }
  });

  it('handles every edit kind of the chapter, and an empty old or new file', () => {
    const basis = randomBytes(createRng(5), 30_000);
    for (const kind of EDIT_KINDS) {
      const pair = editFile(basis, kind, createRng(kind));
      const sig = signature(pair.basis);
      expect(same(applyDelta(pair.basis, computeDelta(sig, pair.target).delta, sig), pair.target), kind).toBe(true);
    }
    expect(computeDelta(signature(new Uint8Array(0)), basis).stats.literalBytes).toBe(basis.length);
    expect(applyDelta(basis, computeDelta(signature(basis), new Uint8Array(0)).delta).length).toBe(0);
  });

  it('is deterministic: same files, same delta bytes', () => {
    const pair = editFile(randomBytes(createRng(6), 20_000), 'bloques movidos', createRng(6));
    const a = encodeDelta(computeDelta(signature(pair.basis), pair.target).delta);
    const b = encodeDelta(computeDelta(signature(pair.basis), pair.target).delta);
    expect(same(a, b)).toBe(true);
  });
});

describe('rsync delta: the strong checksum and bad input', () => {
  // x₀+1, x₁−2, x₂+1 keeps s1 and s2 (L·1 − 2(L−1) + (L−2) = 0): a weak collision.
  const block = enc('ABCDEFGH');
  const twin = enc('BACDEFGH'.replace('BA', 'B?')).map((_, i) => (block[i] ?? 0) + (i === 0 ? 1 : i === 1 ? -2 : i === 2 ? 1 : 0));

  it('a weak collision is a false alarm caught by MD5', () => {
    expect(weakChecksum(twin, 0, 8)).toBe(weakChecksum(block, 0, 8));
    const r = computeDelta(signature(block, 8), twin);
    expect(r.stats).toMatchObject({ matches: 0, falseAlarms: 1, literalBytes: 8 });
  });

  it('without the strong checksum, the collision rebuilds the wrong file (caught by the file MD5)', () => {
    const r = computeDelta(signature(block, 8), twin, { weakOnly: true });
    expect(r.stats.matches).toBe(1);
    expect(() => applyDelta(block, r.delta)).toThrow(/MD5/);
  });

  it('refuses a block whose basis changed since the signature (block checksum mismatch)', () => {
    const basis = randomBytes(createRng(7), 4000);
    const sig = signature(basis, 700);
    const { delta } = computeDelta(sig, basis);
    const changed = basis.slice();
    changed[1500] = (changed[1500] ?? 0) ^ 1;
    expect(() => applyDelta(changed, delta, sig)).toThrow(DeltaError);
    expect(() => applyDelta(changed, delta, sig)).toThrow(/bloque 2 del archivo base no coincide con su firma/);
  });

  it('refuses a copy of a block that does not exist', () => {
    const bad: Delta = { blockSize: 4, targetLength: 4, targetChecksum: '00', ops: [{ type: 'copy', index: 9 }] };
    expect(() => applyDelta(enc('abcdefgh'), bad)).toThrow(/bloque 9.*solo tiene 2/);
  });

  it('refuses a corrupted target length before allocating it (u32 0xffffffff is not 4 GB of memory)', () => {
    const basis = enc('abcdefgh');
    const bytes = encodeDelta(computeDelta(signature(basis, 4), enc('abcdXefgh')).delta);
    const corrupt = bytes.slice();
    new DataView(corrupt.buffer).setUint32(8, 0xffffffff);
    const decoded = decodeDelta(corrupt);
    expect(decoded.targetLength).toBe(0xffffffff);
    let error: unknown;
    try {
      applyDelta(basis, decoded);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeltaError);
    expect((error as DeltaError).kind).toBe('length-mismatch');
    expect((error as DeltaError).message).toMatch(/anuncia 4294967295 bytes.*1 bytes literales y 2 copias.*no pueden dar más de 9/);
    // One byte over what the ops can produce is refused the same way; the exact length still rebuilds.
    const over: Delta = { ...decoded, targetLength: 10 };
    expect(() => applyDelta(basis, over)).toThrow(/anuncia 10 bytes.*no pueden dar más de 9/);
    expect(new TextDecoder().decode(applyDelta(basis, decodeDelta(bytes)))).toBe('abcdXefgh');
    // Repeated copies are bounded by the block size, and by the basis when it is shorter than a block.
    const tiny: Delta = { blockSize: 1000, targetLength: 7, targetChecksum: '00', ops: [{ type: 'copy', index: 0 }, { type: 'copy', index: 0 }] };
    expect(() => applyDelta(enc('abc'), tiny)).toThrow(/no pueden dar más de 6/);
  });

  it('every single corrupted byte of an encoded delta is an error or, if the file still checks, the same file (seed 8)', () => {
    const rng = createRng(8);
    const pair = editFile(randomBytes(rng, 5000), 'inserción', rng);
    const sig = signature(pair.basis, 256);
    const bytes = encodeDelta(computeDelta(sig, pair.target).delta);
    let errors = 0;
    for (let i = 0; i < bytes.length; i += 7) {
      const corrupt = bytes.slice();
      corrupt[i] = (corrupt[i] ?? 0) ^ (1 << rng.int(0, 7));
      try {
        const rebuilt = applyDelta(pair.basis, decodeDelta(corrupt), sig);
        expect(same(rebuilt, pair.target), `seed 8, byte ${i}`).toBe(true);
      } catch (error) {
        expect(error, `seed 8, byte ${i}`).toBeInstanceOf(DeltaError);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(0);
  });

  it('refuses a hostile signature (wrong index, offsets, lengths, sums) before searching', () => {
    const sig = signature(enc('abcdefghij'), 4);
    const target = enc('abcdefghij');
    const with0 = (patch: object, at = 1) => ({ ...sig, blocks: sig.blocks.map((b, i) => (i === at ? { ...b, ...patch } : b)) });
    expect(() => computeDelta(with0({ index: 7 }), target)).toThrow(/firma corrupta: el bloque 1 dice ser el 7/);
    expect(() => computeDelta(with0({ length: 3 }), target)).toThrow(/mide 3 bytes/);
    expect(() => computeDelta(with0({ weak: -1 }), target)).toThrow(/suma débil/);
    expect(() => computeDelta(with0({ strong: 'zz' }), target)).toThrow(/suma fuerte/);
    expect(() => computeDelta({ ...sig, blockSize: 0 }, target)).toThrow(DeltaError);
    expect(() => computeDelta({ ...sig, fileLength: 99 }, target)).toThrow(/suman 10 bytes/);
    expect(computeDelta(sig, target).stats.matchedBytes).toBe(10);
  });

  it('rejects truncated, trailing and foreign bytes with a clear message', () => {
    const bytes = encodeDelta(computeDelta(signature(enc('abcdefgh'), 4), enc('abcdXefgh')).delta);
    expect(() => decodeDelta(bytes.subarray(0, bytes.length - 3))).toThrow(/delta corrupto/);
    expect(() => decodeDelta(Uint8Array.from([...bytes, 0]))).toThrow(/sobran 1 bytes/);
    expect(() => decodeDelta(enc('hola'))).toThrow(/RSD1/);
    expect(() => signature(enc('x'), 0)).toThrow(RangeError);
  });
});
