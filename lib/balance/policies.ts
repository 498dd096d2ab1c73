/**
 * The balancing policies by name, a factory, their Spanish labels, and the lecture's two demos
 * run as written (round robin over six requests; least connections releasing each server at
 * once, so that every request goes to S1).
 */
import type { Rng } from '../random/index';
import {
  LeastConnectionsBalancer, PowerOfTwoChoicesBalancer, RandomBalancer, RoundRobinBalancer, SmoothWeightedRoundRobin, checkServers,
} from './balancers';
import type { Balancer } from './balancers';

/** A balancing policy: static (round robin, weighted, random) or dynamic (least connections, two choices). */
export type PolicyName = 'round-robin' | 'weighted-round-robin' | 'random' | 'least-connections' | 'power-of-two';

/** Every policy, in the order the chapter's tables and plots list them. */
export const POLICY_NAMES: readonly PolicyName[] = ['round-robin', 'weighted-round-robin', 'random', 'least-connections', 'power-of-two'];

/** The Spanish label of each policy (shown to students). */
export const POLICY_LABELS: Readonly<Record<PolicyName, string>> = {
  'round-robin': 'Round Robin',
  'weighted-round-robin': 'Round Robin ponderado (nginx)',
  random: 'Aleatorio',
  'least-connections': 'Least Connections',
  'power-of-two': 'Dos opciones al azar',
};

/** Whether a policy looks at the servers' state (dynamic) or not (static). */
export const POLICY_KIND: Readonly<Record<PolicyName, 'estático' | 'dinámico'>> = {
  'round-robin': 'estático',
  'weighted-round-robin': 'estático',
  random: 'estático',
  'least-connections': 'dinámico',
  'power-of-two': 'dinámico',
};

/** Options of {@link createBalancer}. */
export interface BalancerOptions {
  /** The servers, in order. */
  readonly servers: readonly string[];
  /** Weights per server (weighted round robin only; default 1 each). */
  readonly weights?: readonly number[];
  /** The random stream (random and power of two; required by them). */
  readonly rng?: Rng;
}

/**
 * Builds the balancer of a policy.
 *
 * @example
 * const b = createBalancer('power-of-two', { servers: ['s1', 's2', 's3'], rng: createRng(1) });
 * const s = b.getServer(); b.releaseServer(s);
 */
export function createBalancer(policy: PolicyName, options: BalancerOptions): Balancer {
  checkServers(options.servers);
  const needRng = (): Rng => {
    if (options.rng === undefined) throw new TypeError(`la política ${policy} necesita un rng (createRng(semilla))`);
    return options.rng;
  };
  switch (policy) {
    case 'round-robin':
      return new RoundRobinBalancer(options.servers);
    case 'weighted-round-robin': {
      const weights = options.weights ?? options.servers.map(() => 1);
      if (weights.length !== options.servers.length) throw new RangeError(`hay ${options.servers.length} servidores y ${weights.length} pesos`);
      return new SmoothWeightedRoundRobin(options.servers.map((server, i) => ({ server, weight: weights[i] as number })));
    }
    case 'random':
      return new RandomBalancer(options.servers, needRng());
    case 'least-connections':
      return new LeastConnectionsBalancer(options.servers);
    case 'power-of-two':
      return new PowerOfTwoChoicesBalancer(options.servers, needRng());
    default:
      throw new RangeError(`política desconocida: ${String(policy)} (conocidas: ${POLICY_NAMES.join(', ')})`);
  }
}

/** The lecture's round robin demo: servers S1–S3, six requests. Returns the six picks. */
export function lectureRoundRobinDemo(): string[] {
  const balancer = new RoundRobinBalancer(['S1', 'S2', 'S3']);
  return Array.from({ length: 6 }, () => balancer.getServer());
}

/**
 * The lecture's least-connections demo as written: each request is released right after it is
 * assigned, so every server is at 0 connections at every pick and the tie always goes to S1.
 */
export function lectureLeastConnectionsDemo(requests = 6): string[] {
  const balancer = new LeastConnectionsBalancer(['S1', 'S2', 'S3']);
  const picks: string[] = [];
  for (let i = 0; i < requests; i++) {
    const server = balancer.getServer();
    picks.push(server);
    balancer.releaseServer(server);
  }
  return picks;
}

/** One request of {@link replayRequests}: when it starts and how long it holds its server. */
export interface TimedRequest {
  readonly startMs: number;
  readonly durationMs: number;
}

/** Where {@link replayRequests} sent each request, and the open connections each server peaked at. */
export interface ReplayResult {
  readonly picks: string[];
  readonly peakActive: Map<string, number>;
  readonly countByServer: Map<string, number>;
}

/**
 * Replays requests that overlap in time through a balancer: before each start, the requests
 * that ended are released; so least connections sees real concurrency (what the lecture's demo
 * never shows). Requests are taken in order of `startMs`; `slowdown` multiplies the duration of
 * a request by its server's factor (default 1). Every request (and every slowdown) is validated
 * before the first pick: a bad one throws a Spanish `RangeError` and the balancer is untouched.
 */
export function replayRequests(balancer: Balancer, requests: readonly TimedRequest[], options: { readonly slowdown?: ReadonlyMap<string, number> } = {}): ReplayResult {
  const open: { endMs: number; server: string }[] = [];
  const picks: string[] = [];
  const peakActive = new Map<string, number>(balancer.servers.map((s) => [s, 0]));
  const countByServer = new Map<string, number>(balancer.servers.map((s) => [s, 0]));
  // Every request is checked before the first pick, so a bad one never leaves the balancer half-used.
  if (!Array.isArray(requests)) throw new TypeError('requests debe ser una lista de { startMs, durationMs }');
  requests.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || !Number.isFinite(r.startMs) || !Number.isFinite(r.durationMs) || r.durationMs < 0) {
      throw new RangeError(`petición ${i}: startMs y durationMs deben ser números finitos, durationMs ≥ 0`);
    }
  });
  for (const [server, factor] of options.slowdown ?? []) {
    if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`slowdown de ${server} debe ser un número > 0, no ${String(factor)}`);
  }
  const ordered = requests.map((r, i) => ({ ...r, i })).sort((a, b) => a.startMs - b.startMs || a.i - b.i);
  for (const r of ordered) {
    open.sort((a, b) => a.endMs - b.endMs);
    while (open.length > 0 && (open[0] as { endMs: number }).endMs <= r.startMs) balancer.releaseServer((open.shift() as { server: string }).server);
    const server = balancer.getServer();
    picks[r.i] = server;
    // A slower server holds the request longer: its duration times the server's slowdown.
    open.push({ endMs: r.startMs + r.durationMs * (options.slowdown?.get(server) ?? 1), server });
    countByServer.set(server, (countByServer.get(server) ?? 0) + 1);
    peakActive.set(server, Math.max(peakActive.get(server) ?? 0, balancer.active(server)));
  }
  for (const o of open) balancer.releaseServer(o.server);
  return { picks, peakActive, countByServer };
}
