// @real-io: runs the public checks in a child process, from a notebook cell.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { showTable } from '../plot/index';
import { spanishReason } from './reason';

/** One exercise in a self-check report. */
export interface ExerciseReport {
  id: string;
  title: string;
  points: number;
  earned: number;
  error?: string;
  checks: { title: string; passed: boolean; hint?: string; reason?: string }[];
}

/** Finds the course folder (the one holding scripts/check.mjs) from `start` upwards. */
function courseRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'scripts', 'check.mjs'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no encuentro la carpeta del curso (scripts/check.mjs) desde ' + start);
    dir = parent;
  }
}

/**
 * Runs the PUBLIC checks of an exercise ("02.1"), a chapter ("02") or all of them, and
 * shows a short Spanish report in the notebook: a table of exercises with points, and
 * the hint of the first failed check. The same as `npm run check -- <ids>` in a terminal.
 *
 * @example
 * import { selfCheck } from './lib/exercises/index';
 * selfCheck('00.1');
 */
export function selfCheck(exercises = 'all'): void {
  const root = courseRoot(process.cwd());
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'check.mjs'), exercises, '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`la comprobación no pudo ejecutarse: ${(run.stderr || run.stdout || String(run.error)).trim()}`);
  const report = JSON.parse(run.stdout) as { exercises: ExerciseReport[] };
  showTable(
    report.exercises.map((e) => ({
      ejercicio: e.id,
      título: e.title,
      'comprobaciones superadas': `${e.checks.filter((c) => c.passed).length} de ${e.checks.length}`,
      puntos: `${e.earned} de ${e.points}`,
    })),
    'Comprobaciones públicas (la nota final incluye además comprobaciones ocultas)',
  );
  const firstFailure = report.exercises.flatMap((e) => (e.error ? [{ id: e.id, text: spanishReason(e.error) }] : e.checks.filter((c) => !c.passed).map((c) => ({
    id: e.id,
    text: `${c.title}${c.reason ? ` — ${spanishReason(c.reason)}` : ''}${c.hint ? `\nPista: ${c.hint}` : ''}`,
  }))))[0];
  if (firstFailure) console.log(`Primera comprobación fallida (${firstFailure.id}): ${firstFailure.text}`);
  else console.log('Todas las comprobaciones públicas de estos ejercicios se superan.');
}
