// @real-io: kills or pauses real worker processes on a timer, mid-task.
/**
 * Fault plans for experiments: kill -9 (or SIGSTOP) the worker that runs a given task, while
 * it is in the middle of writing its file. A plan gives the coordinator the two hooks it needs
 * (`delayMs`, `onAttemptStart`); the coordinator itself knows nothing about processes.
 */
import type { MapReduceOptions } from './coordinator';
import type { WorkerPool } from './pool';

/** The hooks a fault plan hands to `runMapReduce`, and what it did. */
export interface FaultPlan extends Pick<MapReduceOptions, 'delayMs' | 'onAttemptStart'> {
  /** `task → worker` of every fault injected so far. */
  readonly injected: { task: string; worker: string }[];
  /**
   * Clears the faults not yet injected (their timers) and injects no more: call it in a
   * `finally`, or a job that failed early would have a later run's worker killed or stopped.
   */
  cancel(): void;
}

function plan(pool: WorkerPool, tasks: readonly string[], act: (worker: string) => void, afterMs: number, holdMs: number): FaultPlan {
  const injected: { task: string; worker: string }[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let cancelled = false;
  return {
    injected,
    cancel: () => {
      cancelled = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
    // Only the first attempt of a chosen task pauses mid-write, long enough to be hit.
    delayMs: (task, attempt) => (attempt === 1 && tasks.includes(task) ? holdMs : 0),
    onAttemptStart: ({ task, worker, attempt }) => {
      if (cancelled || attempt !== 1 || !tasks.includes(task)) return;
      injected.push({ task, worker });
      const timer = setTimeout(() => {
        timers.delete(timer);
        act(worker);
      }, afterMs);
      timers.add(timer);
    },
  };
}

/**
 * `kill -9` the worker running each of `tasks` (e.g. `['map 2', 'reduce 1']`) `afterMs` (default 300) after
 * its first attempt starts; that attempt pauses `holdMs` (default 2000) half-way through its write, so the
 * kill lands mid-task and leaves a partial temp file. Call `cancel()` when the job ends.
 *
 * @example
 * const plan = killDuring(pool, ['map 2']);
 * try { await runMapReduce({ job: 'sentiment', lines, workers: pool.workers, ...plan }); } finally { plan.cancel(); }
 */
export function killDuring(pool: WorkerPool, tasks: readonly string[], options: { afterMs?: number; holdMs?: number } = {}): FaultPlan {
  return plan(pool, tasks, (worker) => pool.kill(worker), options.afterMs ?? 300, options.holdMs ?? 2000);
}

/**
 * SIGSTOP the worker running each of `tasks`: it hangs with its sockets open, so only the
 * coordinator's timeout can tell; `pool.stop()` ends it later.
 */
export function pauseDuring(pool: WorkerPool, tasks: readonly string[], options: { afterMs?: number; holdMs?: number } = {}): FaultPlan {
  return plan(pool, tasks, (worker) => pool.pause(worker), options.afterMs ?? 300, options.holdMs ?? 2000);
}
