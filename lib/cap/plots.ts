/**
 * The chapter's pictures: balances per replica across the partition, the fraction of requests
 * answered against the partition's length (CP vs AP), and anomalies per reconciliation strategy.
 * @packageDocumentation
 */
import type { Figure } from '../plot/figure';
import { lineChart } from '../plot/charts';
import type { BalanceSeries } from './metrics';

/**
 * One line per replica: `account`'s balance over time, the partition shaded.
 *
 * @example
 * show(balancesFigure(sampleBalances(sim, { account: 'ana', untilMs: 2_500 }), { partition: { atMs: 400, healAtMs: 1_300 }, title: 'AP con LWW' }));
 */
export function balancesFigure(series: BalanceSeries, options: { title: string; partition?: { atMs: number; healAtMs: number } }): Figure {
  const figure = lineChart(series.timesMs, Object.fromEntries(series.byReplica), {
    title: options.title,
    xTitle: 'tiempo simulado (ms)',
    yTitle: `saldo de ${series.account} (€)`,
    markers: false,
  });
  for (const trace of figure.data) (trace as { line?: unknown }).line = { shape: 'hv' };
  if (options.partition !== undefined) {
    const { atMs, healAtMs } = options.partition;
    figure.layout = {
      ...figure.layout,
      shapes: [{ type: 'rect', xref: 'x', yref: 'paper', x0: atMs, x1: healAtMs, y0: 0, y1: 1, fillcolor: 'rgba(120,120,120,0.15)', line: { width: 0 } }],
      annotations: [{ x: (atMs + healAtMs) / 2, y: 1, xref: 'x', yref: 'paper', yanchor: 'bottom', text: 'partición', showarrow: false }],
    };
  }
  return figure;
}

/** Fraction of requests answered (ok) against the partition's length, one line per mode. */
export function availabilityFigure(lengthsMs: readonly number[], fractions: Record<string, readonly number[]>): Figure {
  const figure = lineChart(lengthsMs, fractions, {
    title: 'Peticiones contestadas según la duración de la partición',
    xTitle: 'duración de la partición (ms)',
    yTitle: 'fracción contestada',
  });
  figure.layout = { ...figure.layout, yaxis: { ...(figure.layout?.yaxis ?? {}), range: [0, 1.05], tickformat: '.0%' } };
  return figure;
}

/** Grouped bars: per strategy, lost updates, overdrafts and stale reads (means over seeds). */
export function anomaliesFigure(rows: readonly { strategy: string; lostUpdates: number; overdrafts: number; staleReads: number }[]): Figure {
  const x = rows.map((r) => r.strategy);
  return {
    data: [
      { type: 'bar', name: 'actualizaciones perdidas', x, y: rows.map((r) => r.lostUpdates) },
      { type: 'bar', name: 'cuentas en descubierto', x, y: rows.map((r) => r.overdrafts) },
      { type: 'bar', name: 'lecturas obsoletas', x, y: rows.map((r) => r.staleReads) },
    ],
    layout: { title: 'Anomalías por estrategia (media por ejecución)', barmode: 'group', xaxis: { title: 'modo / reconciliación' }, yaxis: { title: 'por ejecución' } },
  };
}
