import { describe, expect, it } from 'vitest';
import { cheAlphaFigure, hitRatioFigure, hitRatioSweep, latencyFigure, openConnectDaysFigure, openConnectHoursFigure, simulateOpenConnect } from '../../lib/cdn/index';
import type { LatencyExperiment } from '../../lib/cdn/index';

describe('CDN figures', () => {
  const rows = hitRatioSweep({ objects: 500, alphas: [0.6, 0.8], capacities: [0, 5, 50], requests: 3000, seed: 1 });

  it('hit ratio: a simulated and a model trace per policy, capacity 0 left off the log axis, Spanish labels', () => {
    const figure = hitRatioFigure(rows, 0.8);
    expect(figure.data).toHaveLength(6);
    expect(figure.data.every((t) => (t.x as number[]).every((x) => x > 0))).toBe(true);
    expect(figure.layout?.title).toContain('α = 0,8');
    expect(figure.layout?.xaxis?.type).toBe('log');
    expect(cheAlphaFigure(rows).data).toHaveLength(4);
  });

  it('latency: model lines and measured points, whatever the measurements', () => {
    const run: LatencyExperiment = { rttEdgeMs: 0.2, rttOriginMs: 21, delayMs: 20, wallMs: 1, rows: [
      { capacity: 0, hitRatio: 0, originRequests: 10, cheHitRatio: 0, meanMs: 21, p95Ms: 22, modelMeanMs: 21.2, modelP95Ms: 21.2 },
      { capacity: 9, hitRatio: 0.97, originRequests: 0, cheHitRatio: 0.96, meanMs: 1, p95Ms: 0.3, modelMeanMs: 0.83, modelP95Ms: 0.2 },
    ] };
    const figure = latencyFigure(run);
    expect(figure.data).toHaveLength(4);
    const p95 = figure.data[1]!.y as number[];
    expect(p95[0]).toBeCloseTo(21.2, 9);
    expect(p95[p95.length - 1]).toBeCloseTo(0.2, 9);
  });

  it('Open Connect: two traces per figure, 24 hours on the hourly one', () => {
    const run = simulateOpenConnect({ titles: 300, capacity: 20, days: 2, requestsPerDay: 2400, surprise: { day: 1, hour: 20 }, seed: 2 });
    expect(openConnectDaysFigure(run).data.map((t) => (t.x as number[]).length)).toEqual([2, 2]);
    const hours = openConnectHoursFigure(run, 1, 20);
    expect(hours.data.map((t) => (t.x as string[]).length)).toEqual([24, 24]);
    expect((hours.data[0]!.x as string[])[0]).toBe('06:00');
    expect(hours.layout?.annotations).toHaveLength(1);
  });
});
