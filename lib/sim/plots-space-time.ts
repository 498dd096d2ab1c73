/**
 * The space-time diagram of a run, as plain plotly JSON: a line per node (and per client), an
 * arrow per delivered message, a ✕ per lost one, events labelled with their timestamps. It
 * draws a window of the trace (a time range, or around an event), filtered by node and by
 * message type, with caps that keep long runs readable.
 */
import type { Figure, Trace } from '../plot/index';
import { formatVector } from '../clocks/vector';
import { stampTrace } from './causality';
import type { StampedEvent } from './causality';
import { messageLatencies, percentile } from './metrics';
import { formatMs, mergeSimultaneous, thinLabels } from './plots-labels';
import type { LabelSpot } from './plots-labels';
import { diagramRows, downIntervals, rowHeightPx } from './plots-rows';
import { diagramWindow } from './plots-window';
import type { MessageFormatter, TraceEvent } from './trace';
import { eventNode, formatEvent, formatMessage } from './trace';
import { compileFilter } from './trace-view';
import type { TraceFilter } from './trace-view';
import type { NodeId } from './types';

/** Options of {@link spaceTimeDiagram}. The {@link TraceFilter} fields choose the window; `nodes` chooses the rows. */
export interface SpaceTimeOptions<M> extends TraceFilter<M> {
  /** Cluster nodes top to bottom (default: ids with events of their own, in order of first appearance). Any other id that sends or receives is a client. */
  readonly nodeIds?: readonly NodeId[];
  /** Client ids, drawn below the nodes in a shaded band (default: every id outside `nodeIds` that sends or receives). */
  readonly clients?: readonly NodeId[];
  /** Timestamp shown beside each event (default `'lamport'`). Computed on the whole trace, then windowed. */
  readonly labels?: 'lamport' | 'vector' | 'both' | 'none';
  /** A name to prefix an event's label with, e.g. the lecture's `E1`. */
  readonly eventName?: (event: StampedEvent<M>) => string | undefined;
  /** Figure title (Spanish). */
  readonly title?: string;
  /** How messages are printed in hover labels. */
  readonly formatter?: MessageFormatter<M>;
  /** Show timer firings (default true). */
  readonly showTimers?: boolean;
  /** Draw at most this many events (default 1,500): the window is cut there, with a note. */
  readonly maxEvents?: number;
  /** Draw at most this many messages (default 300): the window is cut there, with a note. */
  readonly maxArrows?: number;
  /** Width of the initially visible time window; adds a range slider. Default: a slider when an unwindowed run is longer than 2 s. */
  readonly windowMs?: number;
  /** Plot width assumed when thinning labels so that they do not overprint (default 860 px, a notebook cell). */
  readonly widthPx?: number;
}

const BLUE = '#0072B2';
const VERMILION = '#D55E00';
const KIND_STYLE = {
  send: { symbol: 'circle', color: BLUE, name: 'envío', side: 'top center' },
  deliver: { symbol: 'circle-open', color: BLUE, name: 'recepción', side: 'bottom center' },
  output: { symbol: 'star', color: '#009E73', name: 'evento local', side: 'top center' },
} as const;

/**
 * The space-time diagram of a trace: one horizontal line per node, clients in their own rows
 * below, an arrow per delivered message, a red ✕ on the sender's line at the send time for each
 * lost one, events labelled with Lamport or vector timestamps (thinned where they would
 * overprint; every event keeps its hover text), crashes and partitions marked.
 *
 * @example
 * show(spaceTimeDiagram(sim.trace, { nodeIds: sim.nodeIds, around: { event: v.eventCount - 1, beforeMs: 100, afterMs: 50 },
 *   messageTypes: ['RequestVote', 'Vote'], title: 'Elección alrededor del fallo' }));
 */
