// The exercise convention, in one place: how exercises are marked in lib/ and notebooks,
// how checks are named, and how to run checks and read their results.
//
// In a lib file (or a notebook code cell), a reference solution sits between markers:
//   // #region exercise 02.1: Regla de recepción de Lamport (2 puntos)
//   return Math.max(local, received) + 1;
//   // #endregion exercise 02.1
// Checks are vitest tests declared with test/exercises/check.ts, named
//   [02.1] <Spanish title> {<weight>}
// in test/exercises/*.public.test.ts (shipped to students) or *.hidden.test.ts (teacher).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

// The same Spanish rewording of vitest's messages as the notebook's selfCheck (one implementation).
const { spanishReason } = createRequire(import.meta.url)('../../lib/exercises/spanish-reason.cjs');

export const BEGIN = /^([ \t]*)\/\/ #region exercise (\d\d\.\d+): (.+?) \((\d+) puntos?\)\s*$/;
export const END = /^[ \t]*\/\/ #endregion exercise (\d\d\.\d+)\s*$/;
export const CHECK_NAME = /^\[(\d\d\.\d+)\] (.*) \{(\d+(?:\.\d+)?)\}$/;

function walk(dir, accept) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path, accept);
    return accept(entry.name) ? [path] : [];
  });
}

/** Finds the marked regions of one text; throws on unbalanced markers. */
export function findRegions(text, where) {
  const lines = text.split('\n');
  const regions = [];
  let open;
  lines.forEach((line, index) => {
    const begin = BEGIN.exec(line);
    const end = END.exec(line);
    if (begin) {
      if (open) throw new Error(`${where}:${index + 1}: exercise ${begin[2]} starts inside exercise ${open.id}`);
      open = { id: begin[2], title: begin[3], points: Number(begin[4]), indent: begin[1], beginLine: index };
    } else if (end) {
      if (!open || open.id !== end[1]) throw new Error(`${where}:${index + 1}: #endregion exercise ${end[1]} without its #region`);
      regions.push({ ...open, endLine: index });
      open = undefined;
    }
  });
  if (open) throw new Error(`${where}: exercise ${open.id} has no #endregion`);
  return regions;
}

/** Every exercise marked under `root` (lib/ files and notebooks), sorted by id. */
export function findExercises(root) {
  const exercises = new Map();
  const add = (region, file) => {
    const prior = exercises.get(region.id);
    if (prior && (prior.title !== region.title || prior.points !== region.points)) {
      throw new Error(`exercise ${region.id} is marked twice with different titles or points (${prior.files[0]}, ${file})`);
    }
    if (prior) prior.files.push(file);
    else exercises.set(region.id, { id: region.id, title: region.title, points: region.points, files: [file] });
  };
  for (const file of walk(join(root, 'lib'), (n) => n.endsWith('.ts'))) {
    for (const region of findRegions(readFileSync(file, 'utf8'), file)) add(region, relative(root, file));
  }
  for (const file of walk(join(root, 'notebooks'), (n) => n.endsWith('.ipynb'))) {
    const notebook = JSON.parse(readFileSync(file, 'utf8'));
    for (const cell of notebook.cells) {
      const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      for (const region of findRegions(source, file)) add(region, relative(root, file));
    }
  }
  return [...exercises.values()].sort((a, b) => compareIds(a.id, b.id));
}

export function compareIds(a, b) {
  const [ca, na] = a.split('.').map(Number);
  const [cb, nb] = b.split('.').map(Number);
  return ca - cb || na - nb;
}

/** Parses "00.1,02" / "all" into a predicate over exercise ids (a chapter selects all its exercises). */
export function selector(spec) {
  if (!spec || spec === 'all') return () => true;
  const parts = spec.split(',').map((s) => s.trim()).filter(Boolean);
  for (const part of parts) {
    if (!/^\d\d(\.\d+)?$/.test(part)) throw new Error(`"${part}" is not an exercise id (like 02.1) nor a chapter (like 02)`);
  }
  return (id) => parts.some((part) => id === part || id.startsWith(`${part}.`));
}

/** The Spanish stub that replaces a solution in the student edition. */
export function stubLines(exercise, indent, file) {
  const where = file ? ` en ${file}` : '';
  return [
    `${indent}// TODO: escribe aquí tu solución del ejercicio ${exercise.id} y comprueba con: npm run check -- ${exercise.id}`,
    `${indent}throw new Error(${JSON.stringify(`Ejercicio ${exercise.id} sin resolver: ${exercise.title}. Complétalo${where} y comprueba con: npm run check -- ${exercise.id}`)});`,
  ];
}

