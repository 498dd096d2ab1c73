// Types for grading-bridge-client.mjs (used by TypeScript tests).
export function studentText(text: unknown, max?: number): string;
export function callExercise(id: string, args: unknown[]): unknown;
