/**
 * The trace: every send, delivery, drop, timer, output and fault of a run, as data, and as
 * one readable line per event (`t=0153 n2→n1 RequestVote term=1`).
 */
import { filterTrace } from './trace-view';
import type { TraceFilter } from './trace-view';
import type { NodeId } from './types';

/** Why the network did not deliver a message (`'filtered'`: a `dropIf` filter of a scenario or nemesis). */
export type DropReason = 'loss' | 'partition' | 'link' | 'crashed' | 'filtered';

/** One event of a run. `timeMs` is simulated (true) time; `messageId` links a send to its fate. */
export type TraceEvent<M = unknown> =
  | { readonly kind: 'start'; readonly timeMs: number; readonly node: NodeId }
  | { readonly kind: 'send'; readonly timeMs: number; readonly from: NodeId; readonly to: NodeId; readonly message: M; readonly messageId: number }
  | {
      readonly kind: 'deliver';
      readonly timeMs: number;
      readonly from: NodeId;
      readonly to: NodeId;
      readonly message: M;
      readonly messageId: number;
      readonly sentAtMs: number;
      readonly duplicate: boolean;
    }
  | {
      readonly kind: 'drop';
      readonly timeMs: number;
      readonly from: NodeId;
      readonly to: NodeId;
      readonly message: M;
      readonly messageId: number;
      readonly sentAtMs: number;
      readonly reason: DropReason;
    }
  | { readonly kind: 'timer'; readonly timeMs: number; readonly node: NodeId; readonly name: string }
  | { readonly kind: 'output'; readonly timeMs: number; readonly node: NodeId; readonly label: string; readonly data?: unknown }
  | { readonly kind: 'crash'; readonly timeMs: number; readonly node: NodeId }
  | { readonly kind: 'restart'; readonly timeMs: number; readonly node: NodeId }
  | { readonly kind: 'partition'; readonly timeMs: number; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly kind: 'heal'; readonly timeMs: number }
  | { readonly kind: 'cut'; readonly timeMs: number; readonly from: NodeId; readonly to: NodeId }
  | { readonly kind: 'restore'; readonly timeMs: number; readonly from: NodeId; readonly to: NodeId };

/** The kinds of trace events. */
export type TraceEventKind = TraceEvent['kind'];

/** Turns one message into short text; each protocol may supply its own. */
export type MessageFormatter<M> = (message: M) => string;

/**
 * The default message formatter: `{ type: 'RequestVote', term: 1 }` → `RequestVote term=1`;
 * other values are printed as JSON.
 */
