// Amdahl's law, the Karp–Flatt metric, the scaling table and the comparison row, from plain runs.
import { describe, expect, it } from 'vitest';
import { amdahlSpeedup, karpFlatt, scalingChart, scalingFromRuns, scalingRows, summarizeMasterWorker, fragmentTries, LECTURE_VIDEO } from '../../lib/master-worker/index';
import type { MasterEvent, MasterWorkerRun } from '../../lib/master-worker/index';

const fakeRun = (workers: number, totalMs: number, extra: Partial<MasterWorkerRun> = {}): MasterWorkerRun => ({
  workMs: [totalMs * 0.95],
  video: LECTURE_VIDEO, fragmentS: 10, workers, cores: 2, fragments: 12, timeoutMs: 1000, sha256: 'ab'.repeat(32), outputBytes: 10,
  startMs: 100, splitMs: 1, joinMs: 29, masterBusyMs: 20, renderMs: totalMs - 50, totalMs, threadsStarted: workers, attempts: [],
  events: [], reassigned: [], problems: [], faults: [], ...extra,
});

describe("Amdahl's law", () => {
  it.each([
    [0, 4, 4],
    [1, 4, 1],
    [0.5, 2, 4 / 3],
    [0.05, 4, 1 / (0.05 + 0.95 / 4)],
  ])('s = %d, p = %d gives %d', (s, p, expected) => {
    expect(amdahlSpeedup(s, p)).toBeCloseTo(expected, 12);
  });
  it('rejects a serial fraction outside [0, 1] and p < 1', () => {
    expect(() => amdahlSpeedup(1.5, 2)).toThrow(/fracción serie/);
    expect(() => amdahlSpeedup(0.1, 0)).toThrow(/p debe ser/);
  });
  it('Karp–Flatt gives back the serial fraction of a speed-up that follows Amdahl exactly', () => {
    for (const s of [0, 0.01, 0.2]) for (const p of [2, 3, 8]) expect(karpFlatt(amdahlSpeedup(s, p), p)).toBeCloseTo(s, 12);
    expect(Number.isNaN(karpFlatt(1, 1))).toBe(true);
  });
});

describe('the scaling table', () => {
  const runs = [fakeRun(1, 1000), fakeRun(2, 550), fakeRun(4, 560)];
  const scaling = scalingFromRuns(runs);
  it('measures the serial fraction as (T1 − Σ workMs) / T1 of the one-worker run, and the master busy share', () => {
    expect(scaling.serialFraction).toBeCloseTo(0.05, 12);
    expect(scalingFromRuns([fakeRun(1, 1000, { workMs: [300, 400] })]).serialFraction).toBeCloseTo(0.3, 12);
    expect(scaling.masterBusyFraction).toBeCloseTo(0.05, 12);
    expect(scaling.points.map((p) => p.speedup)).toEqual([1, 1000 / 550, 1000 / 560]);
  });
  it('keeps the fastest of repeated runs per worker count, and measures what is not rendering', () => {
    const repeated = scalingFromRuns([
      fakeRun(1, 1200, { masterBusyMs: 500 }), fakeRun(1, 1000, { workMs: [300, 300] }), fakeRun(2, 700), fakeRun(2, 600), fakeRun(2, 900),
    ]);
    expect(repeated.points.map((p) => [p.workers, p.totalMs])).toEqual([[1, 1000], [2, 600]]);
    expect(repeated.serialFraction).toBeCloseTo(0.4, 12);
    expect(repeated.masterBusyFraction).toBeCloseTo(0.05, 12);
    expect(repeated.repeats).toBe(3);
  });
  it('shows Karp–Flatt as «—» when the measured speed-up is below 1', () => {
    const rows = scalingRows(scalingFromRuns([fakeRun(1, 1000), fakeRun(2, 1100), fakeRun(3, 400)]));
    expect(rows.map((r) => r['fracción serie implícita (Karp–Flatt)'])).toEqual(['—', '—', '0,100']);
  });
  it('caps Amdahl at the cores: 4 workers on 2 cores are predicted like 2', () => {
    const four = scaling.points.find((p) => p.workers === 4)!;
    expect(four.amdahlOnCores).toBeCloseTo(amdahlSpeedup(0.05, 2), 12);
    expect(four.amdahl).toBeGreaterThan(four.amdahlOnCores);
  });
  it('needs a one-worker run as its base', () => {
    expect(() => scalingFromRuns([fakeRun(2, 500)])).toThrow(/1 trabajador/);
  });
  it('draws two panels with the core count marked', () => {
    const figure = scalingChart(scaling);
    expect(figure.data).toHaveLength(5);
    expect(figure.layout?.shapes?.[0]?.x0).toBe(2);
  });
});

describe('the comparison row (summarizeMasterWorker)', () => {
  const events: MasterEvent[] = [
    { atMs: 0, kind: 'assign', worker: 't1', fragment: 3, attempt: 1 },
    { atMs: 1500, kind: 'timeout', worker: 't1', fragment: 3, detail: 'sin respuesta en 1000 ms' },
    { atMs: 1500, kind: 'assign', worker: 't2', fragment: 3, attempt: 2 },
    { atMs: 1600, kind: 'result', worker: 't2', fragment: 3, attempt: 2 },
  ];
  const crashed = fakeRun(2, 2100, { events, reassigned: [{ fragment: 3, from: 't1', reason: 'plazo vencido' }] });
  const scaling = scalingFromRuns([fakeRun(1, 1000), fakeRun(2, 550)]);
  it('is written from the runs: reassigned fragments, speed-up at the core count, same hash', () => {
    const row = summarizeMasterWorker({ crashed, clean: fakeRun(2, 550), scaling });
    expect(row.pattern).toBe('Maestro–trabajador');
    expect(row.whenANodeDies).toContain('el fragmento 3 se reasignó (1 plazo vencido de 1000 ms)');
    expect(row.scaling).toContain('×1,8 con 2 hilos (2 núcleos)');
    expect(row.scaling).toContain('s = 0,050');
    expect(row.measured).toContain('salida idéntica');
  });
  it('says so when the outputs differ', () => {
    const row = summarizeMasterWorker({ crashed: { ...crashed, sha256: 'cd'.repeat(32) }, clean: fakeRun(2, 550), scaling });
    expect(row.measured).toMatch(/salidas distintas/);
  });
  it('reads the tries of the timeline from the events', () => {
    expect(fragmentTries(crashed).map((t) => [t.worker, t.fragment, t.outcome])).toEqual([['t1', 3, 'plazo vencido'], ['t2', 3, 'aceptado']]);
  });
});
