/**
 * The readability rules the theme applies to every figure, one function per rule, each
 * fixing a problem a review of the chapters found. They only fill in what a figure left
 * unset: an explicit setting in the figure always wins.
 */
import type { Axis, Figure, Layout, Trace } from './figure';
import { formatNumber } from './format';

const AXIS_KEY = /^([xy])axis(\d*)$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The layout keys of the axes a figure uses: declared ones plus those its traces name. */
function axisKeys(figure: Figure, layout: Layout): string[] {
  const keys = new Set(Object.keys(layout).filter((k) => AXIS_KEY.test(k)));
  keys.add('xaxis');
  keys.add('yaxis');
  for (const trace of figure.data) {
    for (const letter of ['x', 'y'] as const) {
      const ref = trace[`${letter}axis`];
      if (typeof ref === 'string' && /^[xy]\d*$/.test(ref)) keys.add(`${letter}axis${ref.slice(1)}`);
    }
  }
  return [...keys];
}

/** The traces drawn against an axis (`xaxis2` ↔ trace.xaxis === 'x2'). */
function tracesOn(figure: Figure, axisKey: string): Trace[] {
  const [, letter, number] = AXIS_KEY.exec(axisKey) ?? [];
  const ref = `${letter}${number === '1' ? '' : number}`;
  return figure.data.filter((t) => (t[`${letter}axis`] ?? letter) === ref);
}

/**
 * Rule "numbers on axes": tick labels never use SI prefixes (`100µ`, `10n`, `20k` read as
 * units). Linear axes print the full number with the course's separators; log axes print
 * powers of ten (10⁻⁴). Every axis gets `automargin`, so tick labels and titles push the
 * margins instead of overprinting each other (a right-hand axis's title over its ticks).
 */
export function axisNumbers(figure: Figure, layout: Layout): void {
  for (const key of axisKeys(figure, layout)) {
    const axis: Axis = isPlainObject(layout[key]) ? { ...(layout[key] as Axis) } : {};
    const log = axis.type === 'log';
    // An overlaying axis (a right-hand y2) picks its own round ticks, without a second grid.
    const overlay = axis.overlaying !== undefined ? { tickmode: 'auto', showgrid: false } : {};
    layout[key] = { exponentformat: log ? 'power' : 'none', automargin: true, ...overlay, ...axis };
  }
}

/**
 * Rule "every category labelled": a category axis (declared, or fed strings) labels every
 * category when they fit (about 16 px each), instead of plotly's every-other label.
 */
export function everyCategory(figure: Figure, layout: Layout): void {
  const plotPx = { x: 700, y: Number(layout.height ?? 420) - 112 };
  for (const key of axisKeys(figure, layout)) {
    const letter = key[0] as 'x' | 'y';
    const axis: Axis = isPlainObject(layout[key]) ? (layout[key] as Axis) : {};
    if (axis.tickmode !== undefined || axis.dtick !== undefined || axis.tickvals !== undefined) continue;
    const values = tracesOn(figure, key).flatMap((t) => [...((t[letter] as readonly unknown[] | undefined) ?? [])]);
    const category = axis.type === 'category' || (axis.type === undefined && values.length > 0 && values.every((v) => typeof v === 'string'));
    const count = new Set(values).size;
    if (!category || count === 0 || count * 16 > plotPx[letter]) continue;
    layout[key] = { ...axis, tickmode: 'linear', tick0: 0, dtick: 1 };
  }
}

const OPEN_SYMBOL = /(-open|^x|^cross|-thin|^line|^asterisk|^y-)/;

function markerSize(trace: Trace): number {
  const size = trace.marker?.size;
  if (typeof size === 'number') return size;
  if (Array.isArray(size)) return Math.max(...size.filter((s): s is number => typeof s === 'number'));
  return 6;
}

