/**
 * A min-heap of events ordered by `(timeMs, seq)`.
 *
 * `seq` is a global insertion counter, so two events at the same millisecond come out in
 * the order they were scheduled: the tie-break that makes a run reproducible.
 */

/** Anything the queue can hold: a time and a unique, increasing sequence number. */
export interface Scheduled {
  readonly timeMs: number;
  readonly seq: number;
}

const INITIAL_CAPACITY = 64;

/**
 * A 4-ary min-heap keyed by `(timeMs, seq)`; O(log n) push and pop.
 *
 * The times live in a `Float64Array` beside the events, so comparisons read contiguous
 * unboxed numbers (the four children of a node share a cache line or two) instead of
 * chasing a pointer to each event; only a tie on time reads the events' `seq`. This is what
 * keeps a pop cheap with a million pending events.
 *
 * @example
 * const q = new EventQueue<{ timeMs: number; seq: number; what: string }>();
 * q.push({ timeMs: 5, seq: 0, what: 'b' });
 * q.push({ timeMs: 1, seq: 1, what: 'a' });
 * q.pop()?.what; // 'a'
 */
export class EventQueue<E extends Scheduled> {
  private items: (E | undefined)[] = [];
  private times = new Float64Array(INITIAL_CAPACITY);
  private count = 0;

  /** How many events are pending. */
  get size(): number {
    return this.count;
  }

  /** The earliest event, without removing it. */
  peek(): E | undefined {
    return this.count > 0 ? this.items[0] : undefined;
  }

  /** The time of the earliest event, or `Infinity` when the queue is empty. */
  peekTime(): number {
    return this.count > 0 ? (this.times[0] as number) : Infinity;
  }

  /** Adds an event. */
  push(event: E): void {
    if (this.count === this.times.length) this.grow();
    const { items, times } = this;
    const t = event.timeMs;
    let i = this.count++;
    // Sift up: move the hole towards the root while the parent is later.
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = times[p] as number;
      if (pt < t || (pt === t && (items[p] as E).seq < event.seq)) break;
      items[i] = items[p];
      times[i] = pt;
      i = p;
    }
    items[i] = event;
    times[i] = t;
  }

  /** Removes and returns the earliest event. */
  pop(): E | undefined {
    if (this.count === 0) return undefined;
    const { items, times } = this;
    const top = items[0];
    const n = --this.count;
    const last = items[n] as E;
    items[n] = undefined;
    if (n === 0) return top;
    const t = times[n] as number;
    // Sift down the former last element from the root, choosing the earliest of four children.
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let c = first;
      let ct = times[first] as number;
      const end = first + 4 < n ? first + 4 : n;
      for (let j = first + 1; j < end; j++) {
        const jt = times[j] as number;
        if (jt < ct || (jt === ct && (items[j] as E).seq < (items[c] as E).seq)) {
          c = j;
          ct = jt;
        }
      }
      if (t < ct || (t === ct && last.seq < (items[c] as E).seq)) break;
      items[i] = items[c];
      times[i] = ct;
      i = c;
    }
    items[i] = last;
    times[i] = t;
    return top;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    this.times = times;
  }
}
