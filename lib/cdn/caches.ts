/**
 * Edge caches that hold whole objects of equal size: capacity is counted in objects, not bytes
 * (a simplification the hit-ratio models share). Every policy answers `access(id)` in O(1):
 * a hit, or a miss that fetches the object and stores it, evicting one victim when full.
 */
import { LinkedList, listNode } from './linked-list';
import type { ListNode } from './linked-list';

/** The eviction policies of the kit. */
export type CachePolicy = 'lru' | 'lfu' | 'fifo';

/** The policies, in the order tables and plots list them. */
export const CACHE_POLICIES: readonly CachePolicy[] = ['lru', 'lfu', 'fifo'];

/** Spanish names for tables and legends. */
export const POLICY_NAMES: Record<CachePolicy, string> = { lru: 'LRU', lfu: 'LFU', fifo: 'FIFO' };

/** A cache of whole objects keyed by id. */
export interface EdgeCache<K = number> {
  /** Its eviction policy. */
  readonly policy: CachePolicy;
  /** How many objects it holds at most (0: it stores nothing, every request is a miss). */
  readonly capacity: number;
  /** Objects stored now. */
  readonly size: number;
  /** One request: true on a hit; on a miss the object is stored (evicting one if full). */
  access(id: K): boolean;
  /** Whether `id` is stored, without counting as a request. */
  has(id: K): boolean;
  /** The stored ids, eviction order first (the next victim first). */
  keys(): K[];
  /** The id the last `access` evicted, or `undefined` if it evicted none. */
  readonly lastEvicted: K | undefined;
}

/** Checks a capacity: an integer ≥ 0. */
export function checkCapacity(capacity: unknown): number {
  if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0) throw new RangeError(`la capacidad de la caché debe ser un entero ≥ 0 (en objetos), recibido ${String(capacity)}`);
  return capacity;
}

/**
 * A cache kept in one linked list, the next victim at its head: LRU and FIFO differ only in
 * whether a hit moves the object to the tail (the list is then the recency order, otherwise
 * the insertion order). A miss on a full cache evicts the head.
 */
abstract class ListOrderCache<K> implements EdgeCache<K> {
  abstract readonly policy: CachePolicy;
  readonly capacity: number;
  lastEvicted: K | undefined = undefined;
  private readonly nodes = new Map<K, ListNode<K>>();
  private readonly order = new LinkedList<K>();

  constructor(capacity: number, private readonly refreshOnHit: boolean) {
    this.capacity = checkCapacity(capacity);
  }

  get size(): number {
    return this.nodes.size;
  }

  access(id: K): boolean {
    this.lastEvicted = undefined;
    const node = this.nodes.get(id);
    if (node !== undefined) {
      if (this.refreshOnHit) {
        this.order.unlink(node);
        this.order.push(node);
      }
      return true;
    }
    if (this.capacity === 0) return false;
    if (this.nodes.size >= this.capacity) {
      const victim = this.order.head as ListNode<K>;
      this.order.unlink(victim);
      this.nodes.delete(victim.key);
      this.lastEvicted = victim.key;
    }
    const fresh = listNode(id);
    this.nodes.set(id, fresh);
    this.order.push(fresh);
    return false;
  }

  has(id: K): boolean {
    return this.nodes.has(id);
  }

  keys(): K[] {
    return this.order.keys();
  }
}

/**
 * Least recently used: a hit moves the object to the tail of a linked list (the list's order is
 * the recency order), a miss on a full cache evicts the head.
 *
 * @example
 * const lru = new LruCache(2);
 * lru.access(1); lru.access(2); lru.access(1); lru.access(3); // evicts 2
 */
export class LruCache<K = number> extends ListOrderCache<K> {
  readonly policy = 'lru' as const;

  constructor(capacity: number) {
    super(capacity, true);
  }
}

/**
 * First in, first out: a hit changes nothing, a miss on a full cache evicts the oldest insertion.
 */
export class FifoCache<K = number> extends ListOrderCache<K> {
  readonly policy = 'fifo' as const;

