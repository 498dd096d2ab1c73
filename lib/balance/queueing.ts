/**
 * A queueing model of a balanced cluster on lib/sim (simulated time, seeded): a front end
 * (`lb`) receives Poisson arrivals, picks a server with a {@link Balancer} and forwards each
 * request; each server runs `slots` requests at a time at its own speed and queues the rest in
 * arrival order (FIFO), then answers `Done`. A request's latency is its time from arrival at the
 * front end to its `Done` there. Servers and front end de-duplicate by request id, so a network
 * that duplicates or reorders messages changes timings, never the work done.
 */
import { percentile } from '../plot/percentile';
import { createRng } from '../random/index';
import type { Rng, Seed } from '../random/index';
import { latency as latencyModels } from '../sim/network';
import type { NetworkModel } from '../sim/network';
import { Simulation } from '../sim/simulation';
import { send, setTimer } from '../sim/types';
import type { Effect, Input, NodeId, ProtocolNode } from '../sim/types';
import type { Balancer } from './balancers';
import { createBalancer } from './policies';
import type { PolicyName } from './policies';
import { queueingCheckers } from './queueing-checkers';

/** The messages of the model: the front end's request to a server and the server's answer. */
export type QueueingMessage =
  | { readonly type: 'Request'; readonly id: number; readonly workMs: number }
  | { readonly type: 'Done'; readonly id: number; readonly serviceMs: number };

/** Service-time distributions: exponential, or Pareto (α = 2,1: a heavy tail) with the same mean. */
export type ServiceDistribution = 'exponential' | 'pareto';

/** A catalogued bug of the model, for the sweep: servers that serve duplicates, or that ignore their slots. */
export type QueueingBug = 'no-dedup' | 'ignore-slots';

/** Options of {@link runQueueing}. */
export interface QueueingOptions {
  readonly seed: Seed;
  /** The balancing policy (ignored when `balancer` is given). */
  readonly policy: PolicyName;
  /** Speed of each server (work per ms; 1 = nominal); servers are named s1, s2, … */
  readonly speeds: readonly number[];
  /** Offered load ρ = λ · mean work / Σ speeds · slots, in (0, 1.5]. */
  readonly utilisation: number;
  /** Number of arrivals (default 2,000). */
  readonly requests?: number;
  /** Mean work of a request in ms at speed 1 (default 10). */
  readonly meanWorkMs?: number;
  /** Service-time distribution (default exponential). */
  readonly service?: ServiceDistribution;
  /** Requests a server runs at once (default 1). */
  readonly slots?: number;
  /** Network between front end and servers (default: 0 ms, no faults). */
  readonly network?: NetworkModel;
  /** Run the model's checkers (default false: the notebook's sweeps go faster without). */
  readonly checkers?: boolean;
  /** A catalogued bug (default none). */
  readonly bug?: QueueingBug;
  /** Builds the balancer instead of `policy` (exercise cells pass one built on the student's step). */
  readonly balancer?: (servers: readonly string[], rng: Rng) => Balancer;
}

/** One served request, as the front end saw it. */
export interface ServedRequest {
  readonly id: number;
  readonly server: string;
  readonly arrivalMs: number;
  readonly doneMs: number;
  readonly serviceMs: number;
}

/** What a run measured. */
export interface QueueingResult {
  readonly policy: string;
  readonly utilisation: number;
  /** Every completed request, in order of id. */
  readonly served: ServedRequest[];
  /** Requests that never completed: always 0 unless `violation` is set (a run left unfinished otherwise throws). */
  readonly unfinished: number;
  /** Mean, p50 and p99 (nearest rank) latency of the served requests in ms; `NaN` when none was served. */
  readonly latencyMsMean: number;
  readonly latencyMsP50: number;
  readonly latencyMsP99: number;
  /** Requests per server. */
  readonly countByServer: Map<string, number>;
  /** The first checker violation, if the checkers were on and one failed. */
  readonly violation: string | undefined;
}

/** The front end: arrivals by timer, picks by the balancer, completions by `Done`. */
export class FrontEnd implements ProtocolNode<QueueingMessage> {
  readonly id = 'lb';
  readonly arrivals = new Map<number, { server: string; arrivalMs: number }>();
  readonly served: ServedRequest[] = [];
  private nextId = 0;

  constructor(
    private readonly balancer: Balancer,
    private readonly rng: Rng,
    private readonly plan: { readonly requests: number; readonly meanGapMs: number; readonly meanWorkMs: number; readonly service: ServiceDistribution },
  ) {}

