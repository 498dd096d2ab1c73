import type { MimeBundle } from './bundle';
import { formatNumber } from './format';

/** A table cell: numbers are right-aligned, everything else is shown as text. */
export type Cell = string | number | boolean | null | undefined;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/**
 * Numbers the Spanish way (decimal comma, see `format.ts`), 6 significant digits at most.
 * Thousands are not grouped here: a column may hold identifiers (ports, offsets); format
 * big quantities with `formatNumber` when grouping helps.
 */
function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Number.isInteger(value)) return formatNumber(value, { maxDecimals: 0, grouping: false });
    if (Math.abs(value) >= 1e-3) return formatNumber(Number(value.toPrecision(6)), { maxDecimals: 6, grouping: false });
    const [mantissa = '', exponent = ''] = value.toExponential(2).split('e');
    return `${formatNumber(Number(mantissa), { decimals: 2 })} × 10${exponent.replace('+', '').replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
  }
  return String(value);
}

/**
 * Builds the MIME bundle of a table of rows (objects sharing their keys): an HTML table
 * for notebooks and the book, and aligned plain text for consoles. Unlike
 * `console.table`, strings are not quoted and there is no index column; numbers are
 * written with a decimal comma, like the prose.
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
