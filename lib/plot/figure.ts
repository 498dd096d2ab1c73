/**
 * Plotly figure types: the JSON that plotly.js draws. Kept deliberately loose (any
 * plotly attribute is allowed) with the common fields typed, so notebooks get
 * completion without pulling plotly's full type package into tslab's compiler.
 */

/** One plotly trace: `scatter`, `bar`, `histogram`, `box`, … with any plotly attribute. */
export interface Trace {
  type?: string;
  name?: string;
  mode?: string;
  x?: readonly unknown[];
  y?: readonly unknown[];
  text?: string | readonly string[];
  marker?: Record<string, unknown>;
  line?: Record<string, unknown>;
  [attribute: string]: unknown;
}

/** A plotly axis. */
export interface Axis {
  title?: string | { text: string; [attribute: string]: unknown };
  type?: 'linear' | 'log' | 'date' | 'category';
  range?: readonly unknown[];
  [attribute: string]: unknown;
}

/** A plotly layout: title, axes, shapes, annotations, sliders, … */
export interface Layout {
  title?: string | { text: string; [attribute: string]: unknown };
  xaxis?: Axis;
  yaxis?: Axis;
  shapes?: Record<string, unknown>[];
  annotations?: Record<string, unknown>[];
  height?: number;
  width?: number;
  [attribute: string]: unknown;
}

/** A complete figure: what `show` draws. Plain JSON, so it can be saved, tested and diffed. */
export interface Figure {
  data: Trace[];
  layout?: Layout;
  config?: Record<string, unknown>;
}

/** The MIME type Jupyter front ends (JupyterLab, VS Code, nteract) use for plotly figures. */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
