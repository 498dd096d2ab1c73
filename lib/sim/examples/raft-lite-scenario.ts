/**
 * The Raft-lite sweep scenario: 5 nodes for 10 s under swarm faults, a client request every
 * 100 ms to whoever believes it leads, the four safety checkers, and a nemesis that strikes at
 * the moments Raft's safety argument depends on: it isolates a leader with one follower right
 * after it appends (so the entry reaches a minority) and crashes a leader right after it
 * commits — the two moves of the paper's Figure 8 — and flash-crashes a voter right after it
 * grants a vote. Random faults alone almost never line those up; this nemesis does.
 */
import { createRng } from '../../random/index';
import type { Seed } from '../../random/index';
import type { Nemesis } from '../nemesis';
import type { CauseLocator } from '../sweep-report';
import type { TraceEvent } from '../trace';
import { checker } from '../checkers';
import type { CheckerFactory } from '../checkers';
import { eventually } from '../run-checkers';
import { Simulation } from '../simulation';
import { swarmFaults } from '../swarm';
import type { SwarmPlan } from '../swarm';
import type { NodeId } from '../types';
import { raftLite } from './raft-lite';
import type { RaftLiteMessage, RaftLiteNode, RaftLiteOptions } from './raft-lite';
import { raftLiteCheckers } from './raft-lite-checkers';

/** Options of {@link raftLiteScenario}. */
export interface RaftLiteScenarioOptions {
  /** Node timing and bug flags (default: the correct protocol, election timeouts 150–300 ms). */
  readonly raft?: RaftLiteOptions;
  /** Cluster size (default 5). */
  readonly nodes?: number;
  /** Simulated length of a run (default 10,000 ms). */
  readonly durationMs?: number;
  /** One client request every this many ms (default 100). */
  readonly commandEveryMs?: number;
  /** Draw a swarm fault plan per seed (default true). */
  readonly swarm?: boolean;
  /** Run the leader-targeting nemesis (default true). */
  readonly nemesis?: boolean;
  /** Run the four checkers (default true; false measures the bare simulator). */
  readonly checkers?: boolean;
  /**
   * Also check liveness: `leaderAfterHeal`, exactly one leader among the live nodes within
   * `withinMs` (default 2,000) of every heal that no new partition, crash or cut follows
   * (default false). `withinMs: 1` is impossible on purpose, to see it reported.
   */
  readonly liveness?: boolean | { readonly withinMs?: number };
}

/** What a sweep needs from a scenario: build the simulation for a seed, run it, describe its faults, find a violation's cause. */
export interface RaftLiteScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<RaftLiteMessage, RaftLiteNode>;
  run(sim: Simulation<RaftLiteMessage, RaftLiteNode>): void;
  describe(seed: Seed): string;
  cause: CauseLocator;
}

/** The nemesis a seed draws: how often it strikes after an append and after a commit. */
interface NemesisPlan {
  readonly isolateAfterAppend: number;
  readonly crashAfterCommit: number;
  readonly flashAfterVote: number;
  readonly downMsMean: number;
}

/**
 * The Raft-lite scenario for {@link sweep}: seed → simulation, with swarm faults and nemesis.
 *
 * @example
 * const result = sweep({ seeds: 2_000, scenario: raftLiteScenario({ raft: { figure8Bug: true } }), stopAtFirst: true });
 * console.log(result.report);
 */
