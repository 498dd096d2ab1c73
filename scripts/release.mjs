#!/usr/bin/env node
// `npm run release -- --out DIR [--exercises IDS|all] [--force]`: makes the student
// edition of the course. Marked solutions (in lib/ and notebook cells) become stubs that
// throw "Ejercicio NN.M sin resolver: …"; hidden checks and the grading seed are left
// out; everything else is copied unchanged.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT, isLink } from './lib/jupyter.mjs';
import { optionValue } from './lib/cli.mjs';
import { findExercises, selector, stubRegions } from './lib/exercises.mjs';

const args = process.argv.slice(2);
const option = (name) => optionValue(args, name);
const outArg = option('--out');
if (!outArg) {
  console.error('usage: npm run release -- --out DIR [--exercises 00.1,02|all] [--force]');
  process.exit(2);
}
const OUT = resolve(outArg);
if (OUT === ROOT || ROOT.startsWith(OUT + '/')) {
  console.error(`release: --out must not be the course itself or a folder containing it (${OUT})`);
  process.exit(2);
}
if (existsSync(OUT) && readdirSync(OUT).length > 0 && !args.includes('--force')) {
  console.error(`release: ${OUT} is not empty (use --force to write into it anyway)`);
  process.exit(2);
}
let select;
try {
  select = selector(option('--exercises') ?? 'all');
} catch (error) {
  console.error(`release: ${error.message}`);
  process.exit(2);
}
const chosen = findExercises(ROOT).filter((e) => select(e.id));
if (chosen.length === 0) {
  console.error('release: no exercise matches --exercises');
  process.exit(2);
}

/** The course's own files: what git tracks or would track; a plain walk outside git. */
function courseFiles() {
  try {
    return execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean)
      .filter((f) => existsSync(join(ROOT, f)) || isLink(join(ROOT, f)));
  } catch {
    const skip = new Set(['node_modules', 'build', '.git']);
    const walk = (dir) =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (skip.has(e.name)) return [];
        return e.isDirectory() ? walk(rel) : [rel];
      });
    return walk('');
  }
}


// test/kit/exercise-alternatives.ts holds correct solutions of every exercise (tried by
// exercise-quality.test.ts): both are teacher only.
const teacherOnly = (file) => /^test\/exercises\/.*\.hidden\.test\.ts$/.test(file) || file === 'test/exercises/grading.json' || /^test\/kit\/exercise-(quality\.test|alternatives)\.ts$/.test(file) || file.startsWith('test/kit/alternatives/') || file === '.grading-secret' ||
  // The hostile suite's attacks hold reference solutions; grading.test.ts too.
  file.startsWith('test/fixtures/hostile/') || file === 'test/kit/hostile.test.ts' || file === 'test/kit/grading.test.ts';

const stubbed = new Set();
let copied = 0;
for (const file of courseFiles()) {
  if (teacherOnly(file)) continue;
  const from = join(ROOT, file);
  const to = join(OUT, file);
  mkdirSync(dirname(to), { recursive: true });
  if (isLink(from)) {
    symlinkSync(readlinkSync(from), to);
  } else if (file.startsWith('lib/') && file.endsWith('.ts')) {
    const { text, stubbed: ids } = stubRegions(readFileSync(from, 'utf8'), (id) => select(id), file);
    ids.forEach((id) => stubbed.add(id));
    writeFileSync(to, text);
  } else if (file.startsWith('notebooks/') && file.endsWith('.ipynb')) {
    const notebook = JSON.parse(readFileSync(from, 'utf8'));
    for (const cell of notebook.cells) {
      if (cell.cell_type !== 'code') continue;
      const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      const { text, stubbed: ids } = stubRegions(source, (id) => select(id), file);
      if (ids.length === 0) continue;
      ids.forEach((id) => stubbed.add(id));
      cell.source = text.split('\n').map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));
    }
    writeFileSync(to, JSON.stringify(notebook, null, 1) + '\n');
  } else {
    cpSync(from, to);
  }
  copied += 1;
}
const edition = { edition: 'student', exercises: [...stubbed].sort(), from: commitOf(ROOT) };
writeFileSync(join(OUT, '.kit-edition.json'), JSON.stringify(edition, null, 2) + '\n');
console.log(`release: student edition in ${relative(process.cwd(), OUT) || OUT}: ${copied} files, ${stubbed.size} exercises stubbed (${edition.exercises.join(', ')})`);
console.log('release: hidden checks and the grading seed were left out. Next: cd into it and run "npm install".');

function commitOf(dir) {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}
