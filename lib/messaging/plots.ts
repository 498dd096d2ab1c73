/**
 * Pure figure builders for chapter 01's messaging plots: plotly JSON, nothing displayed.
 */
import type { Figure, Trace } from '../plot/index';
import type { ConsumerRunResult, TimelineEntry } from './simulation';

const SYMBOLS: Partial<Record<TimelineEntry['kind'], string>> = {
  delivered: 'circle-open',
  redelivered: 'diamond',
  effect: 'circle',
  'duplicate-effect': 'star',
  'skipped-duplicate': 'square-open',
  failed: 'x-thin-open',
  'dead-letter': 'x',
};

const LABELS: Partial<Record<TimelineEntry['kind'], string>> = {
  delivered: 'entrega',
  redelivered: 'reentrega',
  effect: 'efecto aplicado',
  'duplicate-effect': 'efecto DUPLICADO',
  'skipped-duplicate': 'duplicado ignorado',
  failed: 'fallo (nack)',
  'dead-letter': 'a la cola de mensajes muertos',
};

/**
 * The queue's timeline: one row per message, a marker per delivery and effect, colour by
 * consumer, and a dashed line where a consumer crashed. Redeliveries after the crash and
 * duplicated effects stand out.
 *
 * @example
 * show(queueTimelineFigure(simulateConsumers({ rng: createRng(1), crashes: [{ consumerId: 'c1', atMs: 25 }] })));
 */
export function queueTimelineFigure(run: ConsumerRunResult, title = 'Cola con confirmaciones: reentrega tras la caída de un consumidor'): Figure {
  const data: Trace[] = [];
  const consumers = [...new Set(run.timeline.map((e) => e.consumerId))];
  for (const consumerId of consumers) {
    for (const kind of Object.keys(SYMBOLS) as TimelineEntry['kind'][]) {
      const points = run.timeline.filter((e) => e.consumerId === consumerId && e.kind === kind);
      if (points.length === 0) continue;
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `${consumerId}: ${LABELS[kind]}`,
        legendgroup: consumerId,
        x: points.map((p) => p.timeMs),
        y: points.map((p) => p.messageId),
        marker: { symbol: SYMBOLS[kind], size: kind === 'duplicate-effect' ? 14 : 9 },
      });
    }
  }
  const crashes = run.timeline.filter((e) => e.kind === 'crash');
  return {
    data,
    layout: {
      title,
      xaxis: { title: 'Tiempo simulado (ms)' },
      yaxis: { title: 'Mensaje', type: 'category', categoryorder: 'array', categoryarray: [...run.effects.keys()] },
      shapes: crashes.map((c) => ({ type: 'line', x0: c.timeMs, x1: c.timeMs, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dash', color: 'crimson' } })),
      annotations: crashes.map((c) => ({ x: c.timeMs, yref: 'paper', y: 1.02, text: `cae ${c.consumerId}`, showarrow: false })),
      height: 520,
    },
  };
}

/** How many times each message's effect ran, for several runs side by side (1 = exactly once). */
export function effectsFigure(runs: readonly { name: string; run: ConsumerRunResult }[]): Figure {
  return {
    data: runs.map(({ name, run }) => ({
      type: 'bar',
      name,
      x: [...run.effects.keys()],
      y: [...run.effects.values()],
    })),
    layout: {
      title: 'Veces que se aplicó el efecto de cada mensaje',
      barmode: 'group',
      xaxis: { title: 'Mensaje' },
      yaxis: { title: 'Efectos aplicados', dtick: 1, rangemode: 'tozero' },
    },
  };
}