function isOpenSymbol(trace: Trace): boolean {
  const symbol = trace.marker?.symbol;
  const symbols = Array.isArray(symbol) ? symbol : [symbol];
  return symbols.length > 0 && symbols.every((s) => typeof s === 'string' && OPEN_SYMBOL.test(s));
}

/**
 * Rule "no marker hides another": lines lie under markers; filled markers are stacked
 * small over large (a timer's small diamond stays visible on a star at the same instant);
 * open and cross-shaped markers, which hide nothing, go on top (plotly's `zorder`).
 */
export function markerLayers(figure: Figure): void {
  const filled = figure.data.filter((t) => String(t.mode ?? 'lines+markers').includes('markers') && !isOpenSymbol(t));
  const largest = Math.max(0, ...filled.map(markerSize));
  figure.data = figure.data.map((trace) => {
    if (trace.zorder !== undefined || (trace.type ?? 'scatter') !== 'scatter') return trace;
    const mode = String(trace.mode ?? 'lines+markers');
    if (!mode.includes('markers')) return { ...trace, zorder: 0 };
    if (isOpenSymbol(trace)) return { ...trace, zorder: 200 };
    const size = markerSize(trace);
    // A small marker drawn over a bigger one gets a white rim, so its outline shows.
    const rim = size < largest && trace.marker?.line === undefined ? { marker: { ...trace.marker, line: { width: 1, color: '#ffffff' } } } : {};
    return { ...trace, ...rim, zorder: Math.max(1, 100 - Math.round(size)) };
  });
}

/**
 * Rule "one colour per group": when every trace belongs to a `legendgroup` (one consumer,
 * one node) and there are several groups, a group's traces share one colour of the
 * palette and differ by symbol, instead of taking consecutive, similar palette colours.
 */
export function groupColours(figure: Figure, palette: readonly string[]): void {
  const groups = figure.data.map((t) => (typeof t.legendgroup === 'string' ? t.legendgroup : undefined));
  const distinct = [...new Set(groups)];
  if (distinct.length < 2 || distinct.includes(undefined)) return;
  figure.data = figure.data.map((trace, i) => {
    const colour = palette[distinct.indexOf(groups[i]) % palette.length] as string;
    const marker = { ...(trace.marker ?? {}) };
    const line = { ...(trace.line ?? {}) };
    if (marker.color === undefined) marker.color = colour;
    if (line.color === undefined) line.color = colour;
    return { ...trace, marker, line };
  });
}

/** Legend entries plotly would draw (named traces not hidden from the legend). */
function legendEntries(figure: Figure, layout: Layout): string[] {
  const named = figure.data.filter((t) => t.showlegend !== false && t.visible !== false);
  const shown = layout.showlegend === true || (layout.showlegend !== false && named.length > 1);
  return shown ? named.map((t, i) => String(t.name ?? `traza ${i}`)) : [];
}

/**
 * Rule "legend under the axis title": a horizontal legend goes in the bottom margin,
 * below the x axis's ticks and title, whatever the figure's height; the margin (and the
 * height, so the plot area keeps its size) grows with the legend's estimated rows, at
 * about 800 px of width.
 */
export function legendBelow(figure: Figure, layout: Layout, widthPx = 760): void {
  const legend = isPlainObject(layout.legend) ? layout.legend : {};
  const entries = legendEntries(figure, layout);
  if (entries.length === 0 || legend.orientation === 'v' || legend.y !== undefined || legend.x !== undefined) return;
  const margin = isPlainObject(layout.margin) ? layout.margin : {};
  const available = widthPx - Number(margin.l ?? 64) - Number(margin.r ?? 24);
  let rows = 1;
  let used = 0;
  for (const entry of entries) {
    const width = 48 + entry.length * 7;
    if (used > 0 && used + width > available) {
      rows += 1;
      used = 0;
    }
    used += width;
  }
  // Ticks and the x axis title (plotly fits a range slider inside the plot area itself).
  const axisPx = 64;
  const legendPx = 10 + 21 * rows;
  const bottom = Math.max(Number(margin.b ?? 56), axisPx + legendPx);
  layout.legend = { orientation: 'h', x: 0, xanchor: 'left', y: 0, yref: 'container', yanchor: 'bottom', ...legend };
  layout.height = Number(layout.height ?? 420) + (bottom - Number(margin.b ?? 56));
  layout.margin = { ...margin, b: bottom };
}

