/**
 * The HTML fallback of a figure: a `<div>` and a small script that draws it with
 * plotly.js taken from the page itself or from the Jupyter server that sent the page,
 * never from the kernel. So a saved notebook draws when it is reopened with no kernel
 * running, and a remote Jupyter (JupyterHub, a container, an SSH tunnel) draws too,
 * because the browser only ever asks the server it already talks to.
 *
 * Where plotly.js comes from, by front end:
 * - JupyterLab 4, Notebook 7, VS Code, the course book: they never run this HTML; they
 *   draw the `application/vnd.plotly.v1+json` output with their own renderer (the
 *   plotly Python package ships it for JupyterLab and Notebook 7; `npm start` installs it).
 * - classic Notebook 6: the page's base URL + {@link CLASSIC_PLOTLY_PATH}, a static
 *   file that `npm start` copies into the kit's Jupyter data dir (`build/jupyter`),
 *   which the notebook server serves like any nbextension.
 * - any page that already has `window.Plotly`: that one.
 */

/**
 * The path of plotly.js under a classic Notebook server's base URL: classic Notebook
 * serves `<data dir>/nbextensions/…` of every `JUPYTER_PATH` entry at `<base>nbextensions/…`.
 */
export const CLASSIC_PLOTLY_PATH = 'nbextensions/course-kit/plotly.js';

/** Absolute path of the plotly.js bundle shipped by the `plotly.js-dist` package. */
export function plotlyBundlePath(): string {
  return require.resolve('plotly.js-dist/plotly.js');
}

/**
 * What the plot's `<div>` says before its script runs. An untrusted notebook in classic
 * Notebook (one it did not save itself) keeps the HTML but never runs the script, so
 * this is what the student reads there: how to make it draw.
 */
export const UNDRAWN_MESSAGE =
  'Gráfico sin dibujar: Jupyter no ha ejecutado su script. En el Notebook clásico, marca el ' +
  'cuaderno como de confianza (File → Trust Notebook) o vuelve a ejecutar la celda; en ' +
  'JupyterLab, instala el renderizador de plotly («npm start» lo instala).';

/** What the plot says when it found no plotly.js to draw with. */
export const NO_PLOTLY_MESSAGE =
  'No se pudo cargar plotly.js desde el servidor de Jupyter. Ejecuta «npm start» (instala ' +
  'plotly.js para el Notebook clásico y el renderizador de plotly para JupyterLab) y recarga la página.';

/** `</script>` inside JSON would close the script element early; escape `<` everywhere. */
export function scriptSafe(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Options of {@link plotHtml}. */
export interface PlotHtmlOptions {
  /** The element id, unique in the page. */
  elementId: string;
  /** The themed figure as JSON. */
  json: string;
  /** Minimum height of the plot area in px, so the page does not jump when it draws. */
  heightPx: number;
  /** An explicit URL of plotly.js, tried before the page's own server. */
  plotlyUrl?: string;
}

/**
 * Builds the HTML fallback: a `<div class="kit-plot">` holding {@link UNDRAWN_MESSAGE}
 * and an ES5 script (every front end's script evaluation accepts it) that draws with
 * `window.Plotly`, or else loads plotly.js once per page with a `<script>` tag (plotly.js
 * 3+ defines no AMD module, so classic Notebook's require.js is not in the way).
 *
 * @example
 * plotHtml({ elementId: 'kit-plot-1', json: '{"data":[]}', heightPx: 420 }).startsWith('<div'); // true
 */
export function plotHtml(options: PlotHtmlOptions): string {
  const { elementId, json, heightPx } = options;
  const explicit = options.plotlyUrl === undefined ? 'null' : JSON.stringify(options.plotlyUrl);
  return `<div id="${elementId}" class="kit-plot" style="width:100%;min-height:${heightPx}px"><p class="kit-plot-note" style="color:#555">${htmlText(UNDRAWN_MESSAGE)}</p></div>
<script type="text/javascript">
(function () {
  var el = document.getElementById(${JSON.stringify(elementId)});
  if (!el) { return; }
  var fig = ${scriptSafe(json)};
  function draw(P) { el.innerHTML = ''; P.newPlot(el, fig.data, fig.layout, fig.config); }
  function fail() {
    el.innerHTML = '<p class="kit-plot-error" style="color:#a00">' + ${JSON.stringify(htmlText(NO_PLOTLY_MESSAGE))} + '</p>';
  }
  if (window.Plotly) { draw(window.Plotly); return; }
  // Classic Notebook 6 writes its base URL on <body>; the kit's plotly.js is a static
  // file of that same server, so a remote or reopened notebook finds it too.
  var base = document.body && document.body.getAttribute('data-base-url');
  var url = ${explicit} || (base !== null && base !== undefined ? base.replace(/\\/?$/, '/') + ${JSON.stringify(CLASSIC_PLOTLY_PATH)} : null);
  if (!url) { fail(); return; }
  el.innerHTML = '<p class="kit-plot-note" style="color:#555">Cargando plotly.js…</p>';
  var cache = window.__kitPlotly = window.__kitPlotly || {};
  if (!cache[url]) {
    cache[url] = new Promise(function (resolve, reject) {
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
