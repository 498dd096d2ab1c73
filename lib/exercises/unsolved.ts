/**
 * Notebook cells that use an exercise, in the student edition: while the exercise is a
 * stub ("Ejercicio NN.M sin resolver…"), the cell says which exercise it needs and the
 * notebook carries on, so "Run All" reaches the last cell before any exercise is solved.
 */

/** What the student edition's stub throws: `Ejercicio 02.1 sin resolver: <título>. Complétalo en <archivo> y …`. */
const UNSOLVED = /^Ejercicio (\d\d\.\d+) sin resolver: ([\s\S]*?)\.? Complétalo en (\S+)/;

/** The exercise an error comes from, when it is a student edition's stub; undefined otherwise. */
export function unsolvedExercise(error: unknown): { id: string; title: string; file: string } | undefined {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  const match = typeof message === 'string' ? UNSOLVED.exec(message) : null;
  return match ? { id: match[1] as string, title: match[2] as string, file: match[3] as string } : undefined;
}

/**
 * Runs a notebook cell's code that uses an exercise. If the exercise is still a stub, it
 * prints a Spanish message naming the exercise and where to solve it, runs `otherwise`
 * (a version of the cell without the exercise, if there is one) and returns its result
 * instead of failing; any other error is thrown as usual.
 *
 * @example
 * import { whenSolved } from './lib/exercises/index';
 * const tabla = whenSolved(() => replicas.map((n) => parallelAvailability(0.99, n)));
 */
export function whenSolved<T>(run: () => T, otherwise?: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    const exercise = unsolvedExercise(error);
    if (exercise === undefined) throw error;
    console.log(
      `Ejercicio ${exercise.id} sin resolver («${exercise.title}»): esta celda lo usa. ` +
        `Resuélvelo en ${exercise.file} (su enunciado es el del «Ejercicio ${exercise.id}» de este cuaderno) y vuelve a ejecutarla; ` +
        `${otherwise ? 'mientras tanto se muestra lo que no depende de él.' : 'el resto del cuaderno sigue.'}`,
    );
    return otherwise?.();
  }
}
