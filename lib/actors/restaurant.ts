/**
 * The restaurant on two hosts — `sala` (customers, `pedidos`, `avisos`, `caja`) and `cocina`
 * (`jefe` supervising `cocinero`) — run on lib/sim: same seed, same trace. The same host
 * factory runs on worker threads (`restaurant-threads.ts`); a run of either kind is summed up
 * by {@link restaurantOutcome} from its outputs.
 */
import { createHash } from 'node:crypto';
import type { OutputRecord } from '../sim/checkers';
import type { Fault } from '../sim/faults';
import type { NetworkModel } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeFactory } from '../sim/types';
import { actorHosts } from './host';
import type { ActorHost } from './host';
import type { ActorWire } from './messages';
import { cashierBehavior, customerBehavior, headChefBehavior, kitchenBehavior, notifierBehavior, orderBehavior } from './restaurant-actors';
import type { RestaurantBehaviorOptions } from './restaurant-actors';
import { RestaurantLedger, restaurantCheckers } from './restaurant-checkers';
import type { RestaurantProblem } from './restaurant-checkers';
import { orderPriceCents } from './restaurant-messages';
import type { CashierReceive, OrderSpec } from './restaurant-messages';
import { oneForOne } from './supervision';

/** The restaurant's two hosts. */
export const RESTAURANT_HOSTS: readonly string[] = ['sala', 'cocina'];

/** Everything that defines a restaurant (plain data, so it can cross into a worker thread). */
export interface RestaurantOptions extends RestaurantBehaviorOptions {
  readonly orders: readonly OrderSpec[];
  /** How `jefe` supervises `cocinero` (default one-for-one, 3 restarts per second, mailbox kept). */
  readonly kitchenSupervision?: { readonly maxRestarts: number; readonly withinMs: number; readonly mailbox?: 'keep' | 'discard' };
  /** Emit `actor.processed` for every message (timelines; default false). */
  readonly recordMessages?: boolean;
}

/**
 * The node factory of the restaurant's hosts (for lib/sim or a worker thread).
 *
 * @example
 * const createNode = restaurantNodes({ orders: restaurantOrders({ seed: 1 }) });
 */
export function restaurantNodes(options: RestaurantOptions, cashier?: CashierReceive): NodeFactory<ActorWire, ActorHost> {
  const customers = [...new Set(options.orders.map((o) => o.customer))];
  const record = options.recordMessages ?? false;
  const ks = options.kitchenSupervision ?? { maxRestarts: 3, withinMs: 1_000 };
  return actorHosts({
    sala: () => ({
      recordMessages: record,
      actors: [
        { name: 'pedidos', behavior: orderBehavior(options) },
        { name: 'avisos', behavior: notifierBehavior() },
        { name: 'caja', behavior: cashierBehavior(cashier) },
        ...customers.map((c) => ({ name: c, behavior: customerBehavior(options.orders.filter((o) => o.customer === c)) })),
      ],
    }),
    cocina: () => ({
      recordMessages: record,
      actors: [{ name: 'jefe', behavior: headChefBehavior(kitchenBehavior(options), oneForOne(ks)), supervision: oneForOne({ maxRestarts: 10, withinMs: 10_000 }) }],
    }),
  });
}

/** Options of a simulated run: the restaurant plus the seed and the faults of the network. */
export interface RestaurantSimOptions extends RestaurantOptions {
  readonly seed: string | number;
  readonly network?: NetworkModel;
  readonly faults?: readonly Fault[];
  readonly clocks?: { readonly maxOffsetMs: number; readonly maxDriftPpm: number };
  readonly trace?: boolean;
  /** The student's cashier (exercise 04.4) instead of the kit's. */
  readonly cashier?: CashierReceive;
}

/** The simulation of a restaurant run, with its three checkers, not yet run. */
export function restaurantSimulation(options: RestaurantSimOptions): Simulation<ActorWire, ActorHost> {
  return new Simulation<ActorWire, ActorHost>({
    seed: options.seed,
    trace: options.trace ?? true,
    nodeIds: RESTAURANT_HOSTS,
    createNode: restaurantNodes(options, options.cashier),
    checkers: restaurantCheckers(options.orders),
    ...(options.network === undefined ? {} : { network: options.network }),
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...(options.clocks === undefined ? {} : { clocks: options.clocks }),
  });
}

