/**
 * Pictures of actor runs: a timeline (one row per actor, a dot per message handled, the
 * kitchen's crashes and restarts marked, each answer to a customer), and orders lost against
 * impossible orders for the lecture's fire-and-forget order actor and the supervised one.
 */
import type { Figure, Trace } from '../plot/figure';
import { runRestaurantSim } from './restaurant';
import type { RestaurantRun } from './restaurant';
import { restaurantOrders } from './restaurant-messages';

const short = (actor: unknown) => (typeof actor === 'string' ? actor.slice(actor.indexOf('/') + 1) : '?');

/**
 * A run as a timeline: x is time (ms), one row per actor.
 *
 * @example
 * show(actorTimeline(runRestaurantSim({ seed: 1, orders, recordMessages: true })));
 */
export function actorTimeline(run: RestaurantRun, options: { title?: string } = {}): Figure {
  const points = (label: string, pick: (d: Record<string, unknown>) => unknown = (d) => d.actor) =>
    run.outputs.filter((o) => o.label === label).map((o) => ({ x: o.timeMs, y: short(pick((o.data ?? {}) as Record<string, unknown>)), d: (o.data ?? {}) as Record<string, unknown> }));
  const trace = (name: string, pts: ReturnType<typeof points>, marker: Record<string, unknown>, text: (d: Record<string, unknown>) => string): Trace => ({
    type: 'scatter', mode: 'markers', name, x: pts.map((p) => p.x), y: pts.map((p) => p.y), text: pts.map((p) => text(p.d)), hovertemplate: '%{y}, t=%{x:.0f} ms: %{text}<extra></extra>', marker,
  });
  const processed = points('actor.processed');
  const rows = [...new Set([...processed.map((p) => p.y), 'jefe/cocinero', 'jefe'])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return {
    data: [
      trace('mensaje procesado', processed, { size: 5, color: '#9aa0a6', symbol: 'circle' }, (d) => String(d.type)),
      trace('fallo (excepción)', points('actor.failed'), { size: 12, color: '#d62728', symbol: 'x' }, (d) => String(d.error)),
      trace('reinicio del supervisor', points('actor.restarted'), { size: 11, color: '#ff7f0e', symbol: 'diamond-open', line: { width: 2 } }, (d) => `vida ${String(d.incarnation)}`),
      trace('pedido servido', points('served'), { size: 10, color: '#2ca02c', symbol: 'star' }, (d) => String(d.orderId)),
      trace('pedido rechazado', points('rejected'), { size: 10, color: '#9467bd', symbol: 'square' }, (d) => `${String(d.orderId)}: ${String(d.reason)}`),
    ],
    layout: {
      title: options.title ?? `El restaurante (${run.mode}, semilla ${run.seed}): mensajes, fallos y reinicios`,
      xaxis: { title: 'tiempo (ms)' },
      yaxis: { title: 'actor', type: 'category', categoryorder: 'array', categoryarray: rows },
      height: 420,
    },
  };
}

function rank(actor: string): number {
  if (actor.startsWith('cliente')) return 0;
  return ['pedidos', 'avisos', 'caja', 'jefe', 'jefe/cocinero'].indexOf(actor) + 1;
}

/** One point of {@link lostOrdersRows}: a fraction of impossible orders and what each design did over the seeds. */
export interface LostOrdersRow {
  readonly badFraction: number;
  /** Orders lost in total over the seeds, by the lecture's fire-and-forget order actor. */
  readonly lostFireAndForget: number;
  /** Orders lost by the supervised order actor with retries (0 if correct). */
  readonly lostSupervised: number;
  readonly kitchenFailures: number;
  readonly orders: number;
}

/** Runs both designs on `seeds` seeds per fraction of impossible orders (simulated, no network faults). */
export function lostOrdersRows(options: { fractions: readonly number[]; seeds: number; seedBase?: string }): LostOrdersRow[] {
  return options.fractions.map((badFraction) => {
    let lostFireAndForget = 0;
    let lostSupervised = 0;
    let kitchenFailures = 0;
    let orders = 0;
    for (let s = 1; s <= options.seeds; s++) {
      const seed = `${options.seedBase ?? 'actores'}-${badFraction}-${s}`;
      const list = restaurantOrders({ seed, customers: 3, perCustomer: 4, badFraction });
      const good = runRestaurantSim({ seed, orders: list, trace: false });
      const lecture = runRestaurantSim({ seed, orders: list, trace: false, bug: 'fireAndForget' });
      lostSupervised += good.lost.length;
      lostFireAndForget += lecture.lost.length;
      kitchenFailures += good.kitchenFailures;
      orders += list.length;
    }
    return { badFraction, lostFireAndForget, lostSupervised, kitchenFailures, orders };
  });
}

/** Orders lost vs the fraction of impossible orders, for both designs, with the kitchen's crashes. */
export function lostOrdersChart(rows: readonly LostOrdersRow[]): Figure {
  const x = rows.map((r) => `${Math.round(r.badFraction * 100)} %`);
  return {
    data: [
      { type: 'bar', name: 'perdidos: tell y olvidar (la lección)', x, y: rows.map((r) => r.lostFireAndForget) },
      { type: 'bar', name: 'perdidos: supervisión + reintentos', x, y: rows.map((r) => r.lostSupervised) },
      { type: 'scatter', mode: 'lines+markers', name: 'fallos de la cocina', x, y: rows.map((r) => r.kitchenFailures) },
    ],
    layout: {
      title: `Pedidos perdidos según los pedidos imposibles (${rows[0]?.orders ?? 0} pedidos por punto)`,
      xaxis: { title: 'pedidos imposibles', type: 'category' },
      yaxis: { title: 'pedidos / fallos (suma de las semillas)' },
      barmode: 'group',
    },
  };
}
