/**
 * Metrics over a trace: message latencies and their percentiles, messages per operation.
 */
import { percentile as nearestRank } from '../plot/percentile';
import type { OutputRecord } from './checkers';
import type { TraceEvent } from './trace';

/** The latency (delivery time − send time) of every delivered message, in trace order. */
export function messageLatencies<M>(trace: readonly TraceEvent<M>[], filter?: (from: string, to: string) => boolean): number[] {
  const latencies: number[] = [];
  for (const event of trace) {
    if (event.kind === 'deliver' && (filter === undefined || filter(event.from, event.to))) {
      latencies.push(event.timeMs - event.sentAtMs);
    }
  }
  return latencies;
}

/**
 * The `p`-th percentile (0–100) of `values`, NaN when empty: the course's one definition
 * (nearest rank, `lib/plot/percentile.ts`), so a trace's p99 is the same number as a plot's.
 *
 * @example
 * percentile([10, 20, 30, 40], 50); // 20
 */
export function percentile(values: readonly number[], p: number): number {
  return values.length === 0 ? NaN : nearestRank(values, p);
}

/** Latency summary of a trace: count, mean and the usual percentiles, in ms. */
export interface LatencySummary {
  count: number;
  meanMs: number;
  latencyMsP50: number;
  latencyMsP90: number;
  latencyMsP99: number;
  maxMs: number;
}

/** Summarises message latencies: count, mean, p50, p90, p99, max. */
export function latencySummary<M>(trace: readonly TraceEvent<M>[]): LatencySummary {
  const latencies = messageLatencies(trace);
  const mean = latencies.reduce((s, x) => s + x, 0) / (latencies.length || 1);
  return {
    count: latencies.length,
    meanMs: latencies.length ? mean : NaN,
    latencyMsP50: percentile(latencies, 50),
    latencyMsP90: percentile(latencies, 90),
    latencyMsP99: percentile(latencies, 99),
    maxMs: latencies.length ? Math.max(...latencies) : NaN,
  };
}

/**
 * Messages sent per completed operation: every send of the run over the number of outputs
 * labelled `operationLabel` (e.g. `'commit'` or `'enterCritical'`). Works with the trace off.
 *
 * @example
 * messagesPerOperation(sim, 'enterCritical'); // 2(N−1) for Ricart–Agrawala
 */
export function messagesPerOperation(
  run: { readonly stats: { readonly sent: number }; readonly outputs: readonly OutputRecord[] },
  operationLabel: string,
): number {
  const operations = run.outputs.filter((o) => o.label === operationLabel).length;
  return operations === 0 ? NaN : run.stats.sent / operations;
}

/** How many trace events of each kind, e.g. `{ send: 10, deliver: 9, drop: 1, … }` as a Map. */
export function countByKind<M>(trace: readonly TraceEvent<M>[]): Map<TraceEvent['kind'], number> {
  const counts = new Map<TraceEvent['kind'], number>();
  for (const event of trace) counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
  return counts;
}
