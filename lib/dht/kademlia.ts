/**
 * Kademlia (Maymounkov & Mazières, IPTPS 2002) on a static network: distance is the XOR of
 * two ids; each node keeps, for every i, a k-bucket of up to k contacts at distance in
 * [2^i, 2^(i+1)); a lookup asks α contacts at a time for the k closest nodes they know to the
 * key, until the k closest it has heard of have all answered (§2.3). Defaults k = 20, α = 3.
 */
import { createRng } from '../random/index';
import type { Rng } from '../random/index';
import type { DhtLookup, LookupOptions } from './chord';
import { checkId, checkIds, ID_BITS, lowerBound, xor } from './ids';

// Module-level copies: the hot loops read plain locals, not an imported binding.
const BITS = ID_BITS;

/** A k-bucket index function: `(selfId, otherId) → i` with 2^i ≤ self XOR other < 2^(i+1). */
export type BucketIndexFn = (selfId: number, otherId: number) => number;

/** Options of {@link KademliaNetwork.build}. */
export interface KademliaOptions {
  /** Contacts per bucket and nodes returned per answer (default 20). */
  readonly k?: number;
  /** Parallel requests per round (default 3). */
  readonly alpha?: number;
  /** Chooses which contacts fill a bucket with more than k candidates (as who was met first). */
  readonly rng: Rng;
  /**
   * Builds the tables by inserting every other node through this function (O(N²): small
   * networks; the chapter's exercise cell passes the student's function). Default: the kit's
   * own, bucket by bucket over the sorted ids.
   */
  readonly bucketIndex?: BucketIndexFn;
}

/** The kit's k-bucket index: the position of the highest bit in which the two ids differ. */
export function bucketIndexOf(selfId: number, otherId: number): number {
  return 31 - Math.clz32(xor(selfId, otherId));
}

/**
 * A Kademlia network with full k-buckets.
 *
 * @example
 * const net = KademliaNetwork.build(randomIds(1_000, createRng(1)), { rng: createRng(2) });
 * net.lookup(net.ids[0], hashId('datos.txt')); // { owner: the node closest by XOR, hops ≈ 3, … }
 */
export class KademliaNetwork {
  /** Node identifiers, ascending. */
  readonly ids: readonly number[];
  readonly k: number;
  readonly alpha: number;
  /** Per node (by its index in `ids`), its buckets 0…31 of contact ids; filled on first use. */
  private readonly buckets: (number[][] | undefined)[];
  private readonly index = new Map<number, number>();
  private readonly tableSeed: string;
  private readonly insertWith: BucketIndexFn | undefined;

  private constructor(ids: readonly number[], k: number, alpha: number, tableSeed: string, insertWith: BucketIndexFn | undefined) {
    this.ids = ids;
    this.k = k;
    this.alpha = alpha;
    this.tableSeed = tableSeed;
    this.insertWith = insertWith;
    this.buckets = new Array<number[][] | undefined>(ids.length);
    ids.forEach((id, i) => this.index.set(id, i));
    // With the student's bucket function every table is built now, so its errors show at once.
    if (insertWith !== undefined) ids.forEach((_, i) => this.tableAt(i));
  }

