/**
 * What one real master–worker render reports: plain data, so a notebook can tabulate it, a
 * test can assert on it and `summarizeMasterWorker` can write chapter 04's comparison row.
 */
import type { PlantedFault } from './messages';
import type { VideoSpec } from './video';

/** One thing the master saw or did, at `atMs` after the render started (wall clock). */
export interface MasterEvent {
  readonly atMs: number;
  /**
   * `start` a thread is ready; `assign` a fragment sent; `progress` a worker said how far it is;
   * `result` a fragment accepted; `died` a thread ended (the master does not act on it: it waits
   * for the deadline); `timeout` a deadline passed; `rejected` an answer failed its check; `late`
   * an answer to an assignment the worker no longer has.
   */
  readonly kind: 'start' | 'assign' | 'progress' | 'result' | 'died' | 'timeout' | 'rejected' | 'late';
  readonly worker: string;
  readonly fragment?: number;
  readonly attempt?: number;
  readonly detail?: string;
}

/** The result of `runMasterWorker`. */
export interface MasterWorkerRun {
  readonly video: VideoSpec;
  readonly fragmentS: number;
  readonly workers: number;
  /** `os.availableParallelism()` on the machine that ran it. */
  readonly cores: number;
  readonly fragments: number;
  /** The deadline per fragment the master used. */
  readonly timeoutMs: number;
  /** SHA-256 of the joined file (equal to `renderSerially`'s, whatever the faults). */
  readonly sha256: string;
  readonly outputBytes: number;
  /** The joined file, with `keepOutput: true`. */
  readonly output?: Uint8Array;
  /** Starting the threads (not part of the render's time). */
  readonly startMs: number;
  /** The master's serial parts: splitting and joining. */
  readonly splitMs: number;
  readonly joinMs: number;
  /**
   * The master's own work on its main thread during the render (parsing answers, checking each
   * sha256, planning, dispatching), from `performance.eventLoopUtilization()`: waiting is not counted.
   */
  readonly masterBusyMs: number;
  /** From the first assignment to the last fragment accepted. */
  readonly renderMs: number;
  /** split + render + join. */
  readonly totalMs: number;
  /** Threads started, replacements included. */
  readonly threadsStarted: number;
  /** Tries per fragment (1 when nothing failed). */
  readonly attempts: readonly number[];
  /** Wall time each fragment's accepted render took inside its worker (`process.cpuUsage` would count the whole process). */
  readonly workMs: readonly number[];
  readonly events: readonly MasterEvent[];
  /** Fragments taken away from a worker, and why. */
  readonly reassigned: readonly { readonly fragment: number; readonly from: string; readonly reason: string }[];
  /** Problems the master reported (garbage answers, bad hashes), in Spanish. */
  readonly problems: readonly string[];
  readonly faults: readonly PlantedFault[];
}
