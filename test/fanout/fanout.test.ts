import { describe, expect, it } from 'vitest';
import { FLIGHT_SERVICES, fanOutLatency, probabilityAnySlow, simulateSearches } from '../../lib/fanout/index';
import { createRng } from '../../lib/random/index';

describe('flight search fan-out', () => {
  it('waits for the sum in sequence and the slowest in parallel', () => {
    expect(fanOutLatency([40, 60, 30], 'secuencial')).toBe(130);
    expect(fanOutLatency([40, 60, 30], 'paralelo')).toBe(60);
    expect(() => fanOutLatency([1], 'otro' as never)).toThrow(/modo/);
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) =>
      simulateSearches({ services: FLIGHT_SERVICES, searches: 200, mode: 'paralelo', rng: createRng(seed) }).map((r) => r.latencyMs);
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('is never slower in parallel than in sequence for the same draws', () => {
    const seq = simulateSearches({ services: FLIGHT_SERVICES, searches: 500, mode: 'secuencial', rng: createRng(1) });
    const par = simulateSearches({ services: FLIGHT_SERVICES, searches: 500, mode: 'paralelo', rng: createRng(1) });
    seq.forEach((s, i) => {
      expect([...s.serviceLatencyMs.values()]).toEqual([...(par[i]?.serviceLatencyMs.values() ?? [])]);
      expect(par[i]?.latencyMs ?? Infinity).toBeLessThanOrEqual(s.latencyMs);
    });
  });

  it('returns a degraded page at the timeout when a service is down', () => {
    const services = FLIGHT_SERVICES.map((s) => (s.name === 'asientos' ? { ...s, failureProbability: 1 } : s));
    const results = simulateSearches({ services, searches: 50, mode: 'paralelo', rng: createRng(2), timeoutMs: 500 });
    for (const r of results) {
      expect(r.complete).toBe(false);
      expect(r.answered).not.toContain('asientos');
      expect(r.latencyMs).toBe(500);
    }
  });

  it('computes how often a fan-out meets the tail', () => {
    expect(probabilityAnySlow(0.01, 100)).toBeCloseTo(0.634, 3);
    expect(probabilityAnySlow(0.5, 0)).toBe(0);
  });
});
