// @real-io: a sweep's wall-clock time, only to report seeds per second (never part of a run).
/**
 * The wall clock of sweeps and benchmarks: how long a sweep took, for its seeds/s figure.
 * Nothing simulated reads it, so runs stay deterministic.
 */

/** Milliseconds from an arbitrary origin, monotonic (`performance.now`). */
export function wallClockMs(): number {
  return performance.now();
}
