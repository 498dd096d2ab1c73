/**
 * The restaurant's actors: customers, the order actor (`pedidos`), the kitchen (`cocinero`)
 * under its supervisor (`jefe`), the notifier (`avisos`) and the cashier (`caja`). The order
 * actor makes "no order lost, none served twice" true despite a kitchen that crashes: it keeps
 * every order until it has an outcome, resends on a timeout or a reported crash (a new attempt
 * number), rejects an order the kitchen crashed on `maxFailures` times, and serves only the
 * first `OrderReady` of an order (the later ones are duplicates).
 */
import { createRng } from '../random/index';
import { hasType, report, schedule, spawn, tell } from './behavior';
import type { ActorContext, ActorEffect, Behavior } from './behavior';
import { MENU, RESTAURANT, orderPriceCents, orderProblem } from './restaurant-messages';
import type { CashierMessage, CashierReceive, CashierState, Cook, CookDone, CookFailed, CookTimeout, Notify, OrderReady, OrderSpec, PlaceNext, PlaceOrder, Rejected, Served } from './restaurant-messages';
import type { SupervisorStrategy } from './supervision';

/** How the order actor and the kitchen behave (defaults in brackets). */
export interface RestaurantBehaviorOptions {
  /** Ms the order actor waits for the kitchen before resending [400]. */
  readonly cookTimeoutMs?: number;
  /** Crashes of the kitchen on one order before rejecting it [2]. */
  readonly maxFailures?: number;
  /** Attempts (timeouts included) before rejecting with «la cocina no responde» [10]. */
  readonly maxAttempts?: number;
  /** Probability that the kitchen fails on a good order, drawn per (order, crashes so far) from `faultSeed` [0]. */
  readonly flakyProbability?: number;
  readonly faultSeed?: string;
  /** A catalogued mistake: the lecture's fire-and-forget `kitchen.tell(order)`, or serving every `OrderReady`. */
  readonly bug?: 'fireAndForget' | 'noDedup';
}

interface OrderRecord {
  readonly customer: string;
  readonly dish: string;
  readonly quantity: number;
  attempt: number;
  failures: number;
  status: 'cooking' | 'served' | 'rejected';
}

/** A customer: places its orders at their times and reports what comes back. */
export function customerBehavior(orders: readonly OrderSpec[]): Behavior<null, PlaceNext | Served | Rejected | { type: 'Receipt'; orderId: string; amountCents: number }> {
  return {
    kind: 'cliente',
    accepts: hasType('PlaceNext', 'Served', 'Rejected', 'Receipt'),
    init: (context) => ({ state: null, effects: context.incarnation > 0 ? [] : orders.map((o, index) => schedule(o.atMs, { type: 'PlaceNext', index })) }),
    receive: (state, message, context) => {
      if (message.type === 'PlaceNext') {
        const o = orders[message.index];
        if (o === undefined) return { state };
        const place: PlaceOrder = { type: 'PlaceOrder', orderId: o.orderId, customer: context.self, dish: o.dish, quantity: o.quantity };
        return { state, effects: [tell(RESTAURANT.pedidos, place), report('ordered', { orderId: o.orderId, dish: o.dish, quantity: o.quantity })] };
      }
      if (message.type === 'Served') return { state, effects: [report('served', { orderId: message.orderId })] };
      if (message.type === 'Rejected') return { state, effects: [report('rejected', { orderId: message.orderId, reason: message.reason })] };
      return { state, effects: [report('paid', { orderId: message.orderId, amountCents: message.amountCents })] };
    },
  };
}

