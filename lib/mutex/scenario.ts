/**
 * Sweep scenarios for mutual exclusion (`npm run sweep`, and small sweeps in the tests).
 *
 * Safety (default): 5 requesting nodes for 3 s of heavy contention under swarm faults without
 * crashes — loss, duplication, reordering, slow links, partitions, clock skew — and the
 * `mutualExclusion` checker. `fifo: false` (Lamport's queue without the FIFO channels it
 * assumes) must be caught. Liveness (`liveness: true`): only delays, reordering and
 * duplication, and every request must be served within 1.5 s (`requestsServed`); plain
 * Maekawa (`deadlockFree: false`) deadlocks and is caught, and `crash: true` (one node
 * crashes at t = 200 ms) blocks Ricart–Agrawala for ever.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { AnyChecker } from '../sim/checkers';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import { swarmFaults } from '../sim/swarm';
import type { SwarmPlan } from '../sim/swarm';
import { mutualExclusion, requestsServed } from './checkers';
import { mutexFactory, mutexNodeIds } from './experiment';
import type { MutexAlgorithm } from './experiment';
import type { MutexMessage } from './messages';
import type { MutexNode } from './node';

/** Options of {@link mutexScenario}. */
export interface MutexScenarioOptions {
  readonly algorithm: MutexAlgorithm;
  /** Check liveness on a lossless network instead of safety under every fault (default false). */
  readonly liveness?: boolean;
  /** Lamport's queue: FIFO links (default true). */
  readonly fifo?: boolean;
  /** Maekawa: FAILED / INQUIRE / RELINQUISH (default true). */
  readonly deadlockFree?: boolean;
  /** Crash a node at t = 200 ms (liveness runs): the coordinator `c` for the central algorithm, else `n3`. */
  readonly crash?: boolean;
}

type Node = MutexNode<MutexMessage>;

/** A scenario object for {@link sweep}. */
export interface MutexScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<MutexMessage, Node>;
  run(sim: Simulation<MutexMessage, Node>): void;
  describe(seed: Seed): string;
}

const DURATION_MS = 3_000;
const N = 5;

/**
 * The mutual-exclusion sweep scenario.
 *
 * @example
 * sweep({ seeds: 200, scenario: mutexScenario({ algorithm: 'lamport', fifo: false }), stopAtFirst: true }).violation?.checker; // 'mutualExclusion'
 */
export function mutexScenario(options: MutexScenarioOptions): MutexScenario {
  const nodeIds = mutexNodeIds(options.algorithm, N);
  const crashed = options.algorithm === 'central' ? 'c' : 'n3';
  const plan = (seed: Seed): { swarm?: SwarmPlan; reorder: number; duplicate: number } => {
    const rng = createRng(`${String(seed)}/mutex-barrido`);
    if (options.liveness === true) return { reorder: rng.uniform(0, 0.3), duplicate: rng.uniform(0, 0.1) };
    return { swarm: swarmFaults(rng.fork('faults'), { nodeIds, durationMs: DURATION_MS, exclude: ['crashes', 'flashCrashes'] }), reorder: 0, duplicate: 0 };
  };
  const createNode = mutexFactory(options.algorithm, {
    thinkMsMean: 30,
    criticalMs: 5,
    ...(options.fifo === undefined ? {} : { fifo: options.fifo }),
    ...(options.deadlockFree === undefined ? {} : { deadlockFree: options.deadlockFree }),
  });
  const checkers: AnyChecker<MutexMessage, Node>[] = options.liveness === true ? [mutualExclusion, requestsServed(1_500) as never] : [mutualExclusion];
  return {
    setup(seed, { trace }) {
      const p = plan(seed);
      const network = p.swarm?.network ?? { latency: latency.uniform(1, 9), reorder: p.reorder, reorderDelayMs: 20, duplicate: p.duplicate };
      const sim = new Simulation<MutexMessage, Node>({
        seed,
        trace,
        nodeIds,
        createNode,
        network,
        checkers,
        ...(p.swarm === undefined ? {} : { faults: p.swarm.faults, ...(p.swarm.clocks ? { clocks: p.swarm.clocks } : {}) }),
      });
      if (options.crash === true) sim.at(200, () => sim.crash(crashed));
      return sim;
    },
    run(sim) {
      sim.runFor(DURATION_MS);
    },
    describe(seed) {
      const p = plan(seed);
      const crash = options.crash === true ? `\nt=200 ms cae ${crashed}` : '';
      return (p.swarm?.description ?? `sin pérdidas; reordenación p=${p.reorder.toFixed(2)}, duplicación p=${p.duplicate.toFixed(2)}`) + crash;
    },
  };
}
