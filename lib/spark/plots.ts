/**
 * The chapter's Spark-vs-MapReduce pictures (plotly JSON; the notebook calls `show`).
 */
import { seriesColor } from '../plot/charts';
import type { Figure } from '../plot/figure';
import type { Links } from './graph';
import type { IterationTimeRow, PartitionLossExperiment } from './measure';

/** Share of nodes with degree ≥ k, for each k that occurs (the complementary CDF). */
function ccdf(degrees: readonly number[]): { k: number[]; share: number[] } {
  const sorted = [...degrees].filter((d) => d > 0).sort((a, b) => a - b);
  const k: number[] = [];
  const share: number[] = [];
  sorted.forEach((d, i) => {
    if (i > 0 && sorted[i - 1] === d) return;
    k.push(d);
    share.push((sorted.length - i) / degrees.length);
  });
  return { k, share };
}

/**
 * In- and out-degree of a graph as complementary CDFs on log–log axes: a power law is a
 * straight line (a few nodes receive thousands of links, most receive a handful).
 *
 * @example
 * show(degreeFigure(loadGraphDataset()));
 */
export function degreeFigure(links: Links, title = 'Grado de los nodos: una ley de potencias'): Figure {
  const inDegree = new Map<string, number>();
  for (const node of links.keys()) inDegree.set(node, 0);
  for (const targets of links.values()) for (const t of targets) inDegree.set(t, (inDegree.get(t) ?? 0) + 1);
  const incoming = ccdf([...inDegree.values()]);
  const outgoing = ccdf([...links.values()].map((l) => l.length));
  return {
    data: [
      { type: 'scatter', mode: 'markers', name: 'enlaces de entrada', x: incoming.k, y: incoming.share, marker: { color: seriesColor(0), size: 5 } },
      { type: 'scatter', mode: 'markers', name: 'enlaces de salida', x: outgoing.k, y: outgoing.share, marker: { color: seriesColor(1), size: 5 } },
    ],
    layout: { title, xaxis: { title: 'grado k', type: 'log' }, yaxis: { title: 'fracción de nodos con grado ≥ k', type: 'log' } },
  };
}

/**
 * Time per iteration of both engines (left axis, ms) and the speed-up MapReduce / Spark (right
 * axis), with the RDD paper's 2,4× for PageRank as a dotted reference line.
 *
 * @example
 * show(iterationTimeFigure(compareEngines(loadGraphDataset()).rows));
 */
export function iterationTimeFigure(rows: readonly IterationTimeRow[], title = 'PageRank: tiempo por iteración, en memoria frente a ficheros'): Figure {
  const x = rows.map((r) => r.iteration);
  return {
    data: [
      { type: 'bar', name: 'estilo MapReduce (ficheros + fsync)', x, y: rows.map((r) => r.mapReduceMs), marker: { color: seriesColor(1) } },
      { type: 'bar', name: 'estilo Spark (RDD en caché)', x, y: rows.map((r) => r.sparkMs), marker: { color: seriesColor(0) } },
      { type: 'scatter', mode: 'lines+markers', name: 'aceleración MapReduce / Spark (eje derecho)', x, y: rows.map((r) => r.speedUp), yaxis: 'y2', line: { color: seriesColor(2) } },
      { type: 'scatter', mode: 'lines', name: '×2,4: artículo de los RDD, solo memoria', x: [x[0] ?? 1, x[x.length - 1] ?? 1], y: [2.4, 2.4], yaxis: 'y2', line: { color: seriesColor(2), dash: 'dot' } },
      { type: 'scatter', mode: 'lines', name: '×7,4: artículo, con particionado controlado', x: [x[0] ?? 1, x[x.length - 1] ?? 1], y: [7.4, 7.4], yaxis: 'y2', line: { color: seriesColor(3), dash: 'dot' } },
    ],
    layout: {
      title, barmode: 'group',
      xaxis: { title: 'iteración', dtick: 1 },
      yaxis: { title: 'tiempo de la iteración (ms)', rangemode: 'tozero' },
      yaxis2: { title: 'aceleración (×)', overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false },
    },
  };
}

/**
 * The fault experiment: time per iteration of both engines when a partition is lost before
 * iteration k (marked), Spark recomputing it from lineage and MapReduce rerunning the job.
 */
export function partitionLossFigure(experiment: PartitionLossExperiment, title = 'Se pierde una partición: linaje frente a repetir el trabajo'): Figure {
  const x = experiment.sparkIterationMs.map((_, i) => i + 1);
  return {
    data: [
      { type: 'bar', name: 'estilo MapReduce: repite el trabajo anterior', x, y: [...experiment.mapReduceIterationMs], marker: { color: seriesColor(1) } },
      { type: 'bar', name: 'estilo Spark: recalcula la partición perdida', x, y: [...experiment.sparkIterationMs], marker: { color: seriesColor(0) } },
    ],
    layout: {
      title, barmode: 'group',
      xaxis: { title: 'iteración', dtick: 1 },
      yaxis: { title: 'tiempo de la iteración (ms)', rangemode: 'tozero' },
      shapes: [{ type: 'line', xref: 'x', yref: 'paper', x0: experiment.iteration - 0.5, x1: experiment.iteration - 0.5, y0: 0, y1: 1, line: { dash: 'dash', color: '#888' } }],
      annotations: [{ xref: 'x', yref: 'paper', x: experiment.iteration - 0.5, y: 1, yanchor: 'bottom', text: `se pierde la partición ${experiment.partition}`, showarrow: false }],
    },
  };
}
