/**
 * An intrusive doubly linked list: O(1) append, unlink and pop-front. The caches use it instead
 * of a `Map`'s insertion order because V8 leaves deleted entries as holes at the front of a Map
 * until its next rehash, so `map.keys().next()` after many evictions walks past them all
 * (bench/cdn.bench.ts: an LRU on a Map's order runs about 10–18× slower, depending on the machine, than on this list with
 * 5000 objects).
 */

/** One entry of a {@link LinkedList}. */
export interface ListNode<K> {
  readonly key: K;
  /** A counter the owner may use (LFU stores the request count here). */
  count: number;
  prev: ListNode<K> | undefined;
  next: ListNode<K> | undefined;
}

/** A doubly linked list of nodes, oldest first. */
export class LinkedList<K> {
  head: ListNode<K> | undefined = undefined;
  tail: ListNode<K> | undefined = undefined;
  size = 0;

  /** Appends `node` at the tail (the newest end). */
  push(node: ListNode<K>): void {
    node.prev = this.tail;
    node.next = undefined;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.size++;
  }

  /** Removes `node`, which must be in this list. */
  unlink(node: ListNode<K>): void {
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = undefined;
    node.next = undefined;
    this.size--;
  }

  /** The keys, head (oldest) first. */
  keys(): K[] {
    const out: K[] = [];
    for (let n = this.head; n; n = n.next) out.push(n.key);
    return out;
  }
}

/** A fresh node for `key`. */
export function listNode<K>(key: K, count = 0): ListNode<K> {
  return { key, count, prev: undefined, next: undefined };
}
