import { describe, expect, it } from 'vitest';
import { queueingSimulation, runQueueing } from '../../lib/balance/queueing';
import type { ServedRequest } from '../../lib/balance/queueing';
import { latencyAtLeastService } from '../../lib/balance/queueing-checkers';
import { latencyVsUtilisation, p99Figure } from '../../lib/balance/queueing-plots';
import { queueingPlan, queueingScenario } from '../../lib/balance/queueing-scenario';
import { sweep } from '../../lib/sim/sweep';

const HETEROGENEOUS = [1, 1, 1, 1, 2, 2];

describe('the queueing model', () => {
  it('serves every request once, never faster than its service time, with checkers on (seed 4)', () => {
    const r = runQueueing({ seed: 4, policy: 'power-of-two', speeds: [1, 2, 4], utilisation: 0.8, requests: 1_500, slots: 2, checkers: true });
    expect(r.violation, 'semilla 4').toBeUndefined();
    expect(r.unfinished).toBe(0);
    expect(new Set(r.served.map((s) => s.id)).size).toBe(1_500);
    for (const s of r.served) expect(s.doneMs - s.arrivalMs).toBeGreaterThanOrEqual(s.serviceMs - 1e-9);
    expect([...r.countByServer.values()].reduce((a, b) => a + b, 0)).toBe(1_500);
  });

  it('same seed, same run; another seed, another run', () => {
    const run = (seed: number) => runQueueing({ seed, policy: 'random', speeds: [1, 2], utilisation: 0.7, requests: 500 }).served;
    expect(JSON.stringify(run(7))).toBe(JSON.stringify(run(7)));
    expect(JSON.stringify(run(7))).not.toBe(JSON.stringify(run(8)));
  });

  it('same seed, same trace, byte for byte, also on a faulty network (seed 12)', () => {
    const trace = () => {
      const sim = queueingSimulation({ seed: 12, policy: 'power-of-two', speeds: [1, 3], utilisation: 0.8, requests: 200, network: { latency: { kind: 'uniform', minMs: 0, maxMs: 2 }, duplicate: 0.1, reorder: 0.1 } }, true);
      sim.runUntilIdle({ limitMs: 100_000 });
      return sim.traceText();
    };
    const first = trace();
    expect(first.length).toBeGreaterThan(1_000);
    expect(trace()).toBe(first);
  });

  it('on heterogeneous servers at 90 %, least connections has a far lower p99 than round robin (seed 1)', () => {
    const rows = latencyVsUtilisation({ seed: 1, policies: ['round-robin', 'least-connections', 'power-of-two', 'weighted-round-robin'], utilisations: [0.9], speeds: HETEROGENEOUS, requests: 3_000 });
    const p99 = (policy: string) => rows.find((r) => r.policy === policy)?.latencyMsP99 ?? Number.NaN;
    // Round robin gives the slow servers 1/6 of the load each: 133 % of what they can do at 90 %.
    expect(p99('round-robin'), 'semilla 1').toBeGreaterThan(3 * p99('least-connections'));
    expect(p99('power-of-two'), 'semilla 1').toBeLessThan(p99('round-robin'));
    expect(p99('weighted-round-robin'), 'semilla 1').toBeLessThan(p99('round-robin'));
  });

  it('p99 grows with utilisation for least connections (seed 2)', () => {
    const rows = latencyVsUtilisation({ seed: 2, policies: ['least-connections'], utilisations: [0.5, 0.95], speeds: HETEROGENEOUS, requests: 3_000 });
    expect((rows[1] as { latencyMsP99: number }).latencyMsP99, 'semilla 2').toBeGreaterThan((rows[0] as { latencyMsP99: number }).latencyMsP99);
  });

  it('throws instead of summarising a run left unfinished, and p99Figure refuses rows with unfinished requests', () => {
    // Total capacity 0.001 work/ms: 50 requests of ~10 ms of work need far more than the 10 s limit.
    expect(() => runQueueing({ seed: 5, policy: 'round-robin', speeds: [0.001], utilisation: 1.5, requests: 50 })).toThrow(/no terminó: \d+ de 50 peticiones sin servir/);
    expect(() => p99Figure([{ policy: 'random', utilisation: 0.9, latencyMsP99: 12, latencyMsMean: 3, unfinished: 7 }])).toThrow(/7 peticiones sin servir/);
  });

  it('no requests: nothing served, latencies NaN (not a made-up 0)', () => {
    const r = runQueueing({ seed: 1, policy: 'round-robin', speeds: [1], utilisation: 0.5, requests: 0 });
    expect(r.served).toEqual([]);
    expect(r.unfinished).toBe(0);
    expect(r.latencyMsP99).toBeNaN();
    expect(r.latencyMsMean).toBeNaN();
  });

  it('p50 and p99 are lib/plot\'s nearest-rank percentiles of the latencies (seed 6)', () => {
    const r = runQueueing({ seed: 6, policy: 'least-connections', speeds: [1, 2], utilisation: 0.7, requests: 300 });
    const sorted = r.served.map((s) => s.doneMs - s.arrivalMs).sort((a, b) => a - b);
    expect(r.latencyMsP99).toBe(sorted[296]);
    expect(r.latencyMsP50).toBe(sorted[149]);
  });

  it.each([
    [{ speeds: [] }, /al menos un servidor/],
    [{ speeds: [1, 0] }, /velocidad debe ser un número > 0/],
    [{ utilisation: 0 }, /utilización debe estar en/],
    [{ utilisation: 2 }, /utilización debe estar en/],
    [{ requests: -1 }, /requests/],
    [{ slots: 0 }, /slots/],
  ])('rejects bad options %#', (bad, message) => {
    expect(() => runQueueing({ seed: 1, policy: 'round-robin', speeds: [1], utilisation: 0.5, requests: 10, ...bad })).toThrow(message);
  });
});