  constructor(capacity: number) {
    super(capacity, false);
  }
}

/**
 * Least frequently used, in O(1) with frequency buckets (Shah, Mitra and Matani, "An O(1)
 * algorithm for implementing the LFU cache eviction scheme", 2010). The count is of requests
 * **since the object entered the cache** (in-cache LFU: an evicted object forgets its count),
 * and ties between objects with the least count go to the **least recently used** of them:
 * each bucket is a linked list in the order of the objects' last requests.
 */
export class LfuCache<K = number> implements EdgeCache<K> {
  readonly policy = 'lfu' as const;
  readonly capacity: number;
  lastEvicted: K | undefined = undefined;
  private readonly nodes = new Map<K, ListNode<K>>();
  private readonly buckets = new Map<number, LinkedList<K>>();
  private minCount = 0;

  constructor(capacity: number) {
    this.capacity = checkCapacity(capacity);
  }

  get size(): number {
    return this.nodes.size;
  }

  access(id: K): boolean {
    this.lastEvicted = undefined;
    const node = this.nodes.get(id);
    if (node !== undefined) {
      const bucket = this.buckets.get(node.count) as LinkedList<K>;
      bucket.unlink(node);
      if (bucket.size === 0) {
        this.buckets.delete(node.count);
        if (this.minCount === node.count) this.minCount = node.count + 1;
      }
      node.count++;
      this.bucketOf(node.count).push(node);
      return true;
    }
    if (this.capacity === 0) return false;
    if (this.nodes.size >= this.capacity) this.evict();
    const fresh = listNode(id, 1);
    this.nodes.set(id, fresh);
    this.bucketOf(1).push(fresh);
    this.minCount = 1;
    return false;
  }

  has(id: K): boolean {
    return this.nodes.has(id);
  }

  keys(): K[] {
    const counts = [...this.buckets.keys()].sort((a, b) => a - b);
    return counts.flatMap((c) => (this.buckets.get(c) as LinkedList<K>).keys());
  }

  private bucketOf(count: number): LinkedList<K> {
    let bucket = this.buckets.get(count);
    if (bucket === undefined) {
      bucket = new LinkedList<K>();
      this.buckets.set(count, bucket);
    }
    return bucket;
  }

  private evict(): void {
    const bucket = this.buckets.get(this.minCount) as LinkedList<K>;
    const victim = bucket.head as ListNode<K>;
    bucket.unlink(victim);
    if (bucket.size === 0) this.buckets.delete(this.minCount);
    this.nodes.delete(victim.key);
    this.lastEvicted = victim.key;
  }
}

/**
 * A cache of the given policy and capacity.
 *
 * @example
 * const cache = createCache('lfu', 100);
 * cache.access(7); // false: a miss, now stored
 */
export function createCache<K = number>(policy: CachePolicy, capacity: number): EdgeCache<K> {
  switch (policy) {
    case 'lru': return new LruCache<K>(capacity);
    case 'lfu': return new LfuCache<K>(capacity);
    case 'fifo': return new FifoCache<K>(capacity);
    default: throw new RangeError(`política de caché desconocida: ${String(policy)} (usa 'lru', 'lfu' o 'fifo')`);
  }
}

/**
 * Plays a stream of ids through a fresh cache; the hit ratio counts only requests after the
 * first `warmup` (a cold cache misses everything at first).
 */
export function hitRatioOf(stream: ArrayLike<number>, cache: EdgeCache<number>, warmup = 0): number {
  if (!Number.isInteger(warmup) || warmup < 0 || warmup >= Math.max(1, stream.length)) throw new RangeError(`el calentamiento debe ser un entero en [0, peticiones), recibido ${String(warmup)}`);
  let hits = 0;
  for (let i = 0; i < stream.length; i++) {
    const hit = cache.access(stream[i] as number);
    if (hit && i >= warmup) hits++;
  }
  return stream.length > warmup ? hits / (stream.length - warmup) : 0;
}