/** What a restaurant run did, from its outputs (simulated or on threads). */
export interface RestaurantRun {
  readonly mode: 'simulador' | 'hilos';
  readonly seed: string;
  readonly orders: readonly OrderSpec[];
  readonly outputs: readonly OutputRecord[];
  /** The first broken promise (`undefined`: none). */
  readonly problem: RestaurantProblem | { readonly checker: string; readonly message: string } | undefined;
  readonly served: readonly string[];
  readonly rejected: ReadonlyMap<string, string>;
  readonly lost: readonly string[];
  readonly chargedCents: number;
  /** Sum of the prices of the served orders. */
  readonly servedCents: number;
  readonly kitchenFailures: number;
  readonly restarts: number;
  readonly escalations: number;
  readonly retries: number;
  /** `OrderReady` duplicates the order actor ignored. */
  readonly duplicatesIgnored: number;
  readonly deadLetters: number;
  /** Time of the last output (simulated or real ms). */
  readonly endMs: number;
  /** Canonical outcome, one `id=servido|rechazado` per order, and its sha256 (same on sim and threads). */
  readonly outcome: string;
  readonly outcomeHash: string;
}

/** Sums up a run from its outputs, judging it with a {@link RestaurantLedger}. */
export function restaurantOutcome(mode: RestaurantRun['mode'], seed: string, orders: readonly OrderSpec[], outputs: readonly OutputRecord[], problem?: RestaurantRun['problem']): RestaurantRun {
  const ledger = new RestaurantLedger(orders);
  let first = problem;
  const count = (label: string, test: (d: Record<string, unknown>) => boolean = () => true) => outputs.filter((o) => o.label === label && test((o.data ?? {}) as Record<string, unknown>)).length;
  for (const o of outputs) {
    const p = ledger.observe(o.label, o.data);
    if (first === undefined && p !== undefined) first = p;
  }
  if (first === undefined) first = ledger.atEnd();
  const served = [...ledger.served];
  const outcome = orders.map((o) => `${o.orderId}=${ledger.served.has(o.orderId) ? 'servido' : ledger.rejected.has(o.orderId) ? 'rechazado' : 'perdido'}`).join(' ');
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  return {
    mode,
    seed,
    orders,
    outputs,
    problem: first,
    served,
    rejected: ledger.rejected,
    lost: ledger.lost(),
    chargedCents: [...ledger.charged.values()].reduce((a, b) => a + b, 0),
    servedCents: served.reduce((sum, id) => { const o = byId.get(id); return sum + (o === undefined ? 0 : orderPriceCents(o.dish, o.quantity)); }, 0),
    kitchenFailures: count('actor.failed', (d) => d.actor === 'cocina/jefe/cocinero'),
    restarts: count('actor.restarted'),
    escalations: count('actor.escalated'),
    retries: count('retry'),
    duplicatesIgnored: count('duplicateReady'),
    deadLetters: count('actor.deadLetter'),
    endMs: outputs.reduce((m, o) => Math.max(m, o.timeMs), 0),
    outcome,
    outcomeHash: createHash('sha256').update(outcome).digest('hex'),
  };
}

/**
 * Runs the restaurant on lib/sim until every order is answered (or `limitMs` of simulated
 * time), then judges it.
 *
 * @example
 * const run = runRestaurantSim({ seed: 4, orders: restaurantOrders({ seed: 4 }) });
 * run.problem; // undefined: nothing lost, nothing served twice
 */
export function runRestaurantSim(options: RestaurantSimOptions & { readonly limitMs?: number }): RestaurantRun {
  const sim = restaurantSimulation(options);
  sim.runUntilIdle({ limitMs: options.limitMs ?? 60_000 });
  const violation = sim.finish();
  return restaurantOutcome('simulador', sim.seed, options.orders, sim.outputs, violation === undefined ? undefined : { checker: violation.checker, message: violation.message });
}
