/**
 * The chapter's CDN pictures (plotly JSON; the notebook calls `show`).
 */
import { seriesColor } from '../plot/charts';
import { formatNumber } from '../plot/format';
import type { Figure, Trace } from '../plot/figure';
import { POLICY_NAMES } from './caches';
import type { CachePolicy } from './caches';
import type { HitRatioRow } from './experiment';
import { meanLatencyModel, percentileLatencyModel } from './experiment';
import type { LatencyExperiment } from './latency';
import type { OpenConnectRun } from './open-connect';
import { cheHitRatio, fifoApproxHitRatio, topCHitRatio } from './che';
import { zipfPmf } from './zipf';
import { DAY_START_HOUR } from './open-connect';

const MODEL_NAMES: Record<CachePolicy, string> = {
  lru: 'aproximación de Che (LRU)',
  fifo: 'aproximación de Fricker et al. (FIFO)',
  lfu: 'cota: los C más populares',
};

const comma = (x: number) => formatNumber(x, { decimals: 1 });

const MODELS: Record<CachePolicy, (rates: Float64Array, capacity: number) => number> = { lru: cheHitRatio, fifo: fifoApproxHitRatio, lfu: topCHitRatio };

/** A policy's model on a dense log grid of capacities between the simulated ones (a real curve). */
function modelCurve(policy: CachePolicy, points: readonly HitRatioRow[]): { x: number[]; y: number[] } {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined || first.capacity === last.capacity) return { x: points.map((r) => r.capacity), y: points.map((r) => r.model * 100) };
  const pmf = zipfPmf(first.objects, first.alpha);
  const steps = 24;
  const x = Array.from({ length: steps + 1 }, (_, k) => first.capacity * (last.capacity / first.capacity) ** (k / steps));
  return { x, y: x.map((c) => MODELS[policy](pmf, c) * 100) };
}

/**
 * Hit ratio against cache size (log x) at one α: each policy simulated (markers) and its model
 * (dashed): Che over LRU, the FIFO analogue, and the top-C bound beside LFU.
 *
 * @example
 * show(hitRatioFigure(hitRatioSweep({ objects: 10_000, alphas: [0.8], capacities: [10, 100, 1000], requests: 100_000, seed: 1 }), 0.8));
 */
export function hitRatioFigure(rows: readonly HitRatioRow[], alpha: number, title?: string): Figure {
  const own = rows.filter((r) => r.alpha === alpha && r.capacity > 0);
  const policies = [...new Set(own.map((r) => r.policy))];
  const data: Trace[] = [];
  policies.forEach((policy, i) => {
    const points = own.filter((r) => r.policy === policy).sort((a, b) => a.capacity - b.capacity);
    const color = seriesColor(i);
    data.push({ type: 'scatter', mode: 'markers', name: `${POLICY_NAMES[policy]} (simulado)`, legendgroup: policy, x: points.map((r) => r.capacity), y: points.map((r) => r.hitRatio * 100), marker: { color, size: 9 } });
    data.push({ type: 'scatter', mode: 'lines', name: MODEL_NAMES[policy], legendgroup: policy, ...modelCurve(policy, points), line: { color, dash: policy === 'lru' ? 'solid' : 'dash' } });
  });
  const n = own[0]?.objects ?? 0;
  return {
    data,
    layout: {
      title: title ?? `Tasa de aciertos según el tamaño de la caché (Zipf α = ${comma(alpha)}, N = ${formatNumber(n)})`,
      xaxis: { title: 'capacidad de la caché C (objetos)', type: 'log' },
      yaxis: { title: 'peticiones servidas por el borde (%)', range: [0, 100] },
    },
  };
}

/** LRU simulated against Che's approximation for several α (one colour per α). */
export function cheAlphaFigure(rows: readonly HitRatioRow[], title = 'LRU simulado frente a la aproximación de Che, según α'): Figure {
  const lru = rows.filter((r) => r.policy === 'lru' && r.capacity > 0);
  const alphas = [...new Set(lru.map((r) => r.alpha))].sort((a, b) => a - b);
  const data: Trace[] = [];
  alphas.forEach((alpha, i) => {
    const points = lru.filter((r) => r.alpha === alpha).sort((a, b) => a.capacity - b.capacity);
    const color = seriesColor(i);
    const group = `α = ${comma(alpha)}`;
    data.push({ type: 'scatter', mode: 'markers', name: `${group}: LRU simulado`, legendgroup: group, x: points.map((r) => r.capacity), y: points.map((r) => r.hitRatio * 100), marker: { color, size: 9 } });
    data.push({ type: 'scatter', mode: 'lines', name: `${group}: Che`, legendgroup: group, ...modelCurve('lru', points), line: { color } });
  });
  return { data, layout: { title, xaxis: { title: 'capacidad de la caché C (objetos)', type: 'log' }, yaxis: { title: 'tasa de aciertos (%)', range: [0, 100] } } };
}

