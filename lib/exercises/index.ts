/**
 * Exercises from inside a notebook: run the public checks and see the report, and let
 * cells that use an unsolved exercise say so and carry on.
 * @packageDocumentation
 */
export { selfCheck } from './self-check';
export type { ExerciseReport } from './self-check';
export { unsolvedExercise, whenSolved } from './unsolved';
export { spanishReason } from './reason';
