/**
 * Chapter 04's comparison row for master–worker, written from the runs' own data: who
 * coordinated, what happened to the fragments of the worker that died, how the render
 * scaled, and the output's hash (the same with and without the crash).
 */
import { formatNumber } from '../plot/format';
import type { PatternSummary } from '../patterns/comparison';
import type { Scaling } from './amdahl';
import type { MasterWorkerRun } from './run';

/** What {@link summarizeMasterWorker} summarises: the crash run, the crash-free run, and the scaling experiment. */
export interface MasterWorkerSummaryInput {
  readonly crashed: MasterWorkerRun;
  readonly clean: MasterWorkerRun;
  readonly scaling: Scaling;
}

/**
 * The master–worker row of chapter 04's comparison table, every string computed from the runs.
 *
 * @example
 * const resumenMaestro = summarizeMasterWorker({ crashed, clean, scaling });
 */
export function summarizeMasterWorker(run: MasterWorkerSummaryInput): PatternSummary {
  const { crashed, clean, scaling } = run;
  const timeouts = crashed.events.filter((e) => e.kind === 'timeout');
  const moved = [...new Set(crashed.reassigned.map((r) => r.fragment))].sort((a, b) => a - b);
  const best = scaling.points.reduce((a, b) => (b.speedup > a.speedup ? b : a), scaling.points[0] ?? { workers: 1, speedup: 1 });
  const atCores = scaling.points.find((p) => p.workers === scaling.cores);
  const whenDies = moved.length === 0
    ? 'ningún trabajador murió en esta ejecución'
    : `${moved.length === 1 ? 'el fragmento' : 'los fragmentos'} ${moved.join(', ')} se ${moved.length === 1 ? 'reasignó' : 'reasignaron'} `
      + `(${timeouts.length} ${timeouts.length === 1 ? 'plazo vencido' : 'plazos vencidos'} de ${formatNumber(crashed.timeoutMs, { decimals: 0 })} ms); `
      + 'el maestro es un punto único de fallo';
  return {
    pattern: 'Maestro–trabajador',
    coordinator: `el maestro (un hilo) reparte ${crashed.fragments} fragmentos de ${crashed.fragmentS} s`,
    whenANodeDies: whenDies,
    scaling: `×${formatNumber((atCores ?? best).speedup, { decimals: 1 })} con ${(atCores ?? best).workers} hilos (${scaling.cores} núcleos); `
      + `Amdahl con s = ${formatNumber(scaling.serialFraction, { decimals: 3 })}`,
    measured: crashed.sha256 === clean.sha256
      ? `salida idéntica con y sin caída (sha256 ${crashed.sha256.slice(0, 12)}…)`
      : `¡salidas distintas! ${crashed.sha256.slice(0, 12)}… ≠ ${clean.sha256.slice(0, 12)}…`,
  };
}

