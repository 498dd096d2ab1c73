// The section's figures: fixed trace counts (the notebook's plot count never depends on a
// measurement), Spanish labels, and the fault marked where it happened.
import { describe, expect, it } from 'vitest';
import { degreeFigure, iterationTimeFigure, partitionLossFigure } from '../../lib/spark/index';

describe('spark plots', () => {
  const rows = [1, 2, 3].map((iteration) => ({ iteration, sparkMs: 50, mapReduceMs: 100 + iteration, speedUp: (100 + iteration) / 50 }));

  it('time per iteration: both engines, the speed-up on the right axis and the paper’s 2,4×', () => {
    const figure = iterationTimeFigure(rows);
    expect(figure.data.map((t) => t.name)).toEqual(['estilo MapReduce (ficheros + fsync)', 'estilo Spark (RDD en caché)', 'aceleración MapReduce / Spark (eje derecho)', '×2,4: artículo de los RDD, solo memoria', '×7,4: artículo, con particionado controlado']);
    expect(figure.data[2]?.y).toEqual([2.02, 2.04, 2.06]);
    expect(figure.layout?.yaxis2).toMatchObject({ overlaying: 'y', side: 'right' });
  });

  it('partition loss: two bar series and a mark before the faulty iteration', () => {
    const figure = partitionLossFigure({ iteration: 3, partition: 2, sparkIterationMs: [1, 2, 3, 4], mapReduceIterationMs: [2, 2, 5, 2], sparkRecomputeMs: 0.1, sparkRecomputed: ['links[2]'], mapReduceRerunMs: 2, sameRanks: true });
    expect(figure.data).toHaveLength(2);
    expect(figure.layout?.shapes?.[0]).toMatchObject({ x0: 2.5, x1: 2.5 });
    expect(figure.layout?.annotations?.[0]?.text).toBe('se pierde la partición 2');
  });

  it('degrees: complementary CDFs on log–log axes, starting at the share of nodes with degree ≥ 1', () => {
    const figure = degreeFigure(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []], ['d', []]]));
    expect(figure.data.map((t) => t.name)).toEqual(['enlaces de entrada', 'enlaces de salida']);
    expect(figure.data[0]).toMatchObject({ x: [1, 2], y: [0.5, 0.25] });
    expect(figure.data[1]).toMatchObject({ x: [1, 2], y: [0.5, 0.25] });
    expect(figure.layout?.xaxis?.type).toBe('log');
  });
});
