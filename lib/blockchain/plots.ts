/**
 * The chapter's proof-of-work pictures: the difficulty curve (attempts per block against the
 * zero bits asked, with the geometric distribution's mean and 10–90 % band) and retargeting
 * over time (block interval and difficulty while the hash rate doubles and halves).
 */
import type { Figure } from '../plot/figure';
import { seriesColor } from '../plot/charts';
import type { DifficultyPoint } from './pow';
import type { RetargetPeriod } from './retarget';

/** A theme colour (`#rrggbb`) as `rgba(…)` with the given opacity, for translucent fills. */
function translucent(hex: string, alpha: number): string {
  const channel = (i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `rgba(${channel(0)},${channel(1)},${channel(2)},${alpha})`;
}

/**
 * Attempts per block against difficulty bits, log scale: every block as a dot, the measured
 * mean, and the theory's mean 2^d with its 10–90 % band. With `hashesPerSecond`, the right
 * axis reads the same attempts as seconds at that rate.
 *
 * @example
 * show(difficultyFigure(difficultyCurve({ seed: 1, zeroBits: [4, 8, 12], blocksPerPoint: 30 }), 1e6));
 */
export function difficultyFigure(points: readonly DifficultyPoint[], hashesPerSecond?: number): Figure {
  const x = points.map((p) => p.zeroBits);
  const all = points.flatMap((p) => p.attempts.map((a) => ({ d: p.zeroBits, a })));
  const lo = Math.max(1, Math.min(...all.map((e) => e.a), ...points.map((p) => p.theoryP10)));
  const hi = Math.max(...all.map((e) => e.a), ...points.map((p) => p.theoryP90));
  const range = [Math.log10(lo) - 0.2, Math.log10(hi) + 0.2];
  const figure: Figure = {
    data: [
      { type: 'scatter', mode: 'lines', name: 'teoría: percentil 90', x, y: points.map((p) => p.theoryP90), line: { width: 0 }, showlegend: false, hoverinfo: 'skip' },
      { type: 'scatter', mode: 'lines', name: 'teoría: 10 %–90 % de los bloques', x, y: points.map((p) => p.theoryP10), fill: 'tonexty', fillcolor: translucent(seriesColor(0), 0.15), line: { width: 0 } },
      { type: 'scatter', mode: 'lines', name: 'teoría: media 2^d', x, y: points.map((p) => p.theoryMean), line: { color: seriesColor(0), dash: 'dash' } },
      { type: 'scatter', mode: 'markers', name: 'cada bloque minado', x: all.map((e) => e.d), y: all.map((e) => e.a), marker: { color: translucent(seriesColor(7), 0.3), size: 5 } },
      { type: 'scatter', mode: 'lines+markers', name: 'media medida', x, y: points.map((p) => p.mean), line: { color: seriesColor(1) } },
    ],
    layout: {
      title: 'Intentos hasta encontrar un bloque según la dificultad',
      xaxis: { title: 'dificultad (bits a cero al principio del hash)', dtick: 2 },
      yaxis: { title: 'intentos (hashes) por bloque', type: 'log', range },
    },
  };
  if (hashesPerSecond !== undefined && hashesPerSecond > 0) {
    const shift = Math.log10(hashesPerSecond);
    figure.data.push({ type: 'scatter', mode: 'markers', x: [null], y: [null], yaxis: 'y2', showlegend: false, hoverinfo: 'skip' });
    figure.layout = { ...figure.layout, yaxis2: { title: 'segundos a la velocidad medida', type: 'log', overlaying: 'y', side: 'right', range: [range[0]! - shift, range[1]! - shift], showgrid: false } };
  }
  return figure;
}

/**
 * Mean block interval per 2016-block period and difficulty over simulated days, each point at the
 * end of its period, with the hash rate that drove them: sampled from `hashRate` when given (so a
 * change shows on the day it happens), otherwise as it was at each period's end.
 *
 * @example
 * const potencia = (d: number) => (d < 60 ? 1 : 2);
 * show(retargetFigure(simulateRetargeting({ rng: createRng(3), periods: 12, hashRate: potencia }), potencia));
 */
export function retargetFigure(periods: readonly RetargetPeriod[], hashRate?: (day: number) => number): Figure {
  const x = periods.map((p) => p.endDay);
  const lastDay = x[x.length - 1] ?? 0;
  const rateDays = hashRate === undefined ? x : Array.from({ length: 401 }, (_, i) => (lastDay * i) / 400);
  const rates = hashRate === undefined ? periods.map((p) => p.hashRate) : rateDays.map(hashRate);
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'intervalo medio entre bloques (min)', x, y: periods.map((p) => p.meanIntervalMin), line: { color: seriesColor(0) } },
      { type: 'scatter', mode: 'lines', name: 'objetivo: 10 min', x: [0, lastDay], y: [10, 10], line: { color: seriesColor(0), dash: 'dot' } },
      { type: 'scatter', mode: 'lines+markers', name: 'dificultad (relativa al inicio)', x, y: periods.map((p) => p.difficulty), yaxis: 'y2', line: { color: seriesColor(1) } },
      { type: 'scatter', mode: 'lines', name: 'potencia de cálculo (relativa)', x: rateDays, y: rates, yaxis: 'y2', line: { color: seriesColor(2), dash: 'dash', shape: 'hv' } },
    ],
    layout: {
      title: 'Reajuste de dificultad cada 2016 bloques',
      xaxis: { title: 'tiempo simulado (días; cada punto, al final de su periodo)' },
      yaxis: { title: 'minutos por bloque', rangemode: 'tozero' },
      yaxis2: { title: 'veces la del inicio', overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false },
    },
  };
}
