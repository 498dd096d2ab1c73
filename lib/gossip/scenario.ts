/**
 * Gossip's sweep scenario (`npm run sweep`, and the small sweep in the tests): 60 nodes, the
 * rumour from g0, push–pull (or push, pull) with fan-out 1–3 drawn from the seed, 0–30 % loss,
 * up to 20 % of the nodes crashed from the start and one more crashed mid-run, 40 rounds. Every
 * live node must have the rumour at the end (`gossipCoverage`). The catalogued bug, `oneHop`,
 * is the lecture's network: the origin sends to its picks once and nobody forwards.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import { gossipCoverage, gossipIntegrity } from './checkers';
import { gossipIds } from './experiment';
import type { GossipMessage, GossipMode } from './messages';
import { formatGossipMessage } from './messages';
import { GossipNode } from './node';

/** Options of {@link gossipScenario}. */
export interface GossipScenarioOptions {
  /** Dissemination style (default: drawn per seed among the three). */
  readonly mode?: GossipMode;
  /** The lecture's bug: only the origin gossips, for one round (default false). */
  readonly oneHop?: boolean;
}

/** The plan of one seed. */
export interface GossipPlan {
  readonly mode: GossipMode;
  readonly fanout: number;
  readonly loss: number;
  readonly crashed: string[];
  readonly lateCrash: { readonly id: string; readonly atMs: number } | undefined;
}

const N = 60;
const PERIOD_MS = 100;
const ROUNDS = 40;

/** Draws the plan of one seed. */
export function gossipPlan(seed: Seed, options: GossipScenarioOptions = {}): GossipPlan {
  const rng = createRng(`${String(seed)}/gossip-barrido`);
  const ids = gossipIds(N).slice(1);
  const modes: GossipMode[] = ['push', 'pull', 'push-pull'];
  const mode = options.mode ?? (rng.choice(modes));
  const crashed = rng.sample(ids, rng.int(0, Math.floor(N / 5)));
  const rest = ids.filter((id) => !crashed.includes(id));
  return {
    mode,
    fanout: rng.int(1, 3),
    loss: rng.bernoulli(0.8) ? rng.uniform(0, 0.3) : 0,
    crashed,
    lateCrash: rng.bernoulli(0.5) ? { id: rng.choice(rest), atMs: rng.int(1, 10) * PERIOD_MS + 10 } : undefined,
  };
}

/**
 * The gossip sweep scenario.
 *
 * @example
 * sweep({ seeds: 200, scenario: gossipScenario() }).seedsFailed;               // 0
 * sweep({ seeds: 50, scenario: gossipScenario({ oneHop: true }) }).violationsByChecker; // { gossipCoverage: 50 }
 */
export function gossipScenario(options: GossipScenarioOptions = {}) {
  return {
    setup(seed: Seed, { trace }: { trace: boolean }): Simulation<GossipMessage, GossipNode> {
      const plan = gossipPlan(seed, options);
      const sim = new Simulation<GossipMessage, GossipNode>({
        seed,
        trace,
        nodeIds: gossipIds(N),
        formatMessage: formatGossipMessage,
        network: { latency: latency.uniform(1, PERIOD_MS / 2), loss: plan.loss },
        createNode: (c) => new GossipNode(c, {
          mode: options.oneHop ? 'push' : plan.mode,
          fanout: options.oneHop ? 2 : plan.fanout,
          periodMs: options.oneHop && c.id !== 'g0' ? 1e9 : PERIOD_MS,
          ...(c.id === 'g0' ? { rumor: 'bloque-1' } : {}),
        }),
        checkers: [gossipIntegrity, gossipCoverage],
      });
      for (const id of plan.crashed) sim.crash(id);
      if (plan.lateCrash) {
        const late = plan.lateCrash;
        sim.at(late.atMs, () => sim.crash(late.id));
      }
      if (options.oneHop) sim.at(PERIOD_MS + PERIOD_MS / 2, () => sim.crash('g0')); // the origin sent once, then is gone
      return sim;
    },
    run(sim: Simulation<GossipMessage, GossipNode>): void {
      sim.runFor(ROUNDS * PERIOD_MS + PERIOD_MS / 2);
    },
    describe(seed: Seed): string {
      const p = gossipPlan(seed, options);
      return `${options.oneHop ? 'un solo salto (la lección)' : p.mode}, fan-out ${p.fanout}, pérdida ${(p.loss * 100).toFixed(1)} %, caídos desde el inicio: ${p.crashed.length}${p.lateCrash ? `, ${p.lateCrash.id} cae en t=${p.lateCrash.atMs} ms` : ''}`;
    },
  };
}
