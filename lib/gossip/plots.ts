/**
 * The chapter's gossip and fork pictures (plotly JSON; the notebook calls `show`).
 */
import { seriesColor } from '../plot/charts';
import type { Figure, Trace } from '../plot/figure';
import type { GossipScalingRow } from './experiment';
import { pushPullRoundsTheory, pushRoundsTheory } from './experiment';
import type { GossipMode } from './messages';
import type { StaleRow } from './forks';

const MODE_NAMES: Record<GossipMode, string> = { push: 'push', pull: 'pull', 'push-pull': 'push–pull' };

/**
 * Rounds until every live node has the block, against N (log axis), per mode, with the
 * min–max spread over seeds and the theory lines for push and push–pull.
 *
 * @example
 * show(roundsFigure(gossipScaling({ sizes: [16, 256, 4096], modes: ['push'], seeds: 2, seed: 1 })));
 */
export function roundsFigure(rows: readonly GossipScalingRow[], title = 'Rondas hasta que todos tienen el bloque'): Figure {
  const data: Trace[] = [];
  const modes = [...new Set(rows.map((r) => r.mode))];
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  modes.forEach((mode, i) => {
    const own = rows.filter((r) => r.mode === mode).sort((a, b) => a.n - b.n);
    data.push({
      type: 'scatter', mode: 'lines+markers', name: `${MODE_NAMES[mode]} (simulado)`, x: own.map((r) => r.n), y: own.map((r) => r.roundsMean),
      line: { color: seriesColor(i) }, marker: { color: seriesColor(i) },
      error_y: { type: 'data', symmetric: false, array: own.map((r) => r.roundsMax - r.roundsMean), arrayminus: own.map((r) => r.roundsMean - r.roundsMin), color: seriesColor(i) },
    });
  });
  const fine = sizes.length ? Array.from({ length: 40 }, (_, k) => (sizes[0] as number) * ((sizes[sizes.length - 1] as number) / (sizes[0] as number)) ** (k / 39)) : [];
  if (modes.includes('push')) data.push({ type: 'scatter', mode: 'lines', name: 'log₂ N + ln N (teoría, push)', x: fine, y: fine.map(pushRoundsTheory), line: { dash: 'dash', color: seriesColor(modes.indexOf('push')) } });
  if (modes.includes('push-pull')) data.push({ type: 'scatter', mode: 'lines', name: 'log₃ N + ln ln N (teoría, push–pull)', x: fine, y: fine.map(pushPullRoundsTheory), line: { dash: 'dot', color: seriesColor(modes.indexOf('push-pull')) } });
  return { data, layout: { title, xaxis: { title: 'nodos N', type: 'log' }, yaxis: { title: 'rondas (media; barras: mín.–máx.)', rangemode: 'tozero' } } };
}

/** Messages sent per node until everyone has the block, against N, per mode. */
export function messagesFigure(rows: readonly GossipScalingRow[], title = 'Mensajes por nodo hasta que todos lo tienen'): Figure {
  const modes = [...new Set(rows.map((r) => r.mode))];
  const data: Trace[] = modes.map((mode, i) => {
    const own = rows.filter((r) => r.mode === mode).sort((a, b) => a.n - b.n);
    return { type: 'scatter', mode: 'lines+markers', name: MODE_NAMES[mode], x: own.map((r) => r.n), y: own.map((r) => r.messagesPerNode), line: { color: seriesColor(i) } };
  });
  return { data, layout: { title, xaxis: { title: 'nodos N', type: 'log' }, yaxis: { title: 'mensajes enviados por nodo', rangemode: 'tozero' } } };
}

/** Stale-block rate against mean propagation delay / block interval, with 1 − e^(−Δ/T). */
export function staleFigure(rows: readonly StaleRow[], title = 'Bloques huérfanos según retardo de propagación / intervalo'): Figure {
  const sorted = [...rows].sort((a, b) => a.delayOverInterval - b.delayOverInterval);
  const max = Math.max(...sorted.map((r) => r.delayOverInterval), 0.01);
  const fine = Array.from({ length: 50 }, (_, k) => (max * k) / 49);
  return {
    data: [
      { type: 'scatter', mode: 'markers', name: 'simulado (20 mineros)', x: sorted.map((r) => r.delayOverInterval), y: sorted.map((r) => r.staleRate * 100), marker: { size: 9 } },
      { type: 'scatter', mode: 'lines', name: '1 − e^(−Δ/T) (aproximación)', x: fine, y: fine.map((x) => (1 - Math.exp(-x)) * 100), line: { dash: 'dash' } },
    ],
    layout: { title, xaxis: { title: 'Δ / T (retardo medio de propagación / intervalo entre bloques)', rangemode: 'tozero' }, yaxis: { title: 'bloques que quedan fuera de la cadena (%)', rangemode: 'tozero' } },
  };
}

/** One row of {@link nakamotoFigure}. */
export interface NakamotoRow {
  readonly q: number;
  readonly z: number;
  readonly nakamoto: number;
  readonly exact: number;
  readonly simulated: number;
}

/** Attacker success probability against confirmations z (log y), per q: formula, exact, simulation. */
export function nakamotoFigure(rows: readonly NakamotoRow[], title = 'Probabilidad de que el atacante revierta el pago'): Figure {
  const data: Trace[] = [];
  [...new Set(rows.map((r) => r.q))].forEach((q, i) => {
    const own = rows.filter((r) => r.q === q).sort((a, b) => a.z - b.z);
    const c = seriesColor(i);
    const label = `q = ${String(q).replace('.', ',')}`;
    data.push({ type: 'scatter', mode: 'lines', name: `${label}: fórmula de Nakamoto`, legendgroup: label, x: own.map((r) => r.z), y: own.map((r) => r.nakamoto), line: { color: c } });
    data.push({ type: 'scatter', mode: 'lines', name: `${label}: exacta (Rosenfeld)`, legendgroup: label, x: own.map((r) => r.z), y: own.map((r) => r.exact), line: { color: c, dash: 'dot' } });
    const simulated = own.filter((r) => r.simulated > 0);
    data.push({ type: 'scatter', mode: 'markers', name: `${label}: simulación`, legendgroup: label, x: simulated.map((r) => r.z), y: simulated.map((r) => r.simulated), marker: { color: c, symbol: 'circle-open', size: 9 } });
  });
  return { data, layout: { title, xaxis: { title: 'confirmaciones z', dtick: 1 }, yaxis: { title: 'probabilidad de éxito del atacante', type: 'log' } } };
}
