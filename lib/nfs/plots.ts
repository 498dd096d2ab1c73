/** The chapter's NFS pictures: what a reader sees over time, and staleness against policy. */
import { lineChart } from '../plot/charts';
import type { Figure, Trace } from '../plot/figure';
import type { StalenessRow } from './experiment';

/**
 * The server's version and the versions readers got, as steps over simulated time.
 *
 * @example
 * show(versionTimelineFigure(rows.filter((r) => r.label === 'defecto (3–60 s)')));
 */
export function versionTimelineFigure(rows: readonly StalenessRow[], options: { title?: string } = {}): Figure {
  const first = rows[0];
  if (first === undefined) throw new RangeError('versionTimelineFigure: no hay filas');
  const x = first.timeline.map((p) => p.tMs / 1_000);
  const data: Trace[] = [{ type: 'scatter', mode: 'lines', name: 'servidor', x, y: first.timeline.map((p) => p.server), line: { shape: 'hv', width: 4 } }];
  for (const row of rows) {
    data.push({ type: 'scatter', mode: 'lines', name: rows.length > 2 ? `lector: ${row.mode} (${row.label})` : `lector: ${row.mode}`, x: row.timeline.map((p) => p.tMs / 1_000), y: row.timeline.map((p) => p.seen), line: { shape: 'hv', dash: row.mode === 'archivo abierto' ? 'solid' : 'dot' } });
  }
  return {
    data,
    layout: { title: options.title ?? 'Versión del archivo: la del servidor y la que lee cada lector', xaxis: { title: 'tiempo simulado (s)' }, yaxis: { title: 'versión (número de reescrituras)' } },
  };
}

/** Fraction of stale reads for each policy, one line per reader mode. */
export function stalenessFigure(rows: readonly StalenessRow[]): Figure {
  const labels = [...new Set(rows.map((r) => r.label))];
  const series: Record<string, number[]> = {};
  for (const mode of new Set(rows.map((r) => r.mode))) {
    series[`lector: ${mode}`] = labels.map((l) => (rows.find((r) => r.label === l && r.mode === mode)?.staleFraction ?? Number.NaN) * 100);
  }
  const figure = lineChart(labels, series, { title: 'Lecturas obsoletas según la caché de atributos', xTitle: 'opciones de montaje', yTitle: 'lecturas obsoletas (%)' });
  return { ...figure, layout: { ...figure.layout, xaxis: { title: 'opciones de montaje', type: 'category' } } };
}

/** GETATTR calls per read for each policy: what freshness costs the server. */
export function getattrFigure(rows: readonly StalenessRow[]): Figure {
  const labels = [...new Set(rows.map((r) => r.label))];
  const series: Record<string, number[]> = {};
  for (const mode of new Set(rows.map((r) => r.mode))) {
    series[`lector: ${mode}`] = labels.map((l) => rows.find((r) => r.label === l && r.mode === mode)?.getattrPerRead ?? Number.NaN);
  }
  const figure = lineChart(labels, series, { title: 'Lo que cuesta estar al día: GETATTR por lectura', xTitle: 'opciones de montaje', yTitle: 'GETATTR por lectura' });
  return { ...figure, layout: { ...figure.layout, xaxis: { title: 'opciones de montaje', type: 'category' } } };
}
