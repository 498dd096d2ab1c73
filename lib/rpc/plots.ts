/**
 * Pure figure builders for chapter 01's RPC plots: they return plotly JSON and display nothing.
 */
import type { Figure, Trace } from '../plot/index';
import type { SimCallRecord } from './sim-transport';

/** One labelled series of call latencies (ms), e.g. "secuencial" or "8 concurrentes". */
export interface LatencySeries {
  name: string;
  latenciesMs: readonly number[];
}

/**
 * Latency of each call, in issue order, one line per series: sequential calls each pay one
 * round trip; concurrent ones overlap round trips but queue at the server.
 *
 * @example
 * show(latencyFigure([{ name: 'secuencial', latenciesMs: seq }, { name: '8 concurrentes', latenciesMs: par }]));
 */
export function latencyFigure(series: readonly LatencySeries[], title = 'Latencia de cada llamada RPC'): Figure {
  const data: Trace[] = series.map((s) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: s.name,
    x: s.latenciesMs.map((_, i) => i + 1),
    y: [...s.latenciesMs],
  }));
  return {
    data,
    layout: {
      title,
      xaxis: { title: 'Llamada nº' },
      yaxis: { title: 'Latencia (ms)', rangemode: 'tozero' },
    },
  };
}

/** One point of a loss sweep: the loss rate and the records of the run made with it. */
export interface LossRun {
  lossRate: number;
  /** Label of the client policy, e.g. "sin reintentos" or "3 reintentos". */
  policy: string;
  records: readonly SimCallRecord[];
}

/**
 * Under simulated loss: the share of calls answered and their mean latency, per client
 * policy, against the loss rate. Retries buy success with latency (and, for calls that are
 * not idempotent, with duplicated executions).
 */
export function lossRetryFigure(runs: readonly LossRun[]): Figure {
  const policies: string[] = [];
  for (const run of runs) if (!policies.includes(run.policy)) policies.push(run.policy);
  const data: Trace[] = [];
  for (const policy of policies) {
    const mine = runs.filter((run) => run.policy === policy);
    const x = mine.map((run) => run.lossRate * 100);
    data.push({
      type: 'scatter', mode: 'lines+markers', name: `${policy}: % respondidas`, x,
      y: mine.map((run) => (100 * run.records.filter((r) => r.outcome !== 'timeout').length) / Math.max(1, run.records.length)),
    });
    data.push({
      type: 'scatter', mode: 'lines+markers', name: `${policy}: latencia media de las respondidas`, x, yaxis: 'y2', line: { dash: 'dot' },
      y: mine.map((run) => {
        const ok = run.records.filter((r) => r.outcome !== 'timeout');
        return ok.length === 0 ? null : ok.reduce((sum, r) => sum + r.latencyMs, 0) / ok.length;
      }),
    });
  }
  return {
    data,
    layout: {
      title: 'RPC con pérdida de mensajes: reintentos frente a latencia',
      xaxis: { title: 'Pérdida por mensaje (%)' },
      yaxis: { title: 'Llamadas respondidas (%)', range: [0, 105] },
      yaxis2: { title: 'Latencia media de las respondidas (ms)', overlaying: 'y', side: 'right', rangemode: 'tozero' },
    },
  };
}
