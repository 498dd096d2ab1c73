#!/usr/bin/env node
// `npm run grade -- PATH [--out DIR] [--exercises IDS|all] [--time-limit S] [--wall-limit S]
//                       [--jobs N] [--shard i/n] [--seed SECRET | --secret-file FILE] [--unsafe] [--keep]`
// `npm run grade -- --merge DIR... --out DIR`
//
// Grades one student's copy of the course (a folder with lib/) or a roster (a folder with
// one sub-folder per student), like a programming-contest judge:
// - the checks, public and hidden, run only here, in the teacher's vitest, over the
//   teacher's lib, except that each exercise region calls into a bridge;
// - the bridge passes the call's arguments as plain data to a sandbox (bubblewrap: no
//   network, its own PID namespace, an unprivileged uid, read-only views, limits) running
//   the teacher's lib with the SUBMISSION's region bodies spliced in. Only the regions are
//   taken from a submission; its tests, config and everything else are never read;
// - each exercise has a CPU-time budget for the student's code (--time-limit, default 10 s)
//   and a wall-clock budget (--wall-limit, default 3 × the CPU one); a student costs at
//   most the sum of the wall budgets plus vitest's start;
// - hidden inputs come from a per-student seed, HMAC(teacher secret, student name); the
//   secret is made on first use in .grading-secret (gitignored, not in the edition);
// - results are written by this process only, after the student's sandbox is gone.
// Writes DIR/<student>/report.json and report.html (Spanish), DIR/gradebook.csv and .json.
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD, ROOT } from './lib/jupyter.mjs';
import { optionValue } from './lib/cli.mjs';
import { CHECK_NAME, es, findExercises, idPattern, readChecks, runLimited, score, selector } from './lib/exercises.mjs';
import { SANDBOX_LIMITS, Sandbox, freeUid, sandboxCommand, sandboxUnavailable } from './lib/grading-sandbox.mjs';
import { cgroupUnavailable } from './lib/grading-cgroup.mjs';
import { exportName, loadTypeScript, locateExercises, writeTree } from './lib/grading-splice.mjs';
import { SpliceWorker } from './lib/grading-splice-worker.mjs';
import { prepareRun } from './lib/grading-workspace.mjs';
import { invalidSubmission, readRegionBodies } from './lib/grading-submission.mjs';
import { WALL_FACTOR, serveBridge } from './lib/grading-bridge.mjs';
import { gradebookCsv, gradebookRow, mergeGradebooks, parseShard, reportHtml } from './lib/grading-report.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => optionValue(args, name);
const fail = (message) => {
  console.error(`grade: ${message}`);
  process.exit(2);
};
const valued = new Set(['--out', '--exercises', '--time-limit', '--wall-limit', '--seed', '--secret-file', '--jobs', '--shard']);
const OUT = resolve(option('--out') ?? join(BUILD, 'grades'));

if (args.includes('--merge')) {
  const dirs = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
  if (dirs.length === 0) fail('usage: npm run grade -- --merge SHARD_DIR... --out DIR');
  let book;
  try {
    book = mergeGradebooks(dirs.map((d) => join(resolve(d), 'gradebook.json')));
  } catch (error) {
    fail(error.message);
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'gradebook.json'), JSON.stringify(book, null, 2) + '\n');
  writeFileSync(join(OUT, 'gradebook.csv'), gradebookCsv(book.exercises, book.rows));
  console.log(`grade: merged ${dirs.length} gradebook(s), ${book.rows.length} student(s) → ${join(OUT, 'gradebook.csv')}`);
  process.exit(0);
}

const target = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
if (!target) fail('usage: npm run grade -- PATH [--out DIR] [--exercises 00.1,02|all] [--time-limit SECONDS] [--wall-limit SECONDS] [--jobs N] [--shard i/n] [--seed SECRET | --secret-file FILE] [--unsafe]');
const budgetMs = Number(option('--time-limit') ?? 10) * 1000;
const jobs = Number(option('--jobs') ?? 1);
if (!(budgetMs > 0)) fail('--time-limit must be a positive number of seconds');
const wallMs = Number(option('--wall-limit') ?? (budgetMs / 1000) * WALL_FACTOR) * 1000;
if (!(wallMs >= budgetMs)) fail('--wall-limit must be a number of seconds no smaller than --time-limit');
if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) fail('--jobs must be an integer from 1 to 64');
const unsafe = args.includes('--unsafe');
let exercises;
try {
  exercises = findExercises(ROOT).filter((e) => selector(option('--exercises') ?? 'all')(e.id));
} catch (error) {
  fail(error.message);
}
if (exercises.length === 0) fail('no exercise matches --exercises');
const shard = option('--shard') === undefined ? undefined : (() => {
  try {
    return parseShard(option('--shard'));
  } catch (error) {
    return fail(error.message);
  }
})();
// A memory and process budget for each sandbox's whole tree, where cgroups are writable (root);
// elsewhere the per-process rlimits alone bound it, and grading says so.
const SANDBOX_CGROUP = unsafe || cgroupUnavailable() ? undefined : { memoryBytes: SANDBOX_LIMITS.groupMemoryMb * 1024 * 1024, processes: SANDBOX_LIMITS.groupProcesses };
if (!unsafe && SANDBOX_CGROUP === undefined) console.error(`grade: sin cgroup por entorno aislado (${cgroupUnavailable()}): solo límites por proceso / no per-sandbox cgroup: per-process limits only`);
if (!unsafe) {
  const why = sandboxUnavailable();
  if (why) fail(`se niega a corregir sin entorno aislado / refusing to grade without a sandbox:\n${why}`);
} else console.error('grade: --unsafe: el código de los estudiantes se ejecuta SIN entorno aislado (only the network guard and limits) / student code runs WITHOUT the sandbox');