describe('queueing sweep with a faulty network (duplicates, reordering, latency)', () => {
  it('the correct model passes 150 seeds', () => {
    const r = sweep({ seeds: 150, scenario: queueingScenario(), replays: 0 });
    expect(r.seedsFailed, r.report).toBe(0);
  });

  it('servers that do not de-duplicate are caught by servedOnce', () => {
    const r = sweep({ seeds: 60, scenario: queueingScenario({ bug: 'no-dedup' }), replays: 0 });
    expect(Object.keys(r.violationsByChecker), r.report).toContain('servedOnce');
  });

  it('servers that ignore their slots are caught by withinCapacity', () => {
    const r = sweep({ seeds: 30, scenario: queueingScenario({ bug: 'ignore-slots' }), replays: 0 });
    expect(Object.keys(r.violationsByChecker), r.report).toContain('withinCapacity');
  });

  it('a seed draws the same plan every time', () => {
    expect(queueingPlan(42)).toEqual(queueingPlan(42));
  });
});

describe('latencyAtLeastService on crafted histories', () => {
  const view = (served: readonly ServedRequest[]) => ({ nodes: new Map([['lb', { served }]]) }) as never;
  const ok: ServedRequest = { id: 0, server: 's1', arrivalMs: 10, doneMs: 25, serviceMs: 15 };

  it('passes when every latency covers its service time (equal included)', () => {
    const run = latencyAtLeastService().create();
    expect(run.atEnd?.(view([ok, { id: 1, server: 's2', arrivalMs: 0, doneMs: 30, serviceMs: 4 }]))).toBeUndefined();
  });

  it('fires on a request answered faster than its own service time, naming it and its server', () => {
    const run = latencyAtLeastService().create();
    const result = run.atEnd?.(view([ok, { id: 7, server: 's3', arrivalMs: 100, doneMs: 105, serviceMs: 9 }])) as { message: string; nodes: string[] };
    expect(result.message).toMatch(/petición 7 tardó 5 ms, menos que su servicio \(9 ms\)/);
    expect(result.nodes).toEqual(['s3']);
  });
});
