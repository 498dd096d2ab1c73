/**
 * A FIFO queue with O(1) push and shift (an array and a head index, compacted when half of it
 * is consumed): a mailbox of 200 000 messages must not cost a quadratic `Array.shift`.
 */
export class Queue<T> {
  private items: T[] = [];
  private head = 0;

  /** Number of items waiting. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Adds `item` at the back. */
  push(item: T): void {
    this.items.push(item);
  }

  /** Removes and returns the front item (`undefined` when empty). */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head] as T;
    this.head++;
    if (this.head > 1_024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes and returns every waiting item, front first. */
  takeAll(): T[] {
    const out = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return out;
  }
}