export function formatMessage(message: unknown): string {
  if (message !== null && typeof message === 'object' && !Array.isArray(message)) {
    const record = message as Record<string, unknown>;
    if (typeof record['type'] === 'string') {
      const fields = Object.keys(record)
        .filter((key) => key !== 'type')
        .map((key) => `${key}=${formatValue(record[key])}`);
      return [record['type'], ...fields].join(' ');
    }
  }
  return formatValue(message);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

/** Formats a simulated time as in the trace lines: `t=0153` (rounded to the millisecond). */
export function formatTime(timeMs: number): string {
  return `t=${String(Math.round(timeMs)).padStart(4, '0')}`;
}

/**
 * The Spanish words the trace lines use for each kind of event (students read them, so they
 * are not the English identifiers of {@link TraceEventKind}). Sends and deliveries have no word:
 * their arrow says it (`n2→n1` sent, `n1←n2` delivered). Faults are in capitals.
 */
export const TRACE_WORDS = {
  start: 'inicio',
  timer: 'temporizador',
  output: 'salida',
  duplicate: 'duplicado',
  drop: 'PÉRDIDA',
  crash: 'CAÍDA',
  restart: 'REINICIO',
  partition: 'PARTICIÓN',
  heal: 'FIN DE PARTICIÓN',
  cut: 'CORTE',
  restore: 'FIN DE CORTE',
} as const;

/** Why a message was lost, in the words of the trace lines: `PÉRDIDA Data #5 (aleatoria)`. */
export const DROP_REASON_WORDS: Readonly<Record<DropReason, string>> = {
  loss: 'aleatoria',
  partition: 'partición',
  link: 'enlace cortado',
  crashed: 'destino caído',
  filtered: 'filtro',
};

/**
 * One readable line for a trace event, in Spanish ({@link TRACE_WORDS}): `t=0153 n2→n1 RequestVote
 * term=1` (sent), `n1←n2 …` (delivered), `PÉRDIDA … (aleatoria)`, `temporizador election`,
 * `salida leader {"term":2}`, `CAÍDA`, `PARTICIÓN [n1] | [n2 n3]`, `FIN DE PARTICIÓN`…
 *
 * @example
 * formatEvent({ kind: 'send', timeMs: 153, from: 'n2', to: 'n1', messageId: 4,
 *               message: { type: 'RequestVote', term: 1 } });
 * // 't=0153 n2→n1 RequestVote term=1'
 */
export function formatEvent<M>(event: TraceEvent<M>, formatter: MessageFormatter<M> = formatMessage): string {
  const t = formatTime(event.timeMs);
  const w = TRACE_WORDS;
  switch (event.kind) {
    case 'start':
      return `${t} ${event.node} ${w.start}`;
    case 'send':
      return `${t} ${event.from}\u2192${event.to} ${formatter(event.message)}`;
    case 'deliver':
      return `${t} ${event.to}\u2190${event.from} ${formatter(event.message)}${event.duplicate ? ` (${w.duplicate})` : ''}`;
    case 'drop':
      return `${t} ${event.from}\u2192${event.to} ${w.drop} ${formatter(event.message)} (${DROP_REASON_WORDS[event.reason]})`;
    case 'timer':
      return `${t} ${event.node} ${w.timer} ${event.name}`;
    case 'output':
      return `${t} ${event.node} ${w.output} ${event.label}${event.data === undefined ? '' : ` ${formatValue(event.data)}`}`;
    case 'crash':
      return `${t} ${event.node} ${w.crash}`;
    case 'restart':
      return `${t} ${event.node} ${w.restart}`;
    case 'partition':
      return `${t} ${w.partition} ${event.groups.map((g) => `[${g.join(' ')}]`).join(' | ')}`;
    case 'heal':
      return `${t} ${w.heal}`;
    case 'cut':
      return `${t} ${w.cut} ${event.from}\u2192${event.to}`;
    case 'restore':
      return `${t} ${w.restore} ${event.from}\u2192${event.to}`;
  }
}

/** Options of {@link formatTrace} and `sim.traceText`: a {@link TraceFilter}, a formatter and a tail. */
export interface TraceTextOptions<M = unknown> extends TraceFilter<M> {
  /** How messages are printed (`sim.traceText` passes the simulation's own). */
  readonly formatter?: MessageFormatter<M>;
  /** Only the last `tail` lines (of the filtered events). */
  readonly tail?: number;
}

/**
 * The trace as text, one line per event: the whole of it, or the events a filter selects
 * (a time window or a window `around` an event, some nodes, some message types), or the last
 * `tail` of those.
 *
 * @example
 * formatTrace(sim.trace, { around: { event: 120, beforeMs: 50, afterMs: 20 }, nodes: ['n1', 'n2'], messageTypes: ['RequestVote'] });
 */
export function formatTrace<M>(trace: readonly TraceEvent<M>[], options: TraceTextOptions<M> = {}): string {
  const filtered = isFiltering(options) ? filterTrace(trace, options) : trace;
  const events = options.tail === undefined ? filtered : filtered.slice(Math.max(0, filtered.length - options.tail));
  return events.map((event) => formatEvent(event, options.formatter)).join('\n');
}

function isFiltering<M>(options: TraceFilter<M>): boolean {
  return (
    options.nodes !== undefined || options.messageTypes !== undefined || options.kinds !== undefined ||
    options.fromMs !== undefined || options.toMs !== undefined || options.around !== undefined
  );
}

/** The node at which an event happens, or `undefined` for network-wide events (drops, partitions). */
export function eventNode(event: TraceEvent<unknown>): NodeId | undefined {
  switch (event.kind) {
    case 'send':
      return event.from;
    case 'deliver':
      return event.to;
    case 'start':
    case 'timer':
    case 'output':
    case 'crash':
    case 'restart':
      return event.node;
    default:
      return undefined;
  }
}

/**
 * A short Spanish description of a node event for tables and diagram labels: an output is its
 * label (`E1`), a send is `envía E2`, a delivery `recibe E2`, a timer `temporizador t`.
 */
export function eventSummary<M>(event: TraceEvent<M>, formatter: MessageFormatter<M> = formatMessage): string {
  switch (event.kind) {
    case 'output':
      return event.label;
    case 'send':
      return `envía ${formatter(event.message)}`;
    case 'deliver':
      return `recibe ${formatter(event.message)}`;
    case 'timer':
      return `temporizador ${event.name}`;
    default:
      return formatEvent(event, formatter).replace(/^t=\d+ /, '');
  }
}
