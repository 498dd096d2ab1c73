/**
 * The chapter's pictures: under-replicated blocks over time after a failure (the truth and the
 * NameNode's priority queues), and files per node in the lecture's class and the fixed one.
 */
import { lineChart } from '../plot/charts';
import type { Figure } from '../plot/figure';
import { formatNumber } from '../plot/format';
import { deadNodeTimeoutMs } from './config';
import type { ReplicationTimeline } from './experiment';
import type { SkewRow } from './lecture';

const minutes = (ms: number) => ms / 60_000;

function marker(x: number, text: string, y: number, side: 'left' | 'right' = 'left'): { shape: Record<string, unknown>; annotation: Record<string, unknown> } {
  return {
    shape: { type: 'line', xref: 'x', yref: 'paper', x0: x, x1: x, y0: 0, y1: 1, line: { dash: 'dot', width: 1.5, color: '#666' } },
    annotation: { x, xref: 'x', yref: 'paper', y, yanchor: 'bottom', xanchor: side === 'left' ? 'left' : 'right', showarrow: false, text, font: { size: 11, color: '#444' } },
  };
}

/**
 * Under-replicated blocks against time (minutes): the truth from the disks, and the NameNode's
 * view split into «una sola réplica» (highest priority) and the rest, with the failure and the
 * detection marked.
 *
 * @example
 * show(replicationTimelineFigure(replicationTimeline({ seed: 1, failure: 'rack' }), 'Cae el rack r1'));
 */
export function replicationTimelineFigure(timeline: ReplicationTimeline, title: string): Figure {
  const x = timeline.samples.map((s) => minutes(s.timeMs));
  const series: Record<string, number[]> = {
    'bloques con réplicas de menos (realidad)': timeline.samples.map((s) => s.underReplicated),
    'según el NameNode: una sola réplica (prioridad máxima)': timeline.samples.map((s) => s.byPriority.highest),
    'según el NameNode: faltan réplicas (2 de 3)': timeline.samples.map((s) => s.byPriority.low + s.byPriority.veryLow),
  };
  if (timeline.lostBlocks > 0) series['bloques perdidos (sin réplicas vivas)'] = timeline.samples.map((s) => s.lost);
  const figure = lineChart(x, series, { title, xTitle: 'tiempo (min)', yTitle: 'bloques', markers: false });
  const lastBeatMs = timeline.failAtMs - timeline.cluster.config.heartbeatIntervalMs / 2;
  const marks = [
    marker(minutes(timeline.failAtMs), `caída (${timeline.failed.length === 1 ? timeline.failed[0] : `${timeline.failed.length} nodos`})`, 0.6),
    marker(minutes(lastBeatMs + deadNodeTimeoutMs(timeline.cluster.config)), `umbral: ${formatNumber(minutes(deadNodeTimeoutMs(timeline.cluster.config)), { maxDecimals: 1 })} min sin latidos`, 0.45, 'right'),
  ];
  if (timeline.detectedAtMs !== undefined) marks.push(marker(minutes(timeline.detectedAtMs), `el NameNode lo da por muerto (${formatNumber(minutes(timeline.detectedAtMs - timeline.failAtMs), { maxDecimals: 1 })} min después)`, 0.3, 'right'));
  return {
    ...figure,
    data: figure.data.map((t, i) => ({ ...t, line: { width: i === 0 ? 3 : 2, ...(i === 0 ? {} : { dash: 'dash' }) } })),
    layout: { ...figure.layout, shapes: marks.map((m) => m.shape), annotations: marks.map((m) => m.annotation) },
  };
}

/**
 * The seconds after the NameNode declares the death, from a timeline's fine samples: blocks
 * with one live replica and with two (the truth), and the NameNode's two queues; the
 * single-replica blocks are copied first.
 *
 * @example
 * show(reReplicationZoomFigure(replicationTimeline({ seed: 1, failure: 'rack' }), 'Tras detectar la caída'));
 */
export function reReplicationZoomFigure(timeline: ReplicationTimeline, title: string, windowMs = 20_000): Figure {
  const from = timeline.detectedAtMs ?? timeline.failAtMs;
  const samples = timeline.samples.filter((s) => s.timeMs >= from - 3_000 && s.timeMs <= from + windowMs);
  const x = samples.map((s) => (s.timeMs - from) / 1000);
  const figure = lineChart(x, {
    'con una sola réplica viva (realidad)': samples.map((s) => s.singleReplica),
    'con dos réplicas vivas (realidad)': samples.map((s) => s.underReplicated - s.singleReplica - s.lost),
    'cola del NameNode: una sola réplica': samples.map((s) => s.byPriority.highest),
    'cola del NameNode: faltan réplicas': samples.map((s) => s.byPriority.low + s.byPriority.veryLow),
  }, { title, xTitle: 'segundos desde que el NameNode declara la muerte', yTitle: 'bloques', markers: false });
  return {
    ...figure,
    data: figure.data.map((t, i) => ({ ...t, line: { shape: 'hv', width: i < 2 ? 3 : 2, ...(i < 2 ? {} : { dash: 'dash' }) } })),
  };
}

/**
 * Files per node in the lecture's `DistributedFileSystem` and in the fixed one (grouped bars).
 *
 * @example
 * show(skewFigure(lectureSkew({ files: 300, nodes: 6 }).rows, 300));
 */
export function skewFigure(rows: readonly SkewRow[], files: number): Figure {
  const x = rows.map((r) => r.node);
  return {
    data: [
      { type: 'bar', name: 'clase de la lección (siempre los primeros nodos)', x, y: rows.map((r) => r.lecture) },
      { type: 'bar', name: 'corregida (hash de cita, rendezvous)', x, y: rows.map((r) => r.fixed) },
    ],
    layout: {
      title: `Archivos por nodo tras guardar ${formatNumber(files)} archivos con 2 réplicas`,
      barmode: 'group',
      xaxis: { title: 'nodo', type: 'category' },
      yaxis: { title: 'archivos guardados' },
    },
  };
}
