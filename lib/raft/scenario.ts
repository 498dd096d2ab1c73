/**
 * Raft scenarios: a cluster with KV clients, faults and every checker — the four safety
 * properties and, at the end, a linearizable history. {@link raftScenario} builds (and by
 * default runs) one seed for a notebook or a test; {@link raftSweep} is the same as a sweep
 * scenario for `sweep`/`sweepParallel` and `npm run sweep`.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { AnyChecker } from '../sim/checkers';
import { raftLiteCause } from '../sim/examples/raft-lite-scenario';
import type { Fault } from '../sim/faults';
import type { NetworkModel } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { CauseLocator } from '../sim/sweep-report';
import { swarmFaults } from '../sim/swarm';
import type { SwarmPlan } from '../sim/swarm';
import type { NodeId } from '../sim/types';
import { raftCheckers } from './checkers';
import { linearizableKv, raftClient } from './client';
import type { RaftConfig } from './config';
import { LAB_UNRELIABLE_NETWORK, labUnreliable } from './labrpc';
import type { RaftMessage } from './messages';
import { raftNemesis } from './nemesis';
import type { RaftNemesisPlan } from './nemesis';
import { raftNode } from './node';
import type { RaftNode } from './node';

/** Which faults a run gets: a swarm plan per seed, 6.5840's unreliable network, none, or your own schedule. */
export type RaftFaults = 'swarm' | 'unreliable' | 'none' | { readonly schedule: readonly Fault[]; readonly network?: NetworkModel };

/** Options of {@link raftScenario} and {@link raftSweep}. */
export interface RaftScenarioOptions {
  /** Servers (default 5). */
  readonly nodes?: number;
  /** Simulated length (default 5,000 ms). */
  readonly durationMs?: number;
  /** Server options: timing, snapshots, bugs (default: the correct protocol, 150–300 ms). */
  readonly raft?: Partial<RaftConfig>;
  /** Faults (default `'swarm'`). */
  readonly faults?: RaftFaults;
  /** Run the leader-targeting nemesis (default true with swarm faults, false otherwise). */
  readonly nemesis?: boolean;
  /** KV client actors (default 3) and operations per client (default 30). */
  readonly clients?: number;
  readonly operationsPerClient?: number;
  /** Run the four safety checkers (default true; false measures the bare simulator). */
  readonly safety?: boolean;
  /** Check the history for linearizability at the end (default true). */
  readonly linearizability?: boolean;
  /** `'fsync'` (default): only fsynced writes survive a crash; `'immediate'`: all do. */
  readonly durability?: 'fsync' | 'immediate';
  /** Extra checkers (e.g. `recordStates(...)` for a timeline). */
  readonly checkers?: readonly AnyChecker<RaftMessage, RaftNode>[];
}

/** What a sweep needs: seed → simulation, run it, describe its faults, find a violation's cause. */
export interface RaftSweepScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<RaftMessage, RaftNode>;
  run(sim: Simulation<RaftMessage, RaftNode>): void;
  describe(seed: Seed): string;
  cause: CauseLocator;
}

/** The node ids of a cluster of `n`: `n1` … `nN`. */
export function raftNodeIds(n: number): NodeId[] {
  return Array.from({ length: n }, (_, i) => `n${i + 1}`);
}

/**
 * The Raft scenario as a sweep scenario (5 servers, 3 clients, 5 s, swarm faults, nemesis,
 * the four safety checkers and the linearizability check at the end).
 *
 * @example
 * const result = sweep({ seeds: 500, scenario: raftSweep({ raft: { bugs: { commitOldTerms: true } } }), stopAtFirst: true });
 * console.log(result.report);
 */
