/**
 * The window a space-time diagram draws: which events and which messages, after the time
 * window, the filters, the rows shown and the caps on events and arrows (with Spanish notes
 * when a cap cut the window).
 */
import type { DiagramRows } from './plots-rows';
import { formatMs } from './plots-labels';
import type { TraceEvent } from './trace';
import { eventNode } from './trace';
import type { CompiledFilter } from './trace-view';

/** A delivered or lost message: one arrow, or one ✕. */
export type MessageEvent<M> = Extract<TraceEvent<M>, { kind: 'deliver' | 'drop' }>;

/** What {@link diagramWindow} selects. */
export interface DiagramWindow<M> {
  /** Start and end of the time axis. */
  readonly start: number;
  readonly end: number;
  /** Whether a time window was asked for (no slider then). */
  readonly windowed: boolean;
  /** Indices of the events to draw, in trace order. */
  readonly indices: readonly number[];
  /** The messages whose flight overlaps the window, between drawn rows (arrows and ✕). */
  readonly messages: readonly MessageEvent<M>[];
  /** Spanish notes for the figure (what a cap left out). */
  readonly notes: string[];
}

/**
 * Selects what a diagram draws. A message counts when its flight overlaps the window; when
 * there are more than `maxArrows` (or more than `maxEvents` events), the window is cut at the
 * send that would exceed the cap, so what is drawn is complete up to the cut.
 */
export function diagramWindow<M>(
  trace: readonly TraceEvent<M>[],
  filter: CompiledFilter<M>,
  rows: DiagramRows,
  caps: { readonly maxEvents: number; readonly maxArrows: number },
): DiagramWindow<M> {
  const windowed = Number.isFinite(filter.fromMs) || Number.isFinite(filter.toMs);
  const start = Number.isFinite(filter.fromMs) ? filter.fromMs : (trace[0]?.timeMs ?? 0);
  const notes: string[] = [];
  const { maxEvents, maxArrows } = caps;

  // The events at the drawn rows, inside the window, under the filters; then the caps.
  const onRow = (e: TraceEvent<M>): boolean => {
    const node = 'node' in e ? e.node : eventNode(e);
    return node === undefined ? e.kind !== 'drop' || rows.y.has(e.from) : rows.y.has(node);
  };
  const endLimit = filter.toMs; // inclusive; a cap sets the exclusive `cutMs`
  let cutMs = Infinity; // exclusive end when a cap cut the window
  const messages: MessageEvent<M>[] = [];
  for (const e of trace) {
    if (e.kind !== 'deliver' && e.kind !== 'drop') continue;
    if (e.timeMs < start || e.sentAtMs > endLimit || !rows.y.has(e.from) || !rows.y.has(e.to) || !filter.acceptsMessage(e.message)) continue;
    messages.push(e);
  }
  if (messages.length > maxArrows) {
    const sentTimes = messages.map((e) => e.sentAtMs).sort((a, b) => a - b);
    cutMs = Math.max(sentTimes[maxArrows] as number, start);
    notes.push(`ventana recortada en t=${formatMs(cutMs)} ms: se dibujan como mucho ${maxArrows} mensajes (la ventana pedida tiene ${messages.length})`);
  }
  const inWindow = (t: number): boolean => t >= start && t <= endLimit && t < cutMs;
  let indices: number[] = [];
  trace.forEach((e, index) => {
    if (inWindow(e.timeMs) && filter.accepts(e) && onRow(e)) indices.push(index);
  });
  if (indices.length > maxEvents) {
    const cutEvent = trace[indices[maxEvents] as number] as TraceEvent<M>;
    notes.push(`se dibujan los primeros ${maxEvents} de ${indices.length} eventos (hasta t=${formatMs(cutEvent.timeMs)} ms)`);
    cutMs = Math.min(cutMs, cutEvent.timeMs);
    indices = indices.filter((i) => (trace[i] as TraceEvent<M>).timeMs < cutMs);
  }
  const shownMessages = messages.filter((e) => e.sentAtMs < cutMs && e.sentAtMs <= endLimit);
  let lastTime = start + 1;
  for (const i of indices) lastTime = Math.max(lastTime, (trace[i] as TraceEvent<M>).timeMs);
  for (const e of shownMessages) lastTime = Math.max(lastTime, e.timeMs);
  const end = Number.isFinite(cutMs) ? Math.max(cutMs, start + 1) : Number.isFinite(endLimit) ? Math.max(endLimit, start + 1) : lastTime;
  if (notes.length > 0) notes.push('para ver otra parte, acote con around, fromMs/toMs, nodes o messageTypes');

  return { start, end, windowed, indices, messages: shownMessages, notes };
}
