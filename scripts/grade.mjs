#!/usr/bin/env node
// `npm run grade -- PATH [--out DIR] [--exercises IDS|all] [--time-limit S] [--seed S]`
//
// Grades one student's copy of the course (a folder with lib/) or a folder of copies
// (one sub-folder per student). The checks, public and hidden, always come from THIS
// copy (the teacher's): from a submission only lib/ is taken, so editing or deleting
// test files there changes nothing. Each submission runs in its own processes, offline
// (loopback only) and under a time limit: a crash or an endless loop scores 0 on that
// exercise and grading goes on. The grading seed (test/exercises/grading.json, or
// --seed) differs from the students' seed; the same submission always gets the same score.
//
// Writes DIR/<student>/report.json and report.html (Spanish), and DIR/gradebook.csv.
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { BUILD, ROOT } from './lib/jupyter.mjs';
import { escapeHtml as escape, optionValue } from './lib/cli.mjs';
import { es, findExercises, idPattern, readChecks, runLimited, score, selector } from './lib/exercises.mjs';

const args = process.argv.slice(2);
const option = (name) => optionValue(args, name);
const optionNames = new Set(['--out', '--exercises', '--time-limit', '--seed']);
const target = args.find((a, i) => !a.startsWith('--') && !optionNames.has(args[i - 1]));
if (!target) {
  console.error('usage: npm run grade -- PATH [--out DIR] [--exercises 00.1,02|all] [--time-limit SECONDS] [--seed SEED]');
  process.exit(2);
}
const OUT = resolve(option('--out') ?? join(BUILD, 'grades'));
const limitMs = Number(option('--time-limit') ?? 60) * 1000;
const seed = option('--seed') ?? readSeed();
const exercises = findExercises(ROOT).filter((e) => selector(option('--exercises') ?? 'all')(e.id));
if (exercises.length === 0) {
  console.error('grade: no exercise matches --exercises');
  process.exit(2);
}

function readSeed() {
  const file = join(ROOT, 'test', 'exercises', 'grading.json');
  if (!existsSync(file)) {
    console.error('grade: no grading seed: add test/exercises/grading.json ({ "gradingSeed": "…" }) or pass --seed');
    process.exit(2);
  }
  return JSON.parse(readFileSync(file, 'utf8')).gradingSeed;
}

