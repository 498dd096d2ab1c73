/**
 * What a real-process run records: one JSON line per event, reported by the node processes
 * (sends, deliveries, drops, timers, outputs) and by the launcher (crashes, pauses,
 * partitions), and their conversion to lib/sim's trace, so `spaceTimeDiagram`, `formatTrace`
 * and the metrics work on real runs as on simulated ones.
 */
import type { DropReason, TraceEvent } from '../sim/trace';
import type { NodeId } from '../sim/types';
import { decodeValue, encodeValue } from './codec';

/**
 * One event of a real run. `timeMs` is milliseconds since the cluster was launched, on the
 * machine's monotonic clock (shared by every process). A message is named by `key`
 * (`sender.life.n`), unique in the run; the trace numbers keys in order of appearance.
 */
export type RuntimeRecord<M = unknown> =
  | { readonly kind: 'start' | 'restart'; readonly timeMs: number; readonly node: NodeId; readonly pid: number }
  | { readonly kind: 'send'; readonly timeMs: number; readonly from: NodeId; readonly to: NodeId; readonly key: string; readonly message: M }
  | {
      readonly kind: 'deliver';
      readonly timeMs: number;
      readonly from: NodeId;
      readonly to: NodeId;
      readonly key: string;
      readonly message: M;
      readonly sentAtMs: number;
    }
  | {
      readonly kind: 'drop';
      readonly timeMs: number;
      readonly from: NodeId;
      readonly to: NodeId;
      readonly key: string;
      readonly message: M;
      readonly sentAtMs: number;
      readonly reason: DropReason;
    }
  | { readonly kind: 'timer'; readonly timeMs: number; readonly node: NodeId; readonly name: string }
  | { readonly kind: 'output'; readonly timeMs: number; readonly node: NodeId; readonly label: string; readonly data?: unknown }
  | { readonly kind: 'fsync'; readonly timeMs: number; readonly node: NodeId; readonly wrote: boolean }
  | { readonly kind: 'crash' | 'pause' | 'resume'; readonly timeMs: number; readonly node: NodeId }
  | { readonly kind: 'partition'; readonly timeMs: number; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly kind: 'heal'; readonly timeMs: number }
  /** Something went wrong in a node: protocol code threw, a peer sent a malformed frame… */
  | { readonly kind: 'error'; readonly timeMs: number; readonly node: NodeId; readonly message: string; readonly fatal: boolean };

/** The kinds of runtime records. */
export type RuntimeRecordKind = RuntimeRecord['kind'];

/** The records as JSON lines (Map, Set, undefined and NaN survive; see `encodeValue`). */
export function recordsToJsonLines(records: readonly RuntimeRecord<unknown>[]): string {
  return records.map((record) => `${encodeValue(record, 'runtime record')}\n`).join('');
}

/** Parses records written by {@link recordsToJsonLines}; a malformed line throws, naming its number. */
export function recordsFromJsonLines<M = unknown>(text: string): RuntimeRecord<M>[] {
  const out: RuntimeRecord<M>[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = decodeValue(line);
    } catch (error) {
      throw new SyntaxError(`runtime records: line ${i + 1} is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const r = record as { kind?: unknown; timeMs?: unknown };
    if (typeof r !== 'object' || r === null || typeof r.kind !== 'string' || typeof r.timeMs !== 'number') {
      throw new SyntaxError(`runtime records: line ${i + 1} is not a record (needs "kind" and "timeMs")`);
    }
    out.push(record as RuntimeRecord<M>);
  });
  return out;
}

/**
 * Converts records to lib/sim's {@link TraceEvent}s, ordered by time: message keys become
 * `messageId`s numbered in order of appearance, a delivery is never drawn before its send
 * (clocks of two processes may disagree by microseconds), and records with no trace kind
 * (pause, resume, fsync, error) are left out.
 *
 * @example
 * spaceTimeDiagram(toTraceEvents(cluster.records));
 */
export function toTraceEvents<M>(records: readonly RuntimeRecord<M>[]): TraceEvent<M>[] {
  const ordered = records.map((record, index) => ({ record, index })).sort((a, b) => a.record.timeMs - b.record.timeMs || a.index - b.index);
  const ids = new Map<string, number>();
  const sends = new Map<string, { timeMs: number; rank: number }>();
  ordered.forEach(({ record: r }, rank) => {
    if (r.kind === 'send' && !sends.has(r.key)) sends.set(r.key, { timeMs: r.timeMs, rank });
  });
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  // Each event with its place: (time, rank); a delivery or drop clamped to its send's time goes right after it.
  const placed: { event: TraceEvent<M>; rank: number }[] = [];
  ordered.forEach(({ record: r }, rank) => {
    const event = toTraceEvent(r, sends.get('key' in r ? r.key : ''), idOf);
    if (event === undefined) return;
    const send = 'key' in r && r.kind !== 'send' ? sends.get(r.key) : undefined;
    placed.push({ event, rank: send !== undefined && send.timeMs >= r.timeMs ? Math.max(rank, send.rank + 0.5) : rank });
  });
  return placed.sort((a, b) => a.event.timeMs - b.event.timeMs || a.rank - b.rank).map((p) => p.event);
}

/** One record as a trace event (undefined for runtime-only kinds). */
function toTraceEvent<M>(r: RuntimeRecord<M>, send: { timeMs: number } | undefined, idOf: (key: string) => number): TraceEvent<M> | undefined {
  switch (r.kind) {
    case 'start':
    case 'restart':
    case 'crash':
      return { kind: r.kind, timeMs: r.timeMs, node: r.node };
    case 'send':
      return { kind: 'send', timeMs: r.timeMs, from: r.from, to: r.to, message: r.message, messageId: idOf(r.key) };
    case 'deliver': {
      const sentAtMs = send?.timeMs ?? r.sentAtMs;
      return { kind: 'deliver', timeMs: Math.max(r.timeMs, sentAtMs), from: r.from, to: r.to, message: r.message, messageId: idOf(r.key), sentAtMs, duplicate: false };
    }
    case 'drop': {
      const sentAtMs = send?.timeMs ?? r.sentAtMs;
      return { kind: 'drop', timeMs: Math.max(r.timeMs, sentAtMs), from: r.from, to: r.to, message: r.message, messageId: idOf(r.key), sentAtMs, reason: r.reason };
    }
    case 'timer':
      return { kind: 'timer', timeMs: r.timeMs, node: r.node, name: r.name };
    case 'output':
      return r.data === undefined ? { kind: 'output', timeMs: r.timeMs, node: r.node, label: r.label } : { kind: 'output', timeMs: r.timeMs, node: r.node, label: r.label, data: r.data };
    case 'partition':
      return { kind: 'partition', timeMs: r.timeMs, groups: r.groups };
    case 'heal':
      return { kind: 'heal', timeMs: r.timeMs };
    default:
      return undefined;
  }
}
