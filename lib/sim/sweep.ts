/**
 * Seed sweeps: run one scenario over many seeds with the trace off and the checkers on, count
 * what happened (seeds, violations per checker, events, seeds/s), keep every failing seed, turn
 * an exception in protocol or scenario code into a violation with its seed, and replay failing
 * seeds with the trace on to explain them (the trace around the cause, the seed's fault plan).
 * `shard` splits a sweep across processes or machines; `sweepParallel` (sweep-workers.ts)
 * runs one on several cores.
 */
import type { Seed } from '../random/index';
import type { Violation } from './checkers';
import type { Simulation } from './simulation';
import { explainFailure } from './sweep-report';
import type { CauseLocator, FailureExplanation } from './sweep-report';
import { wallClockMs } from './sweep-clock';
import { shardPositions, sweepSeeds } from './sweep-seeds';
import type { SweepShard } from './sweep-seeds';

export { parseShard, shardPositions, sweepSeeds } from './sweep-seeds';
export type { SweepShard } from './sweep-seeds';
import type { ProtocolNode } from './types';

/** A scenario as one function: builds and runs the simulation of a seed, and returns it. */
export type ScenarioFunction<M, N extends ProtocolNode<M>, S extends Seed> = (seed: S, options: { trace: boolean }) => Simulation<M, N>;

/**
 * A scenario in two steps, so the sweep holds the simulation even when running it throws
 * (the report then shows the trace up to the exception). `describe` prints a seed's faults.
 */
export interface ScenarioObject<M, N extends ProtocolNode<M>, S extends Seed> {
  setup(seed: S, options: { trace: boolean }): Simulation<M, N>;
  run(sim: Simulation<M, N>): void;
  describe?(seed: S): string;
  /** Finds the trace index of the first event that touched the violated state (see {@link CauseLocator}). */
  cause?: CauseLocator;
}

/** What {@link sweep} runs for each seed. */
export type SweepScenario<M, N extends ProtocolNode<M>, S extends Seed = number> = ScenarioFunction<M, N, S> | ScenarioObject<M, N, S>;

/** Options of {@link sweep}. */
export interface SweepOptions<M, N extends ProtocolNode<M>, S extends Seed = number> {
  /** The seeds to try: a count (seeds 1…count) or a list (numbers or strings). */
  readonly seeds: number | readonly S[];
  /** The scenario: a function `(seed, { trace }) → simulation` or a {@link ScenarioObject}. */
  readonly scenario: SweepScenario<M, N, S>;
  /** Stop at the first failing seed (default false: run every seed, keep every failure). */
  readonly stopAtFirst?: boolean;
  /** Run only this shard of the seeds (e.g. `{ index: 0, count: 2 }` on one machine, `1/2` on another). */
  readonly shard?: SweepShard;
  /** How many failing seeds to replay with the trace on and explain (default 10; every failure is kept). */
  readonly replays?: number;
  /** Trace events shown before the cause and at most in an explanation (defaults 8 and 60). */
  readonly window?: { readonly before?: number; readonly maxLines?: number };
  /** How many trace lines `traceTail` keeps (default 20). */
  readonly tailLines?: number;
}

/** One failing seed. The first `replays` failures also carry their replay and explanation. */
export interface SweepFailure<S extends Seed = Seed> {
  readonly seed: S;
  /** Position of the seed in the sweep's list (0-based), so shards merge in order. */
  readonly position: number;
  readonly violation: Violation;
  /** Present for replayed failures: the replay's explanation (cause window, plan, report). */
  readonly explanation?: FailureExplanation;
}

