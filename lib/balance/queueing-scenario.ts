/**
 * The queueing model's sweep scenario (`npm run sweep`, and the small sweep in the tests). Each
 * seed draws a policy, 2–6 servers of different speeds, 1–3 slots per server, a utilisation in
 * [0,5; 0,95], a service distribution, and a faulty network between front end and servers
 * (0–3 ms of latency, up to 20 % duplicated and 20 % reordered messages); 300 requests arrive and
 * the run drains. The checkers `servedOnce`, `withinCapacity` and `latencyAtLeastService` must
 * hold; servers that do not de-duplicate (`no-dedup`) or ignore their slots (`ignore-slots`)
 * must be caught.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { Simulation } from '../sim/simulation';
import { POLICY_NAMES } from './policies';
import type { PolicyName } from './policies';
import { queueingSimulation } from './queueing';
import type { QueueingBug, QueueingMessage, QueueingOptions } from './queueing';

/** Options of {@link queueingScenario}. */
export interface QueueingScenarioOptions {
  /** A catalogued bug (default none: the correct model). */
  readonly bug?: QueueingBug;
  /** Fix the policy (default: drawn per seed). */
  readonly policy?: PolicyName;
  /** Requests per seed (default 300). */
  readonly requests?: number;
}

/** The model's options one seed draws. */
export function queueingPlan(seed: Seed, options: QueueingScenarioOptions = {}): QueueingOptions {
  const rng = createRng(`${String(seed)}/cola-barrido`);
  const servers = rng.int(2, 6);
  return {
    seed,
    policy: options.policy ?? rng.choice(POLICY_NAMES),
    speeds: Array.from({ length: servers }, () => rng.choice([0.5, 1, 1, 2, 4])),
    slots: rng.int(1, 3),
    utilisation: Math.round(rng.uniform(0.5, 0.95) * 100) / 100,
    service: rng.bernoulli(0.5) ? 'exponential' : 'pareto',
    requests: options.requests ?? 300,
    network: {
      latency: { kind: 'uniform', minMs: 0, maxMs: rng.choice([0.01, 1, 3]) },
      duplicate: rng.bernoulli(0.6) ? rng.uniform(0, 0.2) : 0,
      reorder: rng.bernoulli(0.6) ? rng.uniform(0, 0.2) : 0,
      reorderDelayMs: 20,
    },
    checkers: true,
    ...(options.bug !== undefined ? { bug: options.bug } : {}),
  };
}

/** One line describing what a seed draws (printed with a violation). */
export function describeQueueingPlan(plan: QueueingOptions): string {
  const net = plan.network;
  return `política ${plan.policy}, velocidades [${plan.speeds.join(', ')}], ${plan.slots ?? 1} hueco(s) por servidor, utilización ${plan.utilisation}, ` +
    `servicio ${plan.service ?? 'exponential'}, ${plan.requests ?? 2_000} peticiones, duplicación ${((net?.duplicate ?? 0) * 100).toFixed(1)} %, reordenación ${((net?.reorder ?? 0) * 100).toFixed(1)} %` +
    (plan.bug !== undefined ? `, defecto ${plan.bug}` : '');
}

/**
 * The queueing sweep scenario for `sweep` / `sweepParallel`.
 *
 * @example
 * sweep({ seeds: 200, scenario: queueingScenario() }).seedsFailed;                   // 0
 * sweep({ seeds: 200, scenario: queueingScenario({ bug: 'no-dedup' }) }).violationsByChecker; // { servedOnce: … }
 */
export function queueingScenario(options: QueueingScenarioOptions = {}) {
  return {
    setup(seed: Seed, { trace }: { trace: boolean }): Simulation<QueueingMessage> {
      return queueingSimulation(queueingPlan(seed, options), trace);
    },
    run(sim: Simulation<QueueingMessage>): void {
      sim.runUntilIdle({ limitMs: 600_000 });
    },
    describe(seed: Seed): string {
      return describeQueueingPlan(queueingPlan(seed, options));
    },
  };
}