/** The teacher's secret: --seed, else --secret-file, else .grading-secret (made on first use, mode 600). */
function secret() {
  if (option('--seed') !== undefined) return option('--seed');
  if (option('--secret-file') !== undefined) {
    try {
      return readFileSync(resolve(option('--secret-file')), 'utf8').trim();
    } catch (error) {
      return fail(`cannot read --secret-file: ${error.message}`);
    }
  }
  const file = join(ROOT, '.grading-secret');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    console.log('grade: created the grading secret in .grading-secret: keep it (same secret, same scores); it is gitignored and left out of the student edition');
  }
  return readFileSync(file, 'utf8').trim();
}
const SECRET = secret();
const seedOf = (student) => createHmac('sha256', SECRET).update(student).digest('hex').slice(0, 24);

/** Submissions: PATH itself if it holds lib/, else every sub-folder (or link) of it but dot-folders (.git). */
function submissions(path) {
  const root = resolve(path);
  if (!existsSync(root)) fail(`${root} does not exist`);
  if (existsSync(join(root, 'lib'))) return [{ name: basename(root), dir: root }];
  const found = readdirSync(root, { withFileTypes: true })
    .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith('.'))
    .map((e) => ({ name: e.name, dir: join(root, e.name) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (found.length === 0) fail(`${root} has no lib/ folder, nor sub-folders`);
  return found;
}

const ts = loadTypeScript(ROOT);
let located;
try {
  located = locateExercises(ts, ROOT, exercises);
} catch (error) {
  fail(error.message);
}
const totalMs = wallMs * exercises.length;
const { run: RUN, shared: SHARED, privateDir: PRIVATE, base: BASE, checks: CHECKS, config: CONFIG, packageBinds } = prepareRun({ ts, root: ROOT, located, totalMs });
// Only the check files of the chapters graded: vitest loads every file it is given.
const CHECK_FILES = [...new Set(exercises.map((e) => `test/exercises/${e.id.slice(0, 2)}-`))];
const cpuSeconds = Math.ceil((budgetMs * exercises.length) / 1000) + 10;
const STARTUP_MS = 90_000;
// Sandbox uids and pinned CPUs start from here (see freeUid).
const UID_BASE = randomInt(20_000);
// Files the grader writes at the top of --out; no student folder may take these names.
const RESERVED = ['gradebook.csv', 'gradebook.json', 'diagnostics.json'];
// A submission's regions must compile within this (TypeScript's parser is exponential on
// some inputs); KIT_SPLICE_TIMEOUT_MS lowers it for tests.
const SPLICE_MS = Number(process.env.KIT_SPLICE_TIMEOUT_MS) > 0 ? Number(process.env.KIT_SPLICE_TIMEOUT_MS) : 20_000;
const spliceWorkers = [];

/**
 * Every check the graded exercises have, listed once from the teacher's check files
 * (`vitest list`): a check missing from a student's results, or skipped, counts as failed,
 * so nothing can shrink an exercise's denominator.
 */
function listChecks() {
  const out = join(PRIVATE, 'expected-checks.json');
  const listed = spawnSync(join(ROOT, 'node_modules', '.bin', 'vitest'), ['list', '--config', CONFIG, '--root', CHECKS, ...CHECK_FILES, '-t', idPattern(exercises.map((e) => e.id)), `--json=${out}`],
    { cwd: CHECKS, env: { PATH: process.env.PATH, HOME: CHECKS, CI: 'true' }, encoding: 'utf8', timeout: 180_000 });
  if (listed.status !== 0 || !existsSync(out)) fail(`cannot list the checks (vitest list): ${`${listed.stderr ?? ''}${listed.stdout ?? ''}${listed.error ?? ''}`.slice(-2000)}`);
  const checks = [];
  for (const { name, file } of JSON.parse(readFileSync(out, 'utf8'))) {
    const match = CHECK_NAME.exec(name) ?? CHECK_NAME.exec(String(name).split(' > ').pop());
    if (!match || !exercises.some((e) => e.id === match[1])) continue;
    checks.push({ id: match[1], title: match[2], weight: Number(match[3]), visibility: /\.hidden\.test\.ts$/.test(file) ? 'hidden' : 'public' });
  }
  return checks;
}
const EXPECTED_CHECKS = listChecks();

/** A report with every exercise at 0 and a reason. */
const zeroReport = (name, reason) => ({
  student: name, seed: 'oculta', earned: 0, possible: exercises.reduce((s, e) => s + e.points, 0), invalid: reason,
  exercises: exercises.map((e) => ({ id: e.id, title: e.title, points: e.points, earned: 0, error: `entrega inválida: ${reason}`, checks: [] })),
});

async function grade(submission, index, slot) {
  if (RESERVED.includes(submission.name)) return zeroReport(submission.name, 'nombre de carpeta reservado');
  const invalid = invalidSubmission(submission.dir);
  if (invalid) return zeroReport(submission.name, invalid);
  const { bodies, notes } = readRegionBodies(submission.dir, located);
  const spliced = await (spliceWorkers[slot] ??= new SpliceWorker(ROOT)).splice(located, bodies, SPLICE_MS);
  if (spliced.timeout) return zeroReport(submission.name, `el código de la entrega tarda demasiado en compilar (más de ${es(SPLICE_MS / 1000)} s)`);
  for (const [id, note] of spliced.notes) notes.set(id, note);
  const mine = join(SHARED, `s${index}`);
  writeTree(mine, spliced.files);
  let startSandbox;
  if (unsafe) {
    const full = join(PRIVATE, `full${index}`);
    cpSync(BASE, full, { recursive: true });
    writeTree(join(full, 'lib'), spliced.files);
    for (const [from, to] of packageBinds) cpSync(from, join(full, to), { recursive: true });
    const guard = join(HERE, 'lib', 'no-network.cjs');
    startSandbox = () => new Sandbox({ command: process.execPath, args: ['--require', guard, '--max-old-space-size=256', join(full, 'runner.cjs')], env: {} });
  } else {
    // Checked per student: no process may hold it (see freeUid). From a random base, not the
    // pid: graders in pods on one node are all pid 1 and would share uids (and RLIMIT_NPROC).
    const uid = freeUid(UID_BASE, slot);
    const overlays = [...packageBinds, ...[...spliced.files.keys()].map((f) => [join(mine, f), `lib/${f}`])];
    startSandbox = () => new Sandbox({ ...sandboxCommand({ root: BASE, overlays, uid, cpuSeconds, cpu: UID_BASE + slot }), uid, cgroup: SANDBOX_CGROUP });
  }
  const socketPath = join(PRIVATE, `b${index}.sock`);
  const bridge = serveBridge({ socketPath, startSandbox, located, exportName, budgetMs, wallMs });
  await bridge.listening;
  const reportFile = join(PRIVATE, `vitest-${index}.json`);
  let vitest;
  const vitestStart = Date.now();
  const run = await runLimited(
    join(ROOT, 'node_modules', '.bin', 'vitest'),
    ['run', '--config', CONFIG, '--root', CHECKS, ...CHECK_FILES, '-t', idPattern(exercises.map((e) => e.id)), '--reporter=json', `--outputFile=${reportFile}`],
    { onChild: (child) => children.add((vitest = child)), cwd: CHECKS, env: { PATH: process.env.PATH, HOME: CHECKS, CI: 'true', KIT_GRADING_SEED: seedOf(submission.name), KIT_BRIDGE_SOCKET: socketPath, KIT_BRIDGE_WAIT_MS: String(wallMs + 30_000) }, timeoutMs: totalMs + STARTUP_MS },
  );
  if (process.env.KIT_GRADE_DEBUG) console.error(`debug: ${bridge.calls} calls, ${bridge.scopes} sandbox renewals, vitest ${Date.now() - vitestStart} ms`);
  children.delete(vitest);
  await bridge.close();
  rmSync(mine, { recursive: true, force: true });
  let checks = [];
  try {
    checks = readChecks(reportFile).filter((c) => !c.fileError);
  } catch {
    // No report: every exercise scores 0 below, with the reason.
  }
  const failures = new Map();
  for (const id of bridge.graderErrors) {
    failures.set(id, 'error del corrector: el entorno aislado no arrancó; hay que volver a corregir esta entrega');
    console.error(`grade: ${submission.name}: a sandbox did not start for ${id} (see diagnostics.json); grade this submission again`);
  }
  for (const id of bridge.timedOut) if (!failures.has(id)) failures.set(id, `tiempo agotado: tu código superó ${es(budgetMs / 1000)} s de CPU (o ${es(wallMs / 1000)} s de reloj) en este ejercicio (¿un bucle infinito?)`);
  for (const e of exercises) {
    if (checks.some((c) => c.id === e.id) || failures.has(e.id)) continue;
    failures.set(e.id, run.timedOut ? 'la corrección superó su tiempo total' : 'las comprobaciones no produjeron resultados (error del corrector: avisa al profesor)');
  }
  for (const expected of EXPECTED_CHECKS) {
    if (!checks.some((c) => c.id === expected.id && c.title === expected.title && c.visibility === expected.visibility)) checks.push({ ...expected, status: 'failed', message: 'la comprobación no llegó a ejecutarse' });
  }
  const results = score(exercises, checks, { failures }).map((r) => (notes.has(r.id) ? { ...r, note: notes.get(r.id) } : r));
  const earned = Math.round(results.reduce((s, r) => s + r.earned, 0) * 100) / 100;
  const possible = results.reduce((s, r) => s + r.points, 0);
  // For the teacher only (diagnostics.json): why each check failed, hidden ones included,
  // and what the bridge saw (crashes, time outs, grader errors). Never in a student's report.
  const diagnostics = {
    ...bridge.diagnostics(),
    vitestExit: run.timedOut ? 'timed out' : run.status ?? run.signal ?? null,
    ...(checks.length === 0 ? { vitestOutput: String(run.output).slice(-1500) } : {}),
    failedChecks: checks.filter((c) => c.status !== 'passed').slice(0, 40).map((c) => ({ id: c.id, title: c.title, visibility: c.visibility, message: String(c.message).slice(0, 600) })),
  };
  return { student: submission.name, seed: 'oculta', earned, possible, exercises: results, diagnostics };
}

function write(report) {
  if (RESERVED.includes(report.student)) return;
  const dir = join(OUT, report.student);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(dir, 'report.html'), reportHtml(report));
}

// Interrupted (Ctrl-C, a pod's SIGTERM): kill the checks' process groups (the sandboxes
// die with this process: --die-with-parent) and remove the run's tree.
const children = new Set();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    for (const child of children) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(RUN, { recursive: true, force: true });
    console.error(`grade: interrupted by ${signal}; reports written so far are in ${OUT}`);
    process.exit(130);
  });
}

