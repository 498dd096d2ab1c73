import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHeaderMiner, digestBytes, leadingZeroBitsLittleEndian } from '../../lib/blockchain/sha256-midstate';
import { compactToTarget, hasHexZeros, meetsCompactTarget, POW_LIMIT, targetToCompact } from '../../lib/blockchain/target';
import { BITCOIN_RETARGET_CASES, nextWorkRequired, simulateRetargeting, TARGET_TIMESPAN_S } from '../../lib/blockchain/retarget';
import { difficultyCurve, geometricQuantile, proofOfWorkLecture, randomHeader } from '../../lib/blockchain/pow';
import { leadingZeroBits } from '../../lib/blockchain/block';
import { retargetFigure } from '../../lib/blockchain/plots';
import { createRng } from '../../lib/random/index';

describe('midstate double SHA-256', () => {
  it('equals node:crypto on random headers and nonces', () => {
    const rng = createRng('midstate');
    const out = new Int32Array(8);
    for (let i = 0; i < 50; i++) {
      const header = randomHeader(rng);
      const nonce = rng.int(0, 0xffffffff);
      const full = Buffer.from(header);
      full.writeUInt32LE(nonce, 76);
      const expected = createHash('sha256').update(createHash('sha256').update(full).digest()).digest('hex');
      createHeaderMiner(header).hash(nonce, out);
      expect(digestBytes(out).toString('hex'), `case ${i} (seed midstate)`).toBe(expected);
      // Bitcoin reads the digest little-endian: the displayed hash is the reversed bytes.
      expect(leadingZeroBitsLittleEndian(out)).toBe(leadingZeroBits(Buffer.from(expected, 'hex').reverse().toString('hex')));
    }
  });

  it('search finds the first nonce with the zero bits asked', () => {
    const header = randomHeader(createRng('search'));
    const miner = createHeaderMiner(header);
    const out = new Int32Array(8);
    const nonce = miner.search(0, 1 << 20, 12);
    expect(nonce).toBeGreaterThanOrEqual(0);
    miner.hash(nonce, out);
    expect(leadingZeroBitsLittleEndian(out)).toBeGreaterThanOrEqual(12);
    for (let n = 0; n < nonce; n++) { miner.hash(n, out); expect(leadingZeroBitsLittleEndian(out)).toBeLessThan(12); }
    expect(() => createHeaderMiner(Buffer.alloc(79))).toThrow(/80 bytes/);
  });
});

describe('Bitcoin target rule', () => {
  it('accepts a hash equal to the target and rejects the next one (off by one)', () => {
    const target = compactToTarget(0x1d00ffff);
    const hex = (n: bigint) => n.toString(16).padStart(64, '0');
    expect(meetsCompactTarget(hex(target), 0x1d00ffff)).toBe(true);
    expect(meetsCompactTarget(hex(target + 1n), 0x1d00ffff)).toBe(false);
    expect(meetsCompactTarget(hex(target - 1n), 0x1d00ffff)).toBe(true);
    expect(target).toBe(0xffffn << 208n);
  });

  it.each([[0x1d00ffff], [0x1c05a3f4], [0x1b0404cb], [0x207fffff], [0x03123456], [0x05009234]])('round-trips bits 0x%s', (bits) => {
    expect(targetToCompact(compactToTarget(bits))).toBe(bits);
  });

  it.each([[0x04923456, /negativo/], [0x01fedcba, /negativo/], [0xff123456, /256 bits/], [1.5, /entero/]])('refuses bits %s', (bits, message) => {
    expect(() => compactToTarget(bits)).toThrow(message);
  });

  // Bitcoin Core's arith_uint256_tests: with size ≤ 3 the sign bit is judged after the shift.
  it.each([[0x01803456, 0n], [0x02800056, 0n], [0x00923456, 0n], [0x01123456, 0x12n], [0x02123456, 0x1234n]])('reads bits 0x%s as Core\'s SetCompact does', (bits, expected) => {
    expect(compactToTarget(bits)).toBe(expected);
  });

  it('keeps the lecture\'s hex-zero rule as a special case', () => {
    expect(hasHexZeros('0000ab', 4)).toBe(true);
    expect(hasHexZeros('000ab0', 4)).toBe(false);
  });
});

