/**
 * The one way the course draws: build a plotly figure as JSON, then `show` it inline.
 * @packageDocumentation
 */
export type { Axis, Figure, Layout, Trace } from './figure';
export { PLOTLY_MIME } from './figure';
export { applyTheme, COLORWAY } from './theme';
export { figureBundle } from './bundle';
export type { BundleOptions, MimeBundle } from './bundle';
export { show, showTable } from './show';
export { tableBundle } from './table';
export type { Cell } from './table';
export { histogram, lineChart, seriesColor } from './charts';
export { percentile } from './percentile';
export { formatNumber, formatPercent, PLOT_SEPARATORS } from './format';
export type { FormatNumberOptions } from './format';
export { annotationsInside, axisNumbers, everyCategory, groupColours, legendBelow, markerLayers, startupTransient } from './theme-rules';
export type { HistogramOptions, LineChartOptions } from './charts';
export { CLASSIC_PLOTLY_PATH, plotlyBundlePath } from './loader';
