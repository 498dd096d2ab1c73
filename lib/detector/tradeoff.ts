/**
 * The chapter's key experiment: detection time against false positives for every detector and
 * several settings, over the same heartbeat streams (latency, loss and pauses), plus SWIM.
 */
import { formatNumber } from '../plot/index';
import type { Figure } from '../plot/index';
import type { Seed } from '../random/index';
import { detectorLabel } from './detectors';
import type { DetectorSpec } from './detectors';
import { heartbeatArrivals } from './heartbeat';
import type { HeartbeatRun, HeartbeatRunOptions } from './heartbeat';
import { evaluateDetector } from './qos';
import type { QosMetrics } from './qos';
import { swimQos } from './swim-run';
import type { SwimRunOptions } from './swim-run';

/** One point of the trade-off: a detector family, its setting, and its metrics. */
export interface TradeoffPoint {
  readonly family: string;
  readonly setting: string;
  readonly metrics: QosMetrics;
}

/** The settings the chapter compares: fixed timeouts, φ with Akka's defaults, φ without acceptable pause. */
export const DEFAULT_DETECTOR_FAMILIES: Readonly<Record<string, readonly DetectorSpec[]>> = {
  'timeout fijo': [1_200, 1_500, 2_000, 3_000, 4_000, 6_000, 8_000].map((timeoutMs) => ({ kind: 'fixed', timeoutMs })),
  'φ (Akka: pausa aceptable 3 s)': [0.5, 1, 2, 4, 8, 12, 16].map((threshold) => ({ kind: 'phi', threshold })),
  'φ sin pausa aceptable': [1, 2, 4, 8, 12, 16].map((threshold) => ({ kind: 'phi', threshold, acceptableHeartbeatPauseMs: 0 })),
};

/**
 * Heartbeat streams for `seeds`, all with the same network and pause model.
 *
 * @example
 * const runs = heartbeatRuns([1, 2, 3], { aliveMs: 600_000 });
 */
export function heartbeatRuns(seeds: readonly Seed[], options: Omit<HeartbeatRunOptions, 'seed'> = {}): HeartbeatRun[] {
  return seeds.map((seed) => heartbeatArrivals({ ...options, seed }));
}

/** Evaluates every spec of every family on the same runs. */
export function heartbeatTradeoff(runs: readonly HeartbeatRun[], families: Readonly<Record<string, readonly DetectorSpec[]>> = DEFAULT_DETECTOR_FAMILIES): TradeoffPoint[] {
  return Object.entries(families).flatMap(([family, specs]) => specs.map((spec) => ({ family, setting: detectorLabel(spec), metrics: evaluateDetector(runs, spec) })));
}

/** SWIM at several suspicion timeouts, same network and pauses. */
export function swimTradeoff(suspicionTimeoutsMs: readonly number[], options: SwimRunOptions): TradeoffPoint[] {
  return suspicionTimeoutsMs.map((suspicionTimeoutMs) => ({
    family: 'SWIM (k = 3)',
    setting: `sospecha ${formatNumber(suspicionTimeoutMs / 1000, { maxDecimals: 3 })} s`,
    metrics: swimQos({ ...options, swim: { ...options.swim, suspicionTimeoutMs } }),
  }));
}

const comma = (x: number, digits: number) => formatNumber(x, { decimals: digits });

/**
 * The ROC-like picture: mean detection time (x) against false positives per hour (y, log),
 * one line per family, one marker per setting. Zero mistakes sit on the floor line, labelled.
 */
export function tradeoffFigure(points: readonly TradeoffPoint[], options: { title?: string; hours?: number } = {}): Figure {
  const floor = 0.05;
  const families = [...new Set(points.map((p) => p.family))];
  return {
    data: families.map((family) => {
      const mine = points.filter((p) => p.family === family && p.metrics.detectionTimeMs !== undefined);
      return {
        type: 'scatter',
        mode: 'lines+markers+text',
        name: family,
        x: mine.map((p) => (p.metrics.detectionTimeMs as number) / 1000),
        y: mine.map((p) => Math.max(floor, p.metrics.mistakesPerHour)),
        // φ's settings crowd together: label only their ends (every point has its hover text).
        text: mine.map((p, i) => (family.startsWith('φ') && i !== 0 && i !== mine.length - 1 ? '' : p.setting.replace(/^timeout |^sospecha /, ''))),
        textposition: family.startsWith('φ') ? 'bottom center' : 'top center',
        textfont: { size: 10 },
        hovertext: mine.map((p) => `${p.setting}: detecta en ${comma((p.metrics.detectionTimeMs as number) / 1000, 2)} s, ${comma(p.metrics.mistakesPerHour, 2)} falsos positivos/h, P_A = ${comma(p.metrics.queryAccuracy, 5)}`),
        hoverinfo: 'text',
      };
    }),
    layout: {
      title: options.title ?? 'Detectar antes cuesta falsos positivos',
      xaxis: { title: 'tiempo medio de detección T_D (s)' },
      yaxis: { title: 'falsos positivos por hora λ_M (log)', type: 'log' },
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: floor, y1: floor, line: { dash: 'dot', width: 1, color: '#888' } }],
      annotations: [{ xref: 'paper', x: 0, y: Math.log10(floor), yanchor: 'top', xanchor: 'left', showarrow: false, text: options.hours ? `0 errores en ${comma(options.hours, 0)} h` : '0 errores', font: { size: 10, color: '#666' } }],
    },
  };
}

/** Table rows (Spanish headers, decimal commas) of the Chen–Toueg–Aguilera metrics. */
export function qosRows(points: readonly TradeoffPoint[]): Record<string, string | number>[] {
  return points.map((p) => ({
    detector: p.family,
    ajuste: p.setting,
    'T_D medio (s)': p.metrics.detectionTimeMs === undefined ? '—' : comma(p.metrics.detectionTimeMs / 1000, 2),
    'T_D máx. (s)': p.metrics.maxDetectionTimeMs === undefined ? '—' : comma(p.metrics.maxDetectionTimeMs / 1000, 2),
    'λ_M (errores/h)': comma(p.metrics.mistakesPerHour, 2),
    'T_M medio (s)': comma(p.metrics.meanMistakeMs / 1000, 2),
    P_A: comma(p.metrics.queryAccuracy, 6),
  }));
}