export function raftSweep(options: RaftScenarioOptions = {}): RaftSweepScenario {
  const nodeIds = raftNodeIds(options.nodes ?? 5);
  const clientIds = Array.from({ length: options.clients ?? 3 }, (_, i) => `c${i + 1}`);
  const durationMs = options.durationMs ?? 5_000;
  const faults: RaftFaults = options.faults ?? 'swarm';
  const plans = (seed: Seed): { swarm?: SwarmPlan; nemesis?: RaftNemesisPlan } => {
    const rng = createRng(`${seed}/swarm`);
    const swarm = faults === 'swarm' ? swarmFaults(rng.fork('faults'), { nodeIds, durationMs }) : undefined;
    const nemesisRng = rng.fork('nemesis');
    const on = options.nemesis ?? faults === 'swarm';
    const nemesis = on
      ? { isolateAfterAppend: nemesisRng.uniform(0, 0.3), crashAfterCommit: nemesisRng.uniform(0, 0.3), flashAfterVote: nemesisRng.uniform(0, 0.3), downMsMean: nemesisRng.uniform(20, 500) }
      : undefined;
    return { ...(swarm === undefined ? {} : { swarm }), ...(nemesis === undefined ? {} : { nemesis }) };
  };
  return {
    setup(seed, { trace }) {
      const { swarm, nemesis } = plans(seed);
      const ref: { sim?: Simulation<RaftMessage, RaftNode> } = {};
      const custom = typeof faults === 'object' ? faults : undefined;
      const network = swarm?.network ?? custom?.network ?? (faults === 'unreliable' ? LAB_UNRELIABLE_NETWORK : undefined);
      const schedule = swarm?.faults ?? custom?.schedule;
      const sim = new Simulation<RaftMessage, RaftNode>({
        seed,
        trace,
        nodeIds,
        createNode: raftNode(options.raft),
        durability: options.durability ?? 'fsync',
        clients: { ids: clientIds, createClient: raftClient({ operations: options.operationsPerClient ?? 30 }) },
        checkers: [...(options.safety === false ? [] : raftCheckers()), ...(options.linearizability === false ? [] : [linearizableKv()]), ...(options.checkers ?? [])],
        ...(nemesis === undefined ? {} : { nemesis: raftNemesis(ref, nemesis, nodeIds) }),
        ...(network === undefined ? {} : { network }),
        ...(schedule === undefined ? {} : { faults: schedule }),
        ...(swarm?.clocks ? { clocks: swarm.clocks } : {}),
      });
      ref.sim = sim;
      if (faults === 'unreliable') labUnreliable(sim, { seed, longReordering: true });
      return sim;
    },
    run(sim) {
      sim.runFor(durationMs);
    },
    cause: raftLiteCause,
    describe(seed) {
      const { swarm, nemesis } = plans(seed);
      const lines = [swarm?.description ?? (faults === 'unreliable' ? 'red poco fiable de 6.5840: 10 % de peticiones y respuestas perdidas, 0–27 ms, 2/3 de respuestas retrasadas 200–2200 ms' : 'sin fallos aleatorios')];
      if (nemesis !== undefined) {
        lines.push(
          `némesis: aísla al líder con un seguidor tras un append (p=${nemesis.isolateAfterAppend.toFixed(2)}), lo tira tras un commit (p=${nemesis.crashAfterCommit.toFixed(2)}), ` +
            `caídas de ~${Math.round(nemesis.downMsMean)} ms; caída relámpago de quien concede un voto (p=${nemesis.flashAfterVote.toFixed(2)})`,
        );
      }
      return lines.join('\n');
    },
  };
}

/**
 * One Raft run with KV clients and every checker, built and (unless `run: false`) run for
 * `durationMs` and finished (end-of-run checks done): read `sim.violation`, `sim.history`,
 * `sim.trace` (with `trace: true`, the default here).
 *
 * @example
 * const sim = raftScenario({ seed: 1, faults: 'swarm' });
 * console.log(sim.violation ?? 'sin violaciones', sim.history.length);
 */
export function raftScenario(options: RaftScenarioOptions & { readonly seed: Seed; readonly trace?: boolean; readonly run?: boolean }): Simulation<RaftMessage, RaftNode> {
  const scenario = raftSweep(options);
  const sim = scenario.setup(options.seed, { trace: options.trace ?? true });
  if (options.run !== false) {
    scenario.run(sim);
    sim.finish();
  }
  return sim;
}