/** Submissions: PATH itself if it holds lib/, else each sub-folder that does. */
function submissions(path) {
  const root = resolve(path);
  if (!existsSync(root)) {
    console.error(`grade: ${root} does not exist`);
    process.exit(2);
  }
  if (existsSync(join(root, 'lib'))) return [{ name: basename(root), dir: root }];
  const found = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'lib')))
    .map((e) => ({ name: e.name, dir: join(root, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (found.length === 0) {
    console.error(`grade: ${root} has no lib/ folder, nor sub-folders with one`);
    process.exit(2);
  }
  return found;
}

/** A copy of the student's lib/ with only regular files and folders (no links out). */
function copyLib(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (lstatSync(source).isSymbolicLink()) continue;
    if (entry.isDirectory()) copyLib(source, join(to, entry.name));
    else if (entry.isFile()) cpSync(source, join(to, entry.name));
  }
}

/** A sandbox: the teacher's checks and configuration around the student's lib/. */
function prepareSandbox(submission) {
  const dir = join(BUILD, 'grading', 'work', submission.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'test'), join(dir, 'test'), { recursive: true });
  for (const file of ['package.json', 'tsconfig.json', 'vitest.config.mts']) cpSync(join(ROOT, file), join(dir, file));
  copyLib(join(submission.dir, 'lib'), join(dir, 'lib'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

async function runChecks(dir, ids, timeoutMs, tag) {
  const reportFile = join(dir, `vitest-${tag}.json`);
  rmSync(reportFile, { force: true });
  const guard = join(ROOT, 'scripts', 'lib', 'no-network.cjs');
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    KIT_GRADING_SEED: String(seed),
    NODE_OPTIONS: `--require ${guard}`,
    CI: 'true',
  };
  const run = await runLimited(
    join(ROOT, 'node_modules', '.bin', 'vitest'),
    ['run', 'test/exercises/', '-t', idPattern(ids), '--reporter=json', `--outputFile=${reportFile}`],
    { cwd: dir, env, timeoutMs },
  );
  let checks;
  try {
    checks = readChecks(reportFile);
  } catch {
    checks = undefined;
  }
  return { run, checks };
}

async function grade(submission) {
  const dir = prepareSandbox(submission);
  const ids = exercises.map((e) => e.id);
  const failures = new Map();
  let checks = [];
  const whole = await runChecks(dir, ids, limitMs * 2, 'all');
  if (!whole.run.timedOut && whole.checks) {
    checks = whole.checks;
  } else {
    // Something hung or crashed the run: grade exercise by exercise to isolate it.
    for (const id of ids) {
      const one = await runChecks(dir, [id], limitMs, id);
      if (one.run.timedOut) failures.set(id, `tiempo agotado: más de ${limitMs / 1000} s (¿un bucle infinito?)`);
      else if (!one.checks) failures.set(id, 'la ejecución de las comprobaciones falló (el proceso terminó sin informe)');
      else checks.push(...one.checks.filter((c) => c.fileError || c.id === id));
    }
  }
  const loadErrors = checks.filter((c) => c.fileError);
  if (loadErrors.length > 0) {
    // A checks file that could not even load (e.g. a syntax error in the student's lib):
    // its exercises get no results, so they score 0 with this explanation.
    const reason = 'no se pudo cargar el código del estudiante (¿un error de sintaxis o una excepción al importar?)';
    for (const id of ids) if (!checks.some((c) => !c.fileError && c.id === id) && !failures.has(id)) failures.set(id, reason);
  }
  const results = score(exercises, checks.filter((c) => !c.fileError), { failures });
  const earned = Math.round(results.reduce((s, r) => s + r.earned, 0) * 100) / 100;
  const possible = results.reduce((s, r) => s + r.points, 0);
  return { student: submission.name, seed: 'oculta', earned, possible, exercises: results };
}


function html(report) {
  const rows = report.exercises
    .map((r) => {
      const failed = r.checks.filter((c) => !c.passed);
      const unsolved = failed.length > 0 && failed.length === r.checks.length && failed.every((c) => c.reason?.startsWith('sin resolver'));
      const details = unsolved ? `<li>Sin resolver: la función aún lanza «Ejercicio ${r.id} sin resolver».</li>` : [
        r.error ? `<li class="error">${escape(r.error)}</li>` : '',
        ...failed.map((c) => `<li><strong>${escape(c.title)}</strong> <em>(${c.visibility === 'hidden' ? 'oculta' : 'pública'})</em>${c.reason ? ` — ${escape(c.reason)}` : ''}${c.hint ? `<br>Pista: ${escape(c.hint)}` : ''}</li>`),
      ].join('');
      return `<tr><td>${r.id}</td><td>${escape(r.title)}</td><td class="n">${es(r.earned)} / ${r.points}</td><td>${r.checks.filter((c) => c.passed).length} de ${r.checks.length}</td><td>${details ? `<ul>${details}</ul>` : '✓'}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Informe de ${escape(report.student)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.4rem .6rem;vertical-align:top;text-align:left}td.n{text-align:right;white-space:nowrap}ul{margin:0;padding-left:1.1rem}.error{color:#a00}</style>
</head><body>
<h1>Informe de corrección: ${escape(report.student)}</h1>
<p><strong>Nota: ${es(report.earned)} de ${report.possible} puntos.</strong> Incluye comprobaciones públicas y ocultas; de las ocultas solo se muestra el título y la pista.</p>
<table><thead><tr><th>Ejercicio</th><th>Título</th><th>Puntos</th><th>Comprobaciones superadas</th><th>Comprobaciones fallidas</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

const csvCell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

mkdirSync(OUT, { recursive: true });
const reports = [];
for (const submission of submissions(target)) {
  const report = await grade(submission);
  reports.push(report);
  const dir = join(OUT, submission.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(dir, 'report.html'), html(report));
  const detail = report.exercises.map((r) => `${r.id} ${es(r.earned)}/${r.points}${r.error ? ' (!)' : ''}`).join('  ');
  console.log(`${submission.name}: ${es(report.earned)} de ${report.possible}  ·  ${detail}`);
}
const header = ['alumno', ...exercises.map((e) => e.id), 'total', 'maximo'];
const lines = reports.map((r) => [r.student, ...r.exercises.map((e) => e.earned), r.earned, r.possible].map(csvCell).join(','));
writeFileSync(join(OUT, 'gradebook.csv'), [header.join(','), ...lines].join('\n') + '\n');
console.log(`grade: ${reports.length} submission(s) → ${join(OUT, 'gradebook.csv')} and one report.html per student`);