export function spaceTimeDiagram<M>(trace: readonly TraceEvent<M>[], options: SpaceTimeOptions<M> = {}): Figure {
  const maxEvents = options.maxEvents ?? 1_500;
  const maxArrows = options.maxArrows ?? 300;
  const formatter = options.formatter ?? (formatMessage as MessageFormatter<M>);
  const labels = options.labels ?? 'lamport';
  const filter = compileFilter(trace, options);
  const rows = diagramRows(trace, { nodeIds: options.nodeIds, clients: options.clients, show: options.nodes });
  const { start, end, windowed, indices, messages: shownMessages, notes } = diagramWindow(trace, filter, rows, { maxEvents, maxArrows });

  const data: Trace[] = [];
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  const y = (id: NodeId): number => rows.y.get(id) as number;
  for (const id of rows.shown) {
    const client = rows.clients.has(id);
    data.push({ type: 'scatter', mode: 'lines', x: [start, end], y: [y(id), y(id)], line: { color: client ? '#7f7f7f' : '#999', width: 1, ...(client ? { dash: 'dot' } : {}) }, hoverinfo: 'skip', showlegend: false, name: id });
  }
  // Crashed stretches: the node's line greyed out, thick, under everything else.
  const down = { x: [] as (number | null)[], y: [] as (number | null)[] };
  for (const [id, spans] of downIntervals(trace, start, end)) {
    if (!rows.y.has(id)) continue;
    for (const [from, to] of spans) {
      down.x.push(from, to, null);
      down.y.push(y(id), y(id), null);
    }
  }
  if (down.x.length > 0) data.push({ type: 'scatter', mode: 'lines', name: 'caído', x: down.x, y: down.y, hoverinfo: 'skip', line: { color: '#bbbbbb', width: 7 }, opacity: 0.6 });
  if (rows.clients.size > 0) {
    const top = Math.max(...[...rows.clients].map(y));
    shapes.push({ type: 'rect', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: -0.5, y1: top + 0.35, fillcolor: '#eef2f7', line: { width: 0 }, layer: 'below' });
    // In the right margin, so it never covers a label.
    annotations.push({ xref: 'paper', yref: 'y', x: 1, xanchor: 'left', xshift: 2, y: (top - 0.5) / 2, yanchor: 'middle', textangle: -90, showarrow: false, text: 'clientes', font: { size: 10, color: '#555' } });
  }

  // Messages: one trace of segments (hover shows the message) plus an arrowhead per delivery.
  const arrows = { x: [] as (number | null)[], y: [] as (number | null)[], text: [] as string[] };
  const lost = { x: [] as number[], y: [] as number[], text: [] as string[], lineX: [] as (number | null)[], lineY: [] as (number | null)[] };
  const stub = (percentile(messageLatencies(trace), 50) || 5) * 0.4;
  for (const e of shownMessages) {
    const y0 = y(e.from);
    const y1 = y(e.to);
    const label = formatEvent(e, formatter);
    if (e.kind === 'deliver') {
      arrows.x.push(e.sentAtMs, e.timeMs, null);
      arrows.y.push(y0, y1, null);
      arrows.text.push(label, label, '');
      annotations.push({ x: e.timeMs, y: y1, ax: e.sentAtMs, ay: y0, xref: 'x', yref: 'y', axref: 'x', ayref: 'y', text: '', showarrow: true, arrowhead: 2, arrowsize: 1.2, arrowwidth: 1.2, arrowcolor: e.duplicate ? '#CC79A7' : BLUE, standoff: 4 });
      continue;
    }
    // A lost message is marked where it left: on the sender's line, at the send time. Lost on
    // the way (loss, a partition at the send) it gets a short dotted stub towards its receiver;
    // lost on arrival (receiver down, a partition meanwhile) its whole dotted path.
    const toward = Math.sign(y1 - y0) || 1;
    const onArrival = e.timeMs > e.sentAtMs;
    lost.lineX.push(e.sentAtMs, onArrival ? e.timeMs : e.sentAtMs + stub, null);
    lost.lineY.push(y0, onArrival ? y1 : y0 + toward * 0.3, null);
    lost.x.push(e.sentAtMs);
    lost.y.push(y0);
    lost.text.push(onArrival ? `${label}, perdido al llegar en t=${formatMs(e.timeMs)}` : label);
  }
  data.push({ type: 'scatter', mode: 'lines', name: 'mensaje', x: arrows.x, y: arrows.y, text: arrows.text, hoverinfo: 'text', line: { color: BLUE, width: 1.2 } });
  if (lost.x.length > 0) {
    data.push({ type: 'scatter', mode: 'lines', x: lost.lineX, y: lost.lineY, hoverinfo: 'skip', showlegend: false, line: { color: VERMILION, width: 1, dash: 'dot' } });
  }

  const windowEvents = indices.map((index) => ({ index, event: trace[index] as TraceEvent<M> }));
  // Timer firings first, so the events they cause are drawn on top.
  const timers = windowEvents.filter((w): w is { index: number; event: Extract<TraceEvent<M>, { kind: 'timer' }> } => w.event.kind === 'timer');
  if (options.showTimers !== false && timers.length > 0) {
    data.push({
      type: 'scatter', mode: 'markers', name: 'temporizador',
      x: timers.map((w) => w.event.timeMs), y: timers.map((w) => y(w.event.node)),
      text: timers.map((w) => formatEvent(w.event, formatter)), hoverinfo: 'text',
      marker: { symbol: 'diamond', size: 6, color: '#E69F00', opacity: 0.6 },
    });
  }

  // Events at nodes, grouped by kind so the legend explains the markers. Timestamps use the
  // chapter 02 exercises (through stampTrace), computed on the trace from its start (a window's
  // Lamport clocks do not restart at 1), and only when shown: `labels: 'none'` works in a
  // student's copy before the exercises are solved.
  const lastIndex = indices.length === 0 ? -1 : (indices[indices.length - 1] as number);
  const needStamps = labels !== 'none' || options.eventName !== undefined;
  const stamps = new Map<number, StampedEvent<M>>();
  if (needStamps && lastIndex >= 0) for (const s of stampTrace(trace.slice(0, lastIndex + 1))) stamps.set(s.index, s);
  const nodeEvents = windowEvents.filter((w) => w.event.kind === 'send' || w.event.kind === 'deliver' || w.event.kind === 'output');
  const slider = options.windowMs !== undefined || (!windowed && end - start > 2_000);
  const visibleMs = slider ? Math.min(end - start, options.windowMs ?? 1_000) : end - start;
  const widthPx = options.widthPx ?? 860;
  const pxPerMs = widthPx / Math.max(visibleMs, 1e-9);
  const texts = nodeEvents.map((w) => {
    const s = stamps.get(w.index);
    return s === undefined ? '' : eventLabel(s, labels, rows.all, options.eventName);
  });
  const lanes = nodeEvents.map((w) => `${eventNode(w.event)}/${KIND_STYLE[w.event.kind as keyof typeof KIND_STYLE].side}`);
  const spots = mergeSimultaneous(nodeEvents.map((w, i) => ({ x: w.event.timeMs, lane: lanes[i] as string, text: texts[i] as string })));
  const { keep, anchor } = thinLabels(spots, { pxPerMs, startMs: start, widthPx });
  const labelled = spots.filter((s) => s.text !== '').length;
  const hidden = labelled - keep.filter(Boolean).length;
  if (hidden > 0) notes.push(`${hidden} de ${labelled} etiquetas ocultas para que no se solapen: están al pasar el ratón (amplíe para verlas)`);
  for (const kind of ['send', 'deliver', 'output'] as const) {
    const style = KIND_STYLE[kind];
    const ofKind = nodeEvents.map((w, i) => ({ w, i })).filter(({ w }) => w.event.kind === kind);
    if (ofKind.length === 0) continue;
    data.push({
      type: 'scatter',
      mode: needStamps ? 'markers+text' : 'markers',
      name: style.name,
      x: ofKind.map(({ w }) => w.event.timeMs),
      y: ofKind.map(({ w }) => y(eventNode(w.event) as NodeId)),
      text: ofKind.map(({ i }) => (keep[i] ? (spots[i] as LabelSpot).text : '')),
      textposition: ofKind.map(({ i }) => style.side.replace('center', anchor[i] === 'left' ? 'right' : anchor[i] === 'right' ? 'left' : 'center')),
      cliponaxis: slider,
      hovertext: ofKind.map(({ w }) => hoverText(w.event, stamps.get(w.index), formatter, rows.all)),
      hoverinfo: 'text',
      marker: { symbol: style.symbol, size: 9, color: style.color },
      textfont: { size: 10 },
    });
  }
  if (lost.x.length > 0) {
    data.push({ type: 'scatter', mode: 'markers', name: 'mensaje perdido', x: lost.x, y: lost.y, text: lost.text, hoverinfo: 'text', marker: { symbol: 'x', size: 11, color: VERMILION }, cliponaxis: slider });
  }
  // Crashes, restarts, partitions.
  const crashes = windowEvents.filter((w) => w.event.kind === 'crash' || w.event.kind === 'restart').map((w) => w.event as Extract<TraceEvent<M>, { kind: 'crash' | 'restart' }>);
  if (crashes.length > 0) {
    data.push({
      type: 'scatter', mode: 'markers', name: 'caída / reinicio',
      x: crashes.map((e) => e.timeMs), y: crashes.map((e) => y(e.node)),
      text: crashes.map((e) => formatEvent(e, formatter)), hoverinfo: 'text',
      marker: { symbol: crashes.map((e) => (e.kind === 'crash' ? 'x-thin-open' : 'triangle-right')), size: 14, color: '#000', line: { width: 2 } },
      cliponaxis: slider,
    });
  }
  for (const { event: e } of windowEvents) {
    if (e.kind !== 'partition' && e.kind !== 'heal') continue;
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: e.timeMs, x1: e.timeMs, y0: 0, y1: 1, line: { dash: 'dash', width: 1, color: e.kind === 'partition' ? VERMILION : '#009E73' } });
    annotations.push({ x: e.timeMs, xref: 'x', yref: 'paper', y: 1, yanchor: 'bottom', showarrow: false, text: e.kind === 'partition' ? 'partición' : 'fin de la partición', font: { size: 10 } });
  }

  const title = options.title ?? 'Diagrama espacio-tiempo';
  const top = Math.max(0, ...rows.shown.map(y));
  const height = Math.round(170 + rowHeightPx(rows.shown.length) * Math.max(1, top + 1) + 17 * notes.length);
  return {
    data,
    layout: {
      // The notes go under the title, one per line, in the top margin.
      title: { text: notes.length === 0 ? title : `${title}<br><sub>${notes.join('<br>')}</sub>`, x: 0.02, y: 1 - 28 / height, yref: 'container', yanchor: 'top' },
      separators: ', ',
      xaxis: {
        title: 'tiempo simulado (ms)',
        exponentformat: 'none',
        range: [start, slider ? Math.min(end, start + (options.windowMs ?? 1_000)) : end],
        ...(slider ? { rangeslider: { visible: true } } : {}),
      },
      yaxis: {
        title: rows.clients.size > 0 ? 'nodo / cliente' : 'nodo',
        tickvals: rows.shown.map(y),
        ticktext: rows.shown.map((id) => (rows.clients.has(id) ? `<i>${id}</i>` : id)),
        range: [-0.6, top + 0.6],
        zeroline: false,
        fixedrange: true,
      },
      annotations,
      shapes,
      height,
      hovermode: 'closest',
      margin: { t: 64 + 17 * notes.length, r: rows.clients.size > 0 ? 28 : 24 },
    },
  };
}

function hoverText<M>(event: TraceEvent<M>, stamp: StampedEvent<M> | undefined, formatter: MessageFormatter<M>, ids: readonly NodeId[]): string {
  return formatEvent(event, formatter) + (stamp === undefined ? '' : `<br>L=${stamp.lamport} V=${formatVector(stamp.vector, ids)}`);
}

function eventLabel<M>(s: StampedEvent<M>, labels: SpaceTimeOptions<M>['labels'], ids: readonly NodeId[], eventName: SpaceTimeOptions<M>['eventName']): string {
  const parts: string[] = [];
  const name = eventName?.(s);
  if (name) parts.push(name);
  if (labels === 'lamport' || labels === 'both') parts.push(`L=${s.lamport}`);
  if (labels === 'vector' || labels === 'both') parts.push(formatVector(s.vector, ids).replace(/ /g, ''));
  return parts.join(' ');
}
