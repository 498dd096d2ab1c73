// @real-io: starts child processes (one per core) that run sweep seeds, and times the sweep.
/**
 * Parallel sweeps: the seeds of a sweep split over child processes, each loading the scenario
 * from a module by path and export name (a function cannot cross a process boundary). Batches
 * of seeds are handed out in order as workers become free; results are merged by seed
 * position, so the counts, the failing seeds and their explanations are the same with 1, 2 or
 * 8 workers, and the same as {@link sweep} in one process.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Seed } from '../random/index';
import { summarize } from './sweep';
import { shardPositions, sweepSeeds } from './sweep-seeds';
import type { SeedsOutcome, SweepFailure, SweepResult } from './sweep';
import type { SweepShard } from './sweep-seeds';
import { wallClockMs } from './sweep-clock';

/** Where a worker finds the scenario: a module path and an export, called with `args` if given. */
export interface ScenarioModule {
  /** Path of the module (absolute, or relative to the current directory), `.ts` or `.js`. */
  readonly module: string;
  /** The export: a scenario (function or object), or — with `args` — a function that returns one. */
  readonly export: string;
  /** Arguments for the export (plain data: they are copied to each worker). */
  readonly args?: readonly unknown[];
}

/** Options of {@link sweepParallel}; the others mean what they mean in {@link sweep}. */
export interface ParallelSweepOptions<S extends Seed = number> {
  readonly scenario: ScenarioModule;
  readonly seeds: number | readonly S[];
  /** Worker processes (default: the machine's cores, at most 8). */
  readonly workers?: number;
  /** Seeds per batch handed to a worker (default 25). */
  readonly batchSize?: number;
  readonly shard?: SweepShard;
  readonly stopAtFirst?: boolean;
  readonly replays?: number;
  readonly window?: { readonly before?: number; readonly maxLines?: number };
  readonly tailLines?: number;
  /** Called with each worker's process id as it starts (tests use it to check none is left behind). */
  readonly onWorkerStart?: (pid: number) => void;
}

/** A message from the parent to a worker. */
export type ToWorker =
  | { readonly type: 'init'; readonly scenario: ScenarioModule; readonly sweep: { stopAtFirst: boolean; replays: number; window?: { before?: number; maxLines?: number }; tailLines?: number } }
  | { readonly type: 'batch'; readonly seeds: readonly { readonly position: number; readonly seed: Seed }[] };

/** A message from a worker to the parent. */
export type FromWorker = { readonly type: 'ready' } | { readonly type: 'done'; readonly outcome: SeedsOutcome } | { readonly type: 'error'; readonly message: string };

/**
 * Runs a sweep on several worker processes; resolves to the same result {@link sweep} gives.
 *
 * @example
 * const result = await sweepParallel({
 *   scenario: { module: 'lib/sim/examples/raft-lite-scenario.ts', export: 'raftLiteScenario', args: [{ raft: { figure8Bug: true } }] },
 *   seeds: 10_000,
 *   workers: 2,
 * });
 * console.log(result.report);
 */
export async function sweepParallel<S extends Seed = number>(options: ParallelSweepOptions<S>): Promise<SweepResult<S>> {
  const started = wallClockMs();
  const seeds = sweepSeeds(options.seeds);
  const positions = shardPositions(seeds.length, options.shard);
  const workerCount = Math.max(1, Math.min(options.workers ?? Math.min(8, availableParallelism()), Math.max(1, positions.length)));
  const batchSize = Math.max(1, options.batchSize ?? 25);
  if (!Number.isInteger(workerCount)) throw new RangeError(`sweepParallel: workers must be an integer >= 1, got ${options.workers}`);
  const scenario: ScenarioModule = { ...options.scenario, module: isAbsolute(options.scenario.module) ? options.scenario.module : resolve(options.scenario.module) };
  const replays = options.replays ?? 10;
  const stopAtFirst = options.stopAtFirst ?? false;
  const batches: { position: number; seed: S }[][] = [];
  for (let i = 0; i < positions.length; i += batchSize) batches.push(positions.slice(i, i + batchSize).map((p) => ({ position: p, seed: seeds[p] as S })));

  const merged: SeedsOutcome<S> = { events: [], failures: [] };
  const children: ChildProcess[] = [];
  let next = 0;
  let firstFailure = Infinity;
  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      let running = 0;
      let settled = false;
      const fail = (error: Error) => {
        if (!settled) (settled = true), rejectAll(error);
      };
      const dispatch = (child: ChildProcess) => {
        const batch = batches[next];
        // With stopAtFirst, batches after a known failure cannot change the result.
        if (batch === undefined || (stopAtFirst && (batch[0]?.position ?? 0) > firstFailure)) {
          running--;
          if (running === 0 && !settled) (settled = true), resolveAll();
          return;
        }
        next++;
        child.send({ type: 'batch', seeds: batch } satisfies ToWorker);
      };
      for (let w = 0; w < workerCount; w++) {
        const child = startWorker();
        children.push(child);
        if (child.pid !== undefined) options.onWorkerStart?.(child.pid);
        running++;
        child.on('message', (message: FromWorker) => {
          if (message.type === 'ready') return dispatch(child);
          if (message.type === 'error') return fail(new Error(`sweep worker: ${message.message}`));
          const outcome = message.outcome as SeedsOutcome<S>;
          merged.events.push(...outcome.events);
          merged.failures.push(...outcome.failures);
          for (const f of outcome.failures) firstFailure = Math.min(firstFailure, f.position);
          dispatch(child);
        });
        child.on('error', (error) => fail(error));
        child.on('exit', (code, signal) => {
          if (!settled) fail(new Error(`sweep worker exited early (code ${code}, signal ${signal})`));
        });
        child.send({ type: 'init', scenario, sweep: { stopAtFirst, replays, ...(options.window ? { window: options.window } : {}), ...(options.tailLines === undefined ? {} : { tailLines: options.tailLines }) } } satisfies ToWorker);
      }
    });
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  }
  // Each worker explained its own first failures; keep explanations for the first `replays` overall only.
  merged.failures.sort((a, b) => a.position - b.position);
  const failures = merged.failures.map((f, i): SweepFailure<S> => (i < replays ? f : { seed: f.seed, position: f.position, violation: f.violation }));
  return summarize({ events: merged.events, failures }, wallClockMs() - started, stopAtFirst);
}

/** Starts one worker process, running TypeScript through tsx's loader. */
function startWorker(): ChildProcess {
  const entry = join(__dirname, 'sweep-worker-main.ts');
  const loader = pathToFileURL(require.resolve('tsx')).href;
  return fork(entry, [], { execArgv: ['--import', loader], env: { ...process.env, SIM_SWEEP_WORKER: '1' }, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