/**
 * Rule "a start-up jump does not flatten the rest": when the extreme values of the line
 * traces on the y axis all occur in the first 5 % of x, the rest spans less than 40 % of
 * the full range, and at most 2 % of the samples lie outside the rest, the y axis zooms on
 * the rest and a note says what was left out (double-click restores the full range). An
 * explicit `range` or `autorange` wins.
 */
export function startupTransient(figure: Figure, layout: Layout): void {
  const axis: Axis = isPlainObject(layout.yaxis) ? (layout.yaxis as Axis) : {};
  if (axis.range !== undefined || axis.autorange !== undefined || (axis.type ?? 'linear') !== 'linear') return;
  const traces = tracesOn(figure, 'yaxis');
  if (traces.length === 0 || traces.some((t) => (t.type ?? 'scatter') !== 'scatter' || !String(t.mode ?? 'lines').includes('lines'))) return;
  const points = traces.flatMap((t) => (t.x ?? []).map((x, i) => [x, t.y?.[i]] as const))
    .filter((p): p is readonly [number, number] => typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[1]));
  if (points.length < 20) return;
  const xs = points.map((p) => p[0]);
  const x0 = Math.min(...xs);
  const cut = x0 + 0.05 * (Math.max(...xs) - x0);
  const all = points.map((p) => p[1]);
  const rest = points.filter((p) => p[0] > cut).map((p) => p[1]);
  if (rest.length === 0) return;
  const [lo, hi, restLo, restHi] = [Math.min(...all), Math.max(...all), Math.min(...rest), Math.max(...rest)];
  if (!(restHi > restLo) || (restHi - restLo) * 2.5 > hi - lo) return;
  // A jump is a handful of samples; a slow ramp with many samples is data, not a transient.
  if (all.filter((v) => v < restLo || v > restHi).length > Math.max(2, 0.02 * all.length)) return;
  const pad = 0.12 * (restHi - restLo);
  layout.yaxis = { ...axis, range: [restLo - pad, restHi + pad] };
  const outside = lo < restLo - pad ? lo : hi;
  const note = `el arranque (hasta ${formatNumber(outside, { maxDecimals: 1 })}) queda fuera del eje: doble clic para verlo entero`;
  layout.annotations = [...(layout.annotations ?? []), {
    xref: 'paper', yref: 'paper', x: 1, y: 1, xanchor: 'right', yanchor: 'bottom', showarrow: false,
    text: note, font: { size: 11, color: '#555' },
  }];
}

/**
 * Rule "annotations stay inside": a centred annotation placed at the very start or end of
 * an x axis with a known range (a partition's "fin de la partición" at the last instant) is
 * anchored on its inner side, so its text is not cut by the plot's edge.
 */
export function annotationsInside(layout: Layout): void {
  const range = isPlainObject(layout.xaxis) ? (layout.xaxis as Axis).range : undefined;
  if (!Array.isArray(range) || typeof range[0] !== 'number' || typeof range[1] !== 'number' || !Array.isArray(layout.annotations)) return;
  const [start, end] = range as [number, number];
  const near = 0.06 * (end - start);
  layout.annotations = layout.annotations.map((a) => {
    if ((a.xref ?? 'x') !== 'x' || typeof a.x !== 'number' || (a.xanchor !== undefined && a.xanchor !== 'auto' && a.xanchor !== 'center')) return a;
    if (a.x >= end - near) return { ...a, xanchor: 'right' };
    if (a.x <= start + near) return { ...a, xanchor: 'left' };
    return a;
  });
}
