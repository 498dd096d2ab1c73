/**
 * The chapter's measurements: one election on a fresh cluster, counted (messages by role, time
 * until every live node knows the leader), and many of them over N, random id placements and
 * random initiators, against the textbook formulas.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { Simulation } from '../sim/simulation';
import { latency as latencyModels } from '../sim/network';
import type { LatencyModel } from '../sim/network';
import type { NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { bully } from './bully';
import { changRoberts } from './chang-roberts';
import type { ElectionMessage, ElectionView } from './messages';
import { highestId } from './messages';
import { countMessages, harmonic } from './metrics';
import { ring } from './ring';

/** The three election algorithms of the chapter. */
export type ElectionAlgorithm = 'bully' | 'ring' | 'changRoberts';

/** What one election cost. */
export interface ElectionCost {
  readonly algorithm: ElectionAlgorithm;
  readonly n: number;
  /** Every message sent by the nodes. */
  readonly messages: number;
  /** ELECTION (and Bully's ANSWER) messages: the search for the winner. */
  readonly electionMessages: number;
  /** COORDINATOR / ELECTED messages: telling everybody. */
  readonly announcementMessages: number;
  /** Simulated ms from the start until the last live node learnt the leader. */
  readonly timeMs: number;
  /** The leader every live node agreed on, or `undefined` if they did not agree. */
  readonly leader: NodeId | undefined;
  readonly initiators: readonly NodeId[];
}

/** Options of {@link runElection}. */
export interface ElectionRunOptions {
  readonly algorithm: ElectionAlgorithm;
  readonly n: number;
  readonly seed: Seed;
  /** Link latency (default uniform 1–9 ms). */
  readonly latency?: LatencyModel;
  /**
   * Who starts: Bully and the lecture's ring default to one random live node; Chang–Roberts to
   * every node (the case its formulas describe). `'all'` or a number of random initiators.
   */
  readonly initiators?: 'all' | number;
}

/**
 * Runs one election. Ids are 1…n placed on the ring in a random order drawn from the seed.
 * Bully: the highest node (the old leader) has crashed, and the initiators, which detected
 * it, start. Ring algorithms: every node is alive and nobody leads yet.
 *
 * @example
 * runElection({ algorithm: 'changRoberts', n: 16, seed: 3 }).electionMessages; // between 31 and 136
 */
export function runElection(options: ElectionRunOptions): ElectionCost {
  const { algorithm, n } = options;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`runElection: n debe ser un entero ≥ 2, recibido ${n}`);
  const rng = createRng(`${String(options.seed)}/eleccion`);
  const nodeIds = rng.shuffle(Array.from({ length: n }, (_, i) => String(i + 1)));
  const counter = countMessages();
  const createNode: NodeFactory<ElectionMessage, ProtocolNode<ElectionMessage> & ElectionView> =
    algorithm === 'bully' ? (bully({ electOnStart: false }) as never) : algorithm === 'ring' ? (ring() as never) : (changRoberts() as never);
  const sim = new Simulation<ElectionMessage, ProtocolNode<ElectionMessage> & ElectionView>({
    seed: options.seed,
    trace: false,
    nodeIds,
    createNode,
    network: { latency: options.latency ?? latencyModels.uniform(1, 9) },
    checkers: [counter.checker],
  });
  const dead = algorithm === 'bully' ? String(n) : undefined;
  if (dead !== undefined) sim.crash(dead);
  const live = nodeIds.filter((id) => id !== dead);
  const wanted = options.initiators ?? (algorithm === 'changRoberts' ? 'all' : 1);
  const initiators = wanted === 'all' ? live : rng.sample(live, Math.min(wanted, live.length));
  for (const id of initiators) sim.inject(id, dead === undefined ? { type: 'StartElection' } : { type: 'StartElection', suspect: dead });
  sim.runUntilIdle({ limitMs: 60_000 });
  let timeMs = 0;
  for (const record of sim.outputs) if (record.label === 'leaderElected') timeMs = Math.max(timeMs, record.timeMs);
  const leaders = new Set([...sim.nodes.values()].map((node) => node.leader));
  const leader = leaders.size === 1 ? [...leaders][0] : undefined;
  const by = (t: string) => counter.counts.byType.get(t) ?? 0;
  const announcementMessages = by('Coordinator') + by('Elected');
  return { algorithm, n, messages: counter.counts.total, electionMessages: counter.counts.total - announcementMessages, announcementMessages, timeMs, leader, initiators };
}

/** One point of the chapter's plot: measured messages and time over many runs at one N. */
export interface ElectionCostRow {
  readonly n: number;
  readonly runs: number;
  readonly min: number;
  readonly mean: number;
  readonly max: number;
  readonly meanTimeMs: number;
  /** Runs in which the live nodes did not all agree on the highest live id (should be 0). */
  readonly disagreements: number;
}

/**
 * Runs `runs` elections per size (seeds `${seed}/${n}/${k}`) and summarises them. `count`
 * picks the figure: every message (default), or only the ELECTION messages (what the
 * Chang–Roberts formulas count).
 */
export function electionCosts(options: { algorithm: ElectionAlgorithm; sizes: readonly number[]; runs: number; seed: Seed; count?: 'all' | 'election'; initiators?: 'all' | number }): ElectionCostRow[] {
  return options.sizes.map((n) => {
    const values: number[] = [];
    let time = 0;
    let disagreements = 0;
    for (let k = 0; k < options.runs; k++) {
      const cost = runElection({ algorithm: options.algorithm, n, seed: `${String(options.seed)}/${n}/${k}`, ...(options.initiators === undefined ? {} : { initiators: options.initiators }) });
      values.push(options.count === 'election' ? cost.electionMessages : cost.messages);
      time += cost.timeMs;
      const expected = highestId(Array.from({ length: options.algorithm === 'bully' ? n - 1 : n }, (_, i) => String(i + 1)));
      if (cost.leader !== expected) disagreements++;
    }
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    return { n, runs: options.runs, min: Math.min(...values), mean, max: Math.max(...values), meanTimeMs: time / options.runs, disagreements };
  });
}

/**
 * The textbook counts, for n nodes. Bully (the old leader n is dead): best n − 2 (the second
 * highest detects it and only announces), worst (n − 2)(n + 1) in this implementation (the
 * lowest detects it and every node holds an election): O(n²). Lecture ring, one initiator:
 * n ELECTION hops + n − 1 COORDINATOR hops. Chang–Roberts with every node initiating, ELECTION
 * messages only: best 2n − 1, worst n(n + 1)/2, average n·Hₙ.
 */
export function electionFormulas(n: number): { bullyBest: number; bullyWorst: number; ring: number; changRobertsBest: number; changRobertsWorst: number; changRobertsAverage: number } {
  return {
    bullyBest: n - 2,
    bullyWorst: (n - 2) * (n + 1),
    ring: n + (n - 1),
    changRobertsBest: 2 * n - 1,
    changRobertsWorst: (n * (n + 1)) / 2,
    changRobertsAverage: n * harmonic(n),
  };
}
