/**
 * Chord (Stoica et al., SIGCOMM 2001) on a static ring: every node knows its finger table
 * (finger[i] = successor(n + 2^i), i = 0…m−1) and a list of its r successors (§5.2), and a
 * lookup walks from node to node towards the key's predecessor, as the paper's
 * `find_successor` / `closest_preceding_node`. Dead nodes (a churn round without repair) cost
 * a timeout each; the successor list routes around them.
 */
import { checkId, checkIds, clockwise, ID_BITS, inHalfOpen, inOpen, lowerBound } from './ids';

// Module-level copies: the hot loops read plain locals, not an imported binding.
const BITS = ID_BITS;
const SPACE = 2 ** ID_BITS;

/** Options of a {@link ChordRing}. */
export interface ChordOptions {
  /** Successors each node keeps (r in the paper; default 8). */
  readonly successors?: number;
}

/** What a lookup did and found. */
export interface DhtLookup {
  /** The node found responsible for the key, or null if the lookup failed. */
  readonly owner: number | null;
  /**
   * Hops to the owner: Chord, the nodes contacted one after another up to the owner (its
   * path length); Kademlia, the round in which the owner answered.
   */
  readonly hops: number;
  /** Rounds of requests until the lookup ended (Chord: one request per round, so hops). */
  readonly rounds: number;
  /** Messages sent: a request and a reply per answering node, a request per dead one. */
  readonly messages: number;
  /** Requests to dead nodes (each one a timeout). */
  readonly timeouts: number;
  /** The nodes the lookup went through, starting node first. */
  readonly path: readonly number[];
  /** Why it failed (Spanish), when `owner` is null. */
  readonly failure?: string;
}

/** Options of a lookup. */
export interface LookupOptions {
  /** The nodes that are alive (default: all). Tables are not repaired: dead entries time out. */
  readonly alive?: ReadonlySet<number>;
}

/**
 * A Chord ring with complete finger tables and successor lists.
 *
 * @example
 * const ring = ChordRing.build(randomIds(1_000, createRng(1)));
 * ring.lookup(ring.ids[0], hashId('datos.txt')); // { owner, hops ≈ ½·log₂ 1000 ≈ 5, … }
 */
export class ChordRing {
  /** Node identifiers, ascending. */
  readonly ids: readonly number[];
  /** Successors per node (r). */
  readonly successorCount: number;
  private readonly fingers: Int32Array;
  private readonly sorted: Float64Array;
  private readonly index = new Map<number, number>();

