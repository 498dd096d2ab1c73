/**
 * The lecture's restaurant, as messages: a customer places an order with the order actor
 * (`pedidos`), which sends it to the kitchen (`cocinero`, supervised by `jefe`); when it is
 * ready the order actor tells the notifier (`avisos`), which tells the customer, and the
 * cashier (`caja`), which charges it once. Unlike the lecture's `Boolean` "ready", every
 * reply names its order.
 */
import { createRng } from '../random/index';
import type { ActorAddress } from './address';

/** The menu: price in cents and cooking time per unit (ms). */
export const MENU: Readonly<Record<string, { readonly priceCents: number; readonly cookMs: number }>> = {
  paella: { priceCents: 1450, cookMs: 40 },
  tortilla: { priceCents: 850, cookMs: 20 },
  gazpacho: { priceCents: 600, cookMs: 10 },
  croquetas: { priceCents: 700, cookMs: 15 },
};

/** The well-known addresses of the restaurant. */
export const RESTAURANT = {
  pedidos: 'sala/pedidos',
  avisos: 'sala/avisos',
  caja: 'sala/caja',
  jefe: 'cocina/jefe',
  cocinero: 'cocina/jefe/cocinero',
} as const;

/** One order a customer will place, at `atMs` after the start. */
export interface OrderSpec {
  readonly orderId: string;
  /** The customer actor's name on host `sala` (`cliente-1`). */
  readonly customer: string;
  readonly dish: string;
  readonly quantity: number;
  readonly atMs: number;
}

/** Why an order cannot be cooked (an unknown dish, a quantity that is not 1–20), or undefined. */
export function orderProblem(dish: unknown, quantity: unknown): string | undefined {
  if (typeof dish !== 'string' || MENU[dish] === undefined) return `el plato ${JSON.stringify(dish)} no está en la carta`;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > 20) return `cantidad imposible: ${String(quantity)}`;
  return undefined;
}

/** The price of an order in cents (0 for an impossible one). */
export function orderPriceCents(dish: string, quantity: number): number {
  return orderProblem(dish, quantity) === undefined ? (MENU[dish]?.priceCents ?? 0) * quantity : 0;
}

/** Customer → order actor. */
export interface PlaceOrder { readonly type: 'PlaceOrder'; readonly orderId: string; readonly customer: ActorAddress; readonly dish: string; readonly quantity: number }
/** Order actor → kitchen: cook this (attempt n). */
export interface Cook {
  readonly type: 'Cook';
  readonly orderId: string;
  readonly dish: string;
  readonly quantity: number;
  readonly attempt: number;
  /** How many crashes of the kitchen on this order the order actor has counted so far. */
  readonly failures: number;
  readonly replyTo: ActorAddress;
}
/** Kitchen → itself when the dish is done. */
export interface CookDone { readonly type: 'CookDone'; readonly orderId: string; readonly attempt: number; readonly replyTo: ActorAddress }
/** Kitchen → order actor: this order is ready. */
export interface OrderReady { readonly type: 'OrderReady'; readonly orderId: string; readonly attempt: number }
/** Kitchen (after its restart) → order actor: it crashed on this order. */
export interface CookFailed { readonly type: 'CookFailed'; readonly orderId: string; readonly attempt: number; readonly reason: string }
/** Order actor → itself: no answer from the kitchen for this attempt. */
export interface CookTimeout { readonly type: 'CookTimeout'; readonly orderId: string; readonly attempt: number }
/** Order actor → notifier. */
export interface Notify { readonly type: 'Notify'; readonly orderId: string; readonly customer: ActorAddress; readonly outcome: 'served' | 'rejected'; readonly reason?: string }
/** Notifier → customer. */
export interface Served { readonly type: 'Served'; readonly orderId: string }
/** Notifier → customer. */
export interface Rejected { readonly type: 'Rejected'; readonly orderId: string; readonly reason: string }
/** Customer → itself: time to place order number `index`. */
export interface PlaceNext { readonly type: 'PlaceNext'; readonly index: number }

/** Messages the cashier understands (exercise 04.4). */
export type CashierMessage =
  | { readonly type: 'Charge'; readonly orderId: string; readonly customer: ActorAddress; readonly amountCents: number }
  | { readonly type: 'Total'; readonly replyTo: ActorAddress };

/** What the cashier answers. */
export type CashierReplyMessage =
  | { readonly type: 'Receipt'; readonly orderId: string; readonly amountCents: number }
  | { readonly type: 'TotalIs'; readonly totalCents: number; readonly orders: number };

/** The cashier's state: the orders charged (in order) and the total. */
export interface CashierState {
  readonly chargedOrders: readonly string[];
  readonly totalCents: number;
}

/** One reply of a pure handler: a message for an address. */
export interface Reply<M> {
  readonly to: ActorAddress;
  readonly message: M;
}

/** A cashier handler as a pure function (the one exercise 04.4 asks for). */
export type CashierReceive = (state: CashierState, message: CashierMessage) => { state: CashierState; replies: Reply<CashierReplyMessage>[] };

/** Options of {@link restaurantOrders}. */
export interface RestaurantOrdersOptions {
  readonly seed: string | number;
  readonly customers?: number;
  readonly perCustomer?: number;
  /** Fraction of impossible orders (unknown dish or quantity 0), default 0.2. */
  readonly badFraction?: number;
  /** Mean gap between a customer's orders, ms (default 30). */
  readonly gapMs?: number;
}

/**
 * The orders of a run, drawn from a seed: `customers` customers (`cliente-1`…), each placing
 * `perCustomer` orders spaced by exponential gaps; a fraction are impossible.
 *
 * @example
 * restaurantOrders({ seed: 1, customers: 2, perCustomer: 2 }).map((o) => o.orderId); // ['p1', 'p2', 'p3', 'p4']
 */
export function restaurantOrders(options: RestaurantOrdersOptions): OrderSpec[] {
  const rng = createRng(`${String(options.seed)}/pedidos`);
  const customers = options.customers ?? 3;
  const perCustomer = options.perCustomer ?? 4;
  const bad = options.badFraction ?? 0.2;
  if (!Number.isInteger(customers) || customers < 1 || !Number.isInteger(perCustomer) || perCustomer < 1) throw new RangeError('restaurantOrders: customers y perCustomer deben ser enteros ≥ 1');
  if (!(bad >= 0 && bad <= 1)) throw new RangeError(`restaurantOrders: badFraction debe estar en [0, 1], no ${String(bad)}`);
  const dishes = Object.keys(MENU);
  const drafts: Omit<OrderSpec, 'orderId'>[] = [];
  for (let c = 1; c <= customers; c++) {
    let atMs = 0;
    for (let k = 0; k < perCustomer; k++) {
      atMs += Math.round(rng.exponential(options.gapMs ?? 30));
      const impossible = rng.bernoulli(bad);
      const dish = impossible && rng.bernoulli(0.5) ? 'pulpo-a-la-nada' : rng.choice(dishes);
      const quantity = impossible && dish !== 'pulpo-a-la-nada' ? 0 : rng.int(1, 3);
      drafts.push({ customer: `cliente-${c}`, dish, quantity, atMs });
    }
  }
  drafts.sort((a, b) => a.atMs - b.atMs || a.customer.localeCompare(b.customer));
  return drafts.map((d, i) => ({ orderId: `p${i + 1}`, ...d }));
}
