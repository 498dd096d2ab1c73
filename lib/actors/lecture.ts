/**
 * The lecture's `OrderActor` as it is written (Akka, `UntypedAbstractActor`): a `String` is an
 * order, sent to the kitchen with `tell`; a `Boolean` `true` means "¡Pedido listo!". With two
 * orders in the kitchen the "ready" cannot say which one is ready, the notifier it is given is
 * never used, and a kitchen crash loses the order silently (nobody waits for an answer).
 */
import { Simulation } from '../sim/simulation';
import { report, schedule, tell } from './behavior';
import type { Behavior } from './behavior';
import { actorHosts } from './host';
import type { ActorHost } from './host';
import type { ActorWire } from './messages';
import { MENU } from './restaurant-messages';

/** The lecture's order actor: `String` → kitchen, `true` → «¡Pedido listo!» (which one?). */
export function lectureOrderActor(kitchen: string): Behavior<null, string | boolean> {
  return {
    kind: 'OrderActor',
    accepts: (m): m is string | boolean => typeof m === 'string' || m === true,
    init: () => ({ state: null }),
    receive: (state, m) => typeof m === 'string'
      ? { state, effects: [report('línea', { text: `OrderActor: Pedido recibido: ${m}` }), tell(kitchen, m)] }
      : { state, effects: [report('línea', { text: 'OrderActor: ¡Pedido listo! Gracias por su paciencia.' })] },
  };
}

/** A kitchen that answers `true` when a dish is cooked (as the lecture's protocol expects). */
function lectureKitchen(): Behavior<null, string | { type: 'Done'; to: string }> {
  return {
    kind: 'Kitchen',
    accepts: (m): m is string | { type: 'Done'; to: string } => typeof m === 'string' || (typeof m === 'object' && m !== null),
    init: () => ({ state: null }),
    receive: (state, m, c) => (typeof m === 'string'
      ? { state, effects: [schedule(MENU[m]?.cookMs ?? 10, { type: 'Done', to: c.sender ?? '' })] }
      : { state, effects: [tell(m.to, true)] }),
  };
}

/**
 * Runs the lecture's restaurant with the given orders (all placed at t = 0) and returns its
 * printed lines, in order.
 *
 * @example
 * runLectureRestaurant(['paella', 'gazpacho']); // two «¡Pedido listo!», no way to tell which
 */
export function runLectureRestaurant(orders: readonly string[]): string[] {
  const sim = new Simulation<ActorWire, ActorHost>({
    seed: 'lección',
    nodeIds: ['sala'],
    createNode: actorHosts({ sala: () => ({ actors: [{ name: 'kitchen', behavior: lectureKitchen() }, { name: 'order', behavior: lectureOrderActor('sala/kitchen') }] }) }),
  });
  for (const dish of orders) sim.inject('sala', { type: 'Deliver', to: 'sala/order', message: dish });
  sim.runUntilTime(1_000);
  return sim.outputs.filter((o) => o.label === 'línea').map((o) => `t=${Math.round(o.timeMs)} ms  ${String((o.data as { text?: unknown }).text)}`);
}
