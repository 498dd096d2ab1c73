import { describe, expect, it } from 'vitest';
import {
  createDetector, drawPauses, evaluateDetector, FixedTimeoutDetector, heartbeatArrivals, PhiAccrualDetector, phiOf, swimNode, swimQos, withPauses,
} from '../../lib/detector/index';
import { createRng } from '../../lib/random/index';
import { Simulation } from '../../lib/sim/index';
import type { Effect, Input, ProtocolNode } from '../../lib/sim/index';


describe('φ accrual (Hayashibara et al.; Akka)', () => {
  it('is −log10(1/2) ≈ 0.30 exactly at the fitted mean, and grows with the silence', () => {
    expect(phiOf(1_000, 1_000, 100)).toBeCloseTo(Math.log10(2), 12);
    expect(phiOf(1_300, 1_000, 100)).toBeGreaterThan(phiOf(1_200, 1_000, 100));
    expect(phiOf(500, 1_000, 100)).toBeLessThan(0.01);
  });

  it('uses the acceptable pause and the minimum standard deviation (Akka defaults)', () => {
    const d = new PhiAccrualDetector();
    for (let t = 0; t <= 20_000; t += 1_000) d.heartbeat(t);
    const fit = d.fitted();
    expect(fit.stdDeviationMs).toBe(100); // regular beats: the minimum wins
    expect(fit.meanMs).toBeGreaterThan(3_990);
    expect(d.suspects(20_000 + 3_500)).toBe(false);
    expect(d.suspects(20_000 + 6_000)).toBe(true);
  });

  it('suspicionStartMs is where φ crosses the threshold', () => {
    const d = new PhiAccrualDetector({ threshold: 8, acceptableHeartbeatPauseMs: 0 });
    for (let t = 0; t <= 10_000; t += 1_000) d.heartbeat(t + (t % 3_000 === 0 ? 30 : 0));
    const s = d.suspicionStartMs();
    expect(d.phi(s + 1)).toBeGreaterThan(8);
    expect(d.phi(s - 1)).toBeLessThanOrEqual(8);
  });

  it('rejects bad parameters and bad times with a clear error', () => {
    expect(() => new PhiAccrualDetector({ threshold: -1 })).toThrow(/threshold/);
    expect(() => new FixedTimeoutDetector(0)).toThrow(/timeoutMs/);
    expect(() => createDetector({ kind: 'nope' } as never)).toThrow(/desconocido/);
    expect(() => new PhiAccrualDetector().heartbeat(Number.NaN)).toThrow(/no válido/);
  });
});

describe('pauses', () => {
  it('freeze a node: inputs during a pause are handled, in order, when it ends', () => {
    class Ticker implements ProtocolNode<string> {
      constructor(readonly id: string) {}
      start(): Effect<string>[] { return [{ type: 'setTimer', name: 't', afterMs: 100 }]; }
      step(_: Input<string>, nowMs: number): Effect<string>[] { return [{ type: 'output', label: 'tick', data: nowMs }, { type: 'setTimer', name: 't', afterMs: 100 }]; }
    }
    const sim = new Simulation<string>({ seed: 1, nodeIds: ['a'], createNode: withPauses((c) => new Ticker(c.id), () => [{ startMs: 250, endMs: 700 }]) });
    sim.runUntilTime(1_000);
    expect(sim.outputs.map((o) => o.data)).toEqual([100, 200, 700, 800, 900, 1_000]);
  });

  it('are drawn from the seed, never overlapping', () => {
    const a = drawPauses(createRng(3), { meanEveryMs: 10_000, meanDurationMs: 500 }, 600_000);
    expect(a).toEqual(drawPauses(createRng(3), { meanEveryMs: 10_000, meanDurationMs: 500 }, 600_000));
    for (let i = 1; i < a.length; i++) expect(a[i]!.startMs).toBeGreaterThanOrEqual(a[i - 1]!.endMs);
    expect(() => drawPauses(createRng(1), { meanEveryMs: 0, meanDurationMs: 1 }, 10)).toThrow(/meanEveryMs/);
  });
});