let roster = submissions(target);
if (shard) roster = shard.select(roster);
mkdirSync(OUT, { recursive: true });
for (const file of RESERVED) if (existsSync(join(OUT, file)) && !lstatSync(join(OUT, file)).isFile()) rmSync(join(OUT, file), { recursive: true, force: true });
const started = Date.now();
const reports = new Array(roster.length);
const diagnostics = new Array(roster.length);
let next = 0;
const worker = async (slot) => {
  for (let index = next++; index < roster.length; index = next++) {
    const submission = roster[index];
    let report;
    try {
      report = await grade(submission, index, slot);
    } catch (error) {
      report = zeroReport(submission.name, `no se pudo corregir (${String(error.message).slice(0, 200)})`);
    }
    diagnostics[index] = { student: submission.name, ...(report.diagnostics ?? {}) };
    delete report.diagnostics;
    reports[index] = report;
    write(report);
    const detail = report.exercises.map((r) => `${r.id} ${es(r.earned)}/${r.points}${r.error ? ' (!)' : ''}`).join('  ');
    console.log(`${JSON.stringify(submission.name).slice(1, -1)}: ${es(report.earned)} de ${report.possible}${report.invalid ? `  ·  entrega inválida: ${report.invalid}` : `  ·  ${detail}`}`);
  }
};
try {
  await Promise.all(Array.from({ length: Math.min(jobs, roster.length) }, (_, slot) => worker(slot)));
} finally {
  await Promise.all(spliceWorkers.map((w) => w?.close()));
  if (!args.includes('--keep')) rmSync(RUN, { recursive: true, force: true });
}
const ids = exercises.map((e) => e.id);
const rows = reports.map(gradebookRow);
writeFileSync(join(OUT, 'gradebook.json'), JSON.stringify({ exercises: ids, rows }, null, 2) + '\n');
writeFileSync(join(OUT, 'gradebook.csv'), gradebookCsv(ids, rows));
// Hidden checks' messages and seeds: the teacher's eyes only (mode 600).
writeFileSync(join(OUT, 'diagnostics.json'), JSON.stringify(diagnostics.filter(Boolean), null, 1) + '\n', { mode: 0o600 });
chmodSync(join(OUT, 'diagnostics.json'), 0o600);
const seconds = (Date.now() - started) / 1000;
console.log(`grade: ${reports.length} submission(s) in ${seconds.toFixed(1)} s (${(seconds / Math.max(1, reports.length)).toFixed(2)} s per student, --jobs ${jobs}${unsafe ? ', UNSAFE' : ''}) → ${join(OUT, 'gradebook.csv')} and one report.html per student`);