/**
 * Latency users see against the edge's hit ratio: the model's mean RTT_e + (1 − h)·RTT_o and p95
 * (lines) and the measured mean and p95 over real loopback HTTP (markers).
 */
export function latencyFigure(run: LatencyExperiment, title = 'Latencia que ve el usuario según la tasa de aciertos del borde'): Figure {
  const grid = Array.from({ length: 201 }, (_, k) => k / 200);
  const model = { rttEdgeMs: run.rttEdgeMs, rttOriginMs: run.rttOriginMs };
  const rows = [...run.rows].sort((a, b) => a.hitRatio - b.hitRatio);
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'modelo: media = RTT_e + (1 − h)·RTT_o', x: grid.map((h) => h * 100), y: grid.map((h) => meanLatencyModel({ hitRatio: h, ...model })), line: { color: seriesColor(0) } },
      { type: 'scatter', mode: 'lines', name: 'modelo: p95', x: grid.map((h) => h * 100), y: grid.map((h) => percentileLatencyModel({ hitRatio: h, ...model, percentile: 95 })), line: { color: seriesColor(1), dash: 'dash', shape: 'hv' } },
      { type: 'scatter', mode: 'markers', name: 'medido: media', x: rows.map((r) => r.hitRatio * 100), y: rows.map((r) => r.meanMs), marker: { color: seriesColor(0), size: 10 } },
      { type: 'scatter', mode: 'markers', name: 'medido: p95', x: rows.map((r) => r.hitRatio * 100), y: rows.map((r) => r.p95Ms), marker: { color: seriesColor(1), size: 10, symbol: 'diamond' } },
    ],
    layout: { title, xaxis: { title: 'tasa de aciertos del borde h (%)', range: [0, 100] }, yaxis: { title: 'latencia por petición (ms)', rangemode: 'tozero' } },
  };
}

const STRATEGY_NAMES = { push: 'Open Connect: llenado nocturno (push)', pull: 'caché LRU bajo demanda (pull)' } as const;

/** Hit ratio per day, push-fill against pull-on-miss. */
export function openConnectDaysFigure(run: OpenConnectRun, title = 'Tasa de aciertos por día: llenado nocturno frente a bajo demanda'): Figure {
  const data: Trace[] = (['push', 'pull'] as const).map((strategy, i) => {
    const rows = run.days.filter((r) => r.strategy === strategy);
    return { type: 'scatter', mode: 'lines+markers', name: STRATEGY_NAMES[strategy], x: rows.map((r) => r.day), y: rows.map((r) => r.hitRatio * 100), line: { color: seriesColor(i) } };
  });
  return { data, layout: { title, xaxis: { title: 'día', dtick: 1 }, yaxis: { title: 'tasa de aciertos (%)', rangemode: 'tozero' } } };
}

/** Hit ratio per hour of one day, both strategies, with the surprise hour marked. */
export function openConnectHoursFigure(run: OpenConnectRun, day: number, surpriseHour?: number, title?: string): Figure {
  const label = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
  const data: Trace[] = (['push', 'pull'] as const).map((strategy, i) => {
    const rows = run.hours.filter((r) => r.day === day && r.strategy === strategy);
    return { type: 'scatter', mode: 'lines+markers', name: STRATEGY_NAMES[strategy], x: rows.map((r) => label(r.hour)), y: rows.map((r) => r.hitRatio * 100), line: { color: seriesColor(i) } };
  });
  const annotations = surpriseHour === undefined ? [] : [{ x: label(surpriseHour), y: 100, yref: 'y', text: 'aparece el éxito sorpresa', showarrow: true, arrowhead: 2, ay: -30 }];
  return {
    data,
    layout: {
      title: title ?? `Día ${day}, hora a hora (el día empieza a las ${label(DAY_START_HOUR)}, tras el llenado)`,
      xaxis: { title: 'hora', type: 'category' },
      yaxis: { title: 'tasa de aciertos (%)', range: [0, 105] },
      annotations,
    },
  };
}
