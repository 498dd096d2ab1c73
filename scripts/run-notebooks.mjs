#!/usr/bin/env node
// Executes notebooks headless through real Jupyter (nbclient) with the kit's tslab
// kernel. One line per notebook with its time; a failing cell is named with its index,
// its first source line and the error, and the exit code is non-zero.
//
// Usage: node scripts/run-notebooks.mjs [--timeout S] [--out DIR] [--summary FILE] [NOTEBOOK.ipynb ...]
// Without notebooks: every notebooks/*.ipynb, in chapter order.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { BUILD, NOTEBOOKS, ROOT, ensureLibLink, findNbclientPython, jupyterEnv, writeKernelSpec } from './lib/jupyter.mjs';

const args = process.argv.slice(2);
let timeoutS = 300;
let outDir = join(BUILD, 'executed');
let summaryFile;
const files = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--timeout') timeoutS = Number(args[++i]);
  else if (arg === '--out') outDir = resolve(args[++i]);
  else if (arg === '--summary') summaryFile = resolve(args[++i]);
  else files.push(resolve(arg));
}
if (files.length === 0) {
  for (const name of readdirSync(NOTEBOOKS).filter((n) => n.endsWith('.ipynb')).sort()) files.push(join(NOTEBOOKS, name));
}

const python = findNbclientPython();
if (!python) {
  console.error('No Python with nbclient found. Run "npm start" once (it installs Jupyter), or install');
  console.error('  Debian/Ubuntu: apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient');
  console.error('  elsewhere:     python3 -m pip install notebook nbconvert nbclient');
  process.exit(2);
}
ensureLibLink();
writeKernelSpec();

const runner = join(ROOT, 'scripts', 'nbexec.py');
let failed = 0;
const started = Date.now();
for (const file of files) {
  const t0 = Date.now();
  const out = join(outDir, basename(file));
  const result = spawnSync(python, [runner, file, out, String(timeoutS)], {
    env: jupyterEnv({ PYTHONWARNINGS: 'ignore' }),
    encoding: 'utf8',
    timeout: (timeoutS + 60) * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const name = relative(ROOT, file);
  let report;
  try {
    report = JSON.parse((result.stdout ?? '').trim().split('\n').pop() ?? '');
  } catch {
    report = { ok: false, error: result.error ? String(result.error) : (result.stderr || 'no report from nbexec.py').trim() };
  }
  if (report.ok) {
    console.log(`ok    ${name}  ${seconds} s`);
    continue;
  }
  failed += 1;
  console.log(`FAIL  ${name}  ${seconds} s`);
  if (report.cell !== undefined) {
    const firstLine = String(report.source ?? '').split('\n').find((l) => l.trim()) ?? '';
    console.log(`      cell ${report.cell}: ${firstLine.slice(0, 100)}`);
  }
  // Keep the error and the student's frames; drop the kernel's own machinery.
  const detail = String(report.detail ?? report.error ?? '')
    .trim()
    .split('\n')
    .filter((line) => !/^\s*at .*(node:|tslab[\\/]dist|sigintHandlersWrap)/.test(line))
    .slice(0, 25)
    .join('\n      ');
  console.log(`      ${detail}`);
  console.log(`      executed copy: ${relative(ROOT, out)}`);
}
const total = ((Date.now() - started) / 1000).toFixed(1);
const summary = `notebooks: ${files.length - failed} passed, ${failed} failed (${total} s)`;
console.log(summary);
if (summaryFile) writeFileSync(summaryFile, `${summary}\n`);
process.exit(failed > 0 ? 1 : 0);
