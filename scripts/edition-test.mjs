#!/usr/bin/env node
// `npm run edition-test [-- NOTEBOOK.ipynb ...] [--keep]`: the student edition runs top to
// bottom. Makes a fresh edition (every exercise stubbed) in a temporary folder, links this
// checkout's node_modules into it, executes every chapter there through its own
// scripts/run-notebooks.mjs (real Jupyter, tslab), and asserts that each one reaches its
// last cell with no cell error, and that cells using an unsolved exercise said so in
// Spanish instead of failing. The folder is removed at the end unless --keep is given.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ROOT } from './lib/jupyter.mjs';

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const chosen = args.filter((a) => a.endsWith('.ipynb')).map((a) => basename(a));
const edition = mkdtempSync(join(tmpdir(), 'kit-edition-'));
let failures = 0;
const fail = (message) => {
  failures += 1;
  console.log(`FAIL  ${message}`);
};

try {
  const release = spawnSync(process.execPath, [join(ROOT, 'scripts', 'release.mjs'), '--out', edition, '--force'], { encoding: 'utf8' });
  if (release.status !== 0) throw new Error(`release failed:\n${release.stdout}${release.stderr}`);
  console.log(release.stdout.trim().split('\n')[0]);
  symlinkSync(join(ROOT, 'node_modules'), join(edition, 'node_modules'), 'dir');

  const notebooks = readdirSync(join(edition, 'notebooks')).filter((n) => n.endsWith('.ipynb')).sort()
    .filter((n) => chosen.length === 0 || chosen.includes(n));
  const executed = join(edition, 'build', 'executed');
  const run = spawnSync(process.execPath, [join(edition, 'scripts', 'run-notebooks.mjs'), '--out', executed, ...notebooks.map((n) => join(edition, 'notebooks', n))], {
    cwd: edition,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(run.stdout.split('\n').map((l) => (l ? `  edition: ${l}` : l)).join('\n'));
  if (run.status !== 0) fail(`the edition's notebooks did not all run (run-notebooks exit ${run.status})${run.stderr ? `\n${run.stderr}` : ''}`);

  for (const name of notebooks) {
    let notebook;
    try {
      notebook = JSON.parse(readFileSync(join(executed, name), 'utf8'));
    } catch {
      fail(`${name}: no executed copy`);
      continue;
    }
    const code = notebook.cells.map((cell, index) => ({ cell, index })).filter(({ cell }) => cell.cell_type === 'code');
    const errors = code.filter(({ cell }) => (cell.outputs ?? []).some((o) => o.output_type === 'error'));
    const notRun = code.filter(({ cell }) => cell.execution_count === null || cell.execution_count === undefined);
    const text = (cell) => (cell.outputs ?? []).map((o) => [].concat(o.text ?? o.data?.['text/plain'] ?? []).join('')).join('');
    const unsolved = code.filter(({ cell }) => /Ejercicio \d\d\.\d+ sin resolver/.test(text(cell))).length;
    const last = code[code.length - 1];
    if (errors.length > 0) fail(`${name}: cell error in cell ${errors.map((e) => e.index).join(', ')}`);
    if (notRun.length > 0) fail(`${name}: cells never ran: ${notRun.map((e) => e.index).join(', ')}`);
    if (!last || last.cell.execution_count == null) fail(`${name}: the last code cell (${last?.index}) did not run`);
    else console.log(`ok    ${name}: reached its last cell (${last.index}); ${unsolved} cells named an unsolved exercise and carried on`);
  }
} catch (error) {
  fail(error.message);
} finally {
  if (keep) console.log(`edition kept in ${edition}`);
  else rmSync(edition, { recursive: true, force: true });
}
console.log(`edition-test: ${failures === 0 ? 'every chapter of the student edition runs to its last cell' : `${failures} failure(s)`}`);
process.exit(failures === 0 ? 0 : 1);
