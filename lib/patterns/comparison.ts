import { showTable } from '../plot/show';

/** The four architecture patterns of chapter 04, by their Spanish names. */
export type PatternName = 'Maestro–trabajador' | 'P2P' | 'MapReduce' | 'Actores';

/**
 * What one run of a pattern showed, in Spanish, for chapter 04's comparison table. Every
 * field is written by the pattern's `summarize…` function from the run's own data
 * (numbers formatted with decimal commas), never typed in by hand.
 */
export interface PatternSummary {
  readonly pattern: PatternName;
  /** Who coordinates, e.g. «el maestro (un hilo)». */
  readonly coordinator: string;
  /** What happened when a node died in the run, e.g. «el fragmento 3 se reasignó tras 200 ms». */
  readonly whenANodeDies: string;
  /** How it scaled in the run, e.g. «×1,8 con 2 hilos (2 núcleos)». */
  readonly scaling: string;
  /** The run's key figure, e.g. «salida idéntica (sha256 3f2a…)». */
  readonly measured: string;
}

/** Rows of the comparison table, one per pattern, with Spanish column names. */
export function comparisonRows(summaries: readonly PatternSummary[]): Record<string, string>[] {
  return summaries.map((s) => ({
    Patrón: s.pattern,
    'Quién coordina': s.coordinator,
    'Si muere un nodo': s.whenANodeDies,
    'Cómo escala': s.scaling,
    'Medido en esta ejecución': s.measured,
  }));
}

/** Shows chapter 04's comparison table in the notebook. */
export function showComparison(summaries: readonly PatternSummary[]): void {
  showTable(comparisonRows(summaries), 'Los cuatro patrones, según lo que acaba de ejecutarse');
}
