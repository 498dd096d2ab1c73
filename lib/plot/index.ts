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
export { histogram, lineChart, percentile, seriesColor } from './charts';
export type { HistogramOptions, LineChartOptions } from './charts';
export { plotlyBundlePath, servePlotly, servePlotlySync, stopPlotlyServer } from './server';
