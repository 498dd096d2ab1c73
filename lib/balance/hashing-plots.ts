/**
 * The chapter's pictures of hashing: load per server for each algorithm, the ring drawn as a
 * ring, keys moved by a join or a leave against the ideal, and max/mean against virtual nodes.
 * @packageDocumentation
 */
import { seriesColor } from '../plot/charts';
import type { Figure, Trace } from '../plot/figure';
import { HASHING_LABELS } from './hashing';
import type { HashingAlgorithm, MovedRow, VirtualNodesRow } from './hashing';
import type { ConsistentHashRing } from './ring';

const TURN = 2 ** 32;

/**
 * Keys per server for each algorithm as a strip plot: one column per algorithm, one dot per
 * server, with the mean K/N and the bound c·K/N as dashed lines.
 */
export function loadFigure(loads: ReadonlyMap<HashingAlgorithm, ReadonlyMap<string, number>>, options: { readonly balanceFactor?: number } = {}): Figure {
  const data: Trace[] = [];
  let mean = 0;
  [...loads].forEach(([algorithm, load], index) => {
    const values = [...load.values()];
    mean = values.reduce((s, v) => s + v, 0) / values.length;
    data.push({
      type: 'scatter', mode: 'markers', name: HASHING_LABELS[algorithm], showlegend: false,
      x: values.map(() => HASHING_LABELS[algorithm]), y: values, text: [...load.keys()],
      hovertemplate: '%{text}: %{y} claves<extra></extra>', marker: { size: 9, color: seriesColor(index), opacity: 0.8 },
    });
  });
  const c = (options.balanceFactor ?? 125) / 100;
  const line = (y: number, dash: string) => ({ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: y, y1: y, line: { dash, width: 1, color: '#555' } });
  return {
    data,
    layout: {
      title: 'Claves por servidor con cada algoritmo (mismas claves)',
      xaxis: { title: 'algoritmo', type: 'category', tickangle: -25 },
      yaxis: { title: 'claves por servidor', rangemode: 'tozero' },
      shapes: [line(mean, 'dash'), line(mean * c, 'dot')],
      annotations: [
        { xref: 'paper', x: 1, y: mean, xanchor: 'right', yanchor: 'top', text: 'media K/N', showarrow: false },
        { xref: 'paper', x: 1, y: mean * c, xanchor: 'right', yanchor: 'bottom', text: `cota ${String(c).replace('.', ',')}·K/N`, showarrow: false },
      ],
      height: 460,
    },
  };
}

/**
 * The ring drawn as a ring (polar, clockwise from the top, 0 to 2^32): each server's virtual
 * nodes as big dots on the circle, each key as a small cross inside it with an arc, clockwise,
 * to the point that owns it, in its server's colour.
 */
export function ringFigure(ring: ConsistentHashRing, keys: readonly { readonly key: string; readonly hash: number }[], title = 'El anillo: nodos virtuales y claves'): Figure {
  const servers = ring.servers;
  const colour = new Map(servers.map((s, i) => [s, seriesColor(i)]));
  const points = ring.points();
  const degrees = (h: number) => (h / TURN) * 360;
  const data: Trace[] = [{
    type: 'scatterpolar', mode: 'lines', r: Array.from({ length: 181 }, () => 1), theta: Array.from({ length: 181 }, (_, i) => i * 2),
    line: { color: '#bbb', width: 1 }, hoverinfo: 'skip', showlegend: false,
  }];
  for (const server of servers) {
    const own = points.filter((p) => p.server === server);
    data.push({
      type: 'scatterpolar', mode: 'markers', name: server, legendgroup: server, r: own.map(() => 1), theta: own.map((p) => degrees(p.point)),
      text: own.map((p) => `${server}: punto ${p.point}`), hoverinfo: 'text',
      marker: { size: 10, color: colour.get(server), opacity: 0.85, line: { color: 'white', width: 1.5 } },
    });
  }
  for (const server of servers) {
    const r: (number | null)[] = [];
    const theta: (number | null)[] = [];
    const keyR: number[] = [];
    const keyTheta: number[] = [];
    const keyText: string[] = [];
    for (const { key, hash } of keys) {
      const owner = ownerPoint(points, hash);
      if (owner.server !== server) continue;
      const end = owner.point > hash ? owner.point : owner.point + TURN;
      for (let i = 0; i <= 24; i++) {
        r.push(0.8 + (0.2 * i) / 24);
        theta.push(degrees(hash + ((end - hash) * i) / 24));
      }
      r.push(null);
      theta.push(null);
      keyR.push(0.8);
      keyTheta.push(degrees(hash));
      keyText.push(`${key} → ${server}`);
    }
    data.push({ type: 'scatterpolar', mode: 'lines', r, theta, legendgroup: server, showlegend: false, hoverinfo: 'skip', line: { color: colour.get(server), width: 1.5 } });
    data.push({ type: 'scatterpolar', mode: 'markers', r: keyR, theta: keyTheta, text: keyText, hoverinfo: 'text', legendgroup: server, showlegend: false, marker: { symbol: 'x', size: 7, color: colour.get(server), opacity: 0.85 } });
  }
  return {
    data,
    layout: {
      title,
      polar: { radialaxis: { visible: false, range: [0, 1.1] }, angularaxis: { direction: 'clockwise', rotation: 90, showticklabels: false, ticks: '' } },
      // The polar domain is centred in the plot area: its top is the top of the paper square.
      annotations: [{ xref: 'paper', yref: 'paper', x: 0.5, y: 1, yanchor: 'bottom', text: '0 = 2<sup>32</sup> ↻', showarrow: false, font: { size: 13 } }],
      height: 520,
    },
  };
}

