import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExercises, findRegions, selector, stubRegions } from '../../scripts/lib/exercises.mjs';

const ROOT = resolve(__dirname, '..', '..');
const exercises = findExercises(ROOT);
const checkFiles = readdirSync(join(ROOT, 'test', 'exercises')).filter((f) => f.endsWith('.test.ts'));
const checksOf = (kind: 'public' | 'hidden') =>
  checkFiles
    .filter((f) => f.endsWith(`.${kind}.test.ts`))
    .map((f) => readFileSync(join(ROOT, 'test', 'exercises', f), 'utf8'))
    .join('\n');

describe('the exercises of the course', () => {
  it('exist for every chapter notebook, at least two each', () => {
    const chapters = readdirSync(join(ROOT, 'notebooks')).filter((n) => n.endsWith('.ipynb')).map((n) => n.slice(0, 2));
    for (const chapter of chapters) {
      expect(exercises.filter((e) => e.id.startsWith(`${chapter}.`)).length, `chapter ${chapter}`).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(exercises.map((e) => [e.id, e] as const))('%s has public and hidden checks and is listed in course.md with its points', (id, exercise) => {
    const pattern = new RegExp(`check\\(\\s*'${id.replace('.', '\\.')}'`);
    expect(checksOf('public'), `public checks of ${id}`).toMatch(pattern);
    expect(checksOf('hidden'), `hidden checks of ${id}`).toMatch(pattern);
    const course = readFileSync(join(ROOT, 'course.md'), 'utf8');
    const row = course.split('\n').find((line) => line.startsWith(`| ${id} |`));
    expect(row, `course.md row for ${id}`).toBeDefined();
    expect(row).toContain(exercise.title);
    expect(row?.trim().endsWith(`| ${exercise.points} |`), `points of ${id} in course.md`).toBe(true);
  });
});

describe('exercise markers', () => {
  const text = [
    'function f(): number {',
    '  // #region exercise 03.1: Título (2 puntos)',
    '  return 42;',
    '  // #endregion exercise 03.1',
    '}',
  ].join('\n');

  it('are found with their id, title and points', () => {
    expect(findRegions(text, 'x.ts')).toEqual([{ id: '03.1', title: 'Título', points: 2, indent: '  ', beginLine: 1, endLine: 3 }]);
  });

  it('become a Spanish stub that keeps the markers', () => {
    const { text: stub, stubbed } = stubRegions(text, () => true, 'lib/x.ts');
    expect(stubbed).toEqual(['03.1']);
    expect(stub).not.toContain('return 42');
    expect(stub).toContain('throw new Error("Ejercicio 03.1 sin resolver: Título. Complétalo en lib/x.ts y comprueba con: npm run check -- 03.1");');
    expect(stub.split('\n')[1]).toBe('  // #region exercise 03.1: Título (2 puntos)');
  });

  it('reject unbalanced regions clearly', () => {
    expect(() => findRegions('// #region exercise 03.1: T (1 punto)\n', 'x.ts')).toThrow(/03\.1 has no #endregion/);
    expect(() => findRegions('// #endregion exercise 03.1\n', 'x.ts')).toThrow(/without its #region/);
  });

  it('are selected by id or by chapter', () => {
    const select = selector('00.1,02');
    expect(['00.1', '00.2', '02.1', '02.3', '12.1'].filter(select)).toEqual(['00.1', '02.1', '02.3']);
    expect(() => selector('2.1')).toThrow(/not an exercise id/);
  });
});
