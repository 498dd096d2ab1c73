// What a reader of every chapter should find: a "Qué mirar" after every plot, one Spanish
// vocabulary, and notebooks committed without outputs.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const NOTEBOOKS = join(__dirname, '..', '..', 'notebooks');
type Cell = { cell_type: string; source: string[] | string; outputs?: unknown[] };
const chapters = readdirSync(NOTEBOOKS).filter((n) => /^\d\d-.*\.ipynb$/.test(n)).sort();
const cellsOf = (name: string): Cell[] => (JSON.parse(readFileSync(join(NOTEBOOKS, name), 'utf8')) as { cells: Cell[] }).cells;
const text = (cell: Cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);
const code = (cell: Cell) => text(cell).replace(/\/\/.*$/gm, '');

// Words the course settled on (issue #11): «fallo», «ordenador», «ocurrió antes», "Rómpelo".
const VOCABULARY: readonly [RegExp, string][] = [
  [/computadora/i, 'ordenador'],
  [/\bFallas?\b(?!\w)/, 'fallo / fallos (sustantivo)'],
  [/ocurri[óo]-antes|sucedi[óo] antes/i, '«ocurrió antes»'],
  [/^#+\s*Romperlo\b/m, '«Rómpelo»'],
];

describe.each(chapters)('%s', (name) => {
  const cells = cellsOf(name);

  it('follows every plot with a markdown cell that starts "**Qué mirar.**"', () => {
    const missing = cells
      .map((cell, index) => ({ cell, index }))
      .filter(({ cell }) => cell.cell_type === 'code' && /(^|[^\w.])show\(/.test(code(cell)))
      .filter(({ index }) => {
        const next = cells[index + 1];
        return !(next && next.cell_type === 'markdown' && text(next).trimStart().startsWith('**Qué mirar.**'));
      })
      .map(({ index }) => index);
    expect(missing, `${name}: plot cells without a "Qué mirar" right after`).toEqual([]);
  });

  it('uses the course vocabulary in its prose', () => {
    const prose = cells.filter((c) => c.cell_type === 'markdown').map(text).join('\n');
    for (const [pattern, wanted] of VOCABULARY) expect(pattern.exec(prose)?.[0], `${name}: use ${wanted}`).toBeUndefined();
  });

  it('is committed without outputs', () => {
    expect(cells.filter((c) => c.cell_type === 'code' && (c.outputs ?? []).length > 0).length, name).toBe(0);
  });
});
