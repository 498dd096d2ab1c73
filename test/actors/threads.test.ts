import { afterAll, describe, expect, it } from 'vitest';
import { runRestaurantSim } from '../../lib/actors/restaurant';
import { restaurantOrders } from '../../lib/actors/restaurant-messages';
import { runRestaurantThreads } from '../../lib/actors/restaurant-threads';
import { actorsFile, liveActorThreads, runOnThreads } from '../../lib/actors/threads';

const workerCount = () => process.getActiveResourcesInfo().filter((r) => r === 'Worker' || r === 'MessagePort').length;
const before = workerCount();

afterAll(() => {
  expect(liveActorThreads()).toBe(0);
});

describe('the restaurant on worker threads', () => {
  it('one thread per host; impossible orders crash the kitchen, it is restarted, nothing lost or served twice; same outcome as the simulator (seed 3); no thread left', async () => {
    const orders = restaurantOrders({ seed: 3, badFraction: 0.3 });
    const sim = runRestaurantSim({ seed: 3, orders, flakyProbability: 0.2, faultSeed: 's3' });
    const run = await runRestaurantThreads({ seed: 3, orders, flakyProbability: 0.2, faultSeed: 's3', timeoutMs: 20_000 });
    expect(run.problem, 'seed 3').toBeUndefined();
    expect(run.timedOut).toBe(false);
    expect(new Set(run.threadIds.values()).size).toBe(2);
    expect(run.kitchenFailures).toBeGreaterThan(0);
    expect(run.restarts).toBeGreaterThan(0);
    expect(run.outcome).toBe(sim.outcome);
    expect(run.chargedCents).toBe(run.servedCents);
    expect(liveActorThreads()).toBe(0);
    expect(workerCount()).toBe(before);
  });

  it('a host factory that throws is reported (thread.error), and the threads are still terminated', async () => {
    const r = await runOnThreads({ hosts: ['sala'], factory: { module: actorsFile('restaurant.ts'), export: 'noExiste', args: [] }, seed: 1, until: (o) => o.length > 0, timeoutMs: 8_000 });
    expect(r.outputs.map((o) => o.label)).toContain('thread.error');
    expect(liveActorThreads()).toBe(0);
  });

  it('a run stopped early returns its outputs sorted by time, and nothing is appended while or after the threads are terminated (seed 4)', async () => {
    const orders = restaurantOrders({ seed: 4, customers: 3, perCustomer: 3 });
    const r = await runOnThreads({ hosts: ['sala', 'cocina'], factory: { module: actorsFile('restaurant.ts'), export: 'restaurantNodes', args: [{ orders }] }, seed: 4, until: (o) => o.length >= 3, timeoutMs: 8_000 });
    const times = r.outputs.map((o) => o.timeMs);
    expect(r.timedOut, 'seed 4').toBe(false);
    expect(times, 'seed 4').toEqual([...times].sort((a, b) => a - b));
    const length = r.outputs.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.outputs.length, 'seed 4').toBe(length);
    expect(liveActorThreads()).toBe(0);
  });

  it('the hard timeout stops a run that never finishes, terminating every thread', async () => {
    const orders = restaurantOrders({ seed: 2, customers: 1, perCustomer: 1 });
    const r = await runOnThreads({ hosts: ['sala', 'cocina'], factory: { module: actorsFile('restaurant.ts'), export: 'restaurantNodes', args: [{ orders }] }, seed: 2, until: () => false, timeoutMs: 1_500 });
    expect(r.timedOut).toBe(true);
    expect(liveActorThreads()).toBe(0);
  });
});
