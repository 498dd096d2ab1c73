// Types for the parts of exercises.mjs that TypeScript tests use.
export interface Exercise {
  id: string;
  title: string;
  points: number;
  files: string[];
}
export function findExercises(root: string): Exercise[];
export function selector(spec: string): (id: string) => boolean;
export function findRegions(text: string, where: string): { id: string; title: string; points: number; beginLine: number; endLine: number; indent: string }[];
export function stubRegions(text: string, select: (id: string) => boolean, file?: string): { text: string; stubbed: string[] };
export function feedback(check: { message?: string; visibility?: 'public' | 'hidden' }): { hint?: string; reason?: string };
