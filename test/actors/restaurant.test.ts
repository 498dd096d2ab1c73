import { describe, expect, it } from 'vitest';
import { sweep } from '../../lib/sim/sweep';
import { latency } from '../../lib/sim/network';
import { runRestaurantSim, restaurantSimulation } from '../../lib/actors/restaurant';
import { restaurantOrders } from '../../lib/actors/restaurant-messages';
import type { OrderSpec } from '../../lib/actors/restaurant-messages';
import { restaurantScenario } from '../../lib/actors/restaurant-scenario';
import { RestaurantLedger } from '../../lib/actors/restaurant-checkers';
import { runLectureRestaurant } from '../../lib/actors/lecture';
import type { CashierReceive } from '../../lib/actors/restaurant-messages';

const poison: OrderSpec[] = [
  { orderId: 'p1', customer: 'cliente-1', dish: 'paella', quantity: 2, atMs: 0 },
  { orderId: 'p2', customer: 'cliente-2', dish: 'pulpo-a-la-nada', quantity: 1, atMs: 5 },
  { orderId: 'p3', customer: 'cliente-1', dish: 'tortilla', quantity: 1, atMs: 10 },
  { orderId: 'p4', customer: 'cliente-2', dish: 'gazpacho', quantity: 0, atMs: 12 },
];

describe('the restaurant on lib/sim', () => {
  it('same seed, same trace, byte for byte (seed 11)', () => {
    const orders = restaurantOrders({ seed: 11, badFraction: 0.3 });
    const a = restaurantSimulation({ seed: 11, orders, flakyProbability: 0.2, network: { latency: latency.uniform(1, 9), loss: 0.1 } });
    const b = restaurantSimulation({ seed: 11, orders, flakyProbability: 0.2, network: { latency: latency.uniform(1, 9), loss: 0.1 } });
    a.runUntilIdle({ limitMs: 30_000 });
    b.runUntilIdle({ limitMs: 30_000 });
    expect(a.traceText().length).toBeGreaterThan(1_000);
    expect(a.traceText()).toBe(b.traceText());
  });

  it('the kitchen crashes on each impossible order, is restarted, and the impossible ones are rejected, the rest served once and charged once', () => {
    const run = runRestaurantSim({ seed: 1, orders: poison });
    expect(run.problem, 'seed 1').toBeUndefined();
    expect(run.outcome).toBe('p1=servido p2=rechazado p3=servido p4=rechazado');
    expect(run.kitchenFailures).toBe(4); // two crashes (maxFailures) per impossible order
    expect(run.restarts).toBeGreaterThanOrEqual(4);
    expect(run.chargedCents).toBe(2 * 1450 + 850);
    expect(run.rejected.get('p2')).toMatch(/no está en la carta/);
  });

  it("the lecture's fire-and-forget tell loses the order the kitchen was cooking when it crashed", () => {
    const run = runRestaurantSim({ seed: 1, orders: poison, bug: 'fireAndForget' });
    expect(run.problem?.checker, 'seed 1').toBe('everyOrderAnswered');
    expect(run.lost.length).toBeGreaterThan(0);
  });

  it('past the kitchen supervisor\'s limit the failure escalates to the head chef, and still no order is lost', () => {
    const orders = restaurantOrders({ seed: 5, customers: 3, perCustomer: 4, badFraction: 0.6 });
    const run = runRestaurantSim({ seed: 5, orders, kitchenSupervision: { maxRestarts: 1, withinMs: 1_000 } });
    expect(run.escalations, 'seed 5').toBeGreaterThan(0);
    expect(run.problem, 'seed 5').toBeUndefined();
  });

  it('the ledger reports a second service, a double charge and an unanswered order', () => {
    const ledger = new RestaurantLedger(poison);
    ledger.observe('ordered', { orderId: 'p1' });
    ledger.observe('ordered', { orderId: 'p3' });
    expect(ledger.observe('served', { orderId: 'p1' })).toBeUndefined();
    expect(ledger.observe('served', { orderId: 'p1' })?.checker).toBe('servedAtMostOnce');
    expect(ledger.observe('charged', { orderId: 'p1', amountCents: 2900 })).toBeUndefined();
    expect(ledger.observe('charged', { orderId: 'p1', amountCents: 2900 })?.checker).toBe('chargedExactlyOnce');
    expect(ledger.atEnd()).toEqual({ checker: 'everyOrderAnswered', message: 'se perdió el pedido p3: ni servido ni rechazado' });
    expect(ledger.observe('served', { orderId: 'p2' })?.message).toMatch(/imposible/);
  });
});

describe('the lecture and the exercise', () => {
  it("the lecture's OrderActor: with two orders, two identical «¡Pedido listo!» lines that cannot say which order", () => {
    const lines = runLectureRestaurant(['paella', 'gazpacho']);
    expect(lines).toHaveLength(4);
    expect(lines[2]?.replace(/^t=\d+ ms\s+/, '')).toBe(lines[3]?.replace(/^t=\d+ ms\s+/, ''));
  });

  it('a cashier that charges repeated Charges is caught by chargedExactlyOnce when orders are served twice (seeds 1–20)', () => {
    const greedy: CashierReceive = (state, m) => (m.type === 'Total' ? { state, replies: [] } : { state: { chargedOrders: [...state.chargedOrders, m.orderId], totalCents: state.totalCents + m.amountCents }, replies: [] });
    let caught = 0;
    for (let s = 1; s <= 20 && caught === 0; s++) {
      const run = runRestaurantSim({ seed: s, orders: restaurantOrders({ seed: s }), bug: 'noDedup', flakyProbability: 0.3, cashier: greedy, trace: false, network: { loss: 0.2, duplicate: 0.1 } });
      if (run.problem?.checker === 'chargedExactlyOnce') caught++;
    }
    expect(caught).toBe(1);
  });
});

describe('restaurant sweep with faults (swarm network faults, cocina host crashes, flaky kitchen)', () => {
  it('the correct restaurant passes 120 seeds', () => {
    const r = sweep({ seeds: 120, scenario: restaurantScenario() });
    expect(r.seedsFailed, r.report).toBe(0);
  });

  it.each([
    ['fireAndForget', 'everyOrderAnswered'],
    ['noDedup', 'servedAtMostOnce'],
  ] as const)('the %s bug is caught by %s', (bug, checker) => {
    const r = sweep({ seeds: 200, scenario: restaurantScenario({ bug }), stopAtFirst: true, replays: 1 });
    expect(r.violation?.checker, r.report).toBe(checker);
    expect(r.report).toContain(String(r.seed));
  });
});