/** The order actor (the lecture's `OrderActor`), with retries and de-duplication. */
export function orderBehavior(options: RestaurantBehaviorOptions = {}): Behavior<Map<string, OrderRecord>, PlaceOrder | OrderReady | CookFailed | CookTimeout> {
  const timeoutMs = options.cookTimeoutMs ?? 400;
  const maxFailures = options.maxFailures ?? 2;
  const maxAttempts = options.maxAttempts ?? 10;
  const fireAndForget = options.bug === 'fireAndForget';
  const cook = (orderId: string, r: OrderRecord, self: string): ActorEffect[] => {
    const message: Cook = { type: 'Cook', orderId, dish: r.dish, quantity: r.quantity, attempt: r.attempt, failures: r.failures, replyTo: self };
    return fireAndForget ? [tell(RESTAURANT.cocinero, message)] : [tell(RESTAURANT.cocinero, message), schedule(timeoutMs, { type: 'CookTimeout', orderId, attempt: r.attempt })];
  };
  const finish = (orderId: string, r: OrderRecord, outcome: 'served' | 'rejected', reason?: string): ActorEffect[] => {
    r.status = outcome;
    const notify: Notify = { type: 'Notify', orderId, customer: r.customer, outcome, ...(reason === undefined ? {} : { reason }) };
    const effects = [tell(RESTAURANT.avisos, notify)];
    if (outcome === 'served') effects.push(tell(RESTAURANT.caja, { type: 'Charge', orderId, customer: r.customer, amountCents: orderPriceCents(r.dish, r.quantity) }));
    return effects;
  };
  const retry = (orderId: string, r: OrderRecord, self: string, why: string): ActorEffect[] => {
    r.attempt++;
    return [report('retry', { orderId, attempt: r.attempt, why }), ...cook(orderId, r, self)];
  };
  return {
    kind: 'pedidos',
    accepts: hasType('PlaceOrder', 'OrderReady', 'CookFailed', 'CookTimeout'),
    init: () => ({ state: new Map() }),
    receive: (orders, m, context) => {
      const r = orders.get(m.orderId);
      if (m.type === 'PlaceOrder') {
        if (r !== undefined) return { state: orders, effects: [report('duplicatePlace', { orderId: m.orderId })] };
        const record: OrderRecord = { customer: m.customer, dish: m.dish, quantity: m.quantity, attempt: 1, failures: 0, status: 'cooking' };
        orders.set(m.orderId, record);
        return { state: orders, effects: cook(m.orderId, record, context.self) };
      }
      if (r === undefined) return { state: orders, effects: [report('unknownOrder', { orderId: m.orderId, type: m.type })] };
      if (m.type === 'OrderReady') {
        if (r.status === 'cooking' || (options.bug === 'noDedup' && r.status === 'served')) return { state: orders, effects: finish(m.orderId, r, 'served') };
        return { state: orders, effects: [report('duplicateReady', { orderId: m.orderId, attempt: m.attempt })] };
      }
      // A failure or timeout of an older attempt is stale: the current attempt is still on.
      if (fireAndForget || r.status !== 'cooking' || m.attempt !== r.attempt) return { state: orders };
      if (m.type === 'CookFailed') {
        r.failures++;
        if (r.failures >= maxFailures) return { state: orders, effects: finish(m.orderId, r, 'rejected', `la cocina falló ${r.failures} veces: ${m.reason}`) };
        return { state: orders, effects: retry(m.orderId, r, context.self, 'fallo') };
      }
      if (r.attempt >= maxAttempts) return { state: orders, effects: finish(m.orderId, r, 'rejected', 'la cocina no responde') };
      return { state: orders, effects: retry(m.orderId, r, context.self, 'plazo') };
    },
  };
}

/**
 * Whether the flaky kitchen fails on this order after `failures` counted crashes on it: a pure
 * function of the fault seed. Not of the attempt number, which depends on timeouts: so which
 * orders end up rejected does not depend on timing (simulated or real).
 */
export function kitchenFlakes(faultSeed: string, orderId: string, failures: number, probability: number): boolean {
  return probability > 0 && createRng(`${faultSeed}/${orderId}/${failures}`).next() < probability;
}

/**
 * The kitchen: cooks one order per `Cook` (a scheduled `CookDone` after its cooking time), and
 * **crashes** (throws) on an impossible order — let it crash. After a restart its `init`
 * tells the order actor which order it failed on (Akka's `preRestart(reason, message)`).
 */
