/**
 * The two properties of mutual exclusion as checkers: safety, never two nodes inside at once
 * (`mutualExclusion`, from lib/sim), and liveness, every request is served within a deadline
 * (`requestsServed`, an incremental run checker over the `request` / `enterCritical` outputs).
 */
import type { CheckerFactory } from '../sim/checkers';
import { checker } from '../sim/checkers';
import type { NodeId } from '../sim/types';

export { mutualExclusion } from '../sim/examples/unsafe-lock';

/**
 * Liveness: every live node that asks for the critical section (output `request`) enters it
 * (output `enterCritical`) within `withinMs`. A node that crashes while waiting is forgiven.
 * The deadline is checked at every event and at `sim.finish()`.
 *
 * @example
 * const sim = new Simulation({ …, createNode: ricartAgrawala(), checkers: [mutualExclusion, requestsServed(2_000)] });
 * sim.crash('n3'); sim.runFor(5_000); sim.finish(); // requestsServed: n1 espera desde …
 */
export function requestsServed(withinMs: number): CheckerFactory<unknown, unknown> {
  if (!(withinMs > 0) || !Number.isFinite(withinMs)) throw new RangeError(`requestsServed: withinMs debe ser > 0, recibido ${withinMs}`);
  return checker<unknown, unknown>('requestsServed', () => {
    const waitingSince = new Map<NodeId, number>();
    const overdue = (nowMs: number) => {
      for (const [node, since] of waitingSince) {
        if (nowMs - since > withinMs) return { message: `${node} espera la sección crítica desde t=${Math.round(since)} ms (más de ${withinMs} ms)`, nodes: [node] };
      }
      return undefined;
    };
    return {
      onEvent(event) {
        if (event.kind === 'output' && event.label === 'request') waitingSince.set(event.node, event.timeMs);
        else if (event.kind === 'output' && event.label === 'enterCritical') waitingSince.delete(event.node);
        else if (event.kind === 'crash') waitingSince.delete(event.node);
        return overdue(event.timeMs);
      },
      atEnd(cluster) {
        return overdue(cluster.nowMs);
      },
    };
  });
}
