import { describe, expect, it } from 'vitest';
import {
  correlatedAvailability,
  downtimeMinutesPerYear,
  nines,
  parallelAvailability,
  seriesAvailability,
  simulateAvailability,
} from '../../lib/availability/index';
import { createRng } from '../../lib/random/index';

describe('availability', () => {
  it.each([
    [0.99, 1, 0.99],
    [0.99, 2, 0.9999],
    [0.9, 3, 0.999],
    [0, 4, 0],
    [1, 1, 1],
  ])('parallelAvailability(%f, %i) = %f', (a, n, expected) => {
    expect(parallelAvailability(a, n)).toBeCloseTo(expected, 12);
  });

  it('multiplies availabilities in series', () => {
    expect(seriesAvailability([0.9, 0.9])).toBeCloseTo(0.81, 12);
    expect(seriesAvailability([])).toBe(1);
  });

  it('reduces to the independent formula with beta = 0 and to one replica with beta = 1', () => {
    for (const n of [1, 2, 5]) {
      expect(correlatedAvailability(0.95, n, 0)).toBeCloseTo(parallelAvailability(0.95, n), 12);
      expect(correlatedAvailability(0.95, n, 1)).toBeCloseTo(0.95, 12);
    }
  });

  it('is capped by the common cause however many replicas there are', () => {
    const cap = 1 - 0.1 * (1 - 0.99);
    expect(correlatedAvailability(0.99, 50, 0.1)).toBeLessThanOrEqual(cap + 1e-12);
    expect(correlatedAvailability(0.99, 50, 0.1)).toBeGreaterThan(cap - 1e-9);
  });

  it('agrees with a seeded Monte Carlo simulation', () => {
    for (const [a, n, beta] of [[0.9, 2, 0], [0.9, 3, 0.2], [0.8, 4, 0.5]] as const) {
      const simulated = simulateAvailability({ a, n, beta, samples: 200_000, rng: createRng(`mc-${a}-${n}-${beta}`) });
      expect(Math.abs(simulated - correlatedAvailability(a, n, beta)), `a=${a} n=${n} beta=${beta}`).toBeLessThan(0.004);
    }
  });

  it('converts to downtime and nines', () => {
    expect(downtimeMinutesPerYear(0.999)).toBeCloseTo(525.96, 1);
    expect(nines(0.999)).toBeCloseTo(3, 9);
    expect(nines(1)).toBe(Infinity);
  });

  it('rejects probabilities outside [0, 1] and bad replica counts, in Spanish', () => {
    expect(() => parallelAvailability(1.2, 2)).toThrow(/probabilidad/);
    expect(() => parallelAvailability(0.9, 0)).toThrow(/entero/);
    expect(() => correlatedAvailability(0.9, 2, -0.1)).toThrow(/beta/);
  });
});
