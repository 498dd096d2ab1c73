/**
 * Pure figure builders for the MapReduce section: job time against the number of workers,
 * and a task timeline. They return plotly JSON and display nothing.
 */
import type { Figure, Trace } from '../plot/index';
import type { MapReduceRun, TaskAttempt } from './coordinator';

/** One measured job: how many workers it had and how long it took (ms). */
export interface JobTimePoint {
  readonly workers: number;
  readonly totalMs: number;
}

/**
 * Job time against the number of worker processes, next to the single-process loop over the
 * same data (a flat line): on a machine with fewer cores than workers the curve flattens.
 *
 * @example
 * show(jobTimeFigure([{ workers: 1, totalMs: 900 }, { workers: 2, totalMs: 520 }], 700, 2));
 */
export function jobTimeFigure(points: readonly JobTimePoint[], sequentialMs: number, cores: number): Figure {
  const x = points.map((p) => p.workers);
  const data: Trace[] = [
    { type: 'scatter', mode: 'lines+markers', name: 'MapReduce (procesos + JSON-RPC)', x, y: points.map((p) => p.totalMs) },
    { type: 'scatter', mode: 'lines', name: 'un solo proceso, un bucle', x, y: points.map(() => sequentialMs), line: { dash: 'dash' } },
  ];
  return {
    data,
    layout: {
      title: `Tiempo del trabajo según el número de trabajadores (${cores} núcleos)`,
      xaxis: { title: 'Trabajadores (procesos)', tickvals: x, type: 'linear' },
      yaxis: { title: 'Tiempo del trabajo (ms)', rangemode: 'tozero' },
    },
  };
}

const LABEL: Record<TaskAttempt['outcome'], string> = {
  ok: 'terminada', crashed: 'perdida: proceso muerto', timeout: 'perdida: sin respuesta a tiempo', unreachable: 'perdida: sin conexión',
  garbage: 'perdida: respuesta basura', error: 'perdida: objeto de error',
};

/**
 * The task timeline: one row per worker, one bar per attempt from when the coordinator sent
 * it to when it ended; failed attempts in red, re-executions (second or later attempt) marked
 * with a hatch and «↻».
 */
export function taskTimelineFigure(run: MapReduceRun, title = 'Línea de tiempo de las tareas'): Figure {
  const groups: { name: string; pick: (a: TaskAttempt) => boolean; colour: string; pattern?: string }[] = [
    { name: 'map', pick: (a) => a.outcome === 'ok' && a.kind === 'map' && a.attempt === 1, colour: '#1f77b4' },
    { name: 'reduce', pick: (a) => a.outcome === 'ok' && a.kind === 'reduce' && a.attempt === 1, colour: '#2ca02c' },
    { name: 're-ejecutada (↻)', pick: (a) => a.outcome === 'ok' && a.attempt > 1, colour: '#ff7f0e', pattern: '/' },
    { name: 'intento perdido (✕)', pick: (a) => a.outcome !== 'ok', colour: '#d62728', pattern: 'x' },
  ];
  const data: Trace[] = [];
  // Reduce tasks can take a few ms: a bar is at least 0.6 % of the run wide, so it stays visible
  // (the hover text gives the true duration).
  const span = Math.max(1, ...run.attempts.map((a) => a.endMs));
  for (const g of groups) {
    const mine = run.attempts.filter(g.pick);
    if (mine.length === 0) continue;
    data.push({
      type: 'bar', orientation: 'h', name: g.name,
      y: mine.map((a) => a.worker),
      x: mine.map((a) => Math.max(span * 0.006, a.endMs - a.startMs)),
      base: mine.map((a) => a.startMs),
      text: mine.map((a) => `${a.task}${a.attempt > 1 ? ' ↻' : ''}${a.outcome !== 'ok' ? ' ✕' : ''}`),
      textposition: 'inside', insidetextanchor: 'middle', textfont: { color: g.pattern ? '#111111' : '#ffffff' },
      hovertext: mine.map((a) => `${a.task}, intento ${a.attempt}: ${LABEL[a.outcome]} (${Math.round(a.endMs - a.startMs)} ms)`),
      hoverinfo: 'text',
      marker: { color: g.colour, ...(g.pattern ? { pattern: { shape: g.pattern } } : {}), line: { color: '#ffffff', width: 1 } },
    });
  }
  return {
    data,
    layout: {
      title,
      barmode: 'overlay',
      xaxis: { title: 'Tiempo desde el inicio del trabajo (ms)', rangemode: 'tozero' },
      yaxis: { title: 'Trabajador', type: 'category', categoryorder: 'array', categoryarray: [...run.workers].reverse() },
      height: 120 + 45 * run.workers.length,
    },
  };
}
