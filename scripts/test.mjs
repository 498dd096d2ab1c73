#!/usr/bin/env node
// `npm test`: the typecheck, the unit tests (vitest) and every notebook executed
// headless through real Jupyter with the tslab kernel. Runs all three, then prints one
// summary line; exits non-zero if anything failed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT } from './lib/jupyter.mjs';

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const steps = [];
let passed = 0;
let failed = 0;

function step(name, command, args, count) {
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${[command, ...args].map((a) => a.replace(ROOT + '/', '')).join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  steps.push(`${ok ? 'ok  ' : 'FAIL'}  ${name}  ${seconds} s`);
  const counted = count?.(ok);
  if (counted) {
    passed += counted.passed;
    failed += counted.failed + (ok || counted.failed > 0 ? 0 : 1);
  } else if (ok) passed += 1;
  else failed += 1;
}

/** Like `step`, without holding the terminal: the output is printed once the command ends. */
function stepAsync(name, command, args) {
  return new Promise((resolveStep) => {
    const t0 = Date.now();
    const child = spawn(command, args, { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { output += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { output += chunk; });
    child.on('error', (error) => { output += `${error.message}\n`; });
    child.on('close', (code) => {
      const ok = code === 0;
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      console.log(`\n=== ${name}: ${[command, ...args].map((a) => a.replace(ROOT + '/', '')).join(' ')}`);
      if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      steps.push(`${ok ? 'ok  ' : 'FAIL'}  ${name}  ${seconds} s`);
      if (ok) passed += 1;
      else failed += 1;
      resolveStep();
    });
  });
}

mkdirSync(BUILD, { recursive: true });
const vitestJson = join(BUILD, 'vitest-results.json');
const notebooksLog = join(BUILD, 'notebooks-summary.txt');
// Stale reports from an earlier run must never count for this one.
rmSync(vitestJson, { force: true });
rmSync(notebooksLog, { force: true });

// Two compilers: the project's TypeScript, and the TypeScript 5.0 bundled with tslab,
// which compiles the lib inside notebooks. (Both ship a `tsc` bin, so name each one.) Each
// uses one core, so they run at once; their output is printed when each ends.
await Promise.all([
  ['typecheck', join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')],
  ['typecheck with tslab\'s TypeScript 5.0', join(ROOT, 'node_modules', '@tslab', 'typescript-for-tslab', 'bin', 'tsc')],
].map(([name, tsc]) => stepAsync(name, process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'])));
step('unit tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], () => {
  if (!existsSync(vitestJson)) return undefined;
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0) };
});
step('notebooks', process.execPath, [join(ROOT, 'scripts', 'run-notebooks.mjs'), '--summary', notebooksLog], () => {
  if (!existsSync(notebooksLog)) return undefined;
  const match = /(\d+) passed, (\d+) failed/.exec(readFileSync(notebooksLog, 'utf8'));
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
});

console.log('\n=== summary');
for (const line of steps) console.log(line);
console.log(`npm test: ${passed} passed, ${failed} failed`);
process.exit(steps.some((s) => s.startsWith('FAIL')) ? 1 : 0);
