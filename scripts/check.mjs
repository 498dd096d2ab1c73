#!/usr/bin/env node
// `npm run check -- [EXERCISES] [--json]`: a student's self-check. Runs the PUBLIC checks
// of one exercise (02.1), a chapter (02) or all, and prints a short report in Spanish:
// which checks pass, the hint of the first failure, and the points so far. Hidden checks
// (the teacher's) are not run here, and the report says so.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT } from './lib/jupyter.mjs';
import { es, findExercises, idPattern, readChecks, runLimited, score, selector } from './lib/exercises.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const spec = args.find((a) => !a.startsWith('--')) ?? 'all';

let select;
try {
  select = selector(spec);
} catch (error) {
  console.error(`check: ${error.message}`);
  process.exit(2);
}
const exercises = findExercises(ROOT).filter((e) => select(e.id));
if (exercises.length === 0) {
  console.error(`check: no hay ningún ejercicio «${spec}». Ejercicios: ${findExercises(ROOT).map((e) => e.id).join(', ')}`);
  process.exit(2);
}

const reportFile = join(BUILD, 'check', 'vitest.json');
rmSync(reportFile, { force: true });
// Only the chapters' own public files (`test/exercises/NN-….public.test.ts`) when some
// chapters are asked for: loading every chapter's checks costs seconds per self-check.
const chapters = new Set(exercises.map((e) => e.id.slice(0, 2)));
const exercisesDir = join(ROOT, 'test', 'exercises');
const chapterFiles = spec === 'all' || !existsSync(exercisesDir) ? [] : readdirSync(exercisesDir)
  .filter((name) => name.endsWith('.public.test.ts') && chapters.has(name.slice(0, 2)))
  .map((name) => `test/exercises/${name}`);
const run = await runLimited(
  join(ROOT, 'node_modules', '.bin', 'vitest'),
  ['run', ...(chapterFiles.length > 0 ? chapterFiles : ['.public.test.ts']), '-t', idPattern(exercises.map((e) => e.id)), '--reporter=json', `--outputFile=${reportFile}`],
  { cwd: ROOT, env: process.env, timeoutMs: 180_000 },
);
let checks = [];
try {
  checks = readChecks(reportFile);
} catch {
  // No report: the run crashed or was killed; every exercise scores 0 below.
}
const failures = new Map();
if (run.timedOut) for (const e of exercises) failures.set(e.id, 'tiempo agotado (¿un bucle infinito?)');
for (const c of checks.filter((c) => c.fileError)) {
  for (const e of exercises) if (!failures.has(e.id)) failures.set(e.id, `las comprobaciones no cargan: ${c.message.split('\n')[0]}`);
}
const results = score(exercises, checks.filter((c) => !c.fileError), { failures });

if (json) {
  console.log(JSON.stringify({ kind: 'public checks', exercises: results }, null, 2));
  process.exit(0);
}
let earned = 0;
let possible = 0;
let hintShown = false;
for (const r of results) {
  earned += r.earned;
  possible += r.points;
  console.log(`\nEjercicio ${r.id} · ${r.title} · ${es(r.earned)} de ${r.points} ${r.points === 1 ? "punto" : "puntos"} (comprobaciones públicas)`);
  if (r.error) console.log(`  ✗ ${r.error}`);
  for (const c of r.checks) {
    console.log(`  ${c.passed ? '✓' : '✗'} ${c.title}`);
    if (!c.passed && !hintShown) {
      if (c.reason) console.log(`      motivo: ${c.reason}`);
      if (c.hint) console.log(`      Pista: ${c.hint}`);
      hintShown = true;
    }
  }
}
console.log(`\nPuntos según las comprobaciones públicas: ${es(earned)} de ${possible}.`);
console.log('Son solo las comprobaciones públicas: la nota final incluye además comprobaciones ocultas del profesor.');
process.exit(0);
