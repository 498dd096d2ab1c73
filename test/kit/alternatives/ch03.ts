// Alternative solutions of chapter 03's exercises, for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

/** Chapter 03's exercises: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {};
