/**
 * The chapter's rsync pictures: literal and matched bytes, the kit beside real rsync; bytes on
 * the wire against block size; and where in the new file the matches and the literals fall.
 */
import type { Figure } from '../plot/index';
import { COLORWAY } from '../plot/index';
import type { DeltaMatch } from './delta';

/** One row of the kit–rsync comparison: an edit kind and both sides' byte counts. */
export interface ComparisonRow {
  readonly kind: string;
  readonly kitLiteral: number;
  readonly kitMatched: number;
  readonly rsyncLiteral?: number;
  readonly rsyncMatched?: number;
}

/** Grouped bars: literal bytes per edit kind, the kit's next to real rsync's (when it ran). */
export function literalBytesFigure(rows: readonly ComparisonRow[], options: { title?: string } = {}): Figure {
  const x = rows.map((r) => r.kind);
  const data: Figure['data'] = [{ type: 'bar', name: 'el kit', x, y: rows.map((r) => r.kitLiteral), marker: { color: COLORWAY[0] } }];
  if (rows.some((r) => r.rsyncLiteral !== undefined)) data.push({ type: 'bar', name: 'rsync real', x, y: rows.map((r) => r.rsyncLiteral ?? null), marker: { color: COLORWAY[1] } });
  return {
    data,
    layout: { title: { text: options.title ?? 'Bytes literales enviados por tipo de cambio' }, barmode: 'group', xaxis: { title: { text: 'cambio entre el archivo viejo y el nuevo' } }, yaxis: { title: { text: 'bytes literales (escala log)' }, type: 'log' } },
  };
}

/** One point of a block-size sweep: what goes on the wire at one block size. */
export interface BlockSizePoint {
  readonly blockSize: number;
  /** Signature bytes (receiver → sender). */
  readonly signatureBytes: number;
  /** Delta bytes (sender → receiver): literals plus instructions. */
  readonly deltaBytes: number;
  /** Real rsync's «Total bytes sent» + «received», when it ran. */
  readonly rsyncTotal?: number;
}

/** Lines: signature, delta and total bytes against block size (log x), with rsync's default marked. */
export function blockSizeFigure(points: readonly BlockSizePoint[], options: { defaultBlockSize?: number; title?: string } = {}): Figure {
  const x = points.map((p) => p.blockSize);
  const data: Figure['data'] = [
    { type: 'scatter', mode: 'lines+markers', name: 'firma (receptor → emisor)', x, y: points.map((p) => p.signatureBytes) },
    { type: 'scatter', mode: 'lines+markers', name: 'delta (emisor → receptor)', x, y: points.map((p) => p.deltaBytes) },
    { type: 'scatter', mode: 'lines+markers', name: 'total del kit', x, y: points.map((p) => p.signatureBytes + p.deltaBytes) },
  ];
  if (points.some((p) => p.rsyncTotal !== undefined)) data.push({ type: 'scatter', mode: 'markers', name: 'total de rsync real', x, y: points.map((p) => p.rsyncTotal ?? null), marker: { symbol: 'x', size: 10 } });
  const shapes = options.defaultBlockSize === undefined ? [] : [{ type: 'line', xref: 'x', yref: 'paper', x0: options.defaultBlockSize, x1: options.defaultBlockSize, y0: 0, y1: 1, line: { dash: 'dot', color: '#888' } }];
  return {
    data,
    layout: {
      title: { text: options.title ?? 'Bytes en la red según el tamaño de bloque' },
      xaxis: { title: { text: 'tamaño de bloque (bytes, escala log)' }, type: 'log' },
      yaxis: { title: { text: 'bytes (escala log)' }, type: 'log' },
      shapes,
    },
  };
}

/**
 * A strip of the new file: each match as a bar from its offset, coloured by whether the block
 * came from the same place of the old file or from elsewhere; the gaps are literal bytes.
 */
export function matchMapFigure(matches: readonly DeltaMatch[], options: { blockSize: number; targetLength: number; title?: string }): Figure {
  const same = matches.filter((m) => m.index * options.blockSize === m.offset);
  const moved = matches.filter((m) => m.index * options.blockSize !== m.offset);
  const bar = (ms: readonly DeltaMatch[], name: string, color: string) => ({
    type: 'bar', orientation: 'h', name, y: ms.map(() => 'archivo nuevo'), x: ms.map((m) => m.length), base: ms.map((m) => m.offset),
    marker: { color }, customdata: ms.map((m) => m.index), hovertemplate: 'desde el byte %{base}: bloque %{customdata}<extra></extra>',
  });
  return {
    data: [bar(same, 'bloque en su sitio', COLORWAY[0] ?? '#1f77b4'), bar(moved, 'bloque desplazado', COLORWAY[2] ?? '#2ca02c')],
    layout: {
      title: { text: options.title ?? 'Dónde caen las coincidencias (lo blanco se envía literal)' },
      barmode: 'overlay', height: 260,
      xaxis: { title: { text: 'posición en el archivo nuevo (bytes)' }, range: [0, options.targetLength] },
      yaxis: { showticklabels: false },
    },
  };
}
