/**
 * Exercises from inside a notebook: run the public checks and see the report.
 * @packageDocumentation
 */
export { selfCheck } from './self-check';
export type { ExerciseReport } from './self-check';
