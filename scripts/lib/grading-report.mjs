// What the grader writes: a Spanish report per student (HTML and JSON), the gradebook
// (CSV safe to open in a spreadsheet, and JSON for merging shards), shard selection and
// the merge of the gradebooks of several shards.
import { readFileSync } from 'node:fs';
import { escapeHtml as escape } from './cli.mjs';
import { es } from './exercises.mjs';

/**
 * A CSV cell: quoted when it holds a comma, a semicolon or a tab (Spanish-locale
 * spreadsheets split on `;`), a quote or a line break; a leading = + - @ (or tab/CR)
 * cannot start a formula.
 */
export function csvCell(value) {
  let text = String(value ?? '');
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\t\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The gradebook as CSV: one row per student, one column per exercise. */
export function gradebookCsv(exerciseIds, rows) {
  const header = ['alumno', ...exerciseIds, 'total', 'maximo', 'observaciones'];
  const lines = rows.map((r) => [r.student, ...exerciseIds.map((id) => r.scores[id] ?? 0), r.earned, r.possible, r.note ?? ''].map(csvCell).join(','));
  return [header.join(','), ...lines].join('\n') + '\n';
}

/** One gradebook row from a report. */
export function gradebookRow(report) {
  return {
    student: report.student,
    scores: Object.fromEntries(report.exercises.map((e) => [e.id, e.earned])),
    earned: report.earned,
    possible: report.possible,
    note: report.invalid ? `entrega inválida: ${report.invalid}` : undefined,
  };
}

/** Parses "--shard i/n" (0 ≤ i < n): the students whose index in name order is i mod n. */
export function parseShard(spec) {
  const match = /^(\d+)\/(\d+)$/.exec(spec ?? '');
  if (!match || Number(match[2]) < 1 || Number(match[1]) >= Number(match[2])) throw new Error(`--shard wants i/n with 0 <= i < n (e.g. 0/4), got "${spec}"`);
  const [index, count] = [Number(match[1]), Number(match[2])];
  return { index, count, select: (list) => list.filter((_, k) => k % count === index) };
}

/**
 * Merges gradebook.json files of shards into one: same exercises in each, no student
 * twice. Throws a clear error otherwise.
 */
export function mergeGradebooks(files) {
  let exercises;
  const rows = new Map();
  for (const file of files) {
    const book = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(book.exercises) || !Array.isArray(book.rows)) throw new Error(`${file} is not a gradebook.json`);
    if (exercises && exercises.join() !== book.exercises.join()) throw new Error(`${file} grades exercises ${book.exercises.join(',')}, not ${exercises.join(',')}`);
    exercises = book.exercises;
    for (const row of book.rows) {
      if (rows.has(row.student)) throw new Error(`student ${JSON.stringify(row.student)} is in two shards (${file})`);
      rows.set(row.student, row);
    }
  }
  return { exercises: exercises ?? [], rows: [...rows.values()].sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0)) };
}

/** The Spanish HTML report of one student. */
export function reportHtml(report) {
  const rows = report.exercises
    .map((r) => {
      const failed = r.checks.filter((c) => !c.passed);
      const unsolved = failed.length > 0 && failed.length === r.checks.length && failed.every((c) => c.reason?.startsWith('sin resolver'));
      const details = unsolved ? `<li>Sin resolver: la función aún lanza «Ejercicio ${r.id} sin resolver».</li>` : [
        r.error ? `<li class="error">${escape(r.error)}</li>` : '',
        r.note ? `<li class="error">${escape(r.note)}</li>` : '',
        ...failed.map((c) => `<li><strong>${escape(c.title)}</strong> <em>(${c.visibility === 'hidden' ? 'oculta' : 'pública'})</em>${c.reason ? ` — ${escape(c.reason)}` : ''}${c.hint ? `<br>Pista: ${escape(c.hint)}` : ''}</li>`),
      ].join('');
      return `<tr><td>${r.id}</td><td>${escape(r.title)}</td><td class="n">${es(r.earned)} / ${r.points}</td><td>${r.checks.filter((c) => c.passed).length} de ${r.checks.length}</td><td>${details ? `<ul>${details}</ul>` : '✓'}</td></tr>`;
    })
    .join('\n');
  const invalid = report.invalid ? `<p class="error"><strong>Entrega inválida:</strong> ${escape(report.invalid)}</p>` : '';
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Informe de ${escape(report.student)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.4rem .6rem;vertical-align:top;text-align:left}td.n{text-align:right;white-space:nowrap}ul{margin:0;padding-left:1.1rem}.error{color:#a00}</style>
</head><body>
<h1>Informe de corrección: ${escape(report.student)}</h1>
${invalid}<p><strong>Nota: ${es(report.earned)} de ${report.possible} puntos.</strong> Incluye comprobaciones públicas y ocultas; de las ocultas solo se muestra el título y la pista. Los textos que vienen de tu código (mensajes de error, valores) aparecen recortados y marcados como «tu código».</p>
<table><thead><tr><th>Ejercicio</th><th>Título</th><th>Puntos</th><th>Comprobaciones superadas</th><th>Comprobaciones fallidas</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
