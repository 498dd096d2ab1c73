/**
 * A binary min-heap of events ordered by `(timeMs, seq)`.
 *
 * `seq` is a global insertion counter, so two events at the same millisecond come out in
 * the order they were scheduled: the tie-break that makes a run reproducible.
 */

/** Anything the queue can hold: a time and a unique, increasing sequence number. */
export interface Scheduled {
  readonly timeMs: number;
  readonly seq: number;
}

/**
 * A binary min-heap keyed by `(timeMs, seq)`; O(log n) push and pop.
 *
 * @example
 * const q = new EventQueue<{ timeMs: number; seq: number; what: string }>();
 * q.push({ timeMs: 5, seq: 0, what: 'b' });
 * q.push({ timeMs: 1, seq: 1, what: 'a' });
 * q.pop()?.what; // 'a'
 */
export class EventQueue<E extends Scheduled> {
  private readonly items: E[] = [];

  /** How many events are pending. */
  get size(): number {
    return this.items.length;
  }

  /** The earliest event, without removing it. */
  peek(): E | undefined {
    return this.items[0];
  }

  /** Adds an event. */
  push(event: E): void {
    const items = this.items;
    let i = items.length;
    items.push(event);
    // Sift up: move the hole towards the root while the parent is later.
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = items[parentIndex] as E;
      if (!before(event, parent)) break;
      items[i] = parent;
      i = parentIndex;
    }
    items[i] = event;
  }

  /** Removes and returns the earliest event. */
  pop(): E | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    // Sift down the former last element from the root.
    const n = items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      let childEvent = items[left] as E;
      if (right < n) {
        const rightEvent = items[right] as E;
        if (before(rightEvent, childEvent)) {
          child = right;
          childEvent = rightEvent;
        }
      }
      if (!before(childEvent, last)) break;
      items[i] = childEvent;
      i = child;
    }
    items[i] = last;
    return top;
  }

  /** Removes every event for which `keep` returns false (O(n)); used rarely, e.g. on crash. */
  filter(keep: (event: E) => boolean): void {
    const kept = this.items.filter(keep);
    this.items.length = 0;
    for (const event of kept) this.push(event);
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}
