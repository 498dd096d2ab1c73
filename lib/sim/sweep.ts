/**
 * Seed sweeps: run one scenario over many seeds with the checkers on; on the first violation,
 * replay that seed with the trace on and report the checker, the seed and the trace tail.
 */
import type { Violation } from './checkers';
import { formatViolation } from './checkers';
import type { Simulation } from './simulation';
import type { ProtocolNode } from './types';

/** Options of {@link sweep}. */
export interface SweepOptions<M, N extends ProtocolNode<M>> {
  /** The seeds to try: a list, or a count (seeds 1…count). */
  readonly seeds: number | readonly number[];
  /**
   * Builds and runs the scenario for one seed and returns the simulation. `trace` says whether
   * to record the trace: pass it to the simulation's options (off while sweeping, on for the replay).
   */
  readonly scenario: (seed: number, options: { trace: boolean }) => Simulation<M, N>;
  /** How many trace lines to keep in the report (default 20). */
  readonly tailLines?: number;
}

/** What a sweep found. */
export interface SweepResult {
  /** How many seeds ran (the sweep stops at the first violation). */
  readonly seedsRun: number;
  /** The first violation, or undefined if every seed passed. */
  readonly violation: Violation | undefined;
  /** The failing seed. */
  readonly seed: number | undefined;
  /** The last lines of the replayed trace, ending at the violation. */
  readonly traceTail: string;
  /** True when the replay (with the trace on) hit the same checker at the same time and event. */
  readonly replayed: boolean;
  /** A readable report: checker, seed, trace tail (Spanish, students read it). */
  readonly report: string;
}

/**
 * Runs `scenario` over many seeds; stops at the first seed that breaks a checker and replays it.
 *
 * @example
 * const result = sweep({
 *   seeds: 1_000,
 *   scenario: (seed, { trace }) => {
 *     const sim = new Simulation({ seed, trace, nodeIds, createNode, checkers: [mutualExclusion] });
 *     sim.runFor(2_000);
 *     return sim;
 *   },
 * });
 * console.log(result.report); // Invariante «mutualExclusion» violado … reproduce with seed=…
 */
export function sweep<M, N extends ProtocolNode<M>>(options: SweepOptions<M, N>): SweepResult {
  const seeds = typeof options.seeds === 'number' ? Array.from({ length: options.seeds }, (_, i) => i + 1) : options.seeds;
  let seedsRun = 0;
  for (const seed of seeds) {
    seedsRun++;
    const first = options.scenario(seed, { trace: false }).violation;
    if (first === undefined) continue;
    const replay = options.scenario(seed, { trace: true });
    const again = replay.violation;
    const replayed =
      again !== undefined && again.checker === first.checker && again.timeMs === first.timeMs && again.eventCount === first.eventCount && again.message === first.message;
    const traceTail = replay.traceText({ tail: options.tailLines ?? 20 });
    const report = [
      formatViolation(first),
      replayed ? `Repetición con seed=${seed}: misma violación.` : `¡La repetición con seed=${seed} no reprodujo la violación!`,
      `Últimos eventos:`,
      traceTail,
    ].join('\n');
    return { seedsRun, violation: first, seed, traceTail, replayed, report };
  }
  return { seedsRun, violation: undefined, seed: undefined, traceTail: '', replayed: false, report: `Ninguna violación en ${seedsRun} semillas.` };
}
