/**
 * The balancers' experiments and pictures: p99 latency against utilisation for each policy on
 * the queueing model, the fullest bin against n for one and two random choices (with the
 * theory's curves), and requests per server for a replay of overlapping requests.
 */
import { lineChart } from '../plot/charts';
import type { Figure, Trace } from '../plot/figure';
import type { Seed } from '../random/index';
import { POLICY_LABELS } from './policies';
import type { PolicyName } from './policies';
import { maxLoadTheory } from './queueing-bins';
import type { MaxLoadRow } from './queueing-bins';
import { runQueueing } from './queueing';
import type { ServiceDistribution } from './queueing';

/** One point of {@link latencyVsUtilisation}. */
export interface UtilisationRow {
  readonly policy: PolicyName;
  readonly utilisation: number;
  readonly latencyMsP99: number;
  readonly latencyMsMean: number;
  readonly unfinished: number;
}

/** Options of {@link latencyVsUtilisation}. */
export interface UtilisationSweepOptions {
  readonly seed: Seed;
  readonly policies: readonly PolicyName[];
  readonly utilisations: readonly number[];
  readonly speeds: readonly number[];
  readonly requests?: number;
  readonly service?: ServiceDistribution;
  readonly meanWorkMs?: number;
}

/**
 * Runs the queueing model for every policy and utilisation (the same seed, so the same arrivals
 * and work for every policy at a given utilisation) and returns p99 and mean latency.
 *
 * @example
 * const rows = latencyVsUtilisation({ seed: 9, policies: ['round-robin', 'least-connections'], utilisations: [0.5, 0.9], speeds: [1, 1, 2] });
 * show(p99Figure(rows));
 */
export function latencyVsUtilisation(options: UtilisationSweepOptions): UtilisationRow[] {
  const rows: UtilisationRow[] = [];
  for (const policy of options.policies) {
    for (const utilisation of options.utilisations) {
      const r = runQueueing({ seed: options.seed, policy, utilisation, speeds: options.speeds, requests: options.requests ?? 2_000, service: options.service ?? 'exponential', meanWorkMs: options.meanWorkMs ?? 10 });
      rows.push({ policy, utilisation, latencyMsP99: r.latencyMsP99, latencyMsMean: r.latencyMsMean, unfinished: r.unfinished });
    }
  }
  return rows;
}

/**
 * p99 latency (log axis) against utilisation, one line per policy. Throws when a row has
 * unfinished requests (its p99 would describe only the requests that finished).
 */
export function p99Figure(rows: readonly UtilisationRow[], title = 'Latencia p99 según la utilización'): Figure {
  const cut = rows.find((r) => r.unfinished > 0);
  if (cut !== undefined) throw new Error(`p99Figure: ${POLICY_LABELS[cut.policy]} al ${Math.round(cut.utilisation * 100)} % dejó ${cut.unfinished} peticiones sin servir; su p99 no sería la de todas`);
  const x = [...new Set(rows.map((r) => r.utilisation))].sort((a, b) => a - b);
  const series: Record<string, number[]> = {};
  for (const policy of new Set(rows.map((r) => r.policy))) {
    series[POLICY_LABELS[policy]] = x.map((u) => rows.find((r) => r.policy === policy && r.utilisation === u)?.latencyMsP99 ?? Number.NaN);
  }
  return lineChart(x.map((u) => u * 100), series, { title, xTitle: 'utilización del clúster (%)', yTitle: 'latencia p99 (ms, escala logarítmica)', logY: true });
}

/** The fullest bin against n (log x), the measured means for each d and the theory's leading terms. */
export function maxLoadFigure(rows: readonly MaxLoadRow[]): Figure {
  const sizes = [...new Set(rows.map((r) => r.bins))].sort((a, b) => a - b);
  const data: Trace[] = [];
  for (const d of [...new Set(rows.map((r) => r.choices))].sort((a, b) => a - b)) {
    data.push({ type: 'scatter', mode: 'lines+markers', name: d === 1 ? 'una opción al azar (medido)' : `${d} opciones al azar (medido)`, x: sizes, y: sizes.map((n) => rows.find((r) => r.bins === n && r.choices === d)?.maxLoadMean ?? Number.NaN) });
  }
  data.push({ type: 'scatter', mode: 'lines', name: 'ln n / ln ln n (teoría, d = 1)', x: sizes, y: sizes.map((n) => maxLoadTheory(n, 1)), line: { dash: 'dot' } });
  data.push({ type: 'scatter', mode: 'lines', name: 'ln ln n / ln 2 (teoría, d = 2)', x: sizes, y: sizes.map((n) => maxLoadTheory(n, 2)), line: { dash: 'dot' } });
  return {
    data,
    layout: {
      title: 'Bolas en cajas: la caja más llena con n bolas en n cajas',
      xaxis: { title: 'n (servidores = peticiones)', type: 'log' },
      yaxis: { title: 'carga de la caja más llena (media)', rangemode: 'tozero' },
    },
  };
}

/** Requests per server (bars) for several runs over the same servers, one bar group per run. */
export function perServerFigure(runs: readonly { readonly name: string; readonly counts: ReadonlyMap<string, number> }[], options: { readonly title: string; readonly yTitle: string }): Figure {
  const servers = [...new Set(runs.flatMap((r) => [...r.counts.keys()]))];
  return {
    data: runs.map((r) => ({ type: 'bar', name: r.name, x: servers, y: servers.map((s) => r.counts.get(s) ?? 0) })),
    layout: { title: options.title, barmode: 'group', xaxis: { title: 'servidor', type: 'category' }, yaxis: { title: options.yTitle } },
  };
}
