/**
 * Pictures of a run, as plain plotly JSON (the notebook calls `show`): the space-time diagram
 * and message-latency histograms.
 */
import { histogram } from '../plot/index';
import type { Figure, Trace } from '../plot/index';
import { formatVector } from '../clocks/vector';
import { stampTrace } from './causality';
import type { StampedEvent } from './causality';
import { messageLatencies, percentile } from './metrics';
import { linkKey } from './network';
import type { MessageFormatter, TraceEvent } from './trace';
import { eventNode, formatEvent, formatMessage } from './trace';
import type { NodeId } from './types';

/** Options of {@link spaceTimeDiagram}. */
export interface SpaceTimeOptions<M> {
  /** Nodes top to bottom (default: in order of first appearance in the trace). */
  readonly nodeIds?: readonly NodeId[];
  /** Timestamp shown beside each event (default `'lamport'`). */
  readonly labels?: 'lamport' | 'vector' | 'both' | 'none';
  /** A name to prefix an event's label with, e.g. the lecture's `E1`. */
  readonly eventName?: (event: StampedEvent<M>) => string | undefined;
  /** Figure title (Spanish). */
  readonly title?: string;
  /** How messages are printed in hover labels. */
  readonly formatter?: MessageFormatter<M>;
  /** Show timer firings (default true). */
  readonly showTimers?: boolean;
  /** Draw at most this many trace events (default 1,500): long runs are cut, with a note. */
  readonly maxEvents?: number;
  /** Width of the initially visible time window; adds a range slider under the time axis. Default: a slider when the run is longer than 2 s. */
  readonly windowMs?: number;
}

const KIND_STYLE: Partial<Record<TraceEvent['kind'], { symbol: string; color: string; name: string }>> = {
  send: { symbol: 'circle', color: '#0072B2', name: 'envío' },
  deliver: { symbol: 'circle-open', color: '#0072B2', name: 'recepción' },
  timer: { symbol: 'diamond', color: '#E69F00', name: 'temporizador' },
  output: { symbol: 'star', color: '#009E73', name: 'evento local' },
};

/**
 * The space-time diagram of a trace: one horizontal line per node, an arrow per delivered
 * message, a red ✕ for each dropped one, events labelled with Lamport or vector timestamps,
 * crashes and partitions marked, and a time slider for long runs.
 *
 * @example
 * show(spaceTimeDiagram(sim.trace, { labels: 'vector', title: 'Relojes vectoriales' }));
 */
