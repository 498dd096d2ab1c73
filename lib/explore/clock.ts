// @real-io: the explorer reports its own running time and honours a wall-clock budget; the clock never changes what is explored, only where a budgeted search stops.
/**
 * The explorer's stopwatch (wall-clock milliseconds), kept in one file so the rest of
 * `lib/explore` stays free of real time.
 */

/** Milliseconds of wall-clock time since an arbitrary origin. */
export function wallClockMs(): number {
  return performance.now();
}
