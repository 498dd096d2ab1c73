/**
 * The chapter's streaming pictures (plotly JSON; the notebook calls `show`): job time of the
 * transcoding ladder against workers, its per-worker timeline, and an ABR session (bandwidth and
 * chosen bitrate above, buffer level and stalls below, on one time axis).
 */
import { seriesColor } from '../plot/charts';
import { formatNumber } from '../plot/format';
import type { Figure, Trace } from '../plot/figure';
import type { PlayerRun } from './player';
import type { BandwidthTrace } from './trace';
import type { TranscodeRun } from './transcode';

/**
 * Job time against workers (fastest run per count), with the ideal T₁/N and T₁/min(N, cores),
 * and the serial reference's time when given.
 *
 * @example
 * show(ladderScalingFigure([run1, run2, run4]));
 */
export function ladderScalingFigure(runs: readonly TranscodeRun[], serialMs?: number, title = 'Transcodificar la escalera con N hilos trabajadores'): Figure {
  const best = new Map<number, number>();
  for (const r of runs) best.set(r.workers, Math.min(best.get(r.workers) ?? Infinity, r.jobMs));
  const x = [...best.keys()].sort((a, b) => a - b);
  const t1 = best.get(1) ?? best.get(x[0] as number) ?? 0;
  const cores = runs[0]?.cores ?? 1;
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'tiempo medido del trabajo', x, y: x.map((n) => best.get(n) as number), marker: { size: 9 } },
      { type: 'scatter', mode: 'lines', name: 'ideal T₁ / N', x, y: x.map((n) => t1 / n), line: { dash: 'dash' } },
      { type: 'scatter', mode: 'lines', name: `ideal con ${cores} núcleos: T₁ / mín(N, ${cores})`, x, y: x.map((n) => t1 / Math.min(n, cores)), line: { dash: 'dot' } },
      ...(serialMs === undefined ? [] : [{ type: 'scatter', mode: 'lines', name: 'referencia en el hilo principal (sin trabajadores)', x, y: x.map(() => serialMs), line: { dash: 'dashdot', color: '#888888' } }]),
    ],
    layout: { title, xaxis: { title: 'hilos trabajadores N', dtick: 1 }, yaxis: { title: 'tiempo del trabajo (ms)', rangemode: 'tozero' } },
  };
}

/** Every try of every task as a bar on its worker's row, coloured by rung; dead tries in red outline. */
export function ladderTimelineFigure(run: TranscodeRun, title = `Qué hizo cada hilo (${run.workers} trabajadores)`): Figure {
  const rungs = [...new Set(run.tries.map((t) => t.rung))];
  const data: Trace[] = rungs.map((rung, i) => {
    const own = run.tries.filter((t) => t.rung === rung && t.outcome === 'ok');
    return {
      type: 'bar', orientation: 'h', name: rung, y: own.map((t) => t.worker), x: own.map((t) => t.endMs - t.startMs), base: own.map((t) => t.startMs),
      marker: { color: seriesColor(i), line: { color: '#fff', width: 0.5 } }, text: own.map((t) => `segmento ${t.segment}`), textposition: 'none', hoverinfo: 'text+name',
    };
  });
  const dead = run.tries.filter((t) => t.outcome === 'muerto');
  data.push({
    type: 'bar', orientation: 'h', name: 'intento perdido (hilo muerto)', y: dead.map((t) => t.worker), x: dead.map((t) => t.endMs - t.startMs), base: dead.map((t) => t.startMs),
    marker: { color: 'rgba(213,94,0,0.25)', line: { color: '#D55E00', width: 2 } }, text: dead.map((t) => `${t.rung} segmento ${t.segment}`), textposition: 'none', hoverinfo: 'text+name',
  });
  const workers = [...new Set(run.tries.map((t) => t.worker))].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  return {
    data,
    layout: {
      title, barmode: 'overlay', height: 200 + 40 * workers.length,
      xaxis: { title: 'tiempo desde el inicio del trabajo (ms)', rangemode: 'tozero' },
      yaxis: { title: 'hilo', type: 'category', categoryorder: 'array', categoryarray: [...workers].reverse() },
    },
  };
}

/** The steps of a piecewise-constant series as x/y arrays for a `hv` line. */
function stepsOf(times: readonly number[], values: readonly number[], endS: number): { x: number[]; y: number[] } {
  return { x: [...times, endS], y: [...values, values[values.length - 1] ?? 0] };
}

/**
 * One session per rule on the same trace: above, the available bandwidth and each rule's chosen
 * bitrate (Mb/s); below, each rule's buffer level with its stalls marked on the time axis.
 *
 * @example
 * show(abrSessionFigure(trace, [{ name: 'BBA-0', run }]));
 */
export function abrSessionFigure(trace: BandwidthTrace, sessions: readonly { readonly name: string; readonly run: PlayerRun }[], title = 'Una sesión con cada regla ABR'): Figure {
  const endS = Math.max(...sessions.map((s) => s.run.wallS), 1);
  const steps = Math.min(trace.kbps.length, Math.ceil(endS / trace.stepS));
  const bw = trace.kbps.slice(0, steps);
  const data: Trace[] = [{
    type: 'scatter', mode: 'lines', name: 'ancho de banda disponible', line: { shape: 'hv', color: '#bbbbbb', width: 1 },
    ...stepsOf(bw.map((_, i) => i * trace.stepS), bw.map((v) => v / 1000), steps * trace.stepS), xaxis: 'x', yaxis: 'y2',
  }];
  sessions.forEach(({ name, run }, i) => {
    const c = seriesColor(i);
    data.push({
      type: 'scatter', mode: 'lines', name: `${name}: bitrate elegido`, legendgroup: name, line: { shape: 'hv', color: c, width: 2 },
      ...stepsOf(run.segments.map((s) => s.requestS), run.segments.map((s) => s.kbps / 1000), run.segments[run.segments.length - 1]?.doneS ?? 0), xaxis: 'x', yaxis: 'y2',
    });
    data.push({
      type: 'scatter', mode: 'lines', name: `${name}: buffer`, legendgroup: name, showlegend: false, line: { color: c, width: 1.5 },
      x: run.buffer.map((p) => p.tS), y: run.buffer.map((p) => p.bufferS), xaxis: 'x', yaxis: 'y',
    });
    data.push({
      type: 'scatter', mode: 'markers', name: `${name}: parones (${run.stalls.length}, ${formatNumber(run.rebufferS, { decimals: 1 })} s)`, legendgroup: name,
      x: run.stalls.map((s) => s.startS), y: run.stalls.map(() => 0), xaxis: 'x', yaxis: 'y',
      marker: { color: c, symbol: i === 0 ? 'x' : 'triangle-up-open', size: 11, line: { width: 2, color: c } },
      text: run.stalls.map((s) => `parón de ${formatNumber(s.endS - s.startS, { decimals: 1 })} s`), hoverinfo: 'text+x',
    });
  });
  return {
    data,
    layout: {
      title, height: 560,
      xaxis: { title: 'tiempo de la sesión (s)', anchor: 'y', range: [0, endS] },
      yaxis: { title: 'buffer (s de vídeo)', domain: [0, 0.44], rangemode: 'tozero' },
      yaxis2: { title: 'Mb/s', domain: [0.54, 1], anchor: 'x', rangemode: 'tozero' },
    },
  };
}
