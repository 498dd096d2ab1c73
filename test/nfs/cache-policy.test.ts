import { describe, expect, it } from 'vitest';
import { actimeo, cacheDecision, checkPolicy, LINUX_DEFAULTS, nextAttributeTimeout, NOAC } from '../../lib/nfs/cache-policy';

const e = (fetchedAtMs: number, timeoutMs: number) => ({ fetchedAtMs, timeoutMs, change: 1 });

describe('cacheDecision: fresh in [fetched, fetched + timeout) (Linux nfs_attribute_timeout)', () => {
  it.each([
    [null, 'read', 0, LINUX_DEFAULTS, 'getattr'],
    [e(0, 3_000), 'read', 2_999, LINUX_DEFAULTS, 'cache'],
    [e(0, 3_000), 'read', 3_000, LINUX_DEFAULTS, 'getattr'],
    [e(0, 3_000), 'stat', 0, LINUX_DEFAULTS, 'cache'],
    [e(0, 3_000), 'open', 1, LINUX_DEFAULTS, 'getattr'],
    [e(0, 3_000), 'open', 1, { ...LINUX_DEFAULTS, cto: false }, 'cache'],
    [e(100, 3_000), 'read', 99, LINUX_DEFAULTS, 'getattr'],
    [e(0, 0), 'read', 0, NOAC, 'getattr'],
  ] as const)('entry %j, %s at %d → %s', (entry, event, now, policy, expected) => {
    expect(cacheDecision(entry, event, now, policy)).toBe(expected);
  });
});

describe('nextAttributeTimeout: acregmin after a change, doubled up to acregmax while unchanged', () => {
  it('starts at acregmin, doubles on each expired unchanged check, caps at acregmax, resets on change', () => {
    let entry = { fetchedAtMs: 0, timeoutMs: nextAttributeTimeout(undefined, false, 0, LINUX_DEFAULTS), change: 1 };
    const seen = [entry.timeoutMs];
    for (let i = 0; i < 6; i++) {
      const now = entry.fetchedAtMs + entry.timeoutMs;
      entry = { fetchedAtMs: now, timeoutMs: nextAttributeTimeout(entry, false, now, LINUX_DEFAULTS), change: 1 };
      seen.push(entry.timeoutMs);
    }
    expect(seen).toEqual([3_000, 6_000, 12_000, 24_000, 48_000, 60_000, 60_000]);
    expect(nextAttributeTimeout(entry, true, entry.fetchedAtMs + 1, LINUX_DEFAULTS)).toBe(3_000);
    // A revalidation before expiry (close-to-open) keeps the timeout.
    expect(nextAttributeTimeout(entry, false, entry.fetchedAtMs + 1, LINUX_DEFAULTS)).toBe(60_000);
  });

  it('actimeo fixes both bounds; checkPolicy refuses impossible ones', () => {
    expect(actimeo(5)).toEqual({ acregminMs: 5_000, acregmaxMs: 5_000, cto: true });
    expect(() => checkPolicy({ acregminMs: 10, acregmaxMs: 5, cto: true })).toThrow(/acregmin/);
    expect(() => checkPolicy({ acregminMs: -1, acregmaxMs: 5, cto: true })).toThrow(RangeError);
    expect(() => checkPolicy({ acregminMs: 1, acregmaxMs: 5, cto: 'sí' } as never)).toThrow(RangeError);
  });
});
