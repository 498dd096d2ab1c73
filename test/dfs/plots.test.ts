// The chapter's figures: built from real runs, Spanish labels, markers where the events are.
import { describe, expect, it } from 'vitest';
import { replicationTimeline } from '../../lib/dfs/experiment';
import { lectureSkew } from '../../lib/dfs/lecture';
import { reReplicationZoomFigure, replicationTimelineFigure, skewFigure } from '../../lib/dfs/plots';

describe('dfs figures', () => {
  const t = replicationTimeline({ seed: 4, failure: 'rack', target: 'r2', sampleEveryMs: 30_000 });

  it('the timeline has the truth and the two NameNode queues, in minutes, with the failure, threshold and detection marked (seed 4)', () => {
    const f = replicationTimelineFigure(t, 'Cae r2');
    expect(f.data.map((d) => d.name)).toEqual(['bloques con réplicas de menos (realidad)', 'según el NameNode: una sola réplica (prioridad máxima)', 'según el NameNode: faltan réplicas (2 de 3)']);
    expect(f.layout?.xaxis).toMatchObject({ title: 'tiempo (min)' });
    const texts = (f.layout?.annotations as { text: string }[]).map((a) => a.text);
    expect(texts[0]).toBe('caída (4 nodos)');
    expect(texts[1]).toBe('umbral: 10,5 min sin latidos');
    expect(texts[2]).toMatch(/^el NameNode lo da por muerto \(\d+(,\d)? min después\)$/);
    expect(Math.max(...(f.data[0]?.y as number[]))).toBeGreaterThan(0);
  });

  it('the zoom starts at the detection and the single-replica line reaches 0 first (seed 4)', () => {
    const f = reReplicationZoomFigure(t, 'Tras la detección');
    const x = f.data[0]?.x as number[];
    const single = f.data[0]?.y as number[];
    const two = f.data[1]?.y as number[];
    expect(x.every((v) => v >= -3 && v <= 20)).toBe(true);
    const zeroSingle = x[single.findIndex((v) => v === 0)];
    const zeroTwo = x[two.findIndex((v) => v === 0)] ?? Infinity;
    expect(single[0], 'semilla 4').toBeGreaterThan(0);
    expect(zeroSingle, 'semilla 4: los bloques de una sola réplica se copian en 20 s').toBeDefined();
    expect(zeroSingle as number, 'semilla 4').toBeLessThanOrEqual(zeroTwo);
  });

  it('the skew figure has one bar series per class', () => {
    const f = skewFigure(lectureSkew({ files: 60, nodes: 4 }).rows, 60);
    expect(f.data.map((d) => d.y)).toEqual([[60, 60, 0, 0], expect.any(Array)]);
    expect(f.layout?.title).toBe('Archivos por nodo tras guardar 60 archivos con 2 réplicas');
  });
});
