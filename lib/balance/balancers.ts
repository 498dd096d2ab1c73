/**
 * The lecture's balancers and their well-known relatives: round robin, smooth weighted round
 * robin (nginx's), least connections, random, and the power of two choices. Each is a small
 * object with the lecture's two calls, `getServer()` and `releaseServer(server)`, and counts its
 * own open connections (as HAProxy's `leastconn` does), so every policy can be run by the same
 * driver. Everything random takes an `Rng` from lib/random.
 */
import type { Rng } from '../random/index';

/** A balancer: picks a server for each request and is told when a request ends. */
export interface Balancer {
  /** The servers, in the order given. */
  readonly servers: readonly string[];
  /** Picks the server of the next request (and counts one more connection to it). */
  getServer(): string;
  /** Ends one connection to `server`; throws on an unknown server or one with no connection open. */
  releaseServer(server: string): void;
  /** How many connections to `server` are open now. */
  active(server: string): number;
}

/** Throws a clear error for an empty list, a non-string name or a repeated server. */
export function checkServers(servers: readonly string[]): void {
  if (!Array.isArray(servers) || servers.length === 0) throw new RangeError('la lista de servidores está vacía: hace falta al menos uno');
  const seen = new Set<string>();
  for (const s of servers) {
    if (typeof s !== 'string' || s.length === 0) throw new TypeError(`cada servidor debe ser un nombre (texto no vacío), no ${JSON.stringify(s)}`);
    if (seen.has(s)) throw new RangeError(`servidor repetido: ${s}`);
    seen.add(s);
  }
}

/** Counts open connections per server; the common part of every balancer. */
abstract class CountingBalancer implements Balancer {
  readonly servers: readonly string[];
  /** Open connections, by position in `servers` (an array: the dynamic policies scan it on every pick). */
  protected readonly open: number[];
  private readonly position = new Map<string, number>();

  constructor(servers: readonly string[]) {
    checkServers(servers);
    this.servers = [...servers];
    this.open = this.servers.map(() => 0);
    this.servers.forEach((s, i) => this.position.set(s, i));
  }

  abstract getServer(): string;

  releaseServer(server: string): void {
    const i = this.position.get(server);
    if (i === undefined) throw new RangeError(`servidor desconocido: ${server}`);
    if (this.open[i] === 0) throw new RangeError(`${server} no tiene conexiones abiertas que liberar`);
    this.open[i] = (this.open[i] as number) - 1;
  }

  active(server: string): number {
    const i = this.position.get(server);
    if (i === undefined) throw new RangeError(`servidor desconocido: ${server}`);
    return this.open[i] as number;
  }

  /** True if `server` is one of this balancer's servers. */
  protected has(server: string): boolean {
    return this.position.has(server);
  }

  /** Counts one more connection to the server at position `i` and returns its name. */
  protected countAt(i: number): string {
    this.open[i] = (this.open[i] as number) + 1;
    return this.servers[i] as string;
  }
}

/**
 * The lecture's `RoundRobinBalancer`: each request goes to the next server of a circular list.
 *
 * @example
 * const rr = new RoundRobinBalancer(['S1', 'S2', 'S3']);
 * [1, 2, 3, 4].map(() => rr.getServer()); // ['S1', 'S2', 'S3', 'S1']
 */
export class RoundRobinBalancer extends CountingBalancer {
  private index = 0;

  getServer(): string {
    const i = this.index;
    this.index = (this.index + 1) % this.servers.length;
    return this.countAt(i);
  }
}

/** A server and its weight (a positive integer), for the weighted balancers. */
export interface WeightedServer {
  readonly server: string;
  readonly weight: number;
}

/** Throws a clear error for a zero, negative, fractional or non-numeric weight. */
export function checkWeights(servers: readonly WeightedServer[]): void {
  if (!Array.isArray(servers)) throw new TypeError('se esperaba una lista de { server, weight }');
  checkServers(servers.map((s) => s?.server));
  for (const { server, weight } of servers) {
    if (!Number.isInteger(weight) || weight <= 0) throw new RangeError(`el peso de ${server} debe ser un entero positivo, no ${String(weight)}`);
  }
}