/** What a sweep found. The `violation`…`report` fields describe the first failure, as before. */
export interface SweepResult<S extends Seed = Seed> {
  /** Seeds run (all of the shard, or up to and including the first failure with `stopAtFirst`). */
  readonly seedsRun: number;
  /** Seeds that failed, and failures per checker (`exception` for scenario code that threw). */
  readonly seedsFailed: number;
  readonly violationsByChecker: Readonly<Record<string, number>>;
  /** Simulated events over every seed run. */
  readonly events: number;
  /** Wall-clock time of the sweep and seeds per second (not deterministic: for humans and benches). */
  readonly elapsedMs: number;
  readonly seedsPerSecond: number;
  /** Every failing seed, in seed order. */
  readonly failures: readonly SweepFailure<S>[];
  /** The first failure's violation and seed (undefined if every seed passed). */
  readonly violation: Violation | undefined;
  readonly seed: S | undefined;
  /** The last lines of the first failure's replayed trace, ending at the violation. */
  readonly traceTail: string;
  /** True when the first failure's replay hit the same violation at the same event. */
  readonly replayed: boolean;
  /** The counts, then the first failure explained (Spanish, students read it). */
  readonly report: string;
}

/**
 * Runs `scenario` over many seeds with the trace off; keeps every failing seed and replays the
 * first few with the trace on to explain them.
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
 * console.log(result.report); // 1000 semillas … Invariante «mutualExclusion» violado … reprodúcelo con seed=…
 */
export function sweep<M, N extends ProtocolNode<M>, S extends Seed = number>(options: SweepOptions<M, N, S>): SweepResult<S> {
  const started = wallClockMs();
  const seeds = sweepSeeds(options.seeds);
  const positions = shardPositions(seeds.length, options.shard);
  const outcome = runSeeds(options, positions.map((p) => ({ position: p, seed: seeds[p] as S })));
  return summarize(outcome, wallClockMs() - started, options.stopAtFirst ?? false);
}

/** The raw outcome of running some seeds: per-seed events and the failures (internal, mergeable). */
export interface SeedsOutcome<S extends Seed = Seed> {
  /** `[position, events]` for each seed run, in the order run. */
  readonly events: (readonly [number, number])[];
  readonly failures: SweepFailure<S>[];
}

/** Runs the given seeds (the core of {@link sweep}, also run by each parallel worker). */
export function runSeeds<M, N extends ProtocolNode<M>, S extends Seed>(
  options: Omit<SweepOptions<M, N, S>, 'seeds' | 'shard'>,
  seeds: readonly { readonly position: number; readonly seed: S }[],
): SeedsOutcome<S> {
  const outcome: SeedsOutcome<S> = { events: [], failures: [] };
  const replays = options.replays ?? 10;
  for (const { position, seed } of seeds) {
    const first = runScenario(options.scenario, seed, false);
    outcome.events.push([position, first.events]);
    if (first.violation === undefined) continue;
    const failure: SweepFailure<S> =
      outcome.failures.length < replays
        ? { seed, position, violation: first.violation, explanation: explain(options, seed, first.violation) }
        : { seed, position, violation: first.violation };
    outcome.failures.push(failure);
    if (options.stopAtFirst) break;
  }
  return outcome;
}

/** Merges outcomes (from shards or workers) and computes the counts; deterministic in seed order. */
export function summarize<S extends Seed>(outcome: SeedsOutcome<S>, elapsedMs: number, stopAtFirst = false): SweepResult<S> {
  const failures = [...outcome.failures].sort((a, b) => a.position - b.position);
  const firstFailure = failures[0];
  const cutoff = stopAtFirst && firstFailure !== undefined ? firstFailure.position : Infinity;
  const kept = stopAtFirst ? failures.slice(0, 1) : failures;
  let events = 0;
  let seedsRun = 0;
  for (const [position, count] of outcome.events) {
    if (position > cutoff) continue;
    events += count;
    seedsRun++;
  }
  const violationsByChecker: Record<string, number> = {};
  for (const f of kept) violationsByChecker[f.violation.checker] = (violationsByChecker[f.violation.checker] ?? 0) + 1;
  const seedsPerSecond = elapsedMs > 0 ? (seedsRun * 1000) / elapsedMs : 0;
  const explanation = firstFailure?.explanation;
  const counts = countsLine({ seedsRun, failed: kept.length, violationsByChecker, events, seedsPerSecond });
  const report =
    firstFailure === undefined
      ? `Ninguna violación en ${seedsRun} semillas.`
      : [counts, `Semillas que fallan: ${kept.map((f) => String(f.seed)).slice(0, 20).join(', ')}${kept.length > 20 ? ', …' : ''}`, explanation?.report ?? ''].join('\n');
  return {
    seedsRun,
    seedsFailed: kept.length,
    violationsByChecker,
    events,
    elapsedMs,
    seedsPerSecond,
    failures: kept,
    violation: firstFailure?.violation,
    seed: firstFailure?.seed,
    traceTail: explanation?.traceTail ?? '',
    replayed: explanation?.replayed ?? false,
    report,
  };
}