  private constructor(ids: readonly number[], successorCount: number) {
    this.ids = ids;
    this.sorted = Float64Array.from(ids);
    this.successorCount = successorCount;
    ids.forEach((id, i) => this.index.set(id, i));
    const n = ids.length;
    this.fingers = new Int32Array(n * BITS);
    // The ring unrolled twice (ids, then ids + 2^32): n + 2^b never wraps, and the fingers of
    // one node only move forward, so each search starts where the previous one ended.
    const unrolled = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      unrolled[i] = ids[i] as number;
      unrolled[n + i] = (ids[i] as number) + SPACE;
    }
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      let at = i + 1;
      for (let b = 0; b < BITS; b++) {
        const start = id + 2 ** b;
        let hi = i + n;
        while (at < hi) {
          const mid = (at + hi) >>> 1;
          if ((unrolled[mid] as number) < start) at = mid + 1;
          else hi = mid;
        }
        this.fingers[i * BITS + b] = at % n;
      }
    }
  }

  /** Builds the ring of `ids` (any order; distinct identifiers in [0, 2³²)). */
  static build(ids: readonly number[], options: ChordOptions = {}): ChordRing {
    checkIds(ids);
    const r = options.successors ?? 8;
    if (!Number.isInteger(r) || r < 1) throw new RangeError(`successors (r) debe ser un entero ≥ 1, es ${String(r)}`);
    return new ChordRing([...ids].sort((a, b) => a - b), Math.min(r, Math.max(1, ids.length - 1)));
  }

  /** Number of nodes. */
  get size(): number {
    return this.ids.length;
  }

  /** True if `id` is a node of the ring. */
  has(id: number): boolean {
    return this.index.has(id);
  }

  /** The node responsible for `key` with every node alive: the first node at or after it. */
  successor(key: number): number {
    this.checkNotEmpty();
    return this.ids[this.successorIndex(checkId(key, 'la clave'))] as number;
  }

  /** The finger table of node `id`: `start` = id + 2^i and the node that holds it. */
  fingerTable(id: number): { readonly i: number; readonly start: number; readonly node: number }[] {
    const at = this.indexOf(id);
    return Array.from({ length: BITS }, (_, b) => ({ i: b, start: (id + 2 ** b) % SPACE, node: this.ids[this.fingers[at * BITS + b] as number] as number }));
  }

  /** The successor list of node `id` (its next r nodes clockwise). */
  successorList(id: number): number[] {
    const at = this.indexOf(id);
    return Array.from({ length: this.successorCount }, (_, j) => this.ids[(at + 1 + j) % this.size] as number);
  }

  /** The predecessor of node `id` on the ring. */
  predecessor(id: number): number {
    const at = this.indexOf(id);
    return this.ids[(at - 1 + this.size) % this.size] as number;
  }

  /**
   * Looks `key` up starting at node `from`, iteratively (the starting node asks each next
   * node for its closest preceding finger). With `alive`, dead fingers are tried, time out
   * and are skipped; the lookup fails when a node's whole successor list is dead.
   */
  lookup(from: number, key: number, options: LookupOptions = {}): DhtLookup {
    this.checkNotEmpty();
    checkId(key, 'la clave');
    if (!this.has(from)) throw new RangeError(`el nodo ${String(from)} no está en el anillo`);
    const alive = options.alive;
    const isAlive = (id: number) => alive === undefined || alive.has(id);
    if (!isAlive(from)) throw new RangeError(`el nodo ${from} está caído: una búsqueda empieza en un nodo vivo`);
    const path = [from];
    let hops = 0;
    let messages = 0;
    let timeouts = 0;
    const done = (owner: number | null, failure?: string): DhtLookup => ({ owner, hops, rounds: hops, messages, timeouts, path, ...(failure === undefined ? {} : { failure }) });
    // A node owns the keys in (predecessor, itself]; a one-node ring owns everything.
    if (this.size === 1 || inHalfOpen(key, this.predecessor(from), from)) return done(from);
    let current = from;
    for (let step = 0; step <= this.size + BITS; step++) {
      // Known nodes strictly between current and the key, closest to the key first (§4.3).
      const candidates = [...new Set([...this.fingerNodes(current), ...this.successorList(current)])]
        .filter((x) => inOpen(x, current, key))
        .sort((a, b) => clockwise(a, key) - clockwise(b, key));
      let next: number | undefined;
      for (const candidate of candidates) {
        messages++;
        if (isAlive(candidate)) {
          next = candidate;
          break;
        }
        timeouts++;
      }
      if (next === undefined) {
        // Nobody known precedes the key: its owner is current's first live successor (§5.2).
        for (const s of this.successorList(current)) {
          if (candidates.includes(s)) continue;
          if (isAlive(s)) {
            // The owner is contacted too (to fetch the value): one more hop.
            messages += 2;
            hops++;
            path.push(s);
            return done(s);
          }
          messages++;
          timeouts++;
        }
        return done(null, `los ${this.successorCount} sucesores de ${current} están caídos`);
      }
      messages++;
      hops++;
      path.push(next);
      current = next;
    }
    return done(null, 'la búsqueda no converge');
  }

  private fingerNodes(id: number): number[] {
    const at = this.indexOf(id);
    const out: number[] = [];
    for (let b = 0; b < BITS; b++) out.push(this.ids[this.fingers[at * BITS + b] as number] as number);
    return out;
  }

  private successorIndex(key: number): number {
    const i = lowerBound(this.sorted, key);
    return i === this.ids.length ? 0 : i;
  }

  private indexOf(id: number): number {
    const at = this.index.get(id);
    if (at === undefined) throw new RangeError(`el nodo ${String(id)} no está en el anillo`);
    return at;
  }

  private checkNotEmpty(): void {
    if (this.size === 0) throw new RangeError('el anillo está vacío: no hay ningún nodo que pueda ser responsable de la clave');
  }
}
