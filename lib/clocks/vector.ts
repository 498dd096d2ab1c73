/**
 * Vector clocks (Fidge 1988, Mattern 1989): one counter per process, so that comparing two
 * timestamps tells exactly whether one event happened before the other or they are concurrent.
 *
 * A vector is a `ReadonlyMap` from process id to counter; a missing entry means 0, so
 * processes can join without resizing anyone's vector.
 */

/** A vector timestamp: process id → number of that process's events known. Missing = 0. */
export type VectorClock = ReadonlyMap<string, number>;

/** How two vector timestamps relate. */
export type VectorOrder = 'before' | 'after' | 'concurrent' | 'equal';

/** A vector from an array in a fixed process order: `vectorFromArray(['A','B','C'], [1,0,0])`. */
export function vectorFromArray(processIds: readonly string[], values: readonly number[]): VectorClock {
  const clock = new Map<string, number>();
  processIds.forEach((id, i) => {
    const value = values[i] ?? 0;
    if (value !== 0) clock.set(id, value);
  });
  return clock;
}

/** The vector as an array in the given process order (missing entries are 0). */
export function vectorToArray(clock: VectorClock, processIds: readonly string[]): number[] {
  return processIds.map((id) => clock.get(id) ?? 0);
}

/** The vector as the lecture writes it: `[2, 2, 1]`. */
export function formatVector(clock: VectorClock, processIds: readonly string[]): string {
  return `[${vectorToArray(clock, processIds).join(', ')}]`;
}

/**
 * Exercise 02.2: compares two vector timestamps.
 * `a` is `before` `b` when every entry of `a` is ≤ the one in `b` and at least one is smaller;
 * `concurrent` when each has some entry larger than the other's.
 *
 * @example
 * const ids = ['A', 'B', 'C'];
 * compareVectorClocks(vectorFromArray(ids, [1, 0, 0]), vectorFromArray(ids, [2, 1, 0])); // 'before'
 * compareVectorClocks(vectorFromArray(ids, [1, 0, 0]), vectorFromArray(ids, [0, 1, 0])); // 'concurrent'
 */
export function compareVectorClocks(a: VectorClock, b: VectorClock): VectorOrder {
  // #region exercise 02.2: Comparar relojes vectoriales (3 puntos)
  let aSmaller = false;
  let bSmaller = false;
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id) ?? 0;
    const y = b.get(id) ?? 0;
    if (x < y) aSmaller = true;
    if (y < x) bSmaller = true;
  }
  if (aSmaller && bSmaller) return 'concurrent';
  if (aSmaller) return 'before';
  if (bSmaller) return 'after';
  return 'equal';
  // #endregion exercise 02.2
}

/**
 * Exercise 02.3: merges two vector timestamps, entry by entry taking the maximum: what a
 * receiver knows after reading a message's vector (before ticking its own entry).
 *
 * @example
 * const ids = ['A', 'B', 'C'];
 * formatVector(mergeVectorClocks(vectorFromArray(ids, [2, 0, 0]), vectorFromArray(ids, [0, 1, 3])), ids); // '[2, 1, 3]'
 */
export function mergeVectorClocks(a: VectorClock, b: VectorClock): VectorClock {
  // #region exercise 02.3: Fusionar relojes vectoriales (2 puntos)
  const merged = new Map(a);
  for (const [id, value] of b) merged.set(id, Math.max(merged.get(id) ?? 0, value));
  return merged;
  // #endregion exercise 02.3
}

/** True when the event stamped `a` happened before the one stamped `b` (a → b). */
export function happenedBefore(a: VectorClock, b: VectorClock): boolean {
  // Uses exercise 02.2: in a student's copy this throws until the exercise is solved.
  return compareVectorClocks(a, b) === 'before';
}

/** True when neither event happened before the other (a ∥ b). */
export function concurrent(a: VectorClock, b: VectorClock): boolean {
  // Uses exercise 02.2: in a student's copy this throws until the exercise is solved.
  return compareVectorClocks(a, b) === 'concurrent';
}

/**
 * A process's vector clock (its `receive` relies on exercise 02.3): `tick` on local events and sends, `receive` on deliveries.
 *
 * @example
 * const a = new VectorClockState('A'), b = new VectorClockState('B');
 * const stamp = a.send();   // A: {A:1}
 * b.receive(stamp);         // B: {A:1, B:1}
 * b.format(['A', 'B', 'C']); // '[1, 1, 0]'
 */
export class VectorClockState {
  private clock = new Map<string, number>();

  constructor(readonly processId: string) {}

  /** The current vector (a copy). */
  get value(): VectorClock {
    return new Map(this.clock);
  }

  /** A local event: increments this process's entry; returns a copy of the new vector. */
  tick(): VectorClock {
    this.clock.set(this.processId, (this.clock.get(this.processId) ?? 0) + 1);
    return this.value;
  }

  /** A send: ticks and returns the vector to attach to the message. */
  send(): VectorClock {
    return this.tick();
  }

  /**
   * A receive: merges the message's vector (with exercise 02.3, {@link mergeVectorClocks}),
   * then ticks; returns the new vector.
   */
  receive(received: VectorClock): VectorClock {
    this.clock = new Map(mergeVectorClocks(this.clock, received));
    return this.tick();
  }

  /** The vector as `[a, b, c]` in the given process order. */
  format(processIds: readonly string[]): string {
    return formatVector(this.clock, processIds);
  }
}
