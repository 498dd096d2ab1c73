/**
 * The chapter's pictures of flooding: coverage and duplicates against fan-out, one line per
 * network condition, from {@link fanoutExperiment}'s rows.
 */
import { lineChart } from '../plot/charts';
import type { Figure } from '../plot/figure';
import type { FanoutRow } from './experiment';
import type { Fanout } from './peer';

/** The x label of a fan-out: `'1'`, `'2'`, … or `'todos'`. */
export function fanoutLabel(fanout: Fanout): string {
  return fanout === 'all' ? 'todos' : String(fanout);
}

function byCondition(rows: readonly FanoutRow[], value: (row: FanoutRow) => number): { x: string[]; series: Record<string, number[]> } {
  const x = [...new Set(rows.map((r) => fanoutLabel(r.fanout)))];
  const series: Record<string, number[]> = {};
  // Aligned to x: a fan-out a condition did not run is a gap (NaN), never a shifted point.
  for (const condition of new Set(rows.map((r) => r.condition))) {
    series[condition] = x.map((label) => {
      const row = rows.find((r) => r.condition === condition && fanoutLabel(r.fanout) === label);
      return row === undefined ? Number.NaN : value(row);
    });
  }
  return { x, series };
}

/**
 * Coverage (% of peers that showed a line) against fan-out, one line per condition.
 *
 * @example
 * show(coverageFigure(fanoutExperiment({ seed: 1, fanouts: [1, 2, 4, 'all'], seeds: 5 })));
 */
export function coverageFigure(rows: readonly FanoutRow[]): Figure {
  const { x, series } = byCondition(rows, (r) => r.coverage * 100);
  const figure = lineChart(x, series, { title: 'Cobertura de la inundación según el fan-out', xTitle: 'fan-out (vecinos a los que reenvía cada par)', yTitle: 'pares que muestran el mensaje (%)' });
  return { ...figure, layout: { ...figure.layout, xaxis: { title: 'fan-out (vecinos a los que reenvía cada par)', type: 'category' }, yaxis: { title: 'pares que muestran el mensaje (%)', range: [0, 105] } } };
}

/** Duplicate copies received per peer and line against fan-out, one line per condition. */
export function duplicatesFigure(rows: readonly FanoutRow[]): Figure {
  const { x, series } = byCondition(rows, (r) => r.duplicatesPerPeer);
  const figure = lineChart(x, series, { title: 'Duplicados descartados según el fan-out', xTitle: 'fan-out (vecinos a los que reenvía cada par)', yTitle: 'copias repetidas por par y mensaje' });
  return { ...figure, layout: { ...figure.layout, xaxis: { title: 'fan-out (vecinos a los que reenvía cada par)', type: 'category' } } };
}
