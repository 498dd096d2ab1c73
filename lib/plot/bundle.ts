import { createHash } from 'node:crypto';
import { PLOTLY_MIME, type Figure } from './figure';
import { applyTheme } from './theme';

/** A Jupyter MIME bundle: one representation of the same output per MIME type. */
export type MimeBundle = Record<string, unknown>;

/** Options of {@link figureBundle}. */
export interface BundleOptions {
  /**
   * Where the HTML fallback loads plotly.js from when the page has no `Plotly` yet;
   * `show` passes the kernel's own loopback URL. Without it the HTML only draws on
   * pages that already loaded plotly.js (the static book does).
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
 *   once per page from `plotlyUrl` (never a CDN, never inlined) with a `<script>` tag.
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
    'text/html': plotHtml(elementId, json, themed.layout?.height, options.plotlyUrl),
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

/** `</script>` inside JSON would close the script element early; escape `<` everywhere. */
function scriptSafe(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function plotHtml(elementId: string, json: string, height: unknown, plotlyUrl: string | undefined): string {
  const heightPx = typeof height === 'number' ? height : 420;
  const url = plotlyUrl === undefined ? 'null' : JSON.stringify(plotlyUrl);
  // Kept as ES5 so every front end's script evaluation accepts it.
  return `<div id="${elementId}" class="kit-plot" style="width:100%;min-height:${heightPx}px"></div>
<script type="text/javascript">
(function () {
  var el = document.getElementById(${JSON.stringify(elementId)});
  if (!el) { return; }
  var fig = ${scriptSafe(json)};
  var url = ${url};
  function draw(P) { P.newPlot(el, fig.data, fig.layout, fig.config); }
  function fail() {
    el.innerHTML = '<p style="color:#a00">No se pudo cargar plotly.js. Vuelve a ejecutar la celda (el kernel sirve plotly.js en 127.0.0.1).</p>';
  }
  if (window.Plotly) { draw(window.Plotly); return; }
  if (!url) { fail(); return; }
  var cache = window.__kitPlotly = window.__kitPlotly || {};
  if (!cache[url]) {
    cache[url] = new Promise(function (resolve, reject) {
      // plotly.js 3+ is a plain script that sets window.Plotly (no AMD define), so a
      // script tag works the same with or without classic Notebook's require.js.
      var s = document.createElement('script');
      s.src = url;
      s.onload = function () { window.Plotly ? resolve(window.Plotly) : reject(new Error('sin Plotly')); };
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }
  cache[url].then(draw, function () { delete cache[url]; fail(); });
})();
</script>`;
}
