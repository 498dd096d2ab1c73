/**
 * Spanish number formatting, one convention for the whole course: decimal comma, and
 * integer parts of five digits or more grouped by threes with a no-break space
 * (`200 000`, `2000`, `0,5`), as the RAE and the SI recommend. Plots use the same
 * separators (`PLOT_SEPARATORS`, set by the theme), so ticks, tables and prose agree.
 */

/** plotly's `layout.separators` for the course: decimal comma, space between thousands. */
export const PLOT_SEPARATORS = ', ';

/** Options of {@link formatNumber}. */
export interface FormatNumberOptions {
  /** Exactly this many decimals (`formatNumber(2, { decimals: 1 })` is `2,0`). */
  decimals?: number;
  /** At most this many decimals, trailing zeros dropped (default 2 when `decimals` is not given). */
  maxDecimals?: number;
  /** Group thousands from 10 000 on (default true); false for identifiers such as ports. */
  grouping?: boolean;
}

const NBSP = '\u00a0';

/**
 * A number written the Spanish way: decimal comma, thousands grouped with a no-break
 * space from 10 000 on, a real minus sign; `NaN` and infinities in words.
 *
 * @example
 * formatNumber(1234.5);                 // '1234,5'
 * formatNumber(200000);                 // '200 000'
 * formatNumber(0.1234, { decimals: 3 }); // '0,123'
 */
export function formatNumber(value: number, options: FormatNumberOptions = {}): string {
  if (Number.isNaN(value)) return 'no definido';
  if (value === Infinity) return 'infinito';
  if (value === -Infinity) return '−infinito';
  const fixed = options.decimals !== undefined
    ? value.toFixed(options.decimals)
    : trimZeros(value.toFixed(options.maxDecimals ?? 2));
  const negative = fixed.startsWith('-') && Number(fixed) !== 0;
  const [integer = '0', fraction] = fixed.replace(/^-/, '').split('.');
  const grouped = integer.length >= 5 && options.grouping !== false ? integer.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) : integer;
  return `${negative ? '−' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/**
 * A fraction in [0, 1] as a Spanish percentage with a space before the sign:
 * `formatPercent(0.9991)` is `'99,91 %'`.
 *
 * @example
 * formatPercent(0.5);                    // '50 %'
 * formatPercent(0.99999, { decimals: 3 }); // '99,999 %'
 */
export function formatPercent(fraction: number, options: FormatNumberOptions = {}): string {
  return `${formatNumber(fraction * 100, options)}${NBSP}%`;
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
