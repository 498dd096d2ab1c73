// Types for the parts of grading-report.mjs that TypeScript tests use.
export interface GradebookRow {
  student: string;
  scores: Record<string, number>;
  earned: number;
  possible: number;
  note?: string;
}
export function csvCell(value: unknown): string;
export function gradebookCsv(exerciseIds: string[], rows: GradebookRow[]): string;
export function parseShard(spec: string): { index: number; count: number; select: <T>(list: T[]) => T[] };
export function mergeGradebooks(files: string[]): { exercises: string[]; rows: GradebookRow[] };
