#!/usr/bin/env node
// `node scripts/lib/roster-bench.mjs [STUDENTS=200] [JOBS=2] [--edition]`: grades a roster of
// STUDENTS copies of the course (solved: the teacher's lib; with --edition: the student
// edition's stubs) with every exercise and --jobs JOBS, and prints the time per student.
// Not part of npm test (it takes minutes); the README quotes its figure.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT } from './jupyter.mjs';
import { findExercises, stubRegions } from './exercises.mjs';

const [students = 200, jobs = 2] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number);
const edition = process.argv.includes('--edition');
const WORK = join(BUILD, 'roster-bench');
rmSync(WORK, { recursive: true, force: true });
const files = [...new Set(findExercises(ROOT).flatMap((e) => e.files).filter((f) => f.startsWith('lib/')))];
for (let i = 0; i < students; i++) {
  const dir = join(WORK, 'roster', `alumno-${String(i).padStart(3, '0')}`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'lib'), join(dir, 'lib'), { recursive: true });
  if (edition) for (const f of files) writeFileSync(join(dir, f), stubRegions(readFileSync(join(ROOT, f), 'utf8'), () => true, f).text);
}
const started = Date.now();
const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'grade.mjs'), join(WORK, 'roster'), '--jobs', String(jobs), '--out', join(WORK, 'grades'), '--seed', 'banco-de-pruebas'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const seconds = (Date.now() - started) / 1000;
const summary = run.stdout.trim().split('\n').pop();
const full = run.stdout.split('\n').filter((l) => {
  const m = /: (\S+) de (\S+)  ·/.exec(l);
  return m && m[1] === m[2];
}).length;
console.log(summary);
console.log(`roster-bench: ${students} ${edition ? 'edition' : 'solved'} copies, every exercise, --jobs ${jobs}: ${seconds.toFixed(1)} s in all, ${(seconds / students).toFixed(2)} s per student (grader start included); exit ${run.status}; full marks: ${full}`);
if (run.status !== 0) console.error(run.stderr);
rmSync(join(WORK, 'roster'), { recursive: true, force: true });
