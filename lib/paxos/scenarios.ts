/**
 * Ready-made Paxos runs: the lecture's sushi example, and the Multi-Paxos sweep scenario
 * (5 nodes, swarm faults, a crash of the leader right after it decides, agreement per slot)
 * that `npm run sweep` runs over 10,000 seeds.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { Nemesis } from '../sim/nemesis';
import { Simulation } from '../sim/simulation';
import { swarmFaults } from '../sim/swarm';
import type { SwarmPlan } from '../sim/swarm';
import type { NodeId } from '../sim/types';
import { paxosAgreement, slotAgreement } from './checkers';
import type { MultiPaxosMessage, PaxosMessage } from './messages';
import { multiPaxos } from './multi-paxos';
import type { MultiPaxosNode, MultiPaxosOptions } from './multi-paxos';
import { paxos } from './single-decree';
import type { LectureSlips, PaxosNode } from './single-decree';

/** The sushi example's cast: two proposers with their dinners, three acceptors, one learner. */
export const SUSHI = {
  proposers: ['p1', 'p2'],
  acceptors: ['a1', 'a2', 'a3'],
  learners: ['l1'],
  values: { p1: 'Comamos sushi', p2: 'Comamos pizza' },
} as const;

/**
 * The lecture's example as a run: p1 proposes «Comamos sushi», p2 «Comamos pizza» `p2StartMs`
 * later, over a 5–15 ms network; l1 learns the decision.
 *
 * @example
 * const sim = sushiRun({ seed: 1 });
 * sim.outputs.filter((o) => o.label === 'decide'); // [{ node: 'l1', data: { value: 'Comamos sushi', … } }]
 */
export function sushiRun(options: { seed?: Seed; p2StartMs?: number; lecture?: boolean | LectureSlips; durationMs?: number; loss?: number } = {}): Simulation<PaxosMessage, PaxosNode> {
  const nodeIds = [...SUSHI.proposers, ...SUSHI.acceptors, ...SUSHI.learners];
  const sim = new Simulation<PaxosMessage, PaxosNode>({
    seed: options.seed ?? 1,
    nodeIds,
    network: options.loss === undefined ? {} : { loss: options.loss },
    createNode: paxos({ ...SUSHI, ...(options.lecture === undefined ? {} : { lecture: options.lecture }), startMs: { p2: options.p2StartMs ?? 3 } }),
    checkers: [paxosAgreement(SUSHI.acceptors.length)],
  });
  sim.runFor(options.durationMs ?? 1_000);
  return sim;
}

/** Options of {@link multiPaxosScenario}. */
export interface MultiPaxosScenarioOptions {
  readonly paxos?: MultiPaxosOptions;
  readonly nodes?: number;
  readonly durationMs?: number;
  readonly commandEveryMs?: number;
  readonly swarm?: boolean;
  /** Crash the leader right after it learns a decision, with this probability (default: drawn per seed, 0–0.2). */
  readonly crashAfterDecide?: number;
}

/** What `sweep` needs: seed → simulation, run, and the fault plan in words. */
export interface MultiPaxosScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<MultiPaxosMessage, MultiPaxosNode>;
  run(sim: Simulation<MultiPaxosMessage, MultiPaxosNode>): void;
  describe(seed: Seed): string;
}

/**
 * The Multi-Paxos sweep scenario: `nodes` (5) nodes for `durationMs` (5 s), a command every
 * 50 ms to whoever leads, swarm faults, a nemesis that crashes a leader right after a
 * decision (restart 1–300 ms later), and `slotAgreement`.
 *
 * @example
 * sweep({ seeds: 300, scenario: multiPaxosScenario() });                                 // passes
 * sweep({ seeds: 300, scenario: multiPaxosScenario({ paxos: { ignoreReported: true } }), stopAtFirst: true }); // slotAgreement
 */
export function multiPaxosScenario(options: MultiPaxosScenarioOptions = {}): MultiPaxosScenario {
  const nodeIds: NodeId[] = Array.from({ length: options.nodes ?? 5 }, (_, i) => `n${i + 1}`);
  const durationMs = options.durationMs ?? 5_000;
  const everyMs = options.commandEveryMs ?? 50;
  const plans = (seed: Seed) => {
    const rng = createRng(`${seed}/multipaxos`);
    const swarm: SwarmPlan | undefined = options.swarm === false ? undefined : swarmFaults(rng.fork('faults'), { nodeIds, durationMs });
    const crash = options.crashAfterDecide ?? rng.fork('nemesis').uniform(0, 0.2);
    return { swarm, crash };
  };
  return {
    setup(seed, { trace }) {
      const { swarm, crash } = plans(seed);
      const ref: { sim?: Simulation<MultiPaxosMessage, MultiPaxosNode> } = {};
      const sim = new Simulation<MultiPaxosMessage, MultiPaxosNode>({
        seed,
        trace,
        nodeIds,
        createNode: multiPaxos(options.paxos),
        checkers: [slotAgreement<MultiPaxosMessage, MultiPaxosNode>()],
        nemesis: crashLeaderAfterDecide(ref, crash),
        ...(swarm === undefined ? {} : { network: swarm.network, faults: swarm.faults, ...(swarm.clocks ? { clocks: swarm.clocks } : {}) }),
      });
      ref.sim = sim;
      for (let t = everyMs, k = 1; t < durationMs; t += everyMs, k++) {
        const command = `c${k}`;
        sim.at(t, () => {
          for (const node of sim.nodes.values()) if (node.role === 'leader') sim.inject(node.id, { type: 'ClientRequest', command });
        });
      }
      return sim;
    },
    run(sim) {
      sim.runFor(durationMs);
    },
    describe(seed) {
      const { swarm, crash } = plans(seed);
      return `${swarm?.description ?? 'sin fallos aleatorios'}\nnémesis: tira al líder tras una decisión (p=${crash.toFixed(2)})`;
    },
  };
}

function crashLeaderAfterDecide(ref: { sim?: Simulation<MultiPaxosMessage, MultiPaxosNode> }, probability: number): Nemesis<MultiPaxosMessage> {
  let lastStrike = -1;
  return (event, control) => {
    if (event.kind !== 'output' || event.label !== 'decide' || control.nowMs === lastStrike) return;
    if (ref.sim?.node(event.node)?.role !== 'leader') return;
    lastStrike = control.nowMs;
    if (!control.nemesisRng.bernoulli(probability)) return;
    const node = event.node;
    control.crash(node);
    control.at(control.nowMs + control.nemesisRng.int(1, 300), () => control.restart(node));
  };
}
