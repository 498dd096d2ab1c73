/**
 * The P2P flood's sweep scenario (`npm run sweep`, and the small sweep in the tests).
 *
 * Ten peers join from bootstrap lists (three contacts each), an eleventh joins late, one
 * peer leaves saying goodbye and one dies silently (both chosen so that the live overlay stays
 * connected); then five lines are written while the network loses (0–20 %), duplicates and
 * reorders messages, and a partition cuts off part of the peers for up to 1.5 s. The correct
 * peer (reliable links, full flood) must show every line exactly once on every live peer;
 * without retransmission, with a fan-out of 2, or de-duplicating only the forwards, it must not.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import { deliveredOnce, floodCoverage } from './checkers';
import type { P2PMessage } from './messages';
import { formatP2PMessage } from './messages';
import { bootstrapLists, isConnected, overlayEdges } from './overlay';
import { P2PPeer } from './peer';
import type { Fanout, FloodRule } from './peer';

/** Options of {@link p2pScenario}. */
export interface P2PScenarioOptions {
  /** Retransmit until acked (default true). */
  readonly reliable?: boolean;
  /** Fan-out (default `'all'`). */
  readonly fanout?: Fanout;
  /** False: the catalogued bug that shows every copy (default true). */
  readonly dedupBeforeDeliver?: boolean;
  /** The flood rule (exercise 04.2's cells pass the student's; in-process sweeps only). */
  readonly onChat?: FloodRule;
}

/** The fault plan of one seed, drawn from it. */
export interface P2PPlan {
  readonly ids: NodeId[];
  readonly bootstrap: Map<NodeId, NodeId[]>;
  readonly late: NodeId;
  readonly leaver: NodeId;
  readonly dead: NodeId;
  readonly loss: number;
  readonly duplicate: number;
  readonly reorder: number;
  /** The peers cut off from the rest, and when (empty: no partition). */
  readonly partition: { readonly side: NodeId[]; readonly atMs: number; readonly healMs: number } | undefined;
  readonly posts: { readonly atMs: number; readonly by: NodeId }[];
}

const PEERS = 10;
const DURATION_MS = 6_000;
const LATE_JOIN_MS = 150;
const LEAVE_MS = 250;
const CRASH_MS = 300;

/** Draws the plan of one seed. */
export function p2pPlan(seed: Seed): P2PPlan {
  const rng = createRng(`${String(seed)}/p2p-barrido`);
  const ids = Array.from({ length: PEERS + 1 }, (_, i) => `p${i + 1}`);
  const bootstrap = bootstrapLists(ids, { contacts: 3, rng: rng.fork('overlay') });
  const late = ids[ids.length - 1] as NodeId;
  const edges = overlayEdges(bootstrap);
  // A leaver and a dead peer whose absence keeps the live overlay connected.
  const candidates = rng.shuffle(ids.slice(1, -1));
  let leaver = candidates[0] as NodeId;
  let dead = candidates[1] as NodeId;
  search: for (const a of candidates) {
    for (const b of candidates) {
      if (a === b) continue;
      if (isConnected(edges, new Set(ids.filter((id) => id !== a && id !== b)))) {
        leaver = a;
        dead = b;
        break search;
      }
    }
  }
  const live = ids.filter((id) => id !== leaver && id !== dead);
  const partitioned = rng.bernoulli(0.7);
  const side = rng.sample(live, rng.int(1, Math.floor(live.length / 2)));
  const atMs = rng.int(800, 1_600);
  return {
    ids,
    bootstrap,
    late,
    leaver,
    dead,
    loss: rng.bernoulli(0.8) ? rng.uniform(0, 0.2) : 0,
    duplicate: rng.bernoulli(0.5) ? rng.uniform(0, 0.1) : 0,
    reorder: rng.bernoulli(0.5) ? rng.uniform(0, 0.3) : 0,
    partition: partitioned ? { side: side.sort(), atMs, healMs: atMs + rng.int(100, 1_500) } : undefined,
    posts: Array.from({ length: 5 }, (_, i) => ({ atMs: 800 + i * 250 + rng.int(0, 200), by: rng.choice(live) })),
  };
}

/** The readable plan printed with a failing seed. */
export function describeP2PPlan(plan: P2PPlan): string {
  const lines = [
    `pares ${plan.ids.join(', ')}; ${plan.late} se une en t=${LATE_JOIN_MS} ms, ${plan.leaver} se despide en t=${LEAVE_MS} ms, ${plan.dead} muere sin avisar en t=${CRASH_MS} ms`,
    `pérdida ${(plan.loss * 100).toFixed(1)} %, duplicación ${(plan.duplicate * 100).toFixed(1)} %, reordenación ${(plan.reorder * 100).toFixed(1)} %`,
    plan.partition ? `partición [${plan.partition.side.join(', ')}] | resto de t=${plan.partition.atMs} a t=${plan.partition.healMs} ms` : 'sin partición',
    `mensajes: ${plan.posts.map((p) => `${p.by}@${p.atMs}`).join(', ')}`,
  ];
  return lines.join('\n');
}

/** A scenario object for `sweep`. */
export interface P2PScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<P2PMessage, P2PPeer>;
  run(sim: Simulation<P2PMessage, P2PPeer>): void;
  describe(seed: Seed): string;
}

/**
 * The P2P flood sweep scenario.
 *
 * @example
 * sweep({ seeds: 200, scenario: p2pScenario({ fanout: 2 }), stopAtFirst: true }).violation?.checker; // 'floodCoverage'
 */
export function p2pScenario(options: P2PScenarioOptions = {}): P2PScenario {
  return {
    setup(seed, { trace }) {
      const plan = p2pPlan(seed);
      const sim = new Simulation<P2PMessage, P2PPeer>({
        seed,
        trace,
        nodeIds: plan.ids,
        formatMessage: formatP2PMessage,
        network: { latency: latency.uniform(2, 12), loss: plan.loss, duplicate: plan.duplicate, reorder: plan.reorder, reorderDelayMs: 40 },
        createNode: (context) =>
          new P2PPeer(context, {
            bootstrap: plan.bootstrap.get(context.id) ?? [],
            fanout: options.fanout ?? 'all',
            reliable: options.reliable ?? true,
            ...(options.dedupBeforeDeliver === undefined ? {} : { dedupBeforeDeliver: options.dedupBeforeDeliver }),
            ...(options.onChat === undefined ? {} : { onChat: options.onChat }),
            ...(context.id === plan.late ? { joinAtMs: LATE_JOIN_MS } : {}),
            ...(context.id === plan.leaver ? { leaveAtMs: LEAVE_MS } : {}),
          }),
        checkers: [deliveredOnce, floodCoverage],
      });
      sim.at(CRASH_MS, () => sim.crash(plan.dead));
      const partition = plan.partition;
      if (partition) {
        const rest = plan.ids.filter((id) => !partition.side.includes(id));
        sim.at(partition.atMs, () => sim.partition(partition.side, rest));
        sim.at(partition.healMs, () => sim.heal());
      }
      for (const post of plan.posts) sim.at(post.atMs, () => sim.inject(post.by, { type: 'Post', text: `hola desde ${post.by}` }, { from: post.by }));
      return sim;
    },
    run(sim) {
      sim.runFor(DURATION_MS);
    },
    describe(seed) {
      return describeP2PPlan(p2pPlan(seed));
    },
  };
}