describe('retargeting (Bitcoin Core pow_tests.cpp)', () => {
  it.each(BITCOIN_RETARGET_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(nextWorkRequired(c.lastBits, c.firstTimeS, c.lastTimeS).toString(16)).toBe(c.expected.toString(16));
  });

  it('clamps at 4× either way and never exceeds the PoW limit', () => {
    const bits = 0x1c05a3f4;
    const t = compactToTarget(bits);
    expect(compactToTarget(nextWorkRequired(bits, 0, 1))).toBe(compactToTarget(targetToCompact(t / 4n)));
    expect(compactToTarget(nextWorkRequired(bits, 0, TARGET_TIMESPAN_S * 100))).toBe(compactToTarget(targetToCompact(t * 4n)));
    expect(compactToTarget(nextWorkRequired(0x1d00ffff, 0, TARGET_TIMESPAN_S * 3))).toBe(compactToTarget(targetToCompact(POW_LIMIT)));
  });

  it('brings the interval back to about 10 minutes after the hash rate doubles and halves', () => {
    const periods = simulateRetargeting({ rng: createRng('retarget'), periods: 14, hashRate: (d) => (d < 50 ? 1 : d < 110 ? 2 : 1) });
    const doubled = periods.filter((p) => p.hashRate === 2).slice(-1)[0]!;
    expect(doubled.difficulty).toBeGreaterThan(1.8);
    expect(Math.abs(periods[periods.length - 1]!.meanIntervalMin - 10)).toBeLessThan(1.5);
    expect(Math.min(...periods.map((p) => p.meanIntervalMin))).toBeLessThan(8);
    expect(Math.max(...periods.map((p) => p.meanIntervalMin))).toBeGreaterThan(12);
  });
});

describe('retarget figure', () => {
  it('draws the hash rate changing on the day it changes, not at the next period\'s end', () => {
    const rate = (d: number) => (d < 50 ? 1 : 2);
    const periods = simulateRetargeting({ rng: createRng('figure'), periods: 6, hashRate: rate });
    const trace = retargetFigure(periods, rate).data[3] as { x: number[]; y: number[] };
    const firstDouble = trace.x[trace.y.findIndex((y) => y === 2)]!;
    expect(firstDouble, 'seed figure').toBeGreaterThanOrEqual(50);
    expect(firstDouble - 50, 'seed figure').toBeLessThan(periods[periods.length - 1]!.endDay / 400 + 1e-9);
  });
});

describe('proof of work, measured', () => {
  it('the lecture\'s proof_of_work finds four hex zeros', () => {
    const r = proofOfWorkLecture({ index: 1, previous_hash: '00000', data: 'Transacción 1', nonce: 0 }, 4);
    expect(r.hash.startsWith('0000')).toBe(true);
    expect(r.attempts).toBe(r.nonce + 1);
  });

  it('attempts follow the geometric distribution (mean 2^d within 4 standard errors)', () => {
    const points = difficultyCurve({ seed: 'curva', zeroBits: [2, 6, 9], blocksPerPoint: 80 });
    for (const p of points) {
      const se = p.theoryMean / Math.sqrt(p.attempts.length);
      expect(Math.abs(p.mean - p.theoryMean), `d=${p.zeroBits} (seed curva)`).toBeLessThan(4 * se);
    }
    expect(geometricQuantile(0.5, 0.5)).toBe(1);
    expect(geometricQuantile(2 ** -10, 0.9)).toBe(Math.ceil(Math.log(0.1) / Math.log(1 - 2 ** -10)));
  });
});
