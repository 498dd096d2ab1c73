/**
 * The lease experiments on the simulator. {@link leaseExperiment} is Kleppmann's picture:
 * c1 gets the lock (token 1), checks its lease and is paused for 300 ms; the lease (100 ms)
 * expires, c2 gets the lock (token 2) and writes; c1 wakes up and writes with token 1.
 * {@link leaseScenario} is its sweep: three clients, random pauses and drifting clocks.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeId, ProtocolNode } from '../sim/types';
import type { LeaseClientOptions } from './lease';
import { leaseLock } from './lease';
import type { LeaseMessage } from './messages';
import { LOCK_SERVICE, STORAGE } from './messages';
import type { StorageOptions } from './storage';
import { staleWrite, StorageNode } from './storage';

/**
 * Kleppmann's example, deterministic: returns the simulation after 1 s (`sim.violation` is a
 * `staleWrite` without fencing; with it, the storage's `refused` output names c1's write).
 *
 * @example
 * const sim = leaseExperiment({ fencing: false });
 * sim.violation?.checker; // 'staleWrite'
 */
export function leaseExperiment(options: StorageOptions & { seed?: Seed; pauseMs?: number; leaseMs?: number; trace?: boolean } = {}): Simulation<LeaseMessage, ProtocolNode<LeaseMessage>> {
  const clients = new Map<NodeId, LeaseClientOptions>([
    ['c1', { startMs: 0, workMs: 20, pauses: [{ beforeWrite: 1, ms: options.pauseMs ?? 300 }] }],
    ['c2', { startMs: 40, workMs: 20 }],
  ]);
  const sim = new Simulation<LeaseMessage, ProtocolNode<LeaseMessage>>({
    seed: options.seed ?? 1,
    trace: options.trace ?? true,
    nodeIds: [LOCK_SERVICE, STORAGE, 'c1', 'c2'],
    createNode: leaseLock({ leaseMs: options.leaseMs ?? 100, clients, createStorage: (context) => new StorageNode(context, options) }),
    network: { latency: latency.uniform(1, 5) },
    checkers: [staleWrite],
  });
  sim.runFor(1_000);
  return sim;
}

/** A scenario object for {@link sweep}. */
export interface LeaseScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<LeaseMessage, ProtocolNode<LeaseMessage>>;
  run(sim: Simulation<LeaseMessage, ProtocolNode<LeaseMessage>>): void;
  describe(seed: Seed): string;
}

function clientPlans(seed: Seed): Map<NodeId, LeaseClientOptions> {
  const rng = createRng(`${String(seed)}/lease-barrido`);
  const plans = new Map<NodeId, LeaseClientOptions>();
  for (const id of ['c1', 'c2', 'c3']) {
    const pauses = [1, 2, 3].filter(() => rng.bernoulli(0.3)).map((k) => ({ beforeWrite: k, ms: Math.round(rng.uniform(0, 400)) }));
    plans.set(id, { startMs: Math.round(rng.uniform(0, 100)), workMs: Math.round(rng.uniform(5, 60)), writes: 3, thinkMs: Math.round(rng.uniform(10, 100)), pauses });
  }
  return plans;
}

/**
 * The lease sweep: three clients, three writes each, GC pauses of up to 400 ms before 30 % of
 * the writes, latency 1–20 ms, clocks drifting up to 2 %. With fencing no seed fails; without,
 * `staleWrite` catches the pauses that outlive a lease.
 *
 * @example
 * sweep({ seeds: 500, scenario: leaseScenario({ fencing: false }) }).violationsByChecker; // { staleWrite: … }
 */
export function leaseScenario(options: StorageOptions = {}): LeaseScenario {
  return {
    setup(seed, { trace }) {
      return new Simulation<LeaseMessage, ProtocolNode<LeaseMessage>>({
        seed,
        trace,
        nodeIds: [LOCK_SERVICE, STORAGE, 'c1', 'c2', 'c3'],
        createNode: leaseLock({ leaseMs: 100, clients: clientPlans(seed), createStorage: (context) => new StorageNode(context, options) }),
        network: { latency: latency.uniform(1, 20) },
        clocks: { maxOffsetMs: 0, maxDriftPpm: 20_000 },
        checkers: [staleWrite],
      });
    },
    run(sim) {
      sim.runFor(3_000);
    },
    describe(seed) {
      return [...clientPlans(seed)].map(([id, p]) => `${id}: empieza en ${p.startMs} ms, trabajo ${p.workMs} ms, pausas ${JSON.stringify(p.pauses)}`).join('\n');
    },
  };
}
