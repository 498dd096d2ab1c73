// Real programs and threads: rates are printed, never asserted (speed lives in bench/mining.bench.ts).
import { describe, expect, it } from 'vitest';
import { allCoresRate, midstateRate, opensslRate } from '../../lib/blockchain/mining-speed';
import { findBinary } from '../../lib/services/binaries';

describe('mining speed measurement', () => {
  it('runs the midstate loop on two worker threads and terminates them', async () => {
    const rate = await allCoresRate(100, 2);
    expect(rate.hashesPerSecond).toBeGreaterThan(0);
    expect(rate.method).toContain('2 hilos');
    expect(midstateRate(50).hashesPerSecond).toBeGreaterThan(0);
  });

  it.skipIf(findBinary('openssl') === undefined)('reads openssl speed for 80-byte SHA-256 (skipped when openssl is missing)', async () => {
    const rate = await opensslRate(1);
    expect('hashesPerSecond' in rate && rate.hashesPerSecond > 0).toBe(true);
  });

  it('says how to install openssl when it is missing', async () => {
    const before = process.env.KIT_HIDE_BINARIES;
    process.env.KIT_HIDE_BINARIES = 'openssl';
    try {
      const rate = await opensslRate(1);
      expect(rate).toEqual({ missing: expect.stringContaining('sudo apt-get install openssl') });
    } finally {
      if (before === undefined) delete process.env.KIT_HIDE_BINARIES; else process.env.KIT_HIDE_BINARIES = before;
    }
  });
});