export function spaceTimeDiagram<M>(trace: readonly TraceEvent<M>[], options: SpaceTimeOptions<M> = {}): Figure {
  const maxEvents = options.maxEvents ?? 1_500;
  const events = trace.slice(0, maxEvents);
  const formatter = options.formatter ?? (formatMessage as MessageFormatter<M>);
  const nodeIds = options.nodeIds ?? firstAppearance(events);
  const row = new Map<NodeId, number>(nodeIds.map((id, i) => [id, nodeIds.length - 1 - i]));
  const labels = options.labels ?? 'lamport';
  const start = events[0]?.timeMs ?? 0;
  const end = Math.max(start + 1, ...events.map((e) => e.timeMs));
  const data: Trace[] = [];
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];

  for (const id of nodeIds) {
    const y = row.get(id) as number;
    data.push({ type: 'scatter', mode: 'lines', x: [start, end], y: [y, y], line: { color: '#999', width: 1 }, hoverinfo: 'skip', showlegend: false, name: id });
  }

  // Messages: one trace of segments (hover shows the message) plus an arrowhead per delivery.
  const arrows = { x: [] as (number | null)[], y: [] as (number | null)[], text: [] as string[] };
  const dropped = { x: [] as number[], y: [] as number[], text: [] as string[], lineX: [] as (number | null)[], lineY: [] as (number | null)[] };
  const typicalLatency = percentile(messageLatencies(events), 50) || 5;
  for (const e of events) {
    if (e.kind !== 'deliver' && e.kind !== 'drop') continue;
    const y0 = row.get(e.from);
    const y1 = row.get(e.to);
    if (y0 === undefined || y1 === undefined) continue;
    const label = formatEvent(e, formatter);
    if (e.kind === 'deliver') {
      arrows.x.push(e.sentAtMs, e.timeMs, null);
      arrows.y.push(y0, y1, null);
      arrows.text.push(label, label, '');
      annotations.push({ x: e.timeMs, y: y1, ax: e.sentAtMs, ay: y0, xref: 'x', yref: 'y', axref: 'x', ayref: 'y', text: '', showarrow: true, arrowhead: 2, arrowsize: 1.2, arrowwidth: 1.2, arrowcolor: e.duplicate ? '#CC79A7' : '#0072B2', standoff: 4 });
    } else {
      // A message lost on the way: draw half its path and cross it out.
      const x1 = e.timeMs > e.sentAtMs ? e.timeMs : e.sentAtMs + typicalLatency / 2;
      const yMid = e.timeMs > e.sentAtMs ? y1 + (y0 - y1) * 0.15 : (y0 + y1) / 2;
      dropped.lineX.push(e.sentAtMs, x1, null);
      dropped.lineY.push(y0, yMid, null);
      dropped.x.push(x1);
      dropped.y.push(yMid);
      dropped.text.push(label);
    }
  }
  data.push({ type: 'scatter', mode: 'lines', name: 'mensaje', x: arrows.x, y: arrows.y, text: arrows.text, hoverinfo: 'text', line: { color: '#0072B2', width: 1.2 } });
  if (dropped.x.length > 0) {
    data.push({ type: 'scatter', mode: 'lines', x: dropped.lineX, y: dropped.lineY, hoverinfo: 'skip', showlegend: false, line: { color: '#D55E00', width: 1, dash: 'dot' } });
    data.push({ type: 'scatter', mode: 'markers', name: 'mensaje perdido', x: dropped.x, y: dropped.y, text: dropped.text, hoverinfo: 'text', marker: { symbol: 'x', size: 11, color: '#D55E00' } });
  }

  // Timer firings first, so the events they cause are drawn on top.
  const timers = events.filter((e): e is Extract<TraceEvent<M>, { kind: 'timer' }> => e.kind === 'timer' && row.has(e.node));
  if (options.showTimers !== false && timers.length > 0) {
    const style = KIND_STYLE.timer as { symbol: string; color: string; name: string };
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: style.name,
      x: timers.map((e) => e.timeMs),
      y: timers.map((e) => row.get(e.node) as number),
      text: timers.map((e) => formatEvent(e, formatter)),
      hoverinfo: 'text',
      marker: { symbol: style.symbol, size: 6, color: style.color, opacity: 0.6 },
    });
  }

  // Events at nodes, grouped by kind so the legend explains the markers.
  // Timestamps use the chapter 02 exercises (through stampTrace): only computed when shown,
  // so a diagram with `labels: 'none'` works in a student's copy before they are solved.
  const needStamps = labels !== 'none' || options.eventName !== undefined;
  const stamped: DiagramEvent<M>[] = needStamps ? stampTrace(events) : unstamped(events);
  for (const kind of ['send', 'deliver', 'output'] as const) {
    const style = KIND_STYLE[kind];
    const ofKind = stamped.filter((s) => s.event.kind === kind && row.has(s.node));
    if (style === undefined || ofKind.length === 0) continue;
    data.push({
      type: 'scatter',
      mode: labels === 'none' && options.eventName === undefined ? 'markers' : 'markers+text',
      name: style.name,
      x: ofKind.map((s) => s.event.timeMs),
      y: ofKind.map((s) => row.get(s.node) as number),
      text: ofKind.map((s) => (isStamped(s) ? eventLabel(s, labels, nodeIds, options.eventName) : '')),
      textposition: kind === 'deliver' ? 'bottom center' : 'top center',
      hovertext: ofKind.map((s) => formatEvent(s.event, formatter) + (isStamped(s) ? `<br>L=${s.lamport} V=${formatVector(s.vector, nodeIds)}` : '')),
      hoverinfo: 'text',
      marker: { symbol: style.symbol, size: 9, color: style.color },
      textfont: { size: 10 },
    });
  }
  // Crashes, restarts, partitions.
  const crashes = events.filter((e) => (e.kind === 'crash' || e.kind === 'restart') && row.has(e.node));
  if (crashes.length > 0) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'caída / reinicio',
      x: crashes.map((e) => e.timeMs),
      y: crashes.map((e) => row.get((e as { node: NodeId }).node) as number),
      text: crashes.map((e) => formatEvent(e, formatter)),
      hoverinfo: 'text',
      marker: { symbol: crashes.map((e) => (e.kind === 'crash' ? 'x-thin-open' : 'triangle-right')), size: 14, color: '#000', line: { width: 2 } },
    });
  }
  for (const e of events) {
    if (e.kind !== 'partition' && e.kind !== 'heal') continue;
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: e.timeMs, x1: e.timeMs, y0: 0, y1: 1, line: { dash: 'dash', width: 1, color: e.kind === 'partition' ? '#D55E00' : '#009E73' } });
    annotations.push({ x: e.timeMs, xref: 'x', yref: 'paper', y: 1, yanchor: 'bottom', showarrow: false, text: e.kind === 'partition' ? 'partición' : 'fin de la partición', font: { size: 10 } });
  }

  const slider = options.windowMs !== undefined || end - start > 2_000;
  const title = (options.title ?? 'Diagrama espacio-tiempo') + (trace.length > events.length ? ` (primeros ${events.length} de ${trace.length} eventos)` : '');
  return {
    data,
    layout: {
      title,
      xaxis: {
        title: 'tiempo simulado (ms)',
        ...(slider ? { rangeslider: { visible: true }, range: [start, Math.min(end, start + (options.windowMs ?? 1_000))] } : {}),
      },
      yaxis: { title: 'nodo', tickvals: nodeIds.map((id) => row.get(id)), ticktext: [...nodeIds], range: [-0.6, nodeIds.length - 0.4], zeroline: false },
      annotations,
      shapes,
      height: Math.max(300, 110 * nodeIds.length + 160),
      hovermode: 'closest',
    },
  };
}