  start(): Effect<QueueingMessage>[] {
    return this.plan.requests > 0 ? [setTimer('arrival', this.rng.exponential(this.plan.meanGapMs))] : [];
  }

  step(input: Input<QueueingMessage>, nowMs: number): Effect<QueueingMessage>[] {
    if (input.type === 'timer') return this.onArrivalTimeout(nowMs);
    if (input.message.type !== 'Done') return [];
    return this.onDone(input.from, input.message, nowMs);
  }

  private onArrivalTimeout(nowMs: number): Effect<QueueingMessage>[] {
    const id = this.nextId++;
    const server = this.balancer.getServer();
    this.arrivals.set(id, { server, arrivalMs: nowMs });
    const effects: Effect<QueueingMessage>[] = [send(server, { type: 'Request', id, workMs: this.drawWork() })];
    if (this.nextId < this.plan.requests) effects.push(setTimer('arrival', this.rng.exponential(this.plan.meanGapMs)));
    return effects;
  }

  private onDone(from: NodeId, done: Extract<QueueingMessage, { type: 'Done' }>, nowMs: number): Effect<QueueingMessage>[] {
    const arrival = this.arrivals.get(done.id);
    // A duplicated Done (the network copied it), or one from a server it was not sent to: ignored.
    if (arrival === undefined || arrival.server !== from) return [];
    this.arrivals.delete(done.id);
    this.balancer.releaseServer(from);
    this.served.push({ id: done.id, server: from, arrivalMs: arrival.arrivalMs, doneMs: nowMs, serviceMs: done.serviceMs });
    return [];
  }

  private drawWork(): number {
    const mean = this.plan.meanWorkMs;
    if (this.plan.service === 'exponential') return this.rng.exponential(mean);
    const alpha = 2.1;
    const scale = (mean * (alpha - 1)) / alpha;
    return scale / Math.pow(1 - this.rng.uniform(), 1 / alpha);
  }
}

/** A server: `slots` requests in service at once, the rest queued FIFO; de-duplicates by id. */
export class QueueServer implements ProtocolNode<QueueingMessage> {
  readonly queue: { id: number; workMs: number }[] = [];
  readonly inService = new Map<number, number>();
  readonly seen = new Set<number>();
  maxQueue = 0;

  constructor(readonly id: NodeId, private readonly speed: number, private readonly slots: number, private readonly bug: QueueingBug | undefined) {}

  start(): Effect<QueueingMessage>[] {
    return [];
  }

  step(input: Input<QueueingMessage>): Effect<QueueingMessage>[] {
    if (input.type === 'timer') return this.onServiceTimeout(Number(input.name.slice('done:'.length)));
    if (input.message.type !== 'Request') return [];
    const { id, workMs } = input.message;
    if (this.seen.has(id) && this.bug !== 'no-dedup') return [];
    this.seen.add(id);
    this.queue.push({ id, workMs });
    this.maxQueue = Math.max(this.maxQueue, this.queue.length);
    return this.startWaiting();
  }

  private onServiceTimeout(id: number): Effect<QueueingMessage>[] {
    const serviceMs = this.inService.get(id);
    if (serviceMs === undefined) return [];
    this.inService.delete(id);
    return [send('lb', { type: 'Done', id, serviceMs }), { type: 'output', label: 'finish', data: { id } }, ...this.startWaiting()];
  }

  private startWaiting(): Effect<QueueingMessage>[] {
    const effects: Effect<QueueingMessage>[] = [];
    while (this.queue.length > 0 && (this.inService.size < this.slots || this.bug === 'ignore-slots')) {
      const next = this.queue.shift() as { id: number; workMs: number };
      const serviceMs = next.workMs / this.speed;
      this.inService.set(next.id, serviceMs);
      effects.push({ type: 'output', label: 'start', data: { id: next.id, inService: this.inService.size } }, setTimer(`done:${next.id}`, serviceMs));
    }
    return effects;
  }
}

/** The server names of a model with `count` servers: s1, s2, … */
export function serverNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `s${i + 1}`);
}

/** Throws a clear error for bad options (no servers, a speed ≤ 0, a utilisation out of range…). */
export function checkQueueingOptions(options: QueueingOptions): void {
  if (!Array.isArray(options.speeds) || options.speeds.length === 0) throw new RangeError('hace falta al menos un servidor (speeds vacío)');
  for (const s of options.speeds) if (!(s > 0) || !Number.isFinite(s)) throw new RangeError(`cada velocidad debe ser un número > 0, no ${String(s)}`);
  if (!(options.utilisation > 0 && options.utilisation <= 1.5)) throw new RangeError(`la utilización debe estar en (0; 1,5], no ${String(options.utilisation)}`);
  const requests = options.requests ?? 2_000;
  if (!Number.isInteger(requests) || requests < 0) throw new RangeError(`requests debe ser un entero ≥ 0, no ${String(requests)}`);
  const slots = options.slots ?? 1;
  if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`slots debe ser un entero ≥ 1, no ${String(slots)}`);
  if (!((options.meanWorkMs ?? 10) > 0)) throw new RangeError('meanWorkMs debe ser > 0');
}

