/**
 * The chapter's pictures of mutual exclusion: one line per algorithm over N, for messages per
 * entry (with the formulas dashed) or for the synchronisation delay.
 */
import type { Figure, Trace } from '../plot/figure';
import type { MutexAlgorithm, MutexCostRow } from './experiment';
import { MUTEX_ALGORITHMS } from './experiment';

const label = (a: MutexAlgorithm) => MUTEX_ALGORITHMS.find((x) => x.algorithm === a)?.label ?? a;

/**
 * Measured `metric` per algorithm vs N, with optional formula curves (dashed).
 *
 * @example
 * show(mutexCostFigure(mutexCosts({ sizes: [3, 8, 16], load: 'light', seed: 1 }), 'messagesPerEntry', { title: 'Mensajes por entrada' }));
 */
export function mutexCostFigure(
  rows: readonly MutexCostRow[],
  metric: 'messagesPerEntry' | 'syncDelayMs' | 'waitMs',
  options: { title: string; formulas?: Record<string, (n: number) => number>; logY?: boolean },
): Figure {
  const algorithms = [...new Set(rows.map((r) => r.algorithm))];
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  const data: Trace[] = algorithms.map((a) => {
    const mine = rows.filter((r) => r.algorithm === a);
    return { type: 'scatter', mode: 'lines+markers', name: label(a), x: mine.map((r) => r.n), y: mine.map((r) => r[metric]) };
  });
  for (const [name, f] of Object.entries(options.formulas ?? {})) data.push({ type: 'scatter', mode: 'lines', name, x: sizes, y: sizes.map(f), line: { dash: 'dot', width: 1.5, color: '#777777' } });
  const yTitle = metric === 'messagesPerEntry' ? 'mensajes por entrada' : metric === 'syncDelayMs' ? 'retardo de sincronización (ms)' : 'espera media (ms)';
  return {
    data,
    layout: { title: options.title, xaxis: { title: 'N (nodos que piden)' }, yaxis: { title: yTitle, ...(options.logY ? { type: 'log' as const } : {}) } },
  };
}
