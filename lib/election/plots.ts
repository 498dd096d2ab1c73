/**
 * The chapter's pictures of elections: measured messages per election vs N (mean with the
 * min–max range of the runs) against the formulas, and election time vs N.
 */
import type { Figure, Trace } from '../plot/figure';
import type { ElectionCostRow } from './experiment';

/**
 * Measured messages per election (mean, bars from min to max) with formula curves.
 *
 * @example
 * const rows = electionCosts({ algorithm: 'bully', sizes: [3, 8, 16, 32, 64], runs: 30, seed: 1 });
 * show(electionCostFigure({ medido: rows }, { 'mejor caso n − 2': (n) => n - 2 }, { title: 'Bully' }));
 */
export function electionCostFigure(
  measured: Record<string, readonly ElectionCostRow[]>,
  formulas: Record<string, (n: number) => number>,
  options: { title: string; yTitle?: string; logY?: boolean },
): Figure {
  const sizes = [...new Set(Object.values(measured).flatMap((rows) => rows.map((r) => r.n)))].sort((a, b) => a - b);
  const data: Trace[] = Object.entries(measured).map(([name, rows]) => ({
    type: 'scatter',
    mode: 'markers',
    name,
    x: rows.map((r) => r.n),
    y: rows.map((r) => r.mean),
    error_y: { type: 'data', symmetric: false, array: rows.map((r) => r.max - r.mean), arrayminus: rows.map((r) => r.mean - r.min), thickness: 1 },
    marker: { size: 8 },
  }));
  for (const [name, f] of Object.entries(formulas)) {
    data.push({ type: 'scatter', mode: 'lines', name, x: sizes, y: sizes.map(f), line: { dash: 'dash', width: 1.5 } });
  }
  return {
    data,
    layout: {
      title: options.title,
      xaxis: { title: 'N (nodos)', type: 'log', tickvals: sizes },
      yaxis: { title: options.yTitle ?? 'mensajes por elección', ...(options.logY === false ? {} : { type: 'log' as const }) },
    },
  };
}

/** Mean time until every live node knows the leader, one line per algorithm. */
export function electionTimeFigure(measured: Record<string, readonly ElectionCostRow[]>, options: { title: string }): Figure {
  return {
    data: Object.entries(measured).map(([name, rows]) => ({ type: 'scatter', mode: 'lines+markers', name, x: rows.map((r) => r.n), y: rows.map((r) => r.meanTimeMs) })),
    layout: { title: options.title, xaxis: { title: 'N (nodos)' }, yaxis: { title: 'tiempo de elección (ms simulados)' } },
  };
}
