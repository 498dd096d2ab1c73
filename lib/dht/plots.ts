/**
 * The chapter's pictures of P2P lookup: flooding's reach against its messages, hops and
 * messages per lookup against N (log scale), and failed lookups against churn.
 */
import { lineChart } from '../plot/charts';
import type { Figure } from '../plot/figure';
import type { ChurnRow, FloodRow, ScalingRow } from './experiment';

/**
 * Share of the peers a flooded query reaches against the messages it costs, one point per TTL.
 *
 * @example
 * show(floodFigure(floodExperiment({ seed: 1, ttls: [1, 2, 3, 4, 5, 6, 7] })));
 */
export function floodFigure(rows: readonly FloodRow[]): Figure {
  return {
    data: [
      // A TTL label only where the point moved (past the diameter the points pile up).
      { type: 'scatter', mode: 'lines+markers+text', name: 'pares alcanzados', x: rows.map((r) => r.messages), y: rows.map((r) => r.reached * 100), text: rows.map((r, i) => (i === 0 || (rows[i - 1]?.messages ?? 0) < 0.8 * r.messages ? `TTL ${r.ttl}` : '')), textposition: 'top left' },
      { type: 'scatter', mode: 'lines+markers', name: 'búsquedas que encuentran el archivo', x: rows.map((r) => r.messages), y: rows.map((r) => r.found * 100) },
    ],
    layout: {
      title: 'Inundación con TTL: alcance contra mensajes',
      xaxis: { title: 'mensajes por búsqueda', type: 'log' },
      yaxis: { title: 'porcentaje (%)', range: [0, 108] },
    },
  };
}

/**
 * Mean hops per lookup against N (log axis): Chord, ½·log₂ N, Kademlia (round of the owner
 * and all rounds).
 *
 * @example
 * show(hopsFigure(lookupScaling({ seed: 1, sizes: [100, 1_000, 10_000] })));
 */
export function hopsFigure(rows: readonly ScalingRow[]): Figure {
  const figure = lineChart(rows.map((r) => r.n), {
    Chord: rows.map((r) => r.chordHops),
    '½·log₂ N': rows.map((r) => r.halfLog2),
    'Kademlia: ronda del más cercano': rows.map((r) => r.kademliaHops),
    'Kademlia: rondas en total': rows.map((r) => r.kademliaRounds),
  }, { title: 'Saltos por búsqueda según el tamaño de la red', xTitle: 'nodos (N, escala logarítmica)', yTitle: 'saltos (media)' });
  return { ...figure, layout: { ...figure.layout, xaxis: { title: 'nodos (N, escala logarítmica)', type: 'log' } } };
}

/** Mean messages per lookup against N (log axis), with the central index's 2 for reference. */
export function messagesFigure(rows: readonly ScalingRow[]): Figure {
  const figure = lineChart(rows.map((r) => r.n), {
    Chord: rows.map((r) => r.chordMessages),
    'Kademlia (k = 20, α = 3)': rows.map((r) => r.kademliaMessages),
    'índice central (Napster)': rows.map(() => 2),
  }, { title: 'Mensajes por búsqueda según el tamaño de la red', xTitle: 'nodos (N, escala logarítmica)', yTitle: 'mensajes (media)' });
  return { ...figure, layout: { ...figure.layout, xaxis: { title: 'nodos (N, escala logarítmica)', type: 'log' } } };
}

/**
 * Failed lookups (%) against the share of nodes gone since the last table repair, one line
 * per system.
 *
 * @example
 * show(churnFigure(churnExperiment({ seed: 1, rates: [0, 0.1, 0.2, 0.4] })));
 */
export function churnFigure(rows: readonly ChurnRow[]): Figure {
  const rates = [...new Set(rows.map((r) => r.rate))];
  const series: Record<string, number[]> = {};
  for (const system of new Set(rows.map((r) => r.system))) {
    series[system] = rates.map((rate) => (rows.find((r) => r.system === system && r.rate === rate)?.failed ?? Number.NaN) * 100);
  }
  const figure = lineChart(rates.map((r) => r * 100), series, { title: 'Búsquedas fallidas según el churn', xTitle: 'nodos caídos desde la última reparación (%)', yTitle: 'búsquedas fallidas (%)' });
  return { ...figure, layout: { ...figure.layout, yaxis: { title: 'búsquedas fallidas (%)', range: [-2, 102] } } };
}
