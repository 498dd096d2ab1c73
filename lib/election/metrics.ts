/**
 * Counting what a run cost: messages sent by cluster nodes, by type, through a checker that
 * never fails (so it works with the trace off, in sweeps too).
 */
import type { CheckerFactory } from '../sim/checkers';
import { checker } from '../sim/checkers';

/** Messages sent by cluster nodes, by message type, filled in while the simulation runs. */
export interface MessageCounts {
  readonly byType: Map<string, number>;
  total: number;
}

/**
 * A checker that never fails and counts every `send` by a cluster node (injected messages from
 * `'client'` or any id outside the cluster are not counted). Read `counts` after the run.
 *
 * @example
 * const counter = countMessages();
 * const sim = new Simulation({ …, checkers: [counter.checker] });
 * sim.runFor(1_000);
 * counter.counts.total;
 */
export function countMessages(): { readonly checker: CheckerFactory<unknown, unknown>; readonly counts: MessageCounts } {
  const counts: MessageCounts = { byType: new Map(), total: 0 };
  const factory = checker<unknown, unknown>('messageCount', () => {
    counts.byType.clear();
    counts.total = 0;
    return {
      onEvent(event, cluster) {
        if (event.kind !== 'send' || !(cluster.nodes.has(event.from) || cluster.crashed.has(event.from))) return undefined;
        const message = event.message as { type?: unknown } | null;
        const type = typeof message === 'object' && message !== null && typeof message.type === 'string' ? message.type : '?';
        counts.byType.set(type, (counts.byType.get(type) ?? 0) + 1);
        counts.total++;
        return undefined;
      },
    };
  });
  return { checker: factory, counts };
}

/** The n-th harmonic number Hₙ = 1 + 1/2 + … + 1/n. */
export function harmonic(n: number): number {
  let h = 0;
  for (let k = 1; k <= n; k++) h += 1 / k;
  return h;
}
