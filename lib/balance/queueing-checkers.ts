/**
 * The queueing model's invariants, as lib/sim run checkers: every request is served exactly
 * once, no server runs more requests at once than its slots, and no latency is shorter than the
 * request's own service time.
 */
import { checker } from '../sim/checkers';
import type { CheckerFactory } from '../sim/checkers';
import type { ProtocolNode } from '../sim/types';
import type { QueueingMessage, ServedRequest } from './queueing';

type AnyNode = ProtocolNode<QueueingMessage>;

/**
 * `servedOnce`: no request starts service twice (on one server or two), and at the end of a
 * drained run every one of the `requests` arrivals has been served.
 */
export function servedOnce(requests: number): CheckerFactory<QueueingMessage, AnyNode> {
  return checker<QueueingMessage, AnyNode>('servedOnce', () => {
    const startedOn = new Map<number, string>();
    return {
      onEvent(event) {
        if (event.kind !== 'output' || event.label !== 'start') return;
        const { id } = event.data as { id: number };
        const before = startedOn.get(id);
        if (before !== undefined) return { message: `la petición ${id} se sirvió dos veces (${before} y ${event.node})`, nodes: [before, event.node] };
        startedOn.set(id, event.node);
      },
      atEnd() {
        if (startedOn.size !== requests) return `se sirvieron ${startedOn.size} de ${requests} peticiones`;
      },
    };
  });
}

/** `withinCapacity`: a server never has more than `slots` requests in service at once. */
export function withinCapacity(slots: number): CheckerFactory<QueueingMessage, AnyNode> {
  return checker<QueueingMessage, AnyNode>('withinCapacity', () => ({
    onEvent(event) {
      if (event.kind !== 'output' || event.label !== 'start') return;
      const { inService } = event.data as { inService: number };
      if (inService > slots) return { message: `${event.node} tiene ${inService} peticiones en servicio a la vez (capacidad ${slots})`, nodes: [event.node] };
    },
  }));
}

/** `latencyAtLeastService`: at the end, every served request took at least its service time. */
export function latencyAtLeastService(): CheckerFactory<QueueingMessage, AnyNode> {
  return checker<QueueingMessage, AnyNode>('latencyAtLeastService', () => ({
    atEnd(cluster) {
      const front = cluster.nodes.get('lb') as unknown as { served?: readonly ServedRequest[] } | undefined;
      for (const s of front?.served ?? []) {
        // 1e-9 ms of slack for the floating-point sum arrival + service.
        if (s.doneMs - s.arrivalMs < s.serviceMs - 1e-9) return { message: `la petición ${s.id} tardó ${s.doneMs - s.arrivalMs} ms, menos que su servicio (${s.serviceMs} ms)`, nodes: [s.server] };
      }
    },
  }));
}

/** The three checkers of the model, for `requests` arrivals and `slots` per server. */
export function queueingCheckers(requests: number, slots: number): CheckerFactory<QueueingMessage, AnyNode>[] {
  return [servedOnce(requests), withinCapacity(slots), latencyAtLeastService()];
}
