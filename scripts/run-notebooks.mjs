#!/usr/bin/env node
// Executes notebooks headless through real Jupyter (nbclient) with the kit's tslab
// kernel. One line per notebook with its time; a failing cell is named with its index,
// its first source line and the error, and the exit code is non-zero.
//
// Usage: node scripts/run-notebooks.mjs [--timeout S] [--out DIR] [--summary FILE] [--jobs N] [NOTEBOOK.ipynb ...]
// Without notebooks: every notebooks/*.ipynb, in chapter order. `--jobs N` (default 2, at
// most the machine's cores) runs N notebooks at once, each with its own kernel: a tslab
// kernel uses one core, so two halve the wall time on two cores. Reports stay in chapter
// order. `--jobs 1` runs them one after another (as timing-sensitive cells prefer).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { BUILD, NOTEBOOKS, ROOT, ensureLibLink, findNbclientPython, jupyterEnv, writeKernelSpec } from './lib/jupyter.mjs';

const args = process.argv.slice(2);
let timeoutS = 300;
let outDir = join(BUILD, 'executed');
let summaryFile;
let jobs = Math.max(1, Math.min(2, availableParallelism()));
const files = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--timeout') timeoutS = Number(args[++i]);
  else if (arg === '--out') outDir = resolve(args[++i]);
  else if (arg === '--summary') summaryFile = resolve(args[++i]);
  else if (arg === '--jobs') {
    jobs = Number(args[++i]);
    if (!Number.isInteger(jobs) || jobs < 1) {
      console.error(`--jobs needs a positive integer, got ${args[i]}`);
      process.exit(2);
    }
  }
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

/** Runs one notebook in its own nbclient process; resolves with its report lines. */
function execute(file) {
  return new Promise((resolveRun) => {
    const t0 = Date.now();
    const out = join(outDir, basename(file));
    const child = spawn(python, [runner, file, out, String(timeoutS)], {
      env: jupyterEnv({ PYTHONWARNINGS: 'ignore' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
    // nbexec.py has its own per-cell timeout; this one bounds a hung Python itself.
    const guard = setTimeout(() => child.kill('SIGKILL'), (timeoutS + 60) * 1000);
    let spawnError;
    let exitStatus = '';
    let finished = false;
    child.on('error', (error) => { spawnError = error; });
    // 'exit', not 'close': a kernel that outlives nbexec.py (killed, or a shutdown that
    // failed) inherits its stdout and would keep the pipe open for ever. After the exit,
    // whatever is left in the pipe gets half a second to arrive.
    child.on('exit', (code, signal) => {
      exitStatus = signal ? `nbexec.py was killed by ${signal}` : `nbexec.py exited with code ${code}`;
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        done();
      }, 500).unref();
    });
    child.on('close', () => done());
    function done() {
      if (finished) return;
      finished = true;
      clearTimeout(guard);
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      const name = relative(ROOT, file);
      let report;
      try {
        report = JSON.parse(stdout.trim().split('\n').pop() ?? '');
      } catch {
        report = { ok: false, error: spawnError ? String(spawnError) : (stderr || `no report from nbexec.py (${exitStatus || 'no exit status'})`).trim() };
      }
      if (report.ok) {
        resolveRun({ ok: true, lines: [`ok    ${name}  ${seconds} s`] });
        return;
      }
      const lines = [`FAIL  ${name}  ${seconds} s`];
      if (report.cell !== undefined) {
        const firstLine = String(report.source ?? '').split('\n').find((l) => l.trim()) ?? '';
        lines.push(`      cell ${report.cell}: ${firstLine.slice(0, 100)}`);
      }
      // Keep the error and the student's frames; drop the kernel's own machinery.
      const detail = String(report.detail ?? report.error ?? '')
        .trim()
        .split('\n')
        .filter((line) => !/^\s*at .*(node:|tslab[\\/]dist|sigintHandlersWrap)/.test(line))
        .slice(0, 25)
        .join('\n      ');
      lines.push(`      ${detail}`);
      lines.push(`      executed copy: ${relative(ROOT, out)}`);
      resolveRun({ ok: false, lines });
    }
  });
}

// A pool of `jobs` runners; reports are printed in the notebooks' order as soon as every
// earlier one has finished.
const results = new Array(files.length);
let printed = 0;
const flush = () => {
  while (printed < files.length && results[printed]) {
    for (const line of results[printed].lines) console.log(line);
    if (!results[printed].ok) failed += 1;
    printed += 1;
  }
};
let next = 0;
await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, async () => {
  while (next < files.length) {
    const index = next++;
    results[index] = await execute(files[index]);
    flush();
  }
}));
const total = ((Date.now() - started) / 1000).toFixed(1);
const summary = `notebooks: ${files.length - failed} passed, ${failed} failed (${total} s)`;
console.log(summary);
if (summaryFile) writeFileSync(summaryFile, `${summary}\n`);
process.exit(failed > 0 ? 1 : 0);
