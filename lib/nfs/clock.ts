/** A clock the chapter moves by hand: simulated time, shared by the server and its clients. */

/** A manual clock in milliseconds. */
export interface ManualClock {
  /** The current time, ms. */
  now(): number;
  /** Moves the clock forward (a negative step is refused). */
  advance(ms: number): number;
  /** Sets the clock to `ms` (backwards too: clocks do jump). */
  set(ms: number): number;
}

/**
 * A manual clock starting at `startMs`.
 *
 * @example
 * const clock = manualClock(); clock.advance(1_500); clock.now(); // 1500
 */
export function manualClock(startMs = 0): ManualClock {
  let t = startMs;
  return {
    now: () => t,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance: el paso debe ser un número ≥ 0 (llegó ${ms})`);
      t += ms;
      return t;
    },
    set(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`set: el tiempo debe ser un número finito (llegó ${ms})`);
      t = ms;
      return t;
    },
  };
}