/**
 * A histogram of message latencies (delivery time − send time), overall or one series per link,
 * with p50 and p99 marked.
 *
 * @example
 * show(latencyHistogram(sim.trace, { title: 'Latencia de los mensajes' }));
 */
export function latencyHistogram<M>(
  trace: readonly TraceEvent<M>[],
  options: { title?: string; byLink?: boolean; binSizeMs?: number } = {},
): Figure {
  const series = new Map<string, number[]>();
  if (!options.byLink) series.set('mensajes', messageLatencies(trace));
  else {
    const links = new Map<string, { from: NodeId; to: NodeId }>();
    for (const e of trace) if (e.kind === 'deliver') links.set(linkKey(e.from, e.to), { from: e.from, to: e.to });
    for (const [key, link] of links) series.set(key, messageLatencies(trace, (from, to) => from === link.from && to === link.to));
  }
  // lib/plot's histogram takes a record: built only here, from the Map, at the boundary.
  return histogram(Object.fromEntries(series), {
    title: options.title ?? 'Latencia de los mensajes',
    xTitle: 'latencia (ms)',
    yTitle: 'mensajes',
    percentiles: [50, 99],
    ...(options.binSizeMs ? { binSize: options.binSizeMs } : {}),
  });
}

/** An event drawn in the diagram: stamped when labels need timestamps, bare otherwise. */
type DiagramEvent<M> = StampedEvent<M> | { readonly index: number; readonly node: NodeId; readonly event: TraceEvent<M> };

function isStamped<M>(e: DiagramEvent<M>): e is StampedEvent<M> {
  return 'lamport' in e;
}

/** The node events of a trace, like stampTrace's but without timestamps. */
function unstamped<M>(events: readonly TraceEvent<M>[]): DiagramEvent<M>[] {
  const out: DiagramEvent<M>[] = [];
  events.forEach((event, index) => {
    if (event.kind !== 'send' && event.kind !== 'deliver' && event.kind !== 'output') return;
    const node = eventNode(event);
    if (node !== undefined) out.push({ index, node, event });
  });
  return out;
}

function eventLabel<M>(s: StampedEvent<M>, labels: SpaceTimeOptions<M>['labels'], nodeIds: readonly NodeId[], eventName: SpaceTimeOptions<M>['eventName']): string {
  const parts: string[] = [];
  const name = eventName?.(s);
  if (name) parts.push(name);
  if (labels === 'lamport' || labels === 'both') parts.push(`L=${s.lamport}`);
  if (labels === 'vector' || labels === 'both') parts.push(formatVector(s.vector, nodeIds).replace(/ /g, ''));
  return parts.join(' ');
}

function firstAppearance<M>(events: readonly TraceEvent<M>[]): NodeId[] {
  const seen = new Set<NodeId>();
  for (const e of events) {
    if ('node' in e) seen.add(e.node);
  }
  return [...seen];
}
