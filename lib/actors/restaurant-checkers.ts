/**
 * The restaurant's promises, checked from the actors' reports: every order placed gets exactly
 * one answer (`everyOrderAnswered`), none is served twice or served and rejected, and no
 * impossible order is served (`servedAtMostOnce`), and every served order is charged exactly
 * once at its price (`chargedExactlyOnce`). One {@link RestaurantLedger} judges a simulated
 * run (as lib/sim checkers, incrementally) and a run on threads (over its outputs) alike.
 */
import { checker } from '../sim/checkers';
import type { CheckerFactory } from '../sim/checkers';
import { orderPriceCents, orderProblem } from './restaurant-messages';
import type { OrderSpec } from './restaurant-messages';

/** The names of the restaurant's checkers. */
export type RestaurantCheckerName = 'everyOrderAnswered' | 'servedAtMostOnce' | 'chargedExactlyOnce';

/** A broken promise: which checker and what it saw (Spanish). */
export interface RestaurantProblem {
  readonly checker: RestaurantCheckerName;
  readonly message: string;
}

/** The incremental judge of one run. */
export class RestaurantLedger {
  readonly ordered: string[] = [];
  readonly served = new Set<string>();
  readonly rejected = new Map<string, string>();
  readonly charged = new Map<string, number>();
  private readonly byId: ReadonlyMap<string, OrderSpec>;

  constructor(orders: readonly OrderSpec[]) {
    this.byId = new Map(orders.map((o) => [o.orderId, o]));
  }

  /** Takes one report (`label`, `data`); returns the promise it breaks, if any. */
  observe(label: string, data: unknown): RestaurantProblem | undefined {
    const d = (data ?? {}) as { orderId?: unknown; amountCents?: unknown; reason?: unknown };
    if (typeof d.orderId !== 'string') return undefined;
    const id = d.orderId;
    const order = this.byId.get(id);
    if (label === 'ordered') this.ordered.push(id);
    else if (label === 'served') {
      const twice = this.served.has(id) ? `el pedido ${id} se sirvió dos veces` : this.rejected.has(id) ? `el pedido ${id} se rechazó y después se sirvió` : undefined;
      this.served.add(id);
      if (twice !== undefined) return { checker: 'servedAtMostOnce', message: twice };
      if (order !== undefined && orderProblem(order.dish, order.quantity) !== undefined) return { checker: 'servedAtMostOnce', message: `el pedido ${id} era imposible y se sirvió` };
    } else if (label === 'rejected') {
      const twice = this.rejected.has(id) || this.served.has(id);
      this.rejected.set(id, typeof d.reason === 'string' ? d.reason : '');
      if (twice) return { checker: 'servedAtMostOnce', message: `el cliente recibió dos respuestas para el pedido ${id}` };
    } else if (label === 'charged') {
      const amount = typeof d.amountCents === 'number' ? d.amountCents : NaN;
      const before = this.charged.get(id);
      this.charged.set(id, (before ?? 0) + amount);
      if (before !== undefined) return { checker: 'chargedExactlyOnce', message: `el pedido ${id} se cobró dos veces` };
      if (order !== undefined && amount !== orderPriceCents(order.dish, order.quantity)) return { checker: 'chargedExactlyOnce', message: `el pedido ${id} se cobró ${amount} céntimos y cuesta ${orderPriceCents(order.dish, order.quantity)}` };
    }
    return undefined;
  }

  /** The promises only the end of the run can judge: nothing lost, every served order charged. */
  atEnd(): RestaurantProblem | undefined {
    const lost = this.lost();
    if (lost.length > 0) return { checker: 'everyOrderAnswered', message: `${lost.length === 1 ? 'se perdió el pedido' : 'se perdieron los pedidos'} ${lost.join(', ')}: ni servido ni rechazado` };
    for (const id of this.served) if (!this.charged.has(id)) return { checker: 'chargedExactlyOnce', message: `el pedido ${id} se sirvió y no se cobró` };
    for (const id of this.charged.keys()) if (!this.served.has(id)) return { checker: 'chargedExactlyOnce', message: `el pedido ${id} se cobró y no se sirvió` };
    return undefined;
  }

  /** Orders placed that have no answer yet. */
  lost(): string[] {
    return this.ordered.filter((id) => !this.served.has(id) && !this.rejected.has(id));
  }

  /** True once every order of the run was placed, answered and (if served) charged. */
  complete(): boolean {
    return this.ordered.length === this.byId.size && this.lost().length === 0 && [...this.served].every((id) => this.charged.has(id));
  }
}

/**
 * The three restaurant checkers for lib/sim, each judging from its own ledger.
 *
 * @example
 * new Simulation({ seed, nodeIds: RESTAURANT_HOSTS, createNode, checkers: restaurantCheckers(orders) });
 */
export function restaurantCheckers(orders: readonly OrderSpec[]): CheckerFactory<unknown, unknown>[] {
  const names: RestaurantCheckerName[] = ['everyOrderAnswered', 'servedAtMostOnce', 'chargedExactlyOnce'];
  return names.map((name) =>
    checker<unknown, unknown>(name, () => {
      const ledger = new RestaurantLedger(orders);
      return {
        onEvent(event) {
          if (event.kind !== 'output') return undefined;
          const problem = ledger.observe(event.label, event.data);
          return problem?.checker === name ? problem.message : undefined;
        },
        atEnd() {
          const problem = ledger.atEnd();
          return problem?.checker === name ? problem.message : undefined;
        },
      };
    }),
  );
}
