import { it } from 'vitest';

/** Options of one exercise check. */
export interface CheckOptions {
  /** A Spanish hint shown to the student when the check fails. */
  hint?: string;
  /** Points this check is worth (default 1). */
  points?: number;
}

/**
 * Declares one check of an exercise: a vitest test named `[<id>] <title>`.
 *
 * The bracketed exercise id is how the self-check and the grader attribute results to
 * exercises; the hint (Spanish) is appended to the failure message after `Pista:` so a
 * report can show it without showing test code.
 *
 * @example
 * check('02.1', 'la recepción toma max(local, recibido) + 1', () => {
 *   expect(lamportReceive(3, 7)).toBe(8);
 * }, { hint: 'Compara el reloj local con la marca del mensaje.' });
 */
export function check(
  exerciseId: string,
  title: string,
  body: () => void | Promise<void>,
  options: CheckOptions = {},
): void {
  if (!/^\d\d\.\d+$/.test(exerciseId)) {
    throw new Error(`exercise id must look like "02.1", got "${exerciseId}"`);
  }
  const points = options.points ?? 1;
  it(`[${exerciseId}] ${title} {${points}}`, async () => {
    try {
      await body();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const hint = options.hint ? `\nPista: ${options.hint}` : '';
      throw new Error(`${message}${hint}`, { cause: error });
    }
  });
}

/**
 * A seed for a check's random inputs. Students' runs use fixed public seeds; the grader
 * sets KIT_GRADING_SEED, for its own vitest only (never for the student's sandbox), to
 * HMAC(teacher secret, student name): graded inputs differ from the ones students saw and
 * from one student to the next, while the same submission always gets the same score.
 *
 * @example
 * const rng = createRng(checkSeed('02.1-random-traces'));
 */
export function checkSeed(label: string): string {
  return `${process.env.KIT_GRADING_SEED ?? 'estudiante'}:${label}`;
}
