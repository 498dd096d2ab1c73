/**
 * The MapReduce row of chapter 04's comparison table, written from a run's own data.
 */
import { formatNumber } from '../plot/index';
import type { PatternSummary } from '../patterns/comparison';
import type { MapReduceRun } from './coordinator';

/** What else {@link summarizeMapReduce} may read besides the run. */
export interface MapReduceSummaryOptions {
  /** The single-process reference result (`runSequential(...).result`), to compare with. */
  readonly reference?: readonly (readonly [string, number])[];
  /** Job times by number of workers (ms), if measured. */
  readonly scaling?: readonly { workers: number; totalMs: number }[];
}

/**
 * Summarises a MapReduce run for the comparison table (Spanish, decimal commas).
 *
 * @example
 * summarizeMapReduce(run, { reference: runSequential('sentiment', lines).result, scaling: [{ workers: 1, totalMs: 900 }, { workers: 2, totalMs: 500 }] });
 */
export function summarizeMapReduce(run: MapReduceRun, options: MapReduceSummaryOptions = {}): PatternSummary {
  const lost = run.attempts.filter((a) => a.outcome !== 'ok');
  const redone = run.attempts.filter((a) => a.outcome === 'ok' && a.attempt > 1).map((a) => a.task);
  const whenANodeDies = lost.length === 0
    ? 'no murió ningún trabajador en esta ejecución'
    : `${lost.map((a) => `${a.task} en ${a.worker}`).join(' y ')} ${lost.length === 1 ? 'se perdió; el coordinador la' : 'se perdieron; el coordinador las'} re-ejecutó (${redone.join(', ')}) en otros trabajadores`;
  let scaling = `${run.workers.length} trabajadores, ${run.nMap} tareas map y ${run.nReduce} reduce`;
  const points = options.scaling ?? [];
  const one = points.find((p) => p.workers === 1);
  const best = points.reduce<{ workers: number; totalMs: number } | undefined>((b, p) => (b === undefined || p.totalMs < b.totalMs ? p : b), undefined);
  if (one !== undefined && best !== undefined && best.workers !== 1) {
    scaling = `×${formatNumber(one.totalMs / best.totalMs, { decimals: 1 })} con ${best.workers} trabajadores frente a 1`;
  }
  const comparison = options.reference === undefined
    ? ''
    : `; resultado ${JSON.stringify(run.result) === JSON.stringify(options.reference) ? 'idéntico a' : 'DISTINTO de'} la referencia de un solo proceso`;
  return {
    pattern: 'MapReduce',
    coordinator: 'el coordinador (asigna tareas, vigila plazos, re-ejecuta)',
    whenANodeDies,
    scaling,
    measured: `${formatNumber(run.records)} comentarios en ${formatNumber(run.totalMs / 1000, { decimals: 1 })} s${comparison}`,
  };
}
