/**
 * PBFT clusters ready to run: n = 3f + 1 replicas `r0…`, some of them traitors, clients that
 * wait for f + 1 matching replies, honest agreement checked on every event, and the sweep
 * scenario of `npm run sweep` (a random traitor per seed, a lossy network).
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { CheckerFactory } from '../sim/checkers';
import { checker } from '../sim/checkers';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { AccompliceReplica, EquivocatingReplica, SilentReplica, WrongDigestReplica } from './byzantine';
import type { ByzantineBehaviour } from './byzantine';
import { honestAgreement } from './checkers';
import { pbftClient } from './client';
import type { PbftClient, PbftClientOptions } from './client';
import type { PbftMessage } from './messages';
import { PbftReplica } from './replica';
import type { PbftOptions } from './replica';

/** The traitors of a run: replica id → what it lies about. */
export type Traitors = Readonly<Record<NodeId, ByzantineBehaviour>>;

/** A factory of PBFT replicas: honest ones, and the `traitors` with their behaviour. */
export function pbftReplica(options: PbftOptions = {}, traitors: Traitors = {}): NodeFactory<PbftMessage, ProtocolNode<PbftMessage>> {
  const ids = Object.keys(traitors);
  return (context: NodeContext) => {
    switch (traitors[context.id]) {
      case 'equivocate':
        return new EquivocatingReplica(context, options, ids);
      case 'accomplice':
        return new AccompliceReplica(context, options, ids);
      case 'wrongDigest':
        return new WrongDigestReplica(context, options);
      case 'silent':
        return new SilentReplica(context.id);
      default:
        return new PbftReplica(context, options);
    }
  };
}

/** Options of {@link pbftRun}. */
export interface PbftRunOptions {
  readonly seed?: Seed;
  /** Faults tolerated: n = 3f + 1 replicas (default 1). */
  readonly f?: number;
  readonly traitors?: Traitors;
  readonly pbft?: PbftOptions;
  /** Number of clients `c1…` (default 1) and what each runs. */
  readonly clients?: number;
  readonly client?: PbftClientOptions;
  readonly loss?: number;
  readonly durationMs?: number;
  readonly trace?: boolean;
}

/** The replica ids of a cluster tolerating f faults: r0 … r3f. */
export function replicaIds(f: number): NodeId[] {
  return Array.from({ length: 3 * f + 1 }, (_, i) => `r${i}`);
}

/** Builds (does not run) a PBFT simulation. */
export function pbftSimulation(options: PbftRunOptions = {}): Simulation<PbftMessage, ProtocolNode<PbftMessage>> {
  const f = options.f ?? 1;
  const traitors = options.traitors ?? {};
  return new Simulation<PbftMessage, ProtocolNode<PbftMessage>>({
    seed: options.seed ?? 1,
    trace: options.trace ?? true,
    nodeIds: replicaIds(f),
    createNode: pbftReplica({ f, ...options.pbft }, traitors),
    network: { latency: latency.uniform(2, 10), loss: options.loss ?? 0 },
    clients: { ids: Array.from({ length: options.clients ?? 1 }, (_, i) => `c${i + 1}`), createClient: pbftClient({ f, ...options.client }) as NodeFactory<PbftMessage> },
    checkers: [honestAgreement<PbftMessage, ProtocolNode<PbftMessage>>(Object.keys(traitors)), clientsFinish(options.client?.operations?.length ?? 3)],
  });
}

/**
 * Runs a PBFT cluster for `durationMs` (default 5 s) and returns the simulation.
 *
 * @example
 * const sim = pbftRun({ seed: 1, traitors: { r0: 'equivocate' } });
 * sim.client<PbftClient>('c1').results; // three results, each confirmed by f + 1 replicas
 */
export function pbftRun(options: PbftRunOptions = {}): Simulation<PbftMessage, ProtocolNode<PbftMessage>> {
  const sim = pbftSimulation(options);
  sim.runFor(options.durationMs ?? 5_000);
  return sim;
}

/** Liveness at the end of a run: every client got all its `operations` results (an end-of-run check, `sim.finish()`). */
export function clientsFinish(operations = 3): CheckerFactory<PbftMessage, ProtocolNode<PbftMessage>> {
  return checker<PbftMessage, ProtocolNode<PbftMessage>>('clientsFinish', () => ({
    atEnd(cluster) {
      const done = new Map<NodeId, number>();
      for (const o of cluster.outputs) if (o.label === 'accepted') done.set(o.node, (done.get(o.node) ?? 0) + 1);
      const missing = cluster.clients.filter((c) => (done.get(c) ?? 0) < operations);
      return missing.length === 0 ? undefined : `clientes sin terminar: ${missing.map((c) => `${c} (${done.get(c) ?? 0} de ${operations})`).join(', ')}`;
    },
  }));
}

/** Options of {@link pbftScenario}. */
export interface PbftScenarioOptions {
  readonly f?: number;
  /** Traitors per seed (default f); f + 1 shows the bound is tight. */
  readonly traitorCount?: number;
  readonly pbft?: PbftOptions;
  readonly durationMs?: number;
  /** Check at the end that every client finished (default true). */
  readonly liveness?: boolean;
}

/** What `sweep` needs from the PBFT scenario. */
export interface PbftScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<PbftMessage, ProtocolNode<PbftMessage>>;
  run(sim: Simulation<PbftMessage, ProtocolNode<PbftMessage>>): void;
  describe(seed: Seed): string;
}

const BEHAVIOURS: readonly ByzantineBehaviour[] = ['equivocate', 'wrongDigest', 'silent'];

/**
 * The PBFT sweep scenario: n = 3f + 1 replicas, `traitorCount` traitors drawn per seed (the
 * primary r0 is one of them with probability ½, equivocating), 2 clients with 3 transfers
 * each, 0–5 % loss, 10 s; honest agreement always, clients finished at the end.
 *
 * @example
 * sweep({ seeds: 200, scenario: pbftScenario() });                                        // passes
 * sweep({ seeds: 200, scenario: pbftScenario({ pbft: { quorum: 2 } }), stopAtFirst: true }); // honestAgreement
 */
export function pbftScenario(options: PbftScenarioOptions = {}): PbftScenario {
  const f = options.f ?? 1;
  const ids = replicaIds(f);
  const plan = (seed: Seed) => {
    const rng = createRng(`${seed}/pbft`);
    const traitors: Record<NodeId, ByzantineBehaviour> = {};
    const count = options.traitorCount ?? f;
    const pool = rng.shuffle(ids.slice(1));
    if (count > 0 && rng.bernoulli(0.5)) traitors.r0 = 'equivocate';
    for (const id of pool) if (Object.keys(traitors).length < count) traitors[id] = count > f && traitors.r0 === 'equivocate' ? 'accomplice' : (rng.choice(BEHAVIOURS) as ByzantineBehaviour);
    return { traitors, loss: rng.bernoulli(0.5) ? rng.uniform(0, 0.05) : 0 };
  };
  return {
    setup(seed, { trace }) {
      const { traitors, loss } = plan(seed);
      return pbftSimulation({ seed, f, traitors, loss, trace, clients: 2, ...(options.pbft ? { pbft: options.pbft } : {}) });
    },
    run(sim) {
      sim.runFor(options.durationMs ?? 10_000);
      if (options.liveness !== false) sim.finish();
    },
    describe(seed) {
      const { traitors, loss } = plan(seed);
      const list = Object.entries(traitors).map(([id, b]) => `${id}=${b}`).join(', ') || 'ninguno';
      return `traidores: ${list}; pérdida ${(loss * 100).toFixed(1)} %`;
    },
  };
}