/**
 * Smooth weighted round robin, nginx's algorithm (`ngx_http_upstream_get_peer`): on each pick
 * every server's `current` grows by its weight, the largest `current` wins (the first one on a
 * tie) and the winner's `current` drops by the total weight. Weights 5, 1, 1 give
 * a a b a c a a: the heavy server's turns are spread out, not bunched as a a a a a b c.
 *
 * @example
 * const swrr = new SmoothWeightedRoundRobin([{ server: 'a', weight: 5 }, { server: 'b', weight: 1 }, { server: 'c', weight: 1 }]);
 * Array.from({ length: 7 }, () => swrr.getServer()).join(' '); // 'a a b a c a a'
 */
export class SmoothWeightedRoundRobin extends CountingBalancer {
  private readonly weights: readonly number[];
  private readonly current: number[];
  private readonly total: number;

  constructor(servers: readonly WeightedServer[]) {
    checkWeights(servers);
    super(servers.map((s) => s.server));
    this.weights = servers.map((s) => s.weight);
    this.current = servers.map(() => 0);
    this.total = this.weights.reduce((a, b) => a + b, 0);
  }

  getServer(): string {
    let best = 0;
    for (let i = 0; i < this.current.length; i++) {
      this.current[i] = (this.current[i] as number) + (this.weights[i] as number);
      // nginx: `if (best == NULL || peer->current_weight > best->current_weight)`, so the first maximum wins.
      if ((this.current[i] as number) > (this.current[best] as number)) best = i;
    }
    this.current[best] = (this.current[best] as number) - this.total;
    return this.countAt(best);
  }

  /** The `current` value of every server now (for tables and the exercise's comparison). */
  currentWeights(): { server: string; weight: number; current: number }[] {
    return this.servers.map((server, i) => ({ server, weight: this.weights[i] as number, current: this.current[i] as number }));
  }
}

/**
 * The lecture's `LeastConnectionsBalancer`: a request goes to the server with the fewest open
 * connections; ties go to the first in the list (Python's `min` over the dict does the same).
 *
 * @example
 * const lc = new LeastConnectionsBalancer(['S1', 'S2', 'S3']);
 * lc.getServer(); lc.getServer(); // 'S1', then 'S2' (S1 is still busy)
 */
export class LeastConnectionsBalancer extends CountingBalancer {
  getServer(): string {
    let best = 0;
    for (let i = 1; i < this.open.length; i++) if ((this.open[i] as number) < (this.open[best] as number)) best = i;
    return this.countAt(best);
  }
}

/** Picks a server uniformly at random, ignoring the load. */
export class RandomBalancer extends CountingBalancer {
  constructor(servers: readonly string[], private readonly rng: Rng) {
    super(servers);
  }

  getServer(): string {
    return this.countAt(this.rng.int(0, this.servers.length - 1));
  }
}

/**
 * The power of two choices (Mitzenmacher; Azar et al.): draw two distinct servers at random and
 * send the request to the one with fewer open connections (the first drawn on a tie). With
 * one server it is that server.
 */
export class PowerOfTwoChoicesBalancer extends CountingBalancer {
  constructor(servers: readonly string[], private readonly rng: Rng) {
    super(servers);
  }

  getServer(): string {
    const n = this.servers.length;
    if (n === 1) return this.countAt(0);
    // Two distinct positions, uniformly: draw the second among the n − 1 others.
    const a = this.rng.int(0, n - 1);
    const b = (a + this.rng.int(1, n - 1)) % n;
    return this.countAt((this.open[b] as number) < (this.open[a] as number) ? b : a);
  }
}

/** One step of smooth weighted round robin over plain data (exercise 09.1's shape). */
export type WeightedStepFunction = (peers: { name: string; weight: number; current: number }[]) => { chosen: string; peers: { name: string; weight: number; current: number }[] };

/**
 * Smooth weighted round robin driven by a step function over plain data: the chapter's
 * exercise cells pass the student's `smoothWeightedStep` (teacher code never does by default).
 */
export class WeightedStepBalancer extends CountingBalancer {
  private peers: { name: string; weight: number; current: number }[];

  constructor(servers: readonly WeightedServer[], private readonly step: WeightedStepFunction) {
    checkWeights(servers);
    super(servers.map((s) => s.server));
    this.peers = servers.map((s) => ({ name: s.server, weight: s.weight, current: 0 }));
  }

  getServer(): string {
    const result = this.step(this.peers.map((p) => ({ ...p })));
    if (typeof result?.chosen !== 'string' || !this.has(result.chosen)) throw new RangeError(`el paso eligió un servidor desconocido: ${String(result?.chosen)}`);
    this.peers = result.peers.map((p) => ({ name: p.name, weight: p.weight, current: p.current }));
    return this.countAt(this.servers.indexOf(result.chosen));
  }
}