  /** Builds the routing tables of `ids` (distinct identifiers in [0, 2³²)). */
  static build(ids: readonly number[], options: KademliaOptions): KademliaNetwork {
    checkIds(ids);
    const k = options.k ?? 20;
    const alpha = options.alpha ?? 3;
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k debe ser un entero ≥ 1, es ${String(k)}`);
    if (!Number.isInteger(alpha) || alpha < 1) throw new RangeError(`alpha debe ser un entero ≥ 1, es ${String(alpha)}`);
    const sorted = [...ids].sort((a, b) => a - b);
    // Each node's table draws from its own stream (seed + node id): tables are the same
    // whichever order they are first used in, so they can be built lazily.
    const tableSeed = Math.floor(options.rng.next() * 2 ** 32).toString(16);
    return new KademliaNetwork(sorted, k, alpha, tableSeed, options.bucketIndex);
  }

  /** Number of nodes. */
  get size(): number {
    return this.ids.length;
  }

  /** True if `id` is a node of the network. */
  has(id: number): boolean {
    return this.index.has(id);
  }

  /** The k-buckets of node `id`: `buckets[i]` holds contacts at XOR distance in [2^i, 2^(i+1)). */
  bucketsOf(id: number): number[][] {
    return this.tableAt(this.indexOf(id)).map((b) => [...b]);
  }

  /** The `count` contacts of node `id` closest to `target` by XOR, closest first. */
  closestContacts(id: number, target: number, count: number): number[] {
    const buckets = this.tableAt(this.indexOf(id));
    const byDistance = (list: readonly number[]) => [...list].sort((a, b) => xor(a, target) - xor(b, target));
    // With d = id XOR target, a contact in bucket i is at d with bit i flipped (and lower bits
    // changed): the buckets at d's set bits, highest first, are closer than d; the buckets at
    // its zero bits, lowest first, farther. So buckets come in that order, each sorted.
    const d = xor(id, target);
    const out: number[] = [];
    for (let i = BITS - 1; i >= 0 && out.length < count; i--) if (Math.floor(d / 2 ** i) % 2 === 1) out.push(...byDistance(buckets[i] ?? []));
    for (let i = 0; i < BITS && out.length < count; i++) if (Math.floor(d / 2 ** i) % 2 === 0) out.push(...byDistance(buckets[i] ?? []));
    return out.slice(0, count);
  }

  /**
   * Iterative FIND_NODE for `key` from node `from`: rounds of α parallel requests; a dead
   * contact times out and is dropped. `owner` is the closest node that answered, `hops` the
   * round it answered in, `rounds` all the rounds (the last ones only confirm the k closest);
   * the lookup fails if no contact answers at all.
   */
  lookup(from: number, key: number, options: LookupOptions = {}): DhtLookup {
    if (this.size === 0) throw new RangeError('la red está vacía: no hay ningún nodo que pueda ser responsable de la clave');
    checkId(key, 'la clave');
    if (!this.has(from)) throw new RangeError(`el nodo ${String(from)} no está en la red`);
    const alive = options.alive;
    const isAlive = (id: number) => alive === undefined || alive.has(id);
    if (!isAlive(from)) throw new RangeError(`el nodo ${from} está caído: una búsqueda empieza en un nodo vivo`);
    // State of every node heard of: 'new' (not asked yet), 'answered' or 'dead'; `known` keeps
    // them sorted by distance to the key (binary insertion: cheaper than sorting every round).
    const state = new Map<number, 'new' | 'answered' | 'dead'>([[from, 'answered']]);
    const known: number[] = [from];
    const hear = (id: number) => {
      if (state.has(id)) return;
      state.set(id, 'new');
      const d = xor(id, key);
      let lo = 0;
      let hi = known.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (xor(known[mid] as number, key) < d) lo = mid + 1;
        else hi = mid;
      }
      known.splice(lo, 0, id);
    };
    for (const c of this.closestContacts(from, key, this.k)) hear(c);
    const path = [from];
    const answeredIn = new Map<number, number>([[from, 0]]);
    let rounds = 0;
    let messages = 0;
    let timeouts = 0;
    for (;;) {
      const shortlist: number[] = [];
      for (const id of known) {
        if (state.get(id) === 'dead') continue;
        shortlist.push(id);
        if (shortlist.length === this.k) break;
      }
      const ask = shortlist.filter((id) => state.get(id) === 'new').slice(0, this.alpha);
      if (ask.length === 0) {
        const owner = shortlist[0];
        if (owner === undefined) return { owner: null, hops: rounds, rounds, messages, timeouts, path, failure: 'ningún contacto respondió' };
        return { owner, hops: answeredIn.get(owner) ?? rounds, rounds, messages, timeouts, path };
      }
      rounds++;
      for (const contact of ask) {
        messages++;
        if (!isAlive(contact)) {
          timeouts++;
          state.set(contact, 'dead');
          continue;
        }
        messages++;
        state.set(contact, 'answered');
        answeredIn.set(contact, rounds);
        path.push(contact);
        for (const c of this.closestContacts(contact, key, this.k)) hear(c);
      }
    }
  }

  private tableAt(at: number): number[][] {
    const cached = this.buckets[at];
    if (cached !== undefined) return cached;
    const id = this.ids[at] as number;
    const rng = createRng(`${this.tableSeed}/${id}`);
    const table = this.insertWith === undefined ? rangeBuckets(this.ids, id, this.k, rng) : insertedBuckets(this.ids, id, this.k, rng, this.insertWith);
    this.buckets[at] = table;
    return table;
  }

  private indexOf(id: number): number {
    const at = this.index.get(id);
    if (at === undefined) throw new RangeError(`el nodo ${String(id)} no está en la red`);
    return at;
  }
}

/** Up to k distinct indices in [lo, hi), drawn with `rng` (all of them when there are k or fewer). */
function pickRange(lo: number, hi: number, k: number, rng: Rng): number[] {
  const size = hi - lo;
  if (size <= k) return Array.from({ length: size }, (_, j) => lo + j);
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(lo + Math.floor(rng.next() * size));
  return [...chosen];
}

// Bucket i of x holds the ids that share x's bits above i and differ at bit i: one contiguous
// range of the sorted ids, [p, p + 2^i) with p = ((x >>> i) ^ 1) << i.
function rangeBuckets(sorted: readonly number[], x: number, k: number, rng: Rng): number[][] {
  const table: number[][] = [];
  for (let i = 0; i < BITS; i++) {
    const p = ((Math.floor(x / 2 ** i) ^ 1) >>> 0) * 2 ** i;
    const lo = lowerBound(sorted, p);
    const hi = lowerBound(sorted, p + 2 ** i);
    table.push(pickRange(lo, hi, k, rng).map((j) => sorted[j] as number));
  }
  return table;
}

function insertedBuckets(sorted: readonly number[], x: number, k: number, rng: Rng, bucketIndex: BucketIndexFn): number[][] {
  const buckets: number[][] = Array.from({ length: BITS }, () => []);
  // Nodes are met in a random order; a full bucket keeps the ones met first (§2.2).
  for (const y of rng.shuffle(sorted)) {
    if (y === x) continue;
    const i = bucketIndex(x, y);
    const bucket = buckets[i];
    if (!Number.isInteger(i) || bucket === undefined) throw new RangeError(`el índice de k-bucket de ${y} visto desde ${x} debe ser un entero en [0, ${BITS}), es ${String(i)}`);
    if (bucket.length < k) bucket.push(y);
  }
  return buckets;
}
