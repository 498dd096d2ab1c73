/**
 * Views of a trace: a time window (a range, or around one event), and filters by node, by
 * message type and by kind. The trace text (`formatTrace`, `sim.traceText`) and the space-time
 * diagram take the same options, so a notebook can print and draw the same slice of a run.
 */
// Type-only imports: trace.ts imports this file at run time.
import type { TraceEvent, TraceEventKind } from './trace';
import type { NodeId } from './types';

/** A window around one event of the trace: `beforeMs` before it and `afterMs` after it. */
export interface AroundEvent {
  /** Index of the event in the trace (e.g. `violation.eventCount - 1`). */
  readonly event: number;
  /** Milliseconds of simulated time shown before the event (default 150). */
  readonly beforeMs?: number;
  /** Milliseconds of simulated time shown after the event (default 150). */
  readonly afterMs?: number;
}

/** Which part of a trace to show. Every field is optional; together they intersect. */
export interface TraceFilter<M = unknown> {
  /** Only events that involve these ids (a message: its sender or its receiver; cuts: either end). Partitions and heals are always kept. */
  readonly nodes?: readonly NodeId[];
  /** Only messages of these types (see {@link messageType}); events without a message are kept. */
  readonly messageTypes?: readonly string[];
  /** The type of a message, for `messageTypes` (default {@link messageType}). */
  readonly messageType?: (message: M) => string;
  /** Only these kinds of events. */
  readonly kinds?: readonly TraceEventKind[];
  /** Start of the time window (simulated ms, inclusive). */
  readonly fromMs?: number;
  /** End of the time window (simulated ms, inclusive). */
  readonly toMs?: number;
  /** A time window around one event; intersected with `fromMs`/`toMs` if both are given. */
  readonly around?: AroundEvent;
}

/** Default width of the window on each side of an `around` event. */
export const AROUND_DEFAULT_MS = 150;

/**
 * The type of a message, for filters: the `type` field of an object message
 * (`{ type: 'RequestVote', … }` → `'RequestVote'`), otherwise the JavaScript type
 * (`'string'`, `'number'`, …).
 */
export function messageType(message: unknown): string {
  if (message !== null && typeof message === 'object' && !Array.isArray(message)) {
    const type = (message as Record<string, unknown>)['type'];
    if (typeof type === 'string') return type;
  }
  return Array.isArray(message) ? 'array' : message === null ? 'null' : typeof message;
}

/**
 * The time window a filter selects, `[fromMs, toMs]`, or `undefined` bounds when it has none.
 * Throws a `RangeError` for an `around` index outside the trace or a window that ends before
 * it starts.
 */
export function traceWindow<M>(trace: readonly TraceEvent<M>[], filter: TraceFilter<M>): { fromMs: number; toMs: number } {
  let fromMs = filter.fromMs ?? -Infinity;
  let toMs = filter.toMs ?? Infinity;
  if (filter.around !== undefined) {
    const { event, beforeMs = AROUND_DEFAULT_MS, afterMs = AROUND_DEFAULT_MS } = filter.around;
    const center = trace[event];
    if (!Number.isInteger(event) || center === undefined) {
      throw new RangeError(`around.event must be the index of an event of the trace (0…${trace.length - 1}), got ${event}`);
    }
    if (!(beforeMs >= 0) || !(afterMs >= 0)) throw new RangeError(`around: beforeMs and afterMs must be numbers >= 0, got ${beforeMs} and ${afterMs}`);
    fromMs = Math.max(fromMs, center.timeMs - beforeMs);
    toMs = Math.min(toMs, center.timeMs + afterMs);
  }
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs < fromMs) {
    throw new RangeError(`the time window ends before it starts: fromMs=${fromMs}, toMs=${toMs}`);
  }
  return { fromMs, toMs };
}

/** A filter compiled once: the window, and a predicate over events that ignores time. */
export interface CompiledFilter<M> {
  readonly fromMs: number;
  readonly toMs: number;
  /** Whether an event passes the node, message-type and kind filters (time is not checked). */
  readonly accepts: (event: TraceEvent<M>) => boolean;
  /** Whether a message passes the message-type filter. */
  readonly acceptsMessage: (message: M) => boolean;
}

/** Compiles a filter (see {@link TraceFilter}); validates it like {@link traceWindow}. */
export function compileFilter<M>(trace: readonly TraceEvent<M>[], filter: TraceFilter<M>): CompiledFilter<M> {
  const { fromMs, toMs } = traceWindow(trace, filter);
  const nodes = filter.nodes === undefined ? undefined : new Set(filter.nodes);
  const types = filter.messageTypes === undefined ? undefined : new Set(filter.messageTypes);
  const kinds = filter.kinds === undefined ? undefined : new Set(filter.kinds);
  const typeOf = filter.messageType ?? (messageType as (message: M) => string);
  const acceptsMessage = (message: M): boolean => types === undefined || types.has(typeOf(message));
  const accepts = (event: TraceEvent<M>): boolean => {
    if (kinds !== undefined && !kinds.has(event.kind)) return false;
    if ('message' in event && !acceptsMessage(event.message)) return false;
    if (nodes === undefined) return true;
    if ('node' in event) return nodes.has(event.node);
    if ('from' in event) return nodes.has(event.from) || nodes.has(event.to);
    return true; // partition, heal: the whole cluster's context
  };
  return { fromMs, toMs, accepts, acceptsMessage };
}

/**
 * Indices of the events a filter selects, in trace order.
 *
 * @example
 * const v = sim.violation;
 * selectEvents(sim.trace, { around: { event: v.eventCount - 1 }, nodes: ['n1', 'n2'] });
 */
export function selectEvents<M>(trace: readonly TraceEvent<M>[], filter: TraceFilter<M>): number[] {
  const compiled = compileFilter(trace, filter);
  const selected: number[] = [];
  trace.forEach((event, index) => {
    if (event.timeMs >= compiled.fromMs && event.timeMs <= compiled.toMs && compiled.accepts(event)) selected.push(index);
  });
  return selected;
}

/** The events a filter selects, in trace order (see {@link TraceFilter}). */
export function filterTrace<M>(trace: readonly TraceEvent<M>[], filter: TraceFilter<M>): TraceEvent<M>[] {
  return selectEvents(trace, filter).map((index) => trace[index] as TraceEvent<M>);
}