describe('QoS metrics (Chen, Toueg & Aguilera)', () => {
  it('a synchronous system admits a perfect detector: bounded delays, timeout = period + max delay spread, no mistakes', () => {
    const runs = [1, 2, 3].map((seed) => heartbeatArrivals({ seed, aliveMs: 300_000, latency: { kind: 'uniform', minMs: 10, maxMs: 30 }, loss: 0, pauses: false }));
    const q = evaluateDetector(runs, { kind: 'fixed', timeoutMs: 1_025 });
    expect(q.mistakes).toBe(0);
    expect(q.queryAccuracy).toBe(1);
    expect(q.maxDetectionTimeMs).toBeLessThanOrEqual(1_025);
  });

  it('in an asynchronous system (pauses, loss) a short timeout is wrong often and a long one detects late', () => {
    const runs = [1, 2, 3, 4].map((seed) => heartbeatArrivals({ seed, aliveMs: 600_000 }));
    const fast = evaluateDetector(runs, { kind: 'fixed', timeoutMs: 1_500 });
    const slow = evaluateDetector(runs, { kind: 'fixed', timeoutMs: 8_000 });
    expect(fast.mistakes).toBeGreaterThan(slow.mistakes);
    expect(fast.detectionTimeMs!).toBeLessThan(slow.detectionTimeMs!);
    expect(fast.queryAccuracy).toBeLessThan(1);
  });

  it('φ with a higher threshold detects later and is wrong less often', () => {
    const runs = [1, 2, 3].map((seed) => heartbeatArrivals({ seed, aliveMs: 600_000 }));
    const low = evaluateDetector(runs, { kind: 'phi', threshold: 1, acceptableHeartbeatPauseMs: 0 });
    const high = evaluateDetector(runs, { kind: 'phi', threshold: 16, acceptableHeartbeatPauseMs: 0 });
    expect(high.detectionTimeMs!).toBeGreaterThan(low.detectionTimeMs!);
    expect(high.mistakes).toBeLessThanOrEqual(low.mistakes);
  });

  it('the same seed gives the same arrivals', () => {
    expect(heartbeatArrivals({ seed: 9, aliveMs: 60_000 }).arrivalsMs).toEqual(heartbeatArrivals({ seed: 9, aliveMs: 60_000 }).arrivalsMs);
  });
});

describe('SWIM', () => {
  it('detects a crash, and a longer suspicion timeout means fewer false deaths but later detection', () => {
    const quick = swimQos({ seeds: [1, 2], aliveMs: 300_000, swim: { suspicionTimeoutMs: 0 } });
    const patient = swimQos({ seeds: [1, 2], aliveMs: 300_000, swim: { suspicionTimeoutMs: 4_000 } });
    expect(quick.detectionTimeMs!).toBeLessThan(patient.detectionTimeMs!);
    expect(patient.detectionTimeMs!).toBeLessThan(15_000);
    expect(patient.mistakes).toBeLessThanOrEqual(quick.mistakes);
  });

  it('ignores messages from unknown members and malformed messages', () => {
    const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: swimNode({ indirectProbes: 1 }) });
    sim.inject('n1', { type: 'Ping', seq: 1 }, { from: 'intruder' });
    sim.inject('n1', { type: 'Update', member: 'n2', status: 'weird', incarnation: 'x' } as never, { from: 'n3' });
    sim.inject('n2', null as never, { from: 'n3' });
    sim.runFor(3_000);
    expect(sim.violation).toBeUndefined();
    expect(sim.outputs.some((o) => o.label === 'ignored')).toBe(true);
  });
});

describe('exercise 08.1 validation (teacher code before the region)', () => {
  it('rejects an empty window, negative times and a zero minimum deviation', async () => {
    const { phiFromIntervals } = await import('../../lib/detector/exercises');
    expect(() => phiFromIntervals([], 10, 100, 0)).toThrow(RangeError);
    expect(() => phiFromIntervals([1_000, -1], 10, 100, 0)).toThrow(/no válido/);
    expect(() => phiFromIntervals([1_000], -5, 100, 0)).toThrow(/elapsedMs/);
    expect(() => phiFromIntervals([1_000], 5, 0, 0)).toThrow(/minStdDeviationMs/);
  });
});
