/**
 * The restaurant's sweep scenario (`npm run sweep`, and a small sweep in the tests): per seed,
 * 3 customers × 4 orders with up to 30 % impossible ones, a flaky kitchen (up to 30 % of
 * cooks fail), swarm network faults between `sala` and `cocina` (loss, duplication,
 * reordering, slow links, partitions, clock skew) and up to 3 crashes of the whole `cocina`
 * host, restarted 1–200 ms later. The sala does not crash: its actors keep the orders in
 * memory (making them durable is chapter 08's business). The correct restaurant must pass
 * every seed; `bug: 'fireAndForget'` (the lecture's `kitchen.tell`) loses orders and
 * `bug: 'noDedup'` serves some twice.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { Fault } from '../sim/faults';
import type { Simulation } from '../sim/simulation';
import { swarmFaults } from '../sim/swarm';
import type { ActorHost } from './host';
import type { ActorWire } from './messages';
import { RESTAURANT_HOSTS, restaurantSimulation } from './restaurant';
import type { RestaurantSimOptions } from './restaurant';
import type { RestaurantBehaviorOptions } from './restaurant-actors';
import { restaurantOrders } from './restaurant-messages';

/** Options of {@link restaurantScenario}. */
export interface RestaurantScenarioOptions {
  readonly bug?: RestaurantBehaviorOptions['bug'];
  /** How the kitchen's restarted mailbox behaves (default 'keep', as Akka). */
  readonly mailbox?: 'keep' | 'discard';
}

/** A scenario object for lib/sim's `sweep`. */
export interface RestaurantScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<ActorWire, ActorHost>;
  run(sim: Simulation<ActorWire, ActorHost>): void;
  describe(seed: Seed): string;
}

const DURATION_MS = 600;

/** One seed's restaurant with its faults (also what `describe` prints). */
export function restaurantSeedPlan(seed: Seed, options: RestaurantScenarioOptions = {}): { sim: RestaurantSimOptions; description: string } {
  const rng = createRng(`${String(seed)}/restaurante`);
  const badFraction = Math.round(rng.uniform(0, 0.3) * 100) / 100;
  const flakyProbability = Math.round(rng.uniform(0, 0.3) * 100) / 100;
  const swarm = swarmFaults(rng.fork('faults'), { nodeIds: RESTAURANT_HOSTS, durationMs: DURATION_MS, exclude: ['crashes', 'flashCrashes'], maxPartitions: 3 });
  const crashes: Fault[] = [];
  for (let i = rng.int(0, 3); i > 0; i--) {
    const atMs = rng.int(0, DURATION_MS);
    crashes.push({ type: 'crash', atMs, node: 'cocina', restartAtMs: atMs + rng.int(1, 200) });
  }
  const faults = [...swarm.faults, ...crashes].sort((a, b) => a.atMs - b.atMs);
  const sim: RestaurantSimOptions = {
    seed,
    trace: false,
    orders: restaurantOrders({ seed, customers: 3, perCustomer: 4, badFraction }),
    flakyProbability,
    faultSeed: `${String(seed)}/sartén`,
    network: swarm.network,
    faults,
    ...(swarm.clocks === undefined ? {} : { clocks: swarm.clocks }),
    ...(options.bug === undefined ? {} : { bug: options.bug }),
    ...(options.mailbox === undefined ? {} : { kitchenSupervision: { maxRestarts: 3, withinMs: 1_000, mailbox: options.mailbox } }),
  };
  const description = [`pedidos imposibles ${Math.round(badFraction * 100)} %, cocina que falla ${Math.round(flakyProbability * 100)} %`, swarm.description, ...crashes.map((c) => `t=${c.atMs} ms: cae el host cocina (vuelve en t=${c.type === 'crash' ? String(c.restartAtMs) : '?'} ms)`)].join('\n');
  return { sim, description };
}

/**
 * The restaurant sweep scenario.
 *
 * @example
 * sweep({ seeds: 300, scenario: restaurantScenario({ bug: 'fireAndForget' }), stopAtFirst: true }).violation?.checker; // 'everyOrderAnswered'
 */
export function restaurantScenario(options: RestaurantScenarioOptions = {}): RestaurantScenario {
  return {
    setup(seed, { trace }) {
      return restaurantSimulation({ ...restaurantSeedPlan(seed, options).sim, trace });
    },
    run(sim) {
      sim.runUntilIdle({ limitMs: 30_000 });
    },
    describe(seed) {
      return restaurantSeedPlan(seed, options).description;
    },
  };
}