export function kitchenBehavior(options: RestaurantBehaviorOptions = {}): Behavior<number, Cook | CookDone> {
  const p = options.flakyProbability ?? 0;
  const seed = options.faultSeed ?? 'cocina';
  return {
    kind: 'cocinero',
    accepts: hasType('Cook', 'CookDone'),
    init: (context) => ({ state: 0, effects: reportFailedCook(context) }),
    receive: (cooking, m) => {
      if (m.type === 'CookDone') {
        const ready: OrderReady = { type: 'OrderReady', orderId: m.orderId, attempt: m.attempt };
        return { state: cooking - 1, effects: [tell(m.replyTo, ready), report('cooked', { orderId: m.orderId, attempt: m.attempt })] };
      }
      const problem = orderProblem(m.dish, m.quantity);
      if (problem !== undefined) throw new Error(`pedido imposible ${m.orderId}: ${problem}`);
      if (kitchenFlakes(seed, m.orderId, m.failures, p)) throw new Error(`se quemó la sartén con ${m.orderId}`);
      const done: CookDone = { type: 'CookDone', orderId: m.orderId, attempt: m.attempt, replyTo: m.replyTo };
      return { state: cooking + 1, effects: [schedule((MENU[m.dish]?.cookMs ?? 0) * m.quantity, done)] };
    },
  };
}

/**
 * After a restart caused by a `Cook` (the kitchen's own, or escalated to its supervisor),
 * tell the order actor which order and attempt failed, so it can retry or reject it.
 */
function reportFailedCook(context: ActorContext): ActorEffect[] {
  const failed = context.restartCause?.message as Partial<Cook> | undefined;
  if (failed?.type !== 'Cook' || typeof failed.replyTo !== 'string' || typeof failed.orderId !== 'string') return [];
  const message: CookFailed = { type: 'CookFailed', orderId: failed.orderId, attempt: failed.attempt ?? 0, reason: context.restartCause?.error ?? '' };
  return [tell(failed.replyTo, message)];
}

/** The kitchen's supervisor: it only creates the kitchen, one-for-one with `strategy`. */
export function headChefBehavior(kitchen: Behavior<number, Cook | CookDone>, strategy: SupervisorStrategy): Behavior<null, never> {
  return { kind: 'jefe', accepts: (_m): _m is never => false, init: (context) => ({ state: null, effects: [spawn('cocinero', kitchen, strategy), ...reportFailedCook(context)] }), receive: (state) => ({ state }) };
}

/** The notifier: tells each customer the outcome of its order. */
export function notifierBehavior(): Behavior<null, Notify> {
  return {
    kind: 'avisos',
    accepts: hasType('Notify'),
    init: () => ({ state: null }),
    receive: (state, m) => {
      const message: Served | Rejected = m.outcome === 'served' ? { type: 'Served', orderId: m.orderId } : { type: 'Rejected', orderId: m.orderId, reason: m.reason ?? '' };
      return { state, effects: [tell(m.customer, message)] };
    },
  };
}

/** The kit's own cashier handler: charge each order once, answer totals. */
export const cashierStep: CashierReceive = (state, message) => {
  if (message.type === 'Total') return { state, replies: [{ to: message.replyTo, message: { type: 'TotalIs', totalCents: state.totalCents, orders: state.chargedOrders.length } }] };
  if (state.chargedOrders.includes(message.orderId)) return { state, replies: [] };
  return {
    state: { chargedOrders: [...state.chargedOrders, message.orderId], totalCents: state.totalCents + message.amountCents },
    replies: [{ to: message.customer, message: { type: 'Receipt', orderId: message.orderId, amountCents: message.amountCents } }],
  };
};

/** The cashier actor around a pure handler (the kit's, or a student's for exercise 04.4). */
export function cashierBehavior(receive: CashierReceive = cashierStep): Behavior<CashierState, CashierMessage> {
  return {
    kind: 'caja',
    accepts: hasType('Charge', 'Total'),
    init: () => ({ state: { chargedOrders: [], totalCents: 0 } }),
    receive: (state, m) => {
      if (m.type === 'Charge' && (typeof m.orderId !== 'string' || !Number.isInteger(m.amountCents) || m.amountCents <= 0)) throw new Error(`cobro mal formado: ${JSON.stringify(m)}`);
      const next = receive(state, m);
      const effects: ActorEffect[] = next.replies.map((r) => tell(r.to, r.message));
      if (m.type === 'Charge') effects.push(report(next.state.chargedOrders.length > state.chargedOrders.length ? 'charged' : 'duplicateCharge', { orderId: m.orderId, amountCents: m.amountCents, totalCents: next.state.totalCents }));
      return { state: next.state, effects };
    },
  };
}
