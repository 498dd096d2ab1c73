import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CLASSIC_PLOTLY_PATH, figureBundle, type Figure } from '../../lib/plot/index';
import { NO_PLOTLY_MESSAGE, UNDRAWN_MESSAGE } from '../../lib/plot/loader';

const figure: Figure = { data: [{ type: 'bar', x: ['a'], y: [1] }], layout: { title: 'Prueba' } };
const html = figureBundle(figure, { sequence: 1 })['text/html'] as string;
const script = /<script type="text\/javascript">([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';

interface FakeElement { innerHTML: string }
interface Page {
  el: FakeElement;
  appended: Array<{ src?: string; onload?: () => void; onerror?: (e: unknown) => void }>;
  window: Record<string, unknown>;
}

/** Runs the fallback's script in a fake page whose <body> has `baseUrl` (or none). */
function runInPage(baseUrl: string | null, plotly?: unknown): Page {
  const el: FakeElement = { innerHTML: 'inicial' };
  const appended: Page['appended'] = [];
  const window: Record<string, unknown> = plotly ? { Plotly: plotly } : {};
  const document = {
    getElementById: () => el,
    body: { getAttribute: (name: string) => (name === 'data-base-url' ? baseUrl : null) },
    head: { appendChild: (node: Page['appended'][number]) => appended.push(node) },
    createElement: () => ({}),
  };
  runInNewContext(script, { window, document, Promise });
  return { el, appended, window };
}

describe('plot HTML fallback: plotly.js from the Jupyter server, never the kernel', () => {
  it('names no kernel server, no CDN and no absolute address', () => {
    expect(html).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\//);
    expect(html).toContain(CLASSIC_PLOTLY_PATH);
  });

  it('says how to make it draw before any script runs (an untrusted classic notebook)', () => {
    expect(html).toContain('<p class="kit-plot-note"');
    expect(html).toContain('Gráfico sin dibujar');
    expect(UNDRAWN_MESSAGE).toMatch(/Trust Notebook/);
  });

  it('loads plotly.js from the page’s base URL in classic Notebook, also behind a proxy prefix', async () => {
    for (const [base, url] of [['/', '/nbextensions/course-kit/plotly.js'], ['/user/ana/', '/user/ana/nbextensions/course-kit/plotly.js'], ['/user/ana', '/user/ana/nbextensions/course-kit/plotly.js']] as const) {
      const page = runInPage(base);
      expect(page.appended.map((s) => s.src)).toEqual([url]);
      expect(page.el.innerHTML).toContain('Cargando plotly.js');
      const calls: unknown[][] = [];
      page.window.Plotly = { newPlot: (...args: unknown[]) => calls.push(args) };
      page.appended[0]?.onload?.();
      await new Promise((r) => setTimeout(r, 0));
      expect(calls).toHaveLength(1);
      expect(calls[0]?.[1]).toEqual([{ type: 'bar', x: ['a'], y: [1] }]);
      expect(page.el.innerHTML).toBe('');
    }
  });

  it('draws at once with a plotly.js the page already has, loading nothing', () => {
    const calls: unknown[][] = [];
    const page = runInPage('/', { newPlot: (...args: unknown[]) => calls.push(args) });
    expect(calls).toHaveLength(1);
    expect(page.appended).toHaveLength(0);
  });

  it('explains in Spanish when no server offers plotly.js (JupyterLab without the renderer), or it fails to load', async () => {
    expect(runInPage(null).el.innerHTML).toContain(NO_PLOTLY_MESSAGE.slice(0, 40));
    const page = runInPage('/');
    page.appended[0]?.onerror?.(new Error('404'));
    await new Promise((r) => setTimeout(r, 0));
    expect(page.el.innerHTML).toContain('No se pudo cargar plotly.js');
    expect(page.window.__kitPlotly).toEqual({}); // a later plot tries again
  });
});
