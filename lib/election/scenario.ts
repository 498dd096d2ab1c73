/**
 * Sweep scenarios for the election algorithms (`npm run sweep`, and small sweeps in the tests).
 *
 * Bully: 5 nodes for 4 s, every node elects at boot, up to 3 crashes (most restart, and a
 * restarted node elects), each noticed 30 ms later by a random live node; duplicated and
 * reordered messages, but always within the timeouts (a synchronous network). Checked: no split
 * brain longer than 200 ms, and at the end every live node follows the highest live one.
 * `partition: true` adds a partition that cuts the two highest nodes off; the lower side elects
 * its own leader and `splitBrain` catches it. Rings: 6 nodes in a random order, one to three
 * waves of elections from random initiators, reordering; `crash: true` kills a node first, and
 * the ring, which is never repaired, leaves nodes without the leader.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { AnyChecker } from '../sim/checkers';
import { latency } from '../sim/network';
import type { NetworkModel } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { bully } from './bully';
import { changRoberts } from './chang-roberts';
import { leaderAgreement, singleLeader, splitBrain } from './checkers';
import type { ElectionAlgorithm } from './experiment';
import type { ElectionMessage, ElectionView } from './messages';
import { ring } from './ring';

/** Options of {@link electionScenario}. */
export interface ElectionScenarioOptions {
  readonly algorithm: ElectionAlgorithm;
  /** Bully only: a partition isolates the two highest nodes for a while (default false). */
  readonly partition?: boolean;
  /** Rings only: one node crashes before the first election (default false). */
  readonly crash?: boolean;
}

type Node = ProtocolNode<ElectionMessage> & ElectionView;

/** A scenario object for {@link sweep}: setup, run, and the seed's plan in words. */
export interface ElectionScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<ElectionMessage, Node>;
  run(sim: Simulation<ElectionMessage, Node>): void;
  describe(seed: Seed): string;
}

interface Plan {
  readonly nodeIds: readonly NodeId[];
  readonly network: NetworkModel;
  /** [time, action, node, detail] lines, scheduled with sim.at. */
  readonly actions: readonly { atMs: number; kind: 'crash' | 'restart' | 'elect' | 'partition' | 'heal'; node: NodeId; suspect?: NodeId; fallbacks?: readonly NodeId[] }[];
}

const DURATION_MS = 4_000;

function drawPlan(seed: Seed, options: ElectionScenarioOptions): Plan {
  const rng = createRng(`${String(seed)}/eleccion-barrido`);
  const n = options.algorithm === 'bully' ? 5 : 6;
  const nodeIds = rng.shuffle(Array.from({ length: n }, (_, i) => String(i + 1)));
  const network: NetworkModel = {
    latency: latency.uniform(1, 9),
    reorder: rng.uniform(0, 0.3),
    reorderDelayMs: 10,
    ...(options.algorithm === 'bully' ? { duplicate: rng.uniform(0, 0.1) } : {}),
  };
  const actions: Plan['actions'][number][] = [];
  if (options.algorithm === 'bully') {
    const crashes = rng.int(0, 3);
    for (let k = 0; k < crashes; k++) {
      const node = rng.choice(nodeIds);
      const atMs = Math.round(rng.uniform(100, 2_000));
      actions.push({ atMs, kind: 'crash', node });
      // The first live node of a shuffled list notices (the first choice may be down by then).
      const [first, ...fallbacks] = rng.shuffle(nodeIds.filter((id) => id !== node));
      actions.push({ atMs: atMs + 30, kind: 'elect', node: first as NodeId, suspect: node, fallbacks });
      if (rng.bernoulli(0.7)) actions.push({ atMs: atMs + Math.round(rng.uniform(50, 800)), kind: 'restart', node });
    }
    if (options.partition === true) {
      const atMs = Math.round(rng.uniform(200, 1_500));
      const lower = nodeIds.filter((id) => Number(id) <= n - 2);
      actions.push({ atMs, kind: 'partition', node: '' });
      // The lower side stops hearing the leader: someone there starts an election (no suspect: it cannot tell).
      actions.push({ atMs: atMs + 30, kind: 'elect', node: rng.choice(lower) });
      actions.push({ atMs: atMs + Math.round(rng.uniform(300, 1_500)), kind: 'heal', node: '' });
    }
  } else {
    if (options.crash === true) actions.push({ atMs: 0, kind: 'crash', node: rng.choice(nodeIds) });
    const waves = rng.int(1, 3);
    for (let w = 0; w < waves; w++) {
      const atMs = 10 + w * 800 + Math.round(rng.uniform(0, 300));
      for (const node of rng.sample(nodeIds, rng.int(1, n))) actions.push({ atMs: atMs + rng.int(0, 20), kind: 'elect', node });
    }
  }
  actions.sort((a, b) => a.atMs - b.atMs);
  return { nodeIds, network, actions };
}

/**
 * The election sweep scenario.
 *
 * @example
 * sweep({ seeds: 300, scenario: electionScenario({ algorithm: 'bully', partition: true }), stopAtFirst: true }).violation?.checker; // 'splitBrain'
 */
export function electionScenario(options: ElectionScenarioOptions): ElectionScenario {
  const createNode: NodeFactory<ElectionMessage, Node> =
    options.algorithm === 'bully' ? (bully() as never) : options.algorithm === 'ring' ? (ring() as never) : (changRoberts() as never);
  const checkers: AnyChecker<ElectionMessage, Node>[] =
    options.algorithm === 'bully' ? [splitBrain(200) as never, leaderAgreement as never] : [singleLeader, leaderAgreement as never];
  return {
    setup(seed, { trace }) {
      const plan = drawPlan(seed, options);
      const sim = new Simulation<ElectionMessage, Node>({ seed, trace, nodeIds: plan.nodeIds, createNode, network: plan.network, checkers });
      const top = plan.nodeIds.filter((id) => Number(id) >= plan.nodeIds.length - 1);
      for (const a of plan.actions) {
        sim.at(a.atMs, () => {
          if (a.kind === 'crash' && sim.isUp(a.node)) sim.crash(a.node);
          else if (a.kind === 'restart' && !sim.isUp(a.node)) sim.restart(a.node);
          else if (a.kind === 'partition') sim.partition(top, plan.nodeIds.filter((id) => !top.includes(id)));
          else if (a.kind === 'heal') sim.heal();
          else if (a.kind === 'elect') {
            // A perfect detector (the synchronous model): no suspicion of a node that is up again.
            if (a.suspect !== undefined && sim.isUp(a.suspect)) return;
            const who = [a.node, ...(a.fallbacks ?? [])].find((id) => sim.isUp(id));
            if (who !== undefined) sim.inject(who, a.suspect === undefined ? { type: 'StartElection' } : { type: 'StartElection', suspect: a.suspect });
          }
        });
      }
      return sim;
    },
    run(sim) {
      sim.runFor(DURATION_MS);
    },
    describe(seed) {
      const plan = drawPlan(seed, options);
      const lines = [`anillo/orden: ${plan.nodeIds.join(' → ')}; reordenación p=${(plan.network.reorder ?? 0).toFixed(2)}`];
      for (const a of plan.actions) lines.push(`t=${a.atMs} ms ${a.kind}${a.node === '' ? '' : ` ${a.node}`}${a.suspect === undefined ? '' : ` (sospecha de ${a.suspect})`}`);
      return lines.join('\n');
    },
  };
}
