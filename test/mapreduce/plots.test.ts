// The section's figures and the comparison-table row, built from a hand-made run.
import { describe, expect, it } from 'vitest';
import { jobTimeFigure, summarizeMapReduce, taskTimelineFigure } from '../../lib/mapreduce/index';
import type { MapReduceRun, TaskAttempt } from '../../lib/mapreduce/index';

const attempt = (task: string, worker: string, n: number, startMs: number, endMs: number, outcome: TaskAttempt['outcome'] = 'ok'): TaskAttempt => ({
  task, kind: task.startsWith('map') ? 'map' : 'reduce', index: Number(task.split(' ')[1]), worker, attempt: n, startMs, endMs, outcome, ...(outcome === 'ok' ? { workMs: endMs - startMs - 1 } : {}),
});

const run: MapReduceRun = {
  job: 'sentiment', workers: ['w1', 'w2'], nMap: 2, nReduce: 1, lines: 1000, records: 998, malformed: [], malformedCount: 2,
  result: [['negativo', 300], ['neutro', 200], ['positivo', 498]],
  attempts: [attempt('map 0', 'w1', 1, 0, 100), attempt('map 1', 'w2', 1, 0, 40, 'crashed'), attempt('map 1', 'w1', 2, 100, 190), attempt('reduce 0', 'w1', 1, 190, 192)],
  reports: ['map 1 (intento 1) en w2: se cortó la conexión'], lostWorkers: ['w2'], leftoverTempFiles: 1, totalMs: 1234.5, mapPhaseMs: 190,
};

describe('MapReduce figures and summary', () => {
  it('the timeline has one bar per attempt, the lost one and the re-execution marked', () => {
    const fig = taskTimelineFigure(run);
    const byName = new Map(fig.data.map((t) => [t.name, t]));
    expect([...byName.keys()]).toEqual(['map', 'reduce', 're-ejecutada (↻)', 'intento perdido (✕)']);
    expect(byName.get('re-ejecutada (↻)')!.text).toEqual(['map 1 ↻']);
    expect(byName.get('intento perdido (✕)')!.y).toEqual(['w2']);
    expect(fig.data.reduce((n, t) => n + (t.y?.length ?? 0), 0)).toBe(4);
    expect(fig.layout?.yaxis?.categoryarray).toEqual(['w2', 'w1']);
  });

  it('the job-time figure has the MapReduce curve and the flat single-process line', () => {
    const fig = jobTimeFigure([{ workers: 1, totalMs: 900 }, { workers: 2, totalMs: 500 }], 700, 2);
    expect(fig.data.map((t) => t.y)).toEqual([[900, 500], [700, 700]]);
    expect(String(fig.layout?.title)).toMatch(/2 núcleos/);
  });

  it('summarizeMapReduce writes the row from the run, with decimal commas', () => {
    const s = summarizeMapReduce(run, { reference: run.result, scaling: [{ workers: 1, totalMs: 900 }, { workers: 2, totalMs: 500 }] });
    expect(s.pattern).toBe('MapReduce');
    expect(s.whenANodeDies).toBe('map 1 en w2 se perdió; el coordinador la re-ejecutó (map 1) en otros trabajadores');
    expect(s.scaling).toBe('×1,8 con 2 trabajadores frente a 1');
    expect(s.measured).toBe('998 comentarios en 1,2 s; resultado idéntico a la referencia de un solo proceso');
    expect(summarizeMapReduce(run, { reference: [['positivo', 1]] }).measured).toMatch(/DISTINTO/);
  });
});
