/**
 * Clock pictures: how far each clock is from true time, drifting alone or synchronised.
 */
import type { Figure } from '../plot/index';
import type { NodeId } from '../sim/types';
import type { ClockModel } from './physical';
import { readClock } from './physical';

/** Error (clock − true time, in ms) of each node's clock, sampled over time. */
export interface ClockErrorSeries {
  /** Sample times (true, simulated ms). */
  readonly timeMs: number[];
  /** Error per node at each sample time. */
  readonly errorMs: Map<NodeId, number[]>;
}

/**
 * The error of free-running clocks (no synchronisation): `offset + t × drift`.
 *
 * @example
 * driftSeries(new Map([['A', { offsetMs: 0, driftPpm: 50 }]]), { durationMs: 60_000, everyMs: 1_000 });
 */
export function driftSeries(clocks: ReadonlyMap<NodeId, ClockModel>, options: { durationMs: number; everyMs: number }): ClockErrorSeries {
  const timeMs: number[] = [];
  const errorMs = new Map<NodeId, number[]>([...clocks.keys()].map((id) => [id, []]));
  for (let t = 0; t <= options.durationMs; t += options.everyMs) {
    timeMs.push(t);
    for (const [id, clock] of clocks) errorMs.get(id)?.push(readClock(clock, t) - t);
  }
  return { timeMs, errorMs };
}

/**
 * Runs a simulation forward, sampling every `everyMs` the error of each live node's
 * synchronised clock (hardware reading + `correctionMs`) against true time. Sampling stops
 * early if the run stops (a checker found a violation, so time no longer advances): the
 * series then ends at the last time actually reached.
 *
 * @example
 * const series = sampleClockErrors(sim, { durationMs: 10_000, everyMs: 100 });
 * show(clockErrorFigure(series, { title: 'Cristian' }));
 */
export function sampleClockErrors(
  sim: {
    readonly nodeIds: readonly NodeId[];
    readonly nowMs: number;
    readonly violation?: unknown;
    runFor(ms: number): unknown;
    node(id: NodeId): unknown;
    localTimeMs(id: NodeId): number;
  },
  options: { durationMs: number; everyMs: number; nodeIds?: readonly NodeId[] },
): ClockErrorSeries {
  if (!(options.everyMs > 0)) throw new RangeError(`sampleClockErrors: everyMs must be > 0, got ${options.everyMs}`);
  const ids = options.nodeIds ?? sim.nodeIds;
  const timeMs: number[] = [];
  const errorMs = new Map<NodeId, number[]>(ids.map((id) => [id, []]));
  const start = sim.nowMs;
  const samples = Math.floor(options.durationMs / options.everyMs + 1e-9);
  for (let k = 0; k <= samples; k++) {
    const target = start + k * options.everyMs;
    if (target > sim.nowMs) sim.runFor(target - sim.nowMs);
    // A stopped run (a violation) does not advance: stop instead of sampling the same instant forever.
    if (sim.violation !== undefined || sim.nowMs < target) break;
    timeMs.push(sim.nowMs);
    for (const id of ids) {
      const node = sim.node(id) as { readonly correctionMs?: number } | undefined;
      const correction = node?.correctionMs ?? 0;
      errorMs.get(id)?.push(sim.localTimeMs(id) + correction - sim.nowMs);
    }
  }
  return { timeMs, errorMs };
}

/**
 * A line per node: clock error (ms) against true time (s).
 *
 * @example
 * show(clockErrorFigure(driftSeries(clocks, { durationMs: 60_000, everyMs: 1_000 }), { title: 'Deriva' }));
 */
export function clockErrorFigure(series: ClockErrorSeries, options: { title?: string } = {}): Figure {
  return {
    data: [...series.errorMs].map(([id, errors]) => ({
      type: 'scatter',
      mode: 'lines',
      name: id,
      x: series.timeMs.map((t) => t / 1_000),
      y: errors,
    })),
    layout: {
      title: options.title ?? 'Error de cada reloj respecto al tiempo real',
      xaxis: { title: 'tiempo real (s)' },
      yaxis: { title: 'reloj − tiempo real (ms)' },
    },
  };
}
