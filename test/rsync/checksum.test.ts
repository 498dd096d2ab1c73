import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { randomBytes, rollWeakChecksum, rsyncBlockSize, rsyncStrongLength, shrinkWeakChecksum, weakChecksum } from '../../lib/rsync/index';

/** rsync's own get_checksum1 (checksum.c), with its four-bytes-at-a-time loop, over signed chars. */
function getChecksum1(buf: Uint8Array): number {
  const x = (i: number) => ((buf[i] ?? 0) << 24) >> 24;
  let s1 = 0;
  let s2 = 0;
  let i = 0;
  for (; i < buf.length - 4; i += 4) {
    s2 = (s2 + 4 * (s1 + x(i)) + 3 * x(i + 1) + 2 * x(i + 2) + x(i + 3)) >>> 0;
    s1 = (s1 + x(i) + x(i + 1) + x(i + 2) + x(i + 3)) >>> 0;
  }
  for (; i < buf.length; i++) {
    s1 = (s1 + x(i)) >>> 0;
    s2 = (s2 + s1) >>> 0;
  }
  return ((s1 & 0xffff) + ((s2 << 16) >>> 0)) >>> 0;
}

describe('rsync weak checksum (checksum.c, match.c)', () => {
  it('sums s1 = Σx and s2 = Σ s1, combined as (s1 & 0xffff) | (s2 << 16)', () => {
    expect(weakChecksum(new TextEncoder().encode('abc'), 0, 3)).toBe(294 + 586 * 65536);
    expect(weakChecksum(new Uint8Array(0), 0, 0)).toBe(0);
  });

  it('reads bytes as signed chars, as rsync does (0xff counts as −1)', () => {
    expect(weakChecksum(Uint8Array.of(0xff), 0, 1)).toBe(0xffff + 0xffff * 65536);
    expect(weakChecksum(Uint8Array.of(0x7f), 0, 1)).toBe(0x7f + 0x7f * 65536);
  });

  it('equals rsync\'s unrolled get_checksum1 on 300 random buffers (seed 10)', () => {
    const rng = createRng(10);
    for (let t = 0; t < 300; t++) {
      const buf = randomBytes(rng, rng.int(0, 3000));
      expect(weakChecksum(buf, 0, buf.length), `seed 10, case ${t}`).toBe(getChecksum1(buf));
    }
  });

  it('rolls in O(1) to the same value as recomputing, at every offset (seed 11)', () => {
    const rng = createRng(11);
    for (const L of [1, 2, 7, 700, 2048]) {
      const data = randomBytes(rng, L + 500);
      let sum = weakChecksum(data, 0, L);
      for (let k = 0; k + L < data.length; k++) {
        sum = rollWeakChecksum(sum, data[k] ?? 0, data[k + L] ?? 0, L);
        expect(sum, `seed 11, L=${L}, offset ${k + 1}`).toBe(weakChecksum(data, k + 1, L));
      }
    }
  });

  it('shrinks the window at the end of a file like recomputing the shorter window', () => {
    const data = randomBytes(createRng(12), 50);
    let sum = weakChecksum(data, 0, 50);
    for (let k = 50; k > 1; k--) {
      sum = shrinkWeakChecksum(sum, data[50 - k] ?? 0, k);
      expect(sum, `k=${k}`).toBe(weakChecksum(data, 51 - k, k - 1));
    }
  });
});

describe('rsync 3 block size (generator.c sum_sizes_sqroot)', () => {
  it.each([
    [0, 700], [1, 700], [490_000, 700], [490_001, 700], [500_000, 704], [1_000_000, 1000], [10_000_000, 3160],
    [1e9, 31616], [2 ** 34 - 1, 131064], [2 ** 34, 131072], [1e13, 131072],
  ])('a %d-byte file gets %d-byte blocks', (length, block) => {
    expect(rsyncBlockSize(length)).toBe(block);
  });

  it('is ⌊√length⌋ rounded down to a multiple of 8 between 490,000 bytes and 16 GiB (seed 13)', () => {
    const rng = createRng(13);
    for (let t = 0; t < 500; t++) {
      const length = Math.floor(490_001 * 35_000 ** rng.next());
      const expected = Math.min(131_072, Math.max(700, Math.floor(Math.floor(Math.sqrt(length)) / 8) * 8));
      expect(rsyncBlockSize(length), `seed 13, length ${length}`).toBe(expected);
    }
  });

  it('rejects a negative or fractional length', () => {
    expect(() => rsyncBlockSize(-1)).toThrow(RangeError);
    expect(() => rsyncBlockSize(1.5)).toThrow(/entero/);
  });

  it('sends 2 strong-checksum bytes per block for small files and more for large ones', () => {
    expect(rsyncStrongLength(20_010, 700)).toBe(2);
    expect(rsyncStrongLength(1e10, rsyncBlockSize(1e10))).toBeGreaterThan(2);
    expect(rsyncStrongLength(1e15, 131072)).toBeLessThanOrEqual(16);
  });
});
