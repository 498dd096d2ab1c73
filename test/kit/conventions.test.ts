import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

function walk(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path, ext);
    return entry.name.endsWith(ext) ? [path] : [];
  });
}

const libFiles = walk(join(ROOT, 'lib'), '.ts');
const notebooks = readdirSync(join(ROOT, 'notebooks')).filter((n) => n.endsWith('.ipynb')).map((n) => join(ROOT, 'notebooks', n));
const source = (cell: { source: string | string[] }) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);

/** Relative import specifiers of a TypeScript source. */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g)].map((m) => m[1] as string);
}

describe('kit conventions', () => {
  it('imports files, never folders, so tslab can load them (lib and notebooks)', () => {
    const offenders: string[] = [];
    const check = (file: string, dir: string, text: string) => {
      for (const spec of relativeImports(text)) {
        const target = resolve(dir, spec);
        let isDir = false;
        try {
          isDir = statSync(target).isDirectory();
        } catch {
          // Not a folder (a file without its extension): fine.
        }
        if (isDir) offenders.push(`${relative(ROOT, file)}: '${spec}' is a folder; import '${spec}/index'`);
      }
    };
    for (const file of libFiles) check(file, join(file, '..'), readFileSync(file, 'utf8'));
    for (const file of notebooks) {
      const nb = JSON.parse(readFileSync(file, 'utf8'));
      for (const cell of nb.cells) if (cell.cell_type === 'code') check(file, join(ROOT, 'notebooks'), source(cell));
    }
    expect(offenders).toEqual([]);
  });

  it('keeps wall clocks and Math.random out of lib, except in real-I/O files', () => {
    const offenders = libFiles
      .filter((file) => !/^\/\/ @real-io: /m.test(readFileSync(file, 'utf8')))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line: /^\s*(\/\*|\*)/.test(line) ? '' : line.replace(/\/\/.*$/, ''), i }))
          .filter(({ line }) => /\b(Date\.now|new Date\(|Math\.random|setTimeout|setInterval|performance\.now)\b/.test(line))
          .map(({ i }) => `${relative(ROOT, file)}:${i + 1}`),
      );
    expect(offenders, 'mark a file "// @real-io: <why>" if it really does I/O').toEqual([]);
  });

  it('commits notebooks without outputs, with the tslab kernelspec', () => {
    for (const file of notebooks) {
      const nb = JSON.parse(readFileSync(file, 'utf8'));
      expect(nb.metadata?.kernelspec?.name, relative(ROOT, file)).toBe('tslab');
      for (const cell of nb.cells) {
        if (cell.cell_type !== 'code') continue;
        expect(cell.outputs, `${relative(ROOT, file)} has outputs: run "node scripts/ipynb.mjs strip"`).toEqual([]);
        expect(cell.execution_count).toBeNull();
      }
    }
  });

  it('names chapters NN-name.ipynb, in the lecture order', () => {
    for (const file of notebooks) expect(relative(join(ROOT, 'notebooks'), file)).toMatch(/^\d\d-[a-z0-9-]+\.ipynb$/);
  });

  it('gives every lib module an index.ts and a README.md', () => {
    const modules = readdirSync(join(ROOT, 'lib'), { withFileTypes: true }).filter((e) => e.isDirectory());
    for (const module of modules) {
      const files = readdirSync(join(ROOT, 'lib', module.name));
      expect(files, `lib/${module.name}`).toContain('index.ts');
      expect(files, `lib/${module.name}`).toContain('README.md');
    }
  });

  it('lists every chapter of the outline in course.md', () => {
    const course = readFileSync(join(ROOT, 'course.md'), 'utf8');
    for (let n = 0; n <= 12; n++) expect(course).toMatch(new RegExp(`^## ${String(n).padStart(2, '0')} · `, 'm'));
  });
});
