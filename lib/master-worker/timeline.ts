/**
 * Pictures and tables of one render: a timeline with one row per thread and a bar per
 * fragment try (accepted, abandoned at its deadline, or rejected), and the table of what the
 * master noticed. Both read only the run's events.
 */
import { formatNumber } from '../plot/format';
import type { Figure, Trace } from '../plot/figure';
import type { MasterEvent, MasterWorkerRun } from './run';

/** One bar of the timeline: a try of a fragment on a thread, and how it ended. */
export interface FragmentTry {
  readonly worker: string;
  readonly fragment: number;
  readonly attempt: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: 'aceptado' | 'plazo vencido' | 'rechazado' | 'sin terminar';
}

/** The tries of a run, from its `assign` events to the `result`, `timeout` or `rejected` that closed each. */
export function fragmentTries(run: MasterWorkerRun): FragmentTry[] {
  const open = new Map<string, MasterEvent>();
  const tries: FragmentTry[] = [];
  const close = (e: MasterEvent, outcome: FragmentTry['outcome']) => {
    const started = open.get(e.worker);
    if (started === undefined || started.fragment !== e.fragment) return;
    open.delete(e.worker);
    tries.push({ worker: e.worker, fragment: started.fragment ?? -1, attempt: started.attempt ?? 1, startMs: started.atMs, endMs: e.atMs, outcome });
  };
  for (const e of run.events) {
    if (e.kind === 'assign') open.set(e.worker, e);
    else if (e.kind === 'result') close(e, 'aceptado');
    else if (e.kind === 'timeout') close(e, 'plazo vencido');
    else if (e.kind === 'rejected') close(e, 'rechazado');
  }
  const last = run.events.at(-1)?.atMs ?? 0;
  for (const e of open.values()) tries.push({ worker: e.worker, fragment: e.fragment ?? -1, attempt: e.attempt ?? 1, startMs: e.atMs, endMs: last, outcome: 'sin terminar' });
  return tries;
}

const COLOURS: Record<FragmentTry['outcome'], string> = { aceptado: '#4c78a8', 'plazo vencido': '#e45756', rechazado: '#f58518', 'sin terminar': '#bab0ac' };

/**
 * A timeline of the render: one row per thread (replacements get new rows), one bar per try,
 * labelled with the fragment number, coloured by outcome; deaths marked with a cross.
 */
export function renderTimeline(run: MasterWorkerRun, title = 'Quién renderizó cada fragmento, y cuándo'): Figure {
  const tries = fragmentTries(run);
  const workers = [...new Set(run.events.filter((e) => e.kind === 'start').map((e) => e.worker))];
  const data: Trace[] = (Object.keys(COLOURS) as FragmentTry['outcome'][]).flatMap((outcome) => {
    const mine = tries.filter((t) => t.outcome === outcome);
    if (mine.length === 0) return [];
    return [{
      type: 'bar', orientation: 'h', name: outcome,
      y: mine.map((t) => t.worker), x: mine.map((t) => Math.max(1, t.endMs - t.startMs)), base: mine.map((t) => t.startMs),
      text: mine.map((t) => `${t.fragment}${t.attempt > 1 ? `′` : ''}`), textposition: 'inside', insidetextanchor: 'middle',
      marker: { color: COLOURS[outcome] },
      hovertemplate: mine.map((t) => `fragmento ${t.fragment}, intento ${t.attempt}: ${formatNumber(t.endMs - t.startMs, { decimals: 0 })} ms<extra></extra>`),
    }];
  });
  const deaths = run.events.filter((e) => e.kind === 'died');
  if (deaths.length > 0) {
    data.push({ type: 'scatter', mode: 'markers', name: 'el hilo muere', x: deaths.map((e) => e.atMs), y: deaths.map((e) => e.worker), marker: { symbol: 'x', size: 12, color: '#222' }, text: deaths.map((e) => e.detail ?? ''), hoverinfo: 'text' });
  }
  return {
    data,
    layout: {
      title, barmode: 'overlay', height: 140 + 36 * workers.length,
      xaxis: { title: 'tiempo desde que arranca el maestro, hilos incluidos (ms)', rangemode: 'tozero' },
      yaxis: { title: 'hilo', type: 'category', categoryorder: 'array', categoryarray: [...workers].reverse() },
    },
  };
}

/** What the master noticed in a run (everything but plain assignments and results), as table rows. */
export function masterNotices(run: MasterWorkerRun): Record<string, string>[] {
  const names: Record<MasterEvent['kind'], string> = {
    start: 'hilo listo', assign: 'asigna', progress: 'progreso', result: 'acepta', died: 'el hilo muere',
    timeout: 'vence el plazo → reasigna', rejected: 'respuesta rechazada → reasigna', late: 'respuesta tardía ignorada',
  };
  return run.events
    .filter((e) => e.kind !== 'assign' && e.kind !== 'result' && !(e.kind === 'start' && e.detail === undefined))
    .map((e) => ({
      't (ms)': formatNumber(e.atMs, { decimals: 0 }),
      hilo: e.worker,
      fragmento: e.fragment === undefined ? '—' : String(e.fragment),
      suceso: names[e.kind],
      detalle: e.detail ?? '',
    }));
}
