/**
 * The HDFS sweep scenario (`npm run sweep`, and the small sweep in the tests): a cluster of
 * 3 racks × 4 DataNodes with 12 files, HDFS timing with the slow timers ÷ 10 (dead after
 * 2·30 s + 10·3 s = 90 s), light message loss, and one fault per seed — one DataNode dies, a
 * whole rack dies, two DataNodes die one after the other, or a DataNode restarts before it is
 * declared dead. HDFS's policy must never lose a block and must re-replicate everything by
 * the end; the rack-unaware and lecture-style placements and a NameNode that keeps dead
 * replicas must be caught.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import { noBlockLost, reReplicated } from './checkers';
import type { DfsNode } from './cluster';
import { hdfsCluster } from './cluster';
import { SCALED_TIMING } from './config';
import type { DfsMessage } from './messages';
import type { PlacementChoice, PlacementPolicy } from './placement';
import { rackTopology } from './topology';

/** Options of {@link hdfsScenario}. */
export interface HdfsScenarioOptions {
  readonly placement?: PlacementPolicy;
  readonly keepDeadReplicas?: boolean;
  /** The placement decision (exercise 10.2's cells pass the student's; in-process sweeps only). */
  readonly chooseTarget?: PlacementChoice;
}

/** The kinds of fault a seed draws. */
export type HdfsFault = 'node' | 'rack' | 'twoNodes' | 'restart';

/** The fault plan of one seed. */
export interface HdfsPlan {
  readonly fault: HdfsFault;
  readonly victims: readonly NodeId[];
  readonly failAtMs: number;
  /** When the second victim dies (`twoNodes`) or the victim restarts (`restart`). */
  readonly secondAtMs: number;
  readonly loss: number;
}

const DURATION_MS = 500_000;
const FAULTS: readonly HdfsFault[] = ['node', 'rack', 'twoNodes', 'restart'];

/** Draws the plan of one seed. */
export function hdfsPlan(seed: Seed): HdfsPlan {
  const rng = createRng(`${String(seed)}/hdfs-barrido`);
  const topology = rackTopology({ racks: 3, nodesPerRack: 4 });
  const fault = rng.choice(FAULTS);
  const failAtMs = rng.int(10_000, 40_000);
  const rack = rng.choice(topology.racks);
  const victims = fault === 'rack' ? topology.dataNodes.filter((d) => topology.rackOf.get(d) === rack)
    : fault === 'twoNodes' ? rng.sample(topology.dataNodes, 2) : [rng.choice(topology.dataNodes)];
  // twoNodes: the second dies once the first one's blocks are re-replicated (90–120 s to detect, then seconds).
  const secondAtMs = fault === 'twoNodes' ? failAtMs + rng.int(200_000, 260_000) : failAtMs + rng.int(5_000, 60_000);
  return { fault, victims, failAtMs, secondAtMs, loss: rng.bernoulli(0.5) ? rng.uniform(0, 0.02) : 0 };
}

/** The readable plan printed with a failing seed. */
export function describeHdfsPlan(plan: HdfsPlan): string {
  const what = plan.fault === 'rack' ? `cae el rack entero (${plan.victims.join(', ')}) en t=${plan.failAtMs} ms`
    : plan.fault === 'twoNodes' ? `cae ${plan.victims[0]} en t=${plan.failAtMs} ms y ${plan.victims[1]} en t=${plan.secondAtMs} ms`
      : plan.fault === 'restart' ? `cae ${plan.victims[0]} en t=${plan.failAtMs} ms y vuelve en t=${plan.secondAtMs} ms` : `cae ${plan.victims[0]} en t=${plan.failAtMs} ms`;
  return `${what}; pérdida de mensajes ${(plan.loss * 100).toFixed(1)} %`;
}

/** A scenario object for `sweep`. */
export interface HdfsScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<DfsMessage, DfsNode>;
  run(sim: Simulation<DfsMessage, DfsNode>): void;
  describe(seed: Seed): string;
}

/**
 * The HDFS re-replication sweep scenario.
 *
 * @example
 * sweep({ seeds: 200, scenario: hdfsScenario({ placement: 'rackUnaware' }), stopAtFirst: true }).violation?.checker; // 'noBlockLost'
 */
export function hdfsScenario(options: HdfsScenarioOptions = {}): HdfsScenario {
  return {
    setup(seed, { trace }) {
      const plan = hdfsPlan(seed);
      const cluster = hdfsCluster({
        seed, trace, files: 12, config: SCALED_TIMING, loss: plan.loss,
        placement: options.placement ?? 'hdfs', keepDeadReplicas: options.keepDeadReplicas ?? false,
        ...(options.chooseTarget ? { chooseTarget: options.chooseTarget } : {}),
        checkers: (layout) => [noBlockLost(layout), reReplicated([...layout.keys()], SCALED_TIMING.replication)],
      });
      const sim = cluster.sim;
      const [first, second] = plan.victims;
      if (plan.fault === 'twoNodes') {
        sim.at(plan.failAtMs, () => sim.crash(first as NodeId));
        sim.at(plan.secondAtMs, () => sim.crash(second as NodeId));
      } else {
        sim.at(plan.failAtMs, () => { for (const v of plan.victims) sim.crash(v); });
        if (plan.fault === 'restart') sim.at(plan.secondAtMs, () => sim.restart(first as NodeId));
      }
      return sim;
    },
    run(sim) {
      sim.runFor(DURATION_MS);
    },
    describe(seed) {
      return describeHdfsPlan(hdfsPlan(seed));
    },
  };
}
