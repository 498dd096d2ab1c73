/**
 * The consistent-hash ring (Karger et al. 1997) with virtual nodes, as the lecture's
 * `ConsistentHashBalancer` builds it: each server is hashed `virtualNodes` times
 * (`"S1-0"`, `"S1-1"`, …) onto a 32-bit circle, and a key belongs to the first point
 * clockwise after its own hash.
 * @packageDocumentation
 */
import { digestUint32BE, md5Words } from './hashing-md5';

const digest = new Uint32Array(4);

/**
 * The ring's 32-bit hash of a key: the lecture's `int(md5(key).hexdigest(), 16) % 2**32`.
 *
 * Reducing the 128-bit MD5 integer modulo 2^32 keeps its low 32 bits, which are the LAST
 * 4 bytes of the digest read as an unsigned big-endian integer; reading them directly is the
 * same number without a 128-bit integer. Equal to Python's value for every key. MD5 is computed
 * by `hashing-md5.ts` (same digest as `node:crypto`, several times cheaper for short keys).
 * @example
 * ringHash('S1-0'); // same as Python: int(hashlib.md5(b'S1-0').hexdigest(), 16) % 2**32
 */
export function ringHash(key: string): number {
  md5Words(key, digest);
  return digestUint32BE(digest, 3);
}

/** Options of {@link ConsistentHashRing}. */
export interface RingOptions {
  /** Points per server on the ring (the lecture's `replicas`); default 100, integer ≥ 1. */
  readonly virtualNodes?: number;
  /** Hash of keys and of virtual-node names to [0, 2^32); default {@link ringHash}. */
  readonly hash?: (key: string) => number;
}

/** One point of the ring: a virtual node of `server` at position `point`. */
export interface RingPoint {
  readonly point: number;
  readonly server: string;
}

/** Default number of virtual nodes per server. */
export const DEFAULT_VIRTUAL_NODES = 100;

/** Name hashed for the `index`-th virtual node of `server` (the lecture's `f"{server}-{i}"`). */
export function virtualNodeName(server: string, index: number): string {
  return `${server}-${index}`;
}

/**
 * A consistent-hash ring of servers with virtual nodes: `lookup(key)` returns the server of the
 * first point strictly after `hash(key)` clockwise (Python's `bisect.bisect`, as in the lecture),
 * wrapping around past 2^32 − 1. Adding or removing one server moves only the keys of its arcs
 * (≈ K/N of K keys), unlike modulo hashing, which moves almost all of them.
 *
 * Points that collide on the same position are ordered by server name, so the ring is the same
 * whatever the order servers were added in.
 * @example
 * const ring = new ConsistentHashRing(['S1', 'S2', 'S3'], { virtualNodes: 100 });
 * ring.lookup('usuario:42'); // → 'S2' (always the same server for the same key)
 * ring.add('S4');            // only ≈ 1/4 of the keys now map to S4; the rest stay put
 */
export class ConsistentHashRing {
  private readonly virtualNodes: number;
  private readonly hash: (key: string) => number;
  private readonly serverList: string[] = [];
  /** Sorted by (point, server). Parallel arrays (positions typed) for an allocation-free binary search. */
  private ringPoints = new Uint32Array(0);
  private ringServers: string[] = [];

  constructor(servers: readonly string[], options: RingOptions = {}) {
    const virtualNodes = options.virtualNodes ?? DEFAULT_VIRTUAL_NODES;
    if (!Number.isInteger(virtualNodes) || virtualNodes < 1) {
      throw new RangeError(
        `virtualNodes debe ser un entero ≥ 1 (cada servidor necesita al menos un punto en el anillo); recibido ${String(virtualNodes)}`,
      );
    }
    if (!Array.isArray(servers)) {
      throw new TypeError('servers debe ser una lista de nombres de servidor');
    }
    this.virtualNodes = virtualNodes;
    this.hash = options.hash ?? ringHash;
    const seen = new Set<string>();
    for (const server of servers) {
      checkServerName(server);
      if (seen.has(server)) throw new Error(`servidor duplicado en el anillo: "${server}"`);
      seen.add(server);
    }
    const entries: RingPoint[] = [];
    for (const server of servers) {
      this.serverList.push(server);
      for (const point of this.pointsOf(server)) entries.push({ point, server });
    }
    this.setPoints(entries);
  }

  /** The servers on the ring, in the order they were added. */
  get servers(): readonly string[] {
    return this.serverList.slice();
  }

  /** Number of virtual nodes per server. */
  get virtualNodesPerServer(): number {
    return this.virtualNodes;
  }

  /** Adds a server with its virtual nodes; throws if it is already on the ring. */
  add(server: string): void {
    checkServerName(server);
    if (this.serverList.includes(server)) throw new Error(`el servidor "${server}" ya está en el anillo`);
    this.serverList.push(server);
    const entries = this.points().slice();
    for (const point of this.pointsOf(server)) entries.push({ point, server });
    this.setPoints(entries);
  }

  /** Removes a server and all its virtual nodes; throws if it is not on the ring. */
  remove(server: string): void {
    const index = this.serverList.indexOf(server);
    if (index < 0) throw new Error(`el servidor "${String(server)}" no está en el anillo`);
    this.serverList.splice(index, 1);
    this.setPoints(this.points().filter((entry) => entry.server !== server));
  }

  /** The server that owns `key`: the first point strictly after `hash(key)`, wrapping around. */
  lookup(key: string): string {
    const points = this.ringPoints;
    const count = points.length;
    if (count === 0) throw new Error('el anillo está vacío: añade al menos un servidor antes de buscar una clave');
    if (typeof key !== 'string') throw new TypeError(`la clave debe ser un string; recibido ${typeof key}`);
    const h = this.hash(key);
    // Binary search for the first point > h (bisect_right), on the typed array: no allocation.
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((points[mid] as number) <= h) low = mid + 1;
      else high = mid;
    }
    return this.ringServers[low === count ? 0 : low] as string;
  }

  /** Every point of the ring sorted by position (ties by server name), for plots and checks. */
  points(): readonly RingPoint[] {
    const out: RingPoint[] = [];
    for (let i = 0; i < this.ringPoints.length; i++) {
      out.push({ point: this.ringPoints[i] as number, server: this.ringServers[i] as string });
    }
    return out;
  }

  private pointsOf(server: string): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.virtualNodes; i++) {
      const point = this.hash(virtualNodeName(server, i));
      if (!Number.isInteger(point) || point < 0 || point >= 2 ** 32) {
        throw new RangeError(`la función hash debe dar un entero en [0, 2^32); dio ${String(point)}`);
      }
      out.push(point);
    }
    return out;
  }

  private setPoints(entries: RingPoint[]): void {
    entries.sort((a, b) => a.point - b.point || (a.server < b.server ? -1 : a.server > b.server ? 1 : 0));
    this.ringPoints = Uint32Array.from(entries, (entry) => entry.point);
    this.ringServers = entries.map((entry) => entry.server);
  }
}

/**
 * Modulo hashing, the "traditional" scheme the lecture warns about: `servers[ringHash(key) % N]`.
 * Changing N remaps almost every key (≈ 1 − 1/N of them when a server joins).
 */
export function moduloLookup(key: string, servers: readonly string[]): string {
  if (servers.length === 0) throw new Error('la lista de servidores está vacía: no hay a quién asignar la clave');
  return servers[ringHash(key) % servers.length] as string;
}

function checkServerName(server: unknown): asserts server is string {
  if (typeof server !== 'string' || server.length === 0) {
    throw new TypeError(`el nombre de un servidor debe ser un string no vacío; recibido ${JSON.stringify(server)}`);
  }
}
