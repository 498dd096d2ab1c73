import { describe, expect, it } from 'vitest';
import { videoconfRun } from '../../lib/videoconf/index';

describe('videoconference failover', () => {
  it('the gap after a crash grows with the detector timeout', () => {
    const quick = videoconfRun({ seed: 2, aliveMs: 60_000, pauses: false, detector: { kind: 'fixed', timeoutMs: 500 } });
    const slow = videoconfRun({ seed: 2, aliveMs: 60_000, pauses: false, detector: { kind: 'fixed', timeoutMs: 3_000 } });
    expect(quick.gapAfterCrashMs).toBeGreaterThan(500);
    expect(slow.gapAfterCrashMs).toBeGreaterThan(quick.gapAfterCrashMs + 2_000);
    expect(slow.gapAfterCrashMs).toBeLessThan(5_000);
    expect(quick.falseFailovers + slow.falseFailovers).toBe(0);
  });
  it('with server pauses, a hasty detector fails over without any crash', () => {
    const r = videoconfRun({ seed: 1, aliveMs: 120_000, pauses: { meanEveryMs: 10_000, meanDurationMs: 600 }, detector: { kind: 'fixed', timeoutMs: 300 } });
    expect(r.falseFailovers).toBeGreaterThan(0);
  });
});

describe('meeting state checkpoints', () => {
  it('a failover loses at most the setting changes made since the last checkpoint', () => {
    const often = videoconfRun({ seed: 3, aliveMs: 30_500, pauses: false, checkpointEveryMs: 500, detector: { kind: 'fixed', timeoutMs: 1_000 } });
    const rarely = videoconfRun({ seed: 3, aliveMs: 30_500, pauses: false, checkpointEveryMs: 10_000, detector: { kind: 'fixed', timeoutMs: 1_000 } });
    expect(often.settingsLost).toBeLessThanOrEqual(1);
    expect(rarely.settingsLost).toBeGreaterThan(often.settingsLost);
    expect(rarely.settingsLost).toBeLessThanOrEqual(10);
  });
});
