/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup & Zadimoghaddam, SODA 2018), as
 * HAProxy implements it (`hash-balance-factor`, `chash_server_is_eligible` in lb_chash.c):
 * a key walks the ring clockwise from its point, skipping servers that are full, where "full"
 * means holding more than `balanceFactor`% of the average load.
 * @packageDocumentation
 */
import { ConsistentHashRing, ringHash } from './ring';
import type { RingOptions } from './ring';

/** Options of {@link BoundedLoadRing}. */
export interface BoundedLoadOptions extends RingOptions {
  /** Allowed load as a percentage of the mean, integer > 100; default 125 (c = 1.25, HAProxy's `hash-balance-factor 125`). */
  readonly balanceFactor?: number;
}

/**
 * A consistent-hash ring whose servers never take more than their share of ⌈c·(m + 1)⌉ slots
 * (m = assignments held now), and never fewer than 1 slot, so max/mean load ≤ c up to rounding
 * (at low load a server may hold 1 even when c·(m + 1)/N < 1). Each `assign(key)` is one request or
 * connection that stays until `release(server)`. Keys go to their ring server while it has
 * room, so most keys keep their server; only overflow moves on to the next servers clockwise.
 * @example
 * const bounded = new BoundedLoadRing(['S1', 'S2', 'S3'], { balanceFactor: 125 });
 * const server = bounded.assign('usuario:42'); // its ring server, unless that one is full
 * bounded.release(server);
 */
export class BoundedLoadRing {
  /** The balance factor in percent. */
  readonly balanceFactor: number;
  private readonly ring: ConsistentHashRing;
  private readonly pointHashes: number[];
  private readonly pointServers: string[];
  private readonly order: readonly string[];
  private readonly position = new Map<string, number>();
  private readonly load = new Map<string, number>();
  private readonly hash: (key: string) => number;
  private total = 0;

  constructor(servers: readonly string[], options: BoundedLoadOptions = {}) {
    const balanceFactor = options.balanceFactor ?? 125;
    if (!Number.isInteger(balanceFactor) || balanceFactor <= 100) {
      throw new RangeError(`balanceFactor debe ser un entero mayor que 100 (por ciento de la carga media); recibido ${String(balanceFactor)}`);
    }
    if (servers.length === 0) throw new Error('la lista de servidores está vacía: no hay a quién asignar claves');
    this.balanceFactor = balanceFactor;
    this.ring = new ConsistentHashRing(servers, options);
    this.hash = options.hash ?? ringHash;
    const points = this.ring.points();
    this.pointHashes = points.map((p) => p.point);
    this.pointServers = points.map((p) => p.server);
    this.order = this.ring.servers;
    this.order.forEach((server, index) => {
      this.load.set(server, 0);
      this.position.set(server, index);
    });
  }

  /**
   * Slots `server` may hold now: HAProxy's ⌈(m + 1)·factor/100⌉ spread evenly, remainder by
   * position, and at least 1 (HAProxy's `if (slots == 0) slots = 1`, Mirrokni et al.'s
   * ⌈c·m/n⌉ ≥ 1), so at low load every key still goes to its own ring server.
   */
  capacity(server: string): number {
    const n = this.order.length;
    const index = this.position.get(server) ?? -1;
    if (index < 0) throw new Error(`el servidor "${String(server)}" no está en el anillo`);
    const totalSlots = Math.floor(((this.total + 1) * this.balanceFactor + 99) / 100);
    const remainder = totalSlots % n;
    return Math.max(1, Math.floor(totalSlots / n) + Math.floor(((index + 1) * remainder) / n) - Math.floor((index * remainder) / n));
  }

  /** Assigns `key` to the first server clockwise from it that has room, and counts it there. */
  assign(key: string): string {
    if (typeof key !== 'string') throw new TypeError(`la clave debe ser un string; recibido ${typeof key}`);
    const h = this.hash(key);
    const count = this.pointHashes.length;
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.pointHashes[mid] as number) <= h) low = mid + 1;
      else high = mid;
    }
    // The slots add up to more than the assignments held, so some server has room: ≤ one lap.
    for (let step = 0; step < count; step++) {
      const server = this.pointServers[(low + step) % count] as string;
      const held = this.load.get(server) as number;
      if (held < this.capacity(server)) {
        this.load.set(server, held + 1);
        this.total += 1;
        return server;
      }
    }
    throw new Error('anillo acotado sin servidor con hueco (no debería ocurrir)');
  }

  /** Ends one assignment held by `server` (a finished request); throws if it holds none. */
  release(server: string): void {
    const held = this.load.get(server);
    if (held === undefined) throw new Error(`el servidor "${String(server)}" no está en el anillo`);
    if (held === 0) throw new Error(`el servidor "${server}" no tiene asignaciones que liberar`);
    this.load.set(server, held - 1);
    this.total -= 1;
  }

  /** Assignments held per server, in the servers' order. */
  loads(): Map<string, number> {
    return new Map(this.load);
  }

  /** The server the plain ring (no bound) would give `key`. */
  ringLookup(key: string): string {
    return this.ring.lookup(key);
  }
}