/** The counts of a sweep, one line (Spanish). */
function countsLine(c: { seedsRun: number; failed: number; violationsByChecker: Record<string, number>; events: number; seedsPerSecond: number }): string {
  const by = Object.entries(c.violationsByChecker).map(([name, n]) => `${name}: ${n}`).join(', ');
  return `${c.seedsRun} semillas, ${c.failed} con violación${by ? ` (${by})` : ''}, ${c.events} eventos, ${c.seedsPerSecond.toFixed(0)} semillas/s.`;
}

/** One run of a seed: its simulation (when it got that far), its violation and its events. */
interface ScenarioRun<M, N extends ProtocolNode<M>> {
  readonly sim: Simulation<M, N> | undefined;
  readonly violation: Violation | undefined;
  readonly events: number;
}

/** Runs a scenario for one seed; an exception (in protocol or scenario code) becomes a violation. */
export function runScenario<M, N extends ProtocolNode<M>, S extends Seed>(scenario: SweepScenario<M, N, S>, seed: S, trace: boolean): ScenarioRun<M, N> {
  let sim: Simulation<M, N> | undefined;
  try {
    if (typeof scenario === 'function') sim = scenario(seed, { trace });
    else {
      sim = scenario.setup(seed, { trace });
      scenario.run(sim);
    }
    // End-of-run and pending `eventually` checks count like the others.
    sim.finish();
    return { sim, violation: sim.violation, events: sim.stats.events };
  } catch (error) {
    // A violation thrown with `onViolation: 'throw'` is still the violation.
    const thrown = (error as { violation?: Violation }).violation;
    if (thrown !== undefined && typeof thrown.checker === 'string') return { sim, violation: thrown, events: sim?.stats.events ?? 0 };
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const where = error instanceof Error ? firstFrame(error) : '';
    const violation: Violation = {
      checker: 'exception',
      message: `el escenario lanzó ${text}${where ? ` (${where})` : ''}`,
      timeMs: sim?.nowMs ?? NaN,
      eventCount: sim?.stats.events ?? 0,
      seed: String(seed),
    };
    return { sim, violation, events: sim?.stats.events ?? 0 };
  }
}

/** Replays a failing seed with the trace on and explains it. */
function explain<M, N extends ProtocolNode<M>, S extends Seed>(options: Omit<SweepOptions<M, N, S>, 'seeds' | 'shard'>, seed: S, first: Violation): FailureExplanation {
  const replay = runScenario(options.scenario, seed, true);
  const scenario = options.scenario;
  const describe = typeof scenario === 'function' ? undefined : scenario.describe?.bind(scenario);
  const cause = typeof scenario === 'function' ? undefined : scenario.cause;
  return explainFailure({
    seed: String(seed),
    first,
    again: replay.violation,
    trace: replay.sim?.trace ?? [],
    nodeIds: replay.sim?.nodeIds ?? [],
    plan: describe?.(seed),
    ...(cause === undefined ? {} : { cause }),
    ...(options.window ?? {}),
    ...(options.tailLines === undefined ? {} : { tailLines: options.tailLines }),
  });
}

/** The first stack frame outside node internals, e.g. `raft-lite.ts:120:11`. */
function firstFrame(error: Error): string {
  const line = (error.stack ?? '').split('\n').slice(1).find((l) => !l.includes('node:internal'));
  const match = line === undefined ? null : /([^/\\(]+:\d+:\d+)\)?\s*$/.exec(line);
  return match?.[1] ?? '';
}
