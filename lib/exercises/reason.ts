/**
 * Why a check failed, in Spanish: vitest's assertion messages ("expected 2 to be 3 //
 * Object.is equality") rewritten for a student. Used by the self-check report; the rules live
 * in `spanish-reason.cjs` (plain CommonJS), so `npm run check` in a terminal uses the same ones.
 */
import { spanishReason as translate } from './spanish-reason.cjs';

/**
 * A failed check's reason in Spanish: vitest's `expected A to be B // Object.is equality`
 * becomes `se esperaba B y se obtuvo A`; a check's own Spanish prefix ("lote vacío: …") is
 * kept; an error thrown by the student's code is named as such; anything else unrecognised
 * becomes a plain "el resultado no es el esperado". Idempotent on Spanish text.
 *
 * @example
 * spanishReason('expected 2 to be 3 // Object.is equality'); // 'se esperaba 3 y se obtuvo 2'
 */
export function spanishReason(reason: string): string {
  return translate(reason);
}
