import { describe, expect, it } from 'vitest';
import { simulateOpenConnect } from '../../lib/cdn/index';

const options = { titles: 1000, capacity: 60, days: 4, requestsPerDay: 12_000, surprise: { day: 2, hour: 12 }, seed: 5 };

describe('Open Connect push-fill against pull-on-miss', () => {
  const run = simulateOpenConnect(options);

  it('is deterministic by seed and reports every day and hour of both strategies', () => {
    expect(simulateOpenConnect(options)).toEqual(run);
    expect(run.days).toHaveLength(2 * 4);
    expect(run.hours).toHaveLength(2 * 4 * 24);
    expect(run.surpriseTitle).toBeDefined();
  });

  it('the nightly fill of yesterday\'s top titles beats LRU on ordinary days, with less peak origin traffic', () => {
    for (const day of [1, 3, 4]) {
      const push = run.days.find((d) => d.day === day && d.strategy === 'push')!;
      const pull = run.days.find((d) => d.day === day && d.strategy === 'pull')!;
      expect(push.hitRatio, `day ${day}`).toBeGreaterThan(pull.hitRatio);
      expect(push.peakOriginGb, `day ${day}`).toBeLessThan(pull.peakOriginGb);
      expect(push.fillGb).toBeGreaterThan(0);
      expect(pull.fillGb).toBe(0);
    }
  });

  it('a surprise hit: pull catches it at once, push misses it until the next night', () => {
    const on = (day: number, strategy: 'push' | 'pull') => run.days.find((d) => d.day === day && d.strategy === strategy)!;
    expect(on(2, 'push').surpriseRequests).toBeGreaterThan(100);
    expect(on(2, 'push').surpriseHits).toBe(0);
    expect(on(2, 'pull').surpriseHits).toBeGreaterThanOrEqual(0.99 * on(2, 'pull').surpriseRequests);
    expect(on(3, 'push').surpriseHits).toBe(on(3, 'push').surpriseRequests);
  });

  it('rejects bad parameters in Spanish', () => {
    expect(() => simulateOpenConnect({ ...options, capacity: 0 })).toThrow(/capacity/);
    expect(() => simulateOpenConnect({ ...options, capacity: 2000 })).toThrow(RangeError);
    expect(() => simulateOpenConnect({ ...options, surprise: { day: 9, hour: 1 } })).toThrow(/surprise/);
    expect(() => simulateOpenConnect({ ...options, requestsPerDay: 3 })).toThrow(/requestsPerDay/);
    // capacity = titles leaves no title outside the list for a release: a Spanish error, not a crash.
    expect(() => simulateOpenConnect({ ...options, capacity: 1000 })).toThrow(/capacity debe ser menor que titles/);
    expect(simulateOpenConnect({ ...options, capacity: 1000, releasesPerDay: 0, days: 2 }).days[0]!.hitRatio).toBeGreaterThan(0.99);
    for (const drift of [Number.NaN, Infinity, -0.1, 11]) expect(() => simulateOpenConnect({ ...options, drift }), `drift ${drift}`).toThrow(/drift/);
    for (const alpha of [Number.NaN, -1, Infinity]) expect(() => simulateOpenConnect({ ...options, alpha }), `alpha ${alpha}`).toThrow(/alpha/);
    for (const releasesPerDay of [-1, 1.5, 61]) expect(() => simulateOpenConnect({ ...options, releasesPerDay }), `releases ${releasesPerDay}`).toThrow(/releasesPerDay/);
    for (const titleGigabytes of [0, -2, Number.NaN, Infinity]) expect(() => simulateOpenConnect({ ...options, titleGigabytes }), `GB ${titleGigabytes}`).toThrow(/titleGigabytes/);
    expect(() => simulateOpenConnect({ ...options, peakHours: [18, 24] })).toThrow(/peakHours/);
    // A tiny catalogue (fewer than ten titles) still works.
    expect(simulateOpenConnect({ ...options, titles: 5, capacity: 2, releasesPerDay: 1, surprise: undefined }).days).toHaveLength(8);
  });
});
