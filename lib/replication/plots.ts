/**
 * The chapter's figures: write latency against acknowledged writes lost (simulated and real,
 * side by side), staleness curves (PBS), and Spanner's commit-wait cost. Plain plotly JSON;
 * `show` applies the course theme.
 */
import type { Figure, Trace } from '../plot/figure';
import { formatNumber } from '../plot/format';
import { COLORWAY } from '../plot/theme';

/** One configuration of the latency–loss plot. */
export interface LatencyLossRow {
  readonly label: string;
  readonly latencyMsP50: number;
  readonly latencyMsP99: number;
  /** Acknowledged writes lost, as a percentage of the acknowledged writes. */
  readonly lostPercent: number;
}

/** A panel of the latency–loss plot. */
export interface LatencyLossPanel {
  readonly title: string;
  readonly rows: readonly LatencyLossRow[];
}

/**
 * Write latency (x, log scale; p50 as a filled dot, p99 as a hollow one, joined by a line)
 * against the percentage of acknowledged writes lost (y), one colour per configuration; with
 * two panels they are drawn side by side (the simulation and real Redis).
 * @example
 * show(latencyLossFigure([{ title: 'Simulado', rows }], 'Latencia frente a escrituras perdidas'));
 */
export function latencyLossFigure(panels: readonly LatencyLossPanel[], title: string): Figure {
  const data: Trace[] = [];
  const labels = [...new Set(panels.flatMap((p) => p.rows.map((r) => r.label)))];
  const gap = 0.1;
  const width = (1 - gap * (panels.length - 1)) / panels.length;
  const layout: Record<string, unknown> = { title, height: 460, showlegend: true, annotations: [] as unknown[] };
  panels.forEach((panel, i) => {
    const suffix = i === 0 ? '' : String(i + 1);
    for (const row of panel.rows) {
      const colour = COLORWAY[labels.indexOf(row.label) % COLORWAY.length];
      data.push({
        type: 'scatter',
        mode: 'lines+markers',
        name: row.label,
        legendgroup: row.label,
        showlegend: i === 0 || !panels[0]?.rows.some((r) => r.label === row.label),
        x: [row.latencyMsP50, row.latencyMsP99],
        y: [row.lostPercent, row.lostPercent],
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
        marker: { size: 11, color: colour, symbol: ['circle', 'circle-open'], line: { width: 2, color: colour } },
        line: { color: colour, width: 2 },
        hovertemplate: `${row.label}<br>%{x:.2f} ms<br>perdidas: %{y:.2f} %<extra></extra>`,
      });
    }
    const from = i * (width + gap);
    const ticks = logTicks(panel.rows.flatMap((r) => [r.latencyMsP50, r.latencyMsP99]));
    layout[`xaxis${suffix}`] = { title: 'latencia de escritura (ms): ● p50, ○ p99', type: 'log', domain: [from, from + width], anchor: `y${suffix}`, tickvals: ticks, ticktext: ticks.map((t) => formatNumber(t)) };
    layout[`yaxis${suffix}`] = { title: i === 0 ? 'escrituras confirmadas perdidas (%)' : '', rangemode: 'tozero', anchor: `x${suffix}` };
    (layout['annotations'] as unknown[]).push({ text: `<b>${panel.title}</b>`, xref: 'paper', yref: 'paper', x: from + width / 2, y: 1.02, xanchor: 'center', yanchor: 'bottom', showarrow: false });
  });
  return { data, layout };
}

/** Log-axis ticks 1-2-5 per decade covering `values` (plain Spanish numbers instead of plotly's 10² and minor digits). */
function logTicks(values: readonly number[]): number[] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return [1];
  const lo = Math.min(...positive);
  const hi = Math.max(...positive);
  const ticks: number[] = [];
  for (let decade = Math.floor(Math.log10(lo)); decade <= Math.ceil(Math.log10(hi)); decade++) {
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** decade).toPrecision(3));
      if (t >= lo / 2.5 && t <= hi * 2.5) ticks.push(t);
    }
  }
  return ticks;
}

/** P(stale read) against time since the write's acknowledgement, one line per (N, R, W). */
export function stalenessFigure(curves: readonly { label: string; delaysMs: readonly number[]; probabilityStale: readonly number[] }[]): Figure {
  return {
    data: curves.map((c) => ({ type: 'scatter', mode: 'lines+markers', name: c.label, x: [...c.delaysMs], y: [...c.probabilityStale] })),
    layout: {
      title: 'Probabilidad de leer un valor viejo (PBS)',
      xaxis: { title: 'tiempo desde que se confirmó la escritura (ms)' },
      yaxis: { title: 'P(lectura vieja)', rangemode: 'tozero', tickformat: '.0%' },
    },
  };
}

/** Spanner: median commit latency against ε, with and without commit wait, and a grey band at "without + 2ε". */
export function commitWaitFigure(rows: readonly { epsilonMs: number; withWaitMs: number; withoutWaitMs: number }[]): Figure {
  const eps = rows.map((r) => r.epsilonMs);
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'con espera de confirmación', x: eps, y: rows.map((r) => r.withWaitMs) },
      { type: 'scatter', mode: 'lines+markers', name: 'sin espera', x: eps, y: rows.map((r) => r.withoutWaitMs) },
      // A wide grey band under the commit-wait line: where it lies on the band, it costs exactly 2ε.
      { type: 'scatter', mode: 'lines', name: 'sin espera + 2ε (banda gris)', x: eps, y: rows.map((r) => r.withoutWaitMs + 2 * r.epsilonMs), line: { width: 12, color: 'rgba(0, 0, 0, 0.18)' } },
    ],
    layout: {
      title: 'Spanner: lo que cuesta esperar la incertidumbre del reloj',
      xaxis: { title: 'incertidumbre de TrueTime ε (ms)' },
      yaxis: { title: 'latencia de confirmación, mediana (ms)', rangemode: 'tozero' },
    },
  };
}
