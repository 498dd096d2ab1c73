// @real-io: the restaurant on two worker threads.
/**
 * The same restaurant as on lib/sim, for real: `sala` and `cocina` each in a worker thread,
 * real timers, messages copied between threads. Stops when every order is answered and
 * charged (or at the hard timeout) and always terminates both threads. Its outcome — which
 * orders were served or rejected — is the simulator's for the same orders (the flaky kitchen
 * draws from (order, crashes so far), not from timing); its timings are whatever the machine gives.
 */
import { RestaurantLedger } from './restaurant-checkers';
import { RESTAURANT_HOSTS, restaurantOutcome } from './restaurant';
import type { RestaurantOptions, RestaurantRun } from './restaurant';
import { actorsFile, runOnThreads } from './threads';

/** A restaurant run on threads, with its threads' ids and whether it hit the timeout. */
export interface RestaurantThreadRun extends RestaurantRun {
  readonly threadIds: ReadonlyMap<string, number>;
  readonly timedOut: boolean;
  readonly elapsedMs: number;
}

/**
 * Runs the restaurant on two worker threads.
 *
 * @example
 * const run = await runRestaurantThreads({ seed: 1, orders: restaurantOrders({ seed: 1 }) });
 * run.problem; // undefined; run.outcomeHash equals the simulated run's
 */
export async function runRestaurantThreads(options: RestaurantOptions & { readonly seed: string | number; readonly timeoutMs?: number }): Promise<RestaurantThreadRun> {
  const { seed, timeoutMs, ...restaurant } = options;
  const ledger = new RestaurantLedger(restaurant.orders);
  let seen = 0;
  const result = await runOnThreads({
    hosts: RESTAURANT_HOSTS,
    factory: { module: actorsFile('restaurant.ts'), export: 'restaurantNodes', args: [restaurant] },
    seed,
    timeoutMs: timeoutMs ?? 10_000,
    until: (outputs) => {
      for (; seen < outputs.length; seen++) {
        const o = outputs[seen];
        if (o !== undefined) ledger.observe(o.label, o.data);
      }
      return ledger.complete();
    },
  });
  const threadError = result.outputs.find((o) => o.label === 'thread.error');
  const problem = threadError !== undefined ? { checker: 'threadError', message: JSON.stringify(threadError.data) } : result.timedOut ? { checker: 'timeout', message: `sin terminar tras ${timeoutMs ?? 10_000} ms` } : undefined;
  const run = restaurantOutcome('hilos', String(seed), restaurant.orders, result.outputs, problem);
  return { ...run, threadIds: result.threadIds, timedOut: result.timedOut, elapsedMs: result.elapsedMs };
}
