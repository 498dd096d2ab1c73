import type { MimeBundle } from './bundle';

/** A table cell: numbers are right-aligned, everything else is shown as text. */
export type Cell = string | number | boolean | null | undefined;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return Math.abs(value) >= 1e-3 || value === 0 ? String(Number(value.toPrecision(6))) : value.toExponential(2);
  }
  return String(value);
}

/**
 * Builds the MIME bundle of a table of rows (objects sharing their keys): an HTML table
 * for notebooks and the book, and aligned plain text for consoles. Unlike
 * `console.table`, strings are not quoted and there is no index column.
 *
 * @example
 * tableBundle([{ percentil: 'p50', ms: 102 }, { percentil: 'p99', ms: 506 }]);
 */
export function tableBundle(rows: readonly Record<string, Cell>[], title?: string): MimeBundle {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column])));
  const numeric = columns.map((column) => rows.every((row) => row[column] === undefined || typeof row[column] === 'number'));
  const align = (i: number) => (numeric[i] ? 'right' : 'left');
  const html = [
    '<table class="kit-table">',
    title ? `<caption>${escapeHtml(title)}</caption>` : '',
    `<thead><tr>${columns.map((c, i) => `<th style="text-align:${align(i)}">${escapeHtml(c)}</th>`).join('')}</tr></thead>`,
    `<tbody>${cells.map((r) => `<tr>${r.map((c, i) => `<td style="text-align:${align(i)}">${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
  ].join('');
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: string[]) =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const text = [title ?? '', line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)]
    .filter((l, i) => i > 0 || l !== '')
    .join('\n');
  return { 'text/html': html, 'text/plain': text };
}