/**
 * Builds the model's simulation (not yet run): front end `lb` plus servers s1…sN.
 */
export function queueingSimulation(options: QueueingOptions, trace = false): Simulation<QueueingMessage> {
  checkQueueingOptions(options);
  const servers = serverNames(options.speeds.length);
  const slots = options.slots ?? 1;
  const meanWorkMs = options.meanWorkMs ?? 10;
  const capacity = options.speeds.reduce((a, b) => a + b, 0) * slots;
  const meanGapMs = meanWorkMs / (options.utilisation * capacity);
  const rng = createRng(`${String(options.seed)}/cola`);
  const balancerRng = rng.fork('balanceador');
  const balancer = options.balancer !== undefined ? options.balancer(servers, balancerRng) : createBalancer(options.policy, { servers, rng: balancerRng, weights: options.speeds.map((s) => Math.max(1, Math.round(s * 10))) });
  const workload = rng.fork('carga');
  const plan = { requests: options.requests ?? 2_000, meanGapMs, meanWorkMs, service: options.service ?? 'exponential' } as const;
  return new Simulation<QueueingMessage>({
    seed: options.seed,
    trace,
    nodeIds: ['lb', ...servers],
    network: options.network ?? { latency: latencyModels.constant(0) },
    createNode: (context) => (context.id === 'lb' ? new FrontEnd(balancer, workload, plan) : new QueueServer(context.id, options.speeds[servers.indexOf(context.id)] as number, slots, options.bug)),
    checkers: options.checkers === true ? queueingCheckers(plan.requests, slots) : [],
  });
}

/**
 * Runs the queueing model until every request is served (simulated-time limit: the larger of
 * 10 s and 50 × `requests` × `meanWorkMs`) and summarises latencies with lib/plot's
 * nearest-rank `percentile`. Latencies are `NaN` when no request was served (`requests: 0`).
 * A run that stops with requests still unserved and no checker violation throws a Spanish
 * error (never a summary of only the finished ones); with a violation, the result reports it
 * and `unfinished` says how many were left.
 *
 * @example
 * const r = runQueueing({ seed: 1, policy: 'least-connections', speeds: [1, 1, 2], utilisation: 0.8 });
 * r.latencyMsP99; // p99 latency in ms
 */
export function runQueueing(options: QueueingOptions): QueueingResult {
  const sim = queueingSimulation(options);
  const requests = options.requests ?? 2_000;
  const meanWorkMs = options.meanWorkMs ?? 10;
  const limitMs = Math.max(10_000, requests * meanWorkMs * 50);
  const idle = sim.runUntilIdle({ limitMs });
  const violation = sim.finish();
  const front = sim.node('lb') as FrontEnd;
  const served = [...front.served].sort((a, b) => a.id - b.id);
  const unfinished = requests - served.length;
  if (violation === undefined && (!idle || unfinished > 0)) {
    throw new Error(`el modelo de colas no terminó: ${unfinished} de ${requests} peticiones sin servir tras ${limitMs} ms simulados (semilla ${String(options.seed)}, utilización ${options.utilisation}); baja la utilización o el número de peticiones`);
  }
  const latencies = served.map((s) => s.doneMs - s.arrivalMs);
  const countByServer = new Map<string, number>(serverNames(options.speeds.length).map((s) => [s, 0]));
  for (const s of served) countByServer.set(s.server, (countByServer.get(s.server) ?? 0) + 1);
  const none = latencies.length === 0;
  return {
    policy: options.balancer !== undefined ? 'personalizada' : options.policy,
    utilisation: options.utilisation,
    served,
    unfinished,
    latencyMsMean: none ? Number.NaN : latencies.reduce((a, b) => a + b, 0) / latencies.length,
    latencyMsP50: none ? Number.NaN : percentile(latencies, 50),
    latencyMsP99: none ? Number.NaN : percentile(latencies, 99),
    countByServer,
    violation: violation === undefined ? undefined : `${violation.checker}: ${violation.message} (semilla ${violation.seed})`,
  };
}
