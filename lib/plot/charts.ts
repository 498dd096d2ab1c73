import { COLORWAY } from './theme';
import { formatNumber } from './format';
import { percentile } from './percentile';
import type { Figure, Trace } from './figure';

/** Options of {@link histogram}. */
export interface HistogramOptions {
  title: string;
  xTitle: string;
  yTitle?: string;
  /** Percentiles to mark with a dashed vertical line per series, e.g. [50, 99]. */
  percentiles?: readonly number[];
  /** Histogram bin width in x units (plotly chooses one otherwise). */
  binSize?: number;
}

/**
 * Overlaid histograms of several named samples, with chosen percentiles of each marked
 * as labelled dashed lines (`p50`, `p99`, …; nearest-rank percentiles, see `percentile`).
 *
 * @example
 * histogram({ secuencial: [120, 180, 150], paralelo: [60, 90, 70] },
 *   { title: 'Latencia', xTitle: 'ms', percentiles: [50, 99] });
 */
export function histogram(series: Record<string, readonly number[]>, options: HistogramOptions): Figure {
  const names = Object.keys(series);
  const data: Trace[] = names.map((name) => ({
    type: 'histogram',
    name,
    x: series[name] ?? [],
    opacity: names.length > 1 ? 0.6 : 0.85,
    ...(options.binSize ? { xbins: { size: options.binSize } } : {}),
  }));
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  names.forEach((name, index) => {
    const values = series[name] ?? [];
    if (values.length === 0) return;
    for (const p of options.percentiles ?? []) {
      const x = percentile(values, p);
      shapes.push({
        type: 'line', xref: 'x', yref: 'paper', x0: x, x1: x, y0: 0, y1: 1,
        line: { dash: 'dash', width: 1.5, color: seriesColor(index) },
      });
      annotations.push({
        x, xref: 'x', yref: 'paper', y: 1 - 0.07 * index, yanchor: 'bottom', showarrow: false,
        text: `${name} p${p}: ${formatNumber(x, { decimals: 0 })}`, font: { size: 11, color: seriesColor(index) },
      });
    }
  });
  return {
    data,
    layout: {
      title: options.title,
      barmode: 'overlay',
      xaxis: { title: options.xTitle },
      yaxis: { title: options.yTitle ?? 'frecuencia' },
      shapes,
      annotations,
    },
  };
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** Logarithmic y axis (e.g. for "number of nines"). */
  logY?: boolean;
  /** Draw markers on every point. */
  markers?: boolean;
}

/**
 * Several named y series over a shared x axis.
 *
 * @example
 * lineChart([1, 2, 3], { independientes: [0.9, 0.99, 0.999] },
 *   { title: 'Disponibilidad', xTitle: 'réplicas', yTitle: 'disponibilidad' });
 */
export function lineChart(
  x: readonly (number | string)[],
  series: Record<string, readonly number[]>,
  options: LineChartOptions,
): Figure {
  return {
    data: Object.entries(series).map(([name, y]) => ({
      type: 'scatter',
      mode: options.markers === false ? 'lines' : 'lines+markers',
      name,
      x,
      y,
    })),
    layout: {
      title: options.title,
      xaxis: { title: options.xTitle },
      yaxis: { title: options.yTitle, ...(options.logY ? { type: 'log' as const } : {}) },
    },
  };
}

/** The colour the theme gives the series at `index` (for matching shapes to traces). */
export function seriesColor(index: number): string {
  return COLORWAY[index % COLORWAY.length] as string;
}