/**
 * Keys moved (%) by one join and one leave per algorithm, with the ideal 1/(N + 1) and 1/N. Each
 * bar is stacked: the keys that go to the joining server (or leave with the leaving one), which
 * must move, and on top the keys that move between servers that stay, which need not.
 */
export function movedFigure(rows: readonly MovedRow[]): Figure {
  const algorithms = [...new Set(rows.map((r) => r.algorithm))];
  const x = algorithms.map((a) => HASHING_LABELS[a]);
  const row = (a: HashingAlgorithm, change: 'join' | 'leave') => rows.find((r) => r.algorithm === a && r.change === change);
  const percent = (r: MovedRow | undefined, part: 'movedWithChanged' | 'movedAmongOthers') => (r === undefined ? Number.NaN : r.moved === 0 ? 0 : (100 * r.fraction * r[part]) / r.moved);
  const traces: Trace[] = [];
  (['join', 'leave'] as const).forEach((change, index) => {
    const withChanged = algorithms.map((a) => percent(row(a, change), 'movedWithChanged'));
    const others = algorithms.map((a) => percent(row(a, change), 'movedAmongOthers'));
    const what = change === 'join' ? 'entra S11' : 'sale S10';
    const own = change === 'join' ? 'hacia el servidor que entra' : 'desde el servidor que sale';
    const common = { type: 'bar', x, offsetgroup: change, legendgroup: change, hovertemplate: '%{x}: %{y:.1f} %<extra>%{fullData.name}</extra>' };
    traces.push({ ...common, name: `${what}: ${own}`, y: withChanged, marker: { color: seriesColor(index) } });
    traces.push({ ...common, name: `${what}: entre los demás`, y: others, base: withChanged, marker: { color: seriesColor(index), opacity: 0.45, pattern: { shape: '/' } } });
  });
  const ideal = (change: 'join' | 'leave') => 100 * (rows.find((r) => r.change === change)?.ideal ?? Number.NaN);
  const line = (y: number, index: number) => ({ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: y, y1: y, line: { dash: 'dot', width: 1.5, color: seriesColor(index) } });
  return {
    data: traces,
    layout: {
      title: 'Claves que cambian de servidor al entrar o salir uno',
      barmode: 'group',
      xaxis: { type: 'category', tickangle: -25 },
      yaxis: { title: 'claves movidas (%)', rangemode: 'tozero' },
      legend: { orientation: 'h', y: -0.45 },
      shapes: [line(ideal('join'), 0), line(ideal('leave'), 1)],
      annotations: [{ xref: 'paper', x: 1, y: ideal('leave'), xanchor: 'right', yanchor: 'bottom', text: 'ideal: K/(N+1) al entrar, K/N al salir', showarrow: false }],
      height: 520,
    },
  };
}

/** Max/mean load of the ring against virtual nodes per server (log x), with the normal approximation 1 + z_N/√v (good for large v; it underestimates below ~5). */
export function virtualNodesFigure(rows: readonly VirtualNodesRow[], servers: number): Figure {
  const x = rows.map((r) => r.virtualNodes);
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'medido (media de 10 anillos)', x, y: rows.map((r) => r.maxOverMean) },
      { type: 'scatter', mode: 'markers', name: 'peor de los 10 anillos', x, y: rows.map((r) => r.worst), marker: { symbol: 'triangle-up', size: 9 } },
      { type: 'scatter', mode: 'lines', name: 'aproximación normal 1 + z_N/√v (v grande)', x, y: rows.map((r) => r.theory), line: { dash: 'dash' } },
    ],
    layout: {
      title: `Desequilibrio del anillo según los nodos virtuales (${servers} servidores)`,
      xaxis: { title: 'nodos virtuales por servidor (v)', type: 'log' },
      yaxis: { title: 'carga máxima / carga media', rangemode: 'tozero' },
      height: 440,
    },
  };
}

function ownerPoint(points: readonly { readonly point: number; readonly server: string }[], hash: number): { point: number; server: string } {
  for (const p of points) if (p.point > hash) return p;
  return points[0] as { point: number; server: string };
}
