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
}

function plan(pool: WorkerPool, tasks: readonly string[], act: (worker: string) => void, afterMs: number, holdMs: number): FaultPlan {
  const injected: { task: string; worker: string }[] = [];
  return {
    injected,
    // Only the first attempt of a chosen task pauses mid-write, long enough to be hit.
    delayMs: (task, attempt) => (attempt === 1 && tasks.includes(task) ? holdMs : 0),
    onAttemptStart: ({ task, worker, attempt }) => {
      if (attempt !== 1 || !tasks.includes(task)) return;
      injected.push({ task, worker });
      setTimeout(() => act(worker), afterMs);
    },
  };
}

/**
 * `kill -9` the worker running each of `tasks` (e.g. `['map 2', 'reduce 1']`) `afterMs` (default 300) after
 * its first attempt starts; that attempt pauses `holdMs` (default 2000) half-way through its write, so the
 * kill lands mid-task and leaves a partial temp file.
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