export function raftLiteScenario(options: RaftLiteScenarioOptions = {}): RaftLiteScenario {
  const nodeIds: NodeId[] = Array.from({ length: options.nodes ?? 5 }, (_, i) => `n${i + 1}`);
  const durationMs = options.durationMs ?? 10_000;
  const everyMs = options.commandEveryMs ?? 100;
  const plans = (seed: Seed) => {
    const rng = createRng(`${seed}/swarm`);
    const swarm: SwarmPlan | undefined = options.swarm === false ? undefined : swarmFaults(rng.fork('faults'), { nodeIds, durationMs });
    const nemesisRng = rng.fork('nemesis');
    const nemesis: NemesisPlan | undefined =
      options.nemesis === false
        ? undefined
        : { isolateAfterAppend: nemesisRng.uniform(0, 0.3), crashAfterCommit: nemesisRng.uniform(0, 0.3), flashAfterVote: nemesisRng.uniform(0, 0.3), downMsMean: nemesisRng.uniform(20, 500) };
    return { swarm, nemesis };
  };
  return {
    setup(seed, { trace }) {
      const { swarm, nemesis } = plans(seed);
      const ref: { sim?: Simulation<RaftLiteMessage, RaftLiteNode> } = {};
      const sim = new Simulation<RaftLiteMessage, RaftLiteNode>({
        seed,
        trace,
        nodeIds,
        createNode: raftLite(options.raft),
        checkers: [...(options.checkers === false ? [] : raftLiteCheckers()), ...(options.liveness ? leaderAfterHeal(options.liveness === true ? 2_000 : options.liveness.withinMs ?? 2_000, nodeIds.length) : [])],
        ...(nemesis === undefined ? {} : { nemesis: leaderNemesis(ref, nemesis, nodeIds) }),
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
    cause: raftLiteCause,
    describe(seed) {
      const { swarm, nemesis } = plans(seed);
      const lines = [swarm === undefined ? 'sin fallos aleatorios' : swarm.description];
      if (nemesis !== undefined) {
        lines.push(
          `némesis: aísla al líder con un seguidor tras un append (p=${nemesis.isolateAfterAppend.toFixed(2)}), ` +
            `lo tira tras un commit (p=${nemesis.crashAfterCommit.toFixed(2)}), caídas de ~${Math.round(nemesis.downMsMean)} ms; ` +
            `caída relámpago de quien concede un voto (p=${nemesis.flashAfterVote.toFixed(2)})`,
        );
      }
      return lines.join('\n');
    },
  };
}

/**
 * Liveness, scoped to the heals after which it is a fair promise: once a heal leaves no
 * partition in force (another partition of the swarm plan may still be on) and a majority
 * alive, exactly one leader among the live nodes within `withinMs`. `eventually` cancels the
 * window at a new partition, crash or cut; a heal that leaves the network split, or a majority
 * down, counts as met at once. A companion checker, which never fails, counts the partitions.
 */
function leaderAfterHeal(withinMs: number, size: number): CheckerFactory<RaftLiteMessage, RaftLiteNode>[] {
  let partitions = 0;
  const counter = checker<RaftLiteMessage, RaftLiteNode>('partitionsInForce', () => {
    partitions = 0;
    return {
      onEvent(event) {
        // Every partition here is scheduled and heals only itself (a bare heal() would end them all).
        if (event.kind === 'partition') partitions++;
        else if (event.kind === 'heal') partitions = Math.max(0, partitions - 1);
      },
    };
  });
  const live = eventually<RaftLiteNode>(
    'leaderAfterHeal',
    (c) => partitions > 0 || c.nodes.size <= size / 2 || [...c.nodes.values()].filter((n) => n.role === 'leader').length === 1,
    { withinMs, after: 'heal' },
  );
  return [counter, live as CheckerFactory<unknown, RaftLiteNode> as CheckerFactory<RaftLiteMessage, RaftLiteNode>];
}

/**
 * The nemesis: a granted vote may be followed by a flash crash of its voter; a client request
 * delivered to a leader means it just appended;
 * an `apply` output from a leader means it just advanced its commit index.
 */
function leaderNemesis(ref: { sim?: Simulation<RaftLiteMessage, RaftLiteNode> }, plan: NemesisPlan, nodeIds: readonly NodeId[]): Nemesis<RaftLiteMessage> {
  let lastCommitStrike = -1;
  const leader = (id: NodeId) => ref.sim?.node(id)?.role === 'leader';
  return (event, control) => {
    if (event.kind !== 'deliver' && event.kind !== 'output' && event.kind !== 'send') return;
    const rng = control.nemesisRng;
    const t = control.nowMs;
    if (event.kind === 'send') {
      // A flash crash right after a vote: what a voter wrote before answering must survive it.
      if (event.message.type !== 'RequestVoteReply' || !event.message.voteGranted || !rng.bernoulli(plan.flashAfterVote)) return;
      const voter = event.from;
      control.at(t, () => control.crash(voter));
      control.at(t + rng.int(1, 5), () => control.restart(voter));
      return;
    }
    if (event.kind === 'deliver' && event.message.type === 'ClientRequest' && leader(event.to)) {
      if (!rng.bernoulli(plan.isolateAfterAppend)) return;
      // The entry reaches at most one follower, then its leader dies: it lives on a minority.
      const node = event.to;
      const buddy = rng.choice(nodeIds.filter((id) => id !== node));
      const rest = nodeIds.filter((id) => id !== node && id !== buddy);
      const healAtMs = t + Math.round(rng.uniform(100, 1_000));
      ref.sim?.schedule([{ type: 'partition', atMs: t, groups: [[node, buddy], rest], healAtMs }]);
      const crashAtMs = t + rng.uniform(0, 10);
      control.at(crashAtMs, () => control.crash(node));
      control.at(crashAtMs + 1 + Math.round(rng.exponential(plan.downMsMean)), () => control.restart(node));
    } else if (event.kind === 'output' && event.label === 'apply' && leader(event.node) && t !== lastCommitStrike) {
      // One draw per commit, not per entry applied by it.
      lastCommitStrike = t;
      if (!rng.bernoulli(plan.crashAfterCommit)) return;
      const node = event.node;
      control.crash(node);
      control.at(t + 1 + Math.round(rng.exponential(plan.downMsMean)), () => control.restart(node));
    }
  };
}

/**
 * Where a Raft-lite violation started, read from the replayed trace: for two leaders in term T,
 * the first RequestVote of term T; for a lost or conflicting committed entry, its first `apply`
 * (the moment it was taken as committed). `undefined` for anything else.
 */
export function raftLiteCause(trace: readonly TraceEvent<unknown>[], violation: { readonly message: string }, violationIndex: number): number | undefined {
  const events = trace as readonly TraceEvent<RaftLiteMessage>[];
  const term = /dos líderes en el término (\d+)/.exec(violation.message)?.[1];
  if (term !== undefined) {
    const t = Number(term);
    const i = events.findIndex((e, k) => k <= violationIndex && e.kind === 'send' && e.message.type === 'RequestVote' && e.message.term === t);
    return i < 0 ? undefined : i;
  }
  const index = /(?:entrada|índice) (\d+)/.exec(violation.message)?.[1];
  if (index === undefined) return undefined;
  const n = Number(index);
  const i = events.findIndex((e, k) => k <= violationIndex && e.kind === 'output' && e.label === 'apply' && (e.data as { index?: number } | undefined)?.index === n);
  return i < 0 ? undefined : i;
}
