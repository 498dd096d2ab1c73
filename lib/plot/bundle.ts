import { createHash } from 'node:crypto';
import { PLOTLY_MIME, type Figure } from './figure';
import { plotHtml } from './loader';
import { applyTheme } from './theme';

/** A Jupyter MIME bundle: one representation of the same output per MIME type. */
export type MimeBundle = Record<string, unknown>;

/** Options of {@link figureBundle}. */
export interface BundleOptions {
  /**
   * An explicit URL the HTML fallback loads plotly.js from when the page has no
   * `Plotly` yet, tried before the page's own server. `show` passes none: classic
   * Notebook finds plotly.js at its own base URL (see `./loader`), other front ends
   * draw the plotly JSON with their own renderer.
   */
  plotlyUrl?: string;
  /** Disambiguates two identical figures shown in one session (the element id). */
  sequence?: number;
}

/**
 * Builds the MIME bundle that displays a figure in any Jupyter front end.
 *
 * - `application/vnd.plotly.v1+json`: the figure as JSON, drawn natively by VS Code,
 *   JupyterLab with the plotly extension, and the course book.
 * - `text/html`: a `<div>` plus a small script that draws with plotly.js, loading it
 *   once per page from the Jupyter server that sent the page (never from the kernel,
 *   never a CDN, never inlined): see `./loader`.
 * - `text/plain`: a one-line description for consoles.
 *
 * @example
 * const bundle = figureBundle({ data: [{ y: [3, 1, 2] }], layout: { title: 'Prueba' } });
 * Object.keys(bundle); // ['application/vnd.plotly.v1+json', 'text/html', 'text/plain']
 */
export function figureBundle(figure: Figure, options: BundleOptions = {}): MimeBundle {
  validateFigure(figure);
  const themed = applyTheme(figure);
  const json = JSON.stringify(themed);
  const digest = createHash('sha256').update(json).digest('hex').slice(0, 12);
  const elementId = `kit-plot-${digest}-${options.sequence ?? 0}`;
  return {
    [PLOTLY_MIME]: JSON.parse(json) as unknown,
    'text/html': plotHtml({ elementId, json, heightPx: heightOf(themed.layout?.height), plotlyUrl: options.plotlyUrl }),
    'text/plain': describe(themed),
  };
}

function validateFigure(figure: Figure): void {
  if (figure === null || typeof figure !== 'object' || !Array.isArray(figure.data)) {
    throw new TypeError('figura inválida: se esperaba un objeto { data: Trace[], layout? }');
  }
  figure.data.forEach((trace, index) => {
    if (trace === null || typeof trace !== 'object') {
      throw new TypeError(`figura inválida: la traza ${index} no es un objeto`);
    }
  });
}

function describe(figure: Figure): string {
  const title = figure.layout?.title;
  const text = typeof title === 'string' ? title : title?.text;
  const traces = figure.data.length;
  return `Figura${text ? ` «${text}»` : ''}: ${traces} ${traces === 1 ? 'traza' : 'trazas'} (ábrela en Jupyter para verla).`;
}

function heightOf(height: unknown): number {
  return typeof height === 'number' ? height : 420;
}
