import { describe, expect, it } from 'vitest';
import {
  PLOTLY_MIME,
  applyTheme,
  figureBundle,
  histogram,
  lineChart,
  percentile,
  show,
  showTable,
  tableBundle,
  type Figure,
} from '../../lib/plot/index';

const figure: Figure = {
  data: [{ type: 'scatter', x: [1, 2, 3], y: [3, 1, 2], name: 'serie' }],
  layout: { title: 'Latencia </script><b>', xaxis: { title: 'tiempo (ms)' } },
};

describe('figureBundle', () => {
  const bundle = figureBundle(figure, { plotlyUrl: 'http://127.0.0.1:1234/plotly.js', sequence: 3 });

  it('offers the plotly JSON, an HTML fallback and a text description', () => {
    expect(Object.keys(bundle).sort()).toEqual([PLOTLY_MIME, 'text/html', 'text/plain'].sort());
    const json = bundle[PLOTLY_MIME] as Figure;
    expect(json.data[0]).toMatchObject(figure.data[0] as object);
    expect(json.layout?.title).toEqual({ text: 'Latencia </script><b>', x: 0.02 });
    expect(json.layout?.xaxis?.title).toEqual({ text: 'tiempo (ms)' });
    expect(bundle['text/plain']).toBe('Figura «Latencia </script><b>»: 1 traza (ábrela en Jupyter para verla).');
  });

  it('never inlines plotly.js and never uses a CDN', () => {
    const html = bundle['text/html'] as string;
    expect(html.length).toBeLessThan(10_000);
    expect(html).toContain('http://127.0.0.1:1234/plotly.js');
    expect(html).not.toMatch(/cdn|https:\/\//i);
  });

  it('escapes the figure so its text cannot close the script element', () => {
    const html = bundle['text/html'] as string;
    expect(html.match(/<\/script>/g)?.length).toBe(1);
    expect(html).toContain('\\u003c/script>');
  });

  it('loads plotly.js once per page and reuses it', () => {
    const html = bundle['text/html'] as string;
    expect(html).toContain('if (window.Plotly) { draw(window.Plotly); return; }');
    expect(html).toContain('window.__kitPlotly');
  });

  it('gives identical figures in one session different element ids', () => {
    const a = figureBundle(figure, { sequence: 1 })['text/html'] as string;
    const b = figureBundle(figure, { sequence: 2 })['text/html'] as string;
    expect(a.match(/id="([^"]+)"/)?.[1]).not.toBe(b.match(/id="([^"]+)"/)?.[1]);
    expect(figureBundle(figure, { sequence: 1 })['text/html']).toBe(a);
  });

  it('rejects something that is not a figure, in Spanish', () => {
    expect(() => figureBundle({} as Figure)).toThrow(/figura inválida/);
    expect(() => figureBundle({ data: [null as never] })).toThrow(/traza 0/);
  });
});

describe('applyTheme', () => {
  it('keeps the figure’s own settings over the theme', () => {
    const themed = applyTheme({ data: [], layout: { height: 300, margin: { l: 10 } } });
    expect(themed.layout?.height).toBe(300);
    expect(themed.layout?.margin).toEqual({ l: 10, r: 24, t: 56, b: 56 });
    expect(themed.config?.displaylogo).toBe(false);
  });
});

describe('tableBundle', () => {
  it('renders escaped HTML and aligned text, numbers right-aligned', () => {
    const bundle = tableBundle([{ nombre: '<b>', ms: 5 }, { nombre: 'larga', ms: 1234.5678 }, { nombre: 'p', ms: 0.00001234 }]);
    expect(bundle['text/html']).toContain('<td style="text-align:left">&lt;b&gt;</td>');
    expect(bundle['text/html']).toContain('<td style="text-align:right">1234,57</td>');
    expect(bundle['text/plain']).toBe('nombre           ms\n------  -----------\n<b>               5\nlarga       1234,57\np       1,23 × 10⁻⁵');
  });
});

describe('chart helpers', () => {
  it('computes nearest-rank percentiles (always a sample value)', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([4, 3, 2, 1], 51)).toBe(3);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile(Array.from({ length: 1000 }, (_, i) => i + 1), 99)).toBe(990);
    expect(percentile([5], 99)).toBe(5);
    expect(() => percentile([], 50)).toThrow(/vacía/);
  });

  it('marks the requested percentiles of each histogram series', () => {
    const fig = histogram({ a: [1, 2, 3, 4, 5], b: [10, 20] }, { title: 't', xTitle: 'ms', percentiles: [50, 99] });
    expect(fig.data.map((t) => t.name)).toEqual(['a', 'b']);
    expect(fig.layout?.shapes).toHaveLength(4);
    expect(fig.layout?.annotations?.[0]?.text).toBe('a p50: 3');
  });

  it('draws one line per series', () => {
    const fig = lineChart([1, 2], { x: [1, 2], y: [3, 4] }, { title: 't', xTitle: 'n', yTitle: 'v', logY: true });
    expect(fig.data).toHaveLength(2);
    expect(fig.layout?.yaxis?.type).toBe('log');
  });
});

describe('show', () => {
  it('prints a description outside a kernel instead of failing', async () => {
    const lines: unknown[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => lines.push(args.join(' '));
    try {
      show(figure);
      showTable([{ a: 'x', n: 1.5 }], 'T');
    } finally {
      console.log = log;
    }
    expect(lines).toEqual([figureBundle(figure)['text/plain'], 'T\na    n\n-  ---\nx  1,5']);
  });
});
