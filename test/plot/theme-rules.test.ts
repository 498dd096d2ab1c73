import { describe, expect, it } from 'vitest';
import { applyTheme, formatNumber, formatPercent, type Figure, type Trace } from '../../lib/plot/index';

const line = (name: string, y: number[], extra: Partial<Trace> = {}): Trace => ({ type: 'scatter', mode: 'lines', name, x: y.map((_, i) => i), y, ...extra });

describe('Spanish numbers', () => {
  it('writes a decimal comma, groups five digits or more, and uses a real minus', () => {
    expect(formatNumber(1234.5)).toBe('1234,5');
    expect(formatNumber(200_000)).toBe('200\u00a0000');
    expect(formatNumber(-0.125, { decimals: 2 })).toBe('−0,13');
    expect(formatNumber(-0.001, { decimals: 1 })).toBe('0,0');
    expect(formatNumber(2, { decimals: 1 })).toBe('2,0');
    expect(formatNumber(NaN)).toBe('no definido');
    expect(formatPercent(0.9991)).toBe('99,91\u00a0%');
  });

  it('gives plotly the same separators', () => {
    expect(applyTheme({ data: [] }).layout?.separators).toBe(', ');
  });
});

describe('theme rules', () => {
  it('puts the legend in the bottom margin, below the x axis title, for any height', () => {
    for (const height of [300, 380, 600]) {
      const themed = applyTheme({ data: [line('a', [1, 2]), line('b', [2, 1])], layout: { height, xaxis: { title: 't' } } });
      const legend = themed.layout?.legend as Record<string, unknown>;
      expect(legend).toMatchObject({ orientation: 'h', yref: 'container', y: 0, yanchor: 'bottom' });
      const margin = themed.layout?.margin as Record<string, number>;
      expect(margin.b).toBeGreaterThanOrEqual(64 + 31);
      expect(themed.layout?.height).toBe(height + (Number(margin.b) - 56));
    }
  });

  it('adds legend rows for many long names, and leaves an explicit legend alone', () => {
    const many = Array.from({ length: 8 }, (_, i) => line(`una serie con nombre largo ${i}`, [i, i + 1]));
    const b = (applyTheme({ data: many }).layout?.margin as Record<string, number>).b;
    expect(b).toBeGreaterThan(64 + 31 + 21 * 2);
    const own = applyTheme({ data: many, layout: { legend: { x: 1, y: 1 } } });
    expect(own.layout?.legend).toEqual({ x: 1, y: 1 });
  });

  it('never uses SI prefixes on axes: full numbers on linear axes, powers of ten on log axes, automargin everywhere', () => {
    const themed = applyTheme({ data: [line('a', [1e-2, 1e-12])], layout: { yaxis: { type: 'log' }, yaxis2: { overlaying: 'y', side: 'right' } } });
    expect(themed.layout?.yaxis).toMatchObject({ exponentformat: 'power', automargin: true });
    expect(themed.layout?.xaxis).toMatchObject({ exponentformat: 'none', automargin: true });
    expect(themed.layout?.yaxis2).toMatchObject({ automargin: true, tickmode: 'auto', showgrid: false });
  });

  it('labels every category of a category axis when they fit', () => {
    const names = Array.from({ length: 21 }, (_, i) => `m${i}`);
    const themed = applyTheme({ data: [{ type: 'scatter', mode: 'markers', x: names.map((_, i) => i), y: names }], layout: { height: 520 } });
    expect(themed.layout?.yaxis).toMatchObject({ tickmode: 'linear', dtick: 1 });
    const crowded = Array.from({ length: 60 }, (_, i) => `m${i}`);
    expect(applyTheme({ data: [{ type: 'scatter', x: crowded.map((_, i) => i), y: crowded }] }).layout?.yaxis?.dtick).toBeUndefined();
  });

  it('draws small filled markers over big ones, open markers on top, lines below', () => {
    const themed = applyTheme({ data: [
      line('mensaje', [1, 2]),
      { type: 'scatter', mode: 'markers', name: 'temporizador', marker: { symbol: 'diamond', size: 6 } },
      { type: 'scatter', mode: 'markers', name: 'evento', marker: { symbol: 'star', size: 9 } },
      { type: 'scatter', mode: 'markers', name: 'perdido', marker: { symbol: 'x', size: 11 } },
    ] });
    const z = themed.data.map((t) => t.zorder as number);
    expect(z[0]).toBe(0);
    expect(z[1]).toBeGreaterThan(z[2] as number);
    expect(z[3]).toBeGreaterThan(z[1] as number);
    expect(themed.data[1]?.marker?.line).toEqual({ width: 1, color: '#ffffff' });
  });

  it('gives each legend group one colour', () => {
    const themed = applyTheme({ data: ['c1', 'c1', 'c2', 'c2'].map((g, i) => ({ type: 'scatter', mode: 'markers', name: `${g} ${i}`, legendgroup: g })) });
    const colours = themed.data.map((t) => t.marker?.color);
    expect(colours[0]).toBe(colours[1]);
    expect(colours[2]).toBe(colours[3]);
    expect(colours[0]).not.toBe(colours[2]);
  });

  it('zooms the y axis past a start-up jump, says so, and keeps an explicit range', () => {
    const jump = Array.from({ length: 200 }, (_, i) => (i === 0 ? -40 : Math.sin(i / 5) * 4));
    const fig: Figure = { data: [line('C', jump), line('S', jump.map(() => 0))] };
    const themed = applyTheme(fig);
    const range = themed.layout?.yaxis?.range as number[];
    expect(range[0]).toBeGreaterThan(-6);
    expect(range[1]).toBeLessThan(6);
    expect(JSON.stringify(themed.layout?.annotations)).toContain('hasta −40');
    expect(applyTheme({ ...fig, layout: { yaxis: { range: [-50, 10] } } }).layout?.yaxis?.range).toEqual([-50, 10]);
    const ramp = Array.from({ length: 1000 }, (_, i) => (i < 40 ? i * 25 : 975 + 25 * Math.sin(i)));
    expect(applyTheme({ data: [line('rampa', ramp)] }).layout?.yaxis?.range).toBeUndefined();
    const growing = Array.from({ length: 200 }, (_, i) => i);
    expect(applyTheme({ data: [line('d', growing)] }).layout?.yaxis?.range).toBeUndefined();
  });
});

describe('tables', () => {
  it('write decimals with a comma and leave identifiers such as ports ungrouped', async () => {
    const { tableBundle } = await import('../../lib/plot/index');
    const text = tableBundle([{ puerto: 42255, ms: 0.5, delta: -20 }])['text/plain'] as string;
    expect(text).toContain('42255');
    expect(text).toContain('0,5');
    expect(text).toContain('−20');
    expect(formatNumber(42255, { grouping: false })).toBe('42255');
  });
});

describe('annotations', () => {
  it('are anchored inwards at the ends of a ranged x axis', () => {
    const themed = applyTheme({ data: [], layout: { xaxis: { range: [0, 300] }, annotations: [
      { x: 300, xref: 'x', text: 'fin de la partición' }, { x: 150, xref: 'x', text: 'partición' }, { x: 0, xref: 'x', text: 'inicio' },
    ] } });
    expect(themed.layout?.annotations?.map((a) => a.xanchor)).toEqual(['right', undefined, 'left']);
  });
});
