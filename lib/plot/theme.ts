import type { Figure, Layout } from './figure';
import { PLOT_SEPARATORS } from './format';
import { annotationsInside, axisNumbers, everyCategory, groupColours, legendBelow, markerLayers, startupTransient } from './theme-rules';

/** The course's colour sequence (colour-blind friendly, Okabe–Ito order). */
export const COLORWAY = [
  '#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000',
] as const;

const BASE_LAYOUT: Layout = {
  colorway: [...COLORWAY],
  font: { family: 'Inter, "Segoe UI", Helvetica, Arial, sans-serif', size: 13, color: '#222' },
  paper_bgcolor: '#ffffff',
  plot_bgcolor: '#fafafa',
  margin: { l: 64, r: 24, t: 56, b: 56 },
  hovermode: 'closest',
  // Decimal comma and a space between thousands, as in the prose and the tables.
  separators: PLOT_SEPARATORS,
  height: 420,
};

const BASE_CONFIG: Record<string, unknown> = {
  responsive: true,
  displaylogo: false,
  // Plotly's own UI strings stay in English unless a locale is registered; the course
  // only needs the mode bar's few buttons, so we keep it small.
  modeBarButtonsToRemove: ['select2d', 'lasso2d'],
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges `override` onto `base` (objects merge, everything else replaces). */
function merge(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const prior = out[key];
    out[key] = isPlainObject(prior) && isPlainObject(value) ? merge(prior, value) : value;
  }
  return out;
}

/**
 * Applies the course's look to a figure: colours, font, margins, grid, Spanish number
 * separators, axis titles given as strings turned into plotly's `{ text }` form, and the
 * readability rules of `theme-rules.ts` (legend under the x axis title, no SI prefixes on
 * axes, margins that fit every axis, every category labelled, markers that do not hide
 * each other, one colour per legend group, a start-up jump that does not flatten the
 * rest, annotations not cut at the plot's edges). The figure's own settings win.
 *
 * @example
 * const themed = applyTheme({ data: [{ y: [1, 2, 3] }], layout: { title: 'Latencia' } });
 */
export function applyTheme(figure: Figure): Figure {
  const layout = merge(BASE_LAYOUT, normaliseTitles(figure.layout ?? {})) as Layout;
  const themed: Figure = { data: figure.data, layout, config: merge(BASE_CONFIG, figure.config ?? {}) };
  axisNumbers(themed, layout);
  everyCategory(themed, layout);
  startupTransient(themed, layout);
  groupColours(themed, COLORWAY);
  markerLayers(themed);
  legendBelow(themed, layout);
  annotationsInside(layout);
  return themed;
}

function normaliseTitles(layout: Layout): Layout {
  const out: Layout = { ...layout };
  if (typeof out.title === 'string') out.title = { text: out.title, x: 0.02 };
  for (const [key, value] of Object.entries(out)) {
    if (/^[xy]axis\d*$/.test(key) && isPlainObject(value) && typeof value.title === 'string') {
      out[key] = { gridcolor: '#e5e5e5', zeroline: false, ...value, title: { text: value.title } };
    } else if (/^[xy]axis\d*$/.test(key) && isPlainObject(value)) {
      out[key] = { gridcolor: '#e5e5e5', zeroline: false, ...value };
    }
  }
  return out;
}
