/**
 * Chapter 04's comparison row for the actor model, written from a restaurant run's own data.
 */
import type { PatternSummary } from '../patterns/comparison';
import { formatNumber } from '../plot/format';
import type { RestaurantRun } from './restaurant';

/** `n` and its noun, singular or plural («1 escalada», «2 escaladas»). */
const plural = (n: number, one: string, many: string): string => `${formatNumber(n)} ${n === 1 ? one : many}`;

const euros = (cents: number) => `${formatNumber(cents / 100, { decimals: 2 })} €`;

/**
 * The actor model's row of the comparison table, from a run (simulated or on threads).
 *
 * @example
 * const resumenActores = summarizeActors(runRestaurantSim({ seed: 1, orders }));
 */
export function summarizeActors(run: RestaurantRun & { readonly threadIds?: ReadonlyMap<string, number>; readonly elapsedMs?: number }): PatternSummary {
  const threads = run.threadIds?.size;
  const lostOrTwice = run.problem === undefined ? 'ningún pedido perdido ni servido dos veces' : `roto: ${run.problem.message}`;
  return {
    pattern: 'Actores',
    coordinator: 'nadie en el centro: cada actor atiende su buzón de uno en uno; el jefe de cocina supervisa al cocinero',
    whenANodeDies: `la cocina falló ${plural(run.kitchenFailures, 'vez', 'veces')} y su supervisor la reinició (${plural(run.restarts, 'reinicio', 'reinicios')}, ${plural(run.escalations, 'escalada', 'escaladas')}); ${plural(run.retries, 'reenvío', 'reenvíos')}; ${lostOrTwice}`,
    scaling: threads === undefined
      ? 'se reparten actores (o grupos) entre hilos o máquinas: el código del actor no cambia'
      : `${formatNumber(threads)} hilos (sala y cocina), ${formatNumber(run.orders.length)} pedidos en ${formatNumber(run.elapsedMs ?? run.endMs, { maxDecimals: 0 })} ms reales; más hilos = más grupos de actores`,
    measured: `${formatNumber(run.served.length)} servidos, ${formatNumber(run.rejected.size)} rechazados de ${formatNumber(run.orders.length)}; cobrado ${euros(run.chargedCents)} = lo servido (${euros(run.servedCents)})`,
  };
}