/** Replaces the bodies of the selected regions in `text` with stubs. */
export function stubRegions(text, select, file) {
  const regions = findRegions(text, file).filter((r) => select(r.id));
  if (regions.length === 0) return { text, stubbed: [] };
  const lines = text.split('\n');
  for (const region of [...regions].reverse()) {
    lines.splice(region.beginLine + 1, region.endLine - region.beginLine - 1, ...stubLines(region, region.indent, file));
  }
  return { text: lines.join('\n'), stubbed: regions.map((r) => r.id) };
}

/**
 * Runs a command in its own process group with a time limit, killing the whole group
 * (vitest's workers included) when it runs over. Resolves with the exit status.
 */
export function runLimited(command, args, { cwd, env, timeoutMs, quiet = true, onChild }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    onChild?.(child);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, timedOut, output });
    });
  });
}

/** Escapes an exercise id for vitest's -t pattern. */
export const idPattern = (ids) => ids.map((id) => `\\[${id.replace('.', '\\.')}\\]`).join('|');

/**
 * Reads vitest's JSON report into check results:
 * { id, title, weight, visibility: 'public' | 'hidden', status, message }.
 */
export function readChecks(reportFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const checks = [];
  for (const file of report.testResults ?? []) {
    const visibility = /\.hidden\.test\.ts$/.test(file.name) ? 'hidden' : 'public';
    for (const test of file.assertionResults ?? []) {
      const match = CHECK_NAME.exec(test.title);
      if (!match || test.status === 'skipped' || test.status === 'pending' || test.status === 'todo') continue;
      const message = (test.failureMessages ?? []).join('\n');
      checks.push({ id: match[1], title: match[2], weight: Number(match[3]), visibility, status: test.status, message });
    }
    // A file that failed to load (a syntax error in lib, a crash at import) has no tests.
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') {
      checks.push({ fileError: true, file: file.name, visibility, status: 'failed', message: file.message ?? '' });
    }
  }
  return checks;
}

/**
 * What a student may see of a failure: the hint, and for public checks the first line, in
 * Spanish (vitest's "expected 2 to be 3 // Object.is equality" → "se esperaba 3 y se obtuvo 2").
 */
export function feedback(check) {
  const text = check.message ?? '';
  // check() appends the teacher's hint last; anything before it may be the student's text.
  const hint = [...text.matchAll(/Pista: (.*)/g)].pop()?.[1]?.trim();
  const unsolved = /Ejercicio (\d\d\.\d+) sin resolver/.exec(text);
  let reason;
  if (unsolved) reason = `sin resolver (ejercicio ${unsolved[1]})`;
  else if (check.visibility === 'public') {
    const first = text.split('\n').find((line) => line.trim() && !/^\s*at /.test(line))?.replace(/^(AssertionError|Error): /, '').trim();
    reason = first === undefined ? undefined : spanishReason(first);
    if (reason && reason.length > 300) reason = `${reason.slice(0, 300)}…`;
  }
  return { hint, reason };
}

/**
 * Scores exercises from check results: an exercise's points are shared among its checks
 * in proportion to their weights. Exercises with no result (e.g. killed) score 0 with
 * the given reason.
 */
export function score(exercises, checks, { failures = new Map() } = {}) {
  return exercises.map((exercise) => {
    const own = checks.filter((c) => c.id === exercise.id);
    const total = own.reduce((sum, c) => sum + c.weight, 0);
    const passed = own.filter((c) => c.status === 'passed').reduce((sum, c) => sum + c.weight, 0);
    const failure = failures.get(exercise.id);
    const earned = failure || total === 0 ? 0 : Math.round((exercise.points * passed * 100) / total) / 100;
    return {
      id: exercise.id,
      title: exercise.title,
      points: exercise.points,
      earned,
      error: failure ?? (total === 0 ? 'sin comprobaciones' : undefined),
      checks: own.map((c) => ({
        title: c.title,
        visibility: c.visibility,
        weight: c.weight,
        passed: c.status === 'passed',
        ...(c.status === 'passed' ? {} : feedback(c)),
      })),
    };
  });
}

/** A number with a decimal comma, as Spanish readers expect: 3.5 → "3,5". */
export const es = (n) => String(Math.round(n * 100) / 100).replace('.', ',');
