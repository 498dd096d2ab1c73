/**
 * The chapter's AllReduce pictures (plotly JSON; the notebook calls `show`): bytes through the
 * busiest link and communication time against the number of workers, ring against parameter
 * server, with the exchange measured on this machine's threads.
 */
import { seriesColor } from '../plot/charts';
import type { Figure, Trace } from '../plot/figure';
import type { BandwidthRow } from './bandwidth';

/** One measured ring AllReduce on real threads: N threads, the vector's bytes, the ring's ms measured inside the threads. */
export interface MeasuredExchange {
  readonly n: number;
  readonly bytes: number;
  readonly ms: number;
}

/** Decimal megabytes (10⁶ bytes), as in the chapter's prose. */
const MB = 1e6;

/**
 * Megabytes each ring node sends, 2(N − 1)/N · M, against the N · M that cross a parameter
 * server's link, for the model's vector size.
 *
 * @example
 * show(bytesFigure(bandwidthModel(100 * 2 ** 20, [2, 4, 8, 16])));
 */
export function bytesFigure(rows: readonly BandwidthRow[], title = 'Bytes por el enlace más cargado en cada AllReduce'): Figure {
  const sorted = [...rows].sort((a, b) => a.n - b.n);
  const m = (sorted[0]?.bytes ?? 0) / MB;
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'anillo: 2(N − 1)/N · M por nodo', x: sorted.map((r) => r.n), y: sorted.map((r) => r.ringBytesPerNode / MB), line: { color: seriesColor(0) } },
      { type: 'scatter', mode: 'lines+markers', name: 'servidor de parámetros: N · M por su enlace', x: sorted.map((r) => r.n), y: sorted.map((r) => r.serverBytesOnLink / MB), line: { color: seriesColor(1) } },
    ],
    layout: { title: `${title} (M = ${m.toLocaleString('es-ES')} MB)`, xaxis: { title: 'trabajadores N' }, yaxis: { title: 'MB enviados en cada sentido', rangemode: 'tozero' } },
  };
}

/**
 * Communication time against N from the α–β model (ring and parameter server, same link), next
 * to the ring AllReduce measured inside this machine's threads (their own vector size, marked):
 * each point is the slowest thread's time from its first chunk sent to its last chunk received.
 */
export function timeFigure(rows: readonly BandwidthRow[], measured: readonly MeasuredExchange[], linkLabel: string, title = 'Tiempo de comunicación de un AllReduce según N'): Figure {
  const sorted = [...rows].sort((a, b) => a.n - b.n);
  const data: Trace[] = [
    { type: 'scatter', mode: 'lines+markers', name: `modelo α–β, anillo (${linkLabel})`, x: sorted.map((r) => r.n), y: sorted.map((r) => r.ringMs), line: { color: seriesColor(0) } },
    { type: 'scatter', mode: 'lines+markers', name: `modelo α–β, servidor de parámetros (${linkLabel})`, x: sorted.map((r) => r.n), y: sorted.map((r) => r.serverMs), line: { color: seriesColor(1) } },
  ];
  const sizes = [...new Set(measured.map((r) => r.bytes))].sort((a, b) => a - b);
  sizes.forEach((bytes, i) => {
    const own = measured.filter((r) => r.bytes === bytes).sort((a, b) => a.n - b.n);
    data.push({
      type: 'scatter', mode: 'markers', name: `medido (anillo, dentro de los hilos de esta máquina; ${(bytes / MB).toLocaleString('es-ES')} MB)`,
      x: own.map((r) => r.n), y: own.map((r) => r.ms), marker: { size: 10, symbol: 'diamond', color: seriesColor(2 + i) },
    });
  });
  return { data, layout: { title, xaxis: { title: 'trabajadores N' }, yaxis: { title: 'milisegundos (escala log.)', type: 'log' } } };
}
