/**
 * Paxos's safety property, agreement, as checkers: for single-decree Paxos over the outputs
 * (a plain checker, so the explorer can use it), for Multi-Paxos per slot (incremental, for
 * sweeps of thousands of seeds).
 */
import type { CheckResult, CheckerFactory, ClusterView } from '../sim/checkers';
import { checker } from '../sim/checkers';
import type { NodeId } from '../sim/types';

/**
 * Agreement for single-decree Paxos: at most one value is decided, where "decided" is either
 * chosen (a majority of the `acceptorCount` acceptors accepted it in the same ballot, read
 * from their `accepted` outputs) or announced by a `decide` output (a learner's, or, in the
 * lecture's version, an acceptor's "valor definitivo").
 *
 * @example
 * explore({ nodeIds, createNode: paxos({ proposers, acceptors, lecture: true, rounds: 1 }), checkers: [paxosAgreement(3)] });
 */
export function paxosAgreement(acceptorCount: number): (cluster: ClusterView<unknown>) => CheckResult {
  return function agreement(cluster: ClusterView<unknown>): CheckResult {
    const votes = new Map<string, Set<NodeId>>();
    const decided = new Map<string, string>();
    for (const out of cluster.outputs) {
      if (out.label === 'decide') {
        const { value } = out.data as { value: string };
        if (!decided.has(value)) decided.set(value, `${out.node} lo da por decidido`);
        continue;
      }
      if (out.label !== 'accepted') continue;
      const { ballot, value } = out.data as { ballot: number; value: string };
      const key = `${ballot}\u0000${value}`;
      let voters = votes.get(key);
      if (voters === undefined) votes.set(key, (voters = new Set()));
      voters.add(out.node);
      if (voters.size > acceptorCount / 2 && !decided.has(value)) decided.set(value, `elegido por mayoría en el ballot ${ballot}`);
    }
    if (decided.size <= 1) return undefined;
    const list = [...decided].map(([value, how]) => `«${value}» (${how})`);
    return `se decidieron ${decided.size} valores distintos: ${list.join(' y ')}`;
  };
}

/**
 * Agreement per slot for Multi-Paxos: no two `decide` outputs name different values for the
 * same slot (any node, crashed later or not). Incremental: each output is looked at once.
 *
 * @example
 * new Simulation({ seed, nodeIds, createNode: multiPaxos(), checkers: [slotAgreement()] });
 */
export function slotAgreement<M, N>(): CheckerFactory<M, N> {
  return checker<M, N>('slotAgreement', () => {
    const decided = new Map<number, { value: string; node: NodeId }>();
    return {
      onEvent(event) {
        if (event.kind !== 'output' || event.label !== 'decide') return undefined;
        const { slot, value } = event.data as { slot: number; value: string };
        const first = decided.get(slot);
        if (first === undefined) {
          decided.set(slot, { value, node: event.node });
          return undefined;
        }
        if (first.value === value) return undefined;
        return { message: `el hueco ${slot} tiene dos valores decididos: «${first.value}» en ${first.node} y «${value}» en ${event.node}`, nodes: [first.node, event.node] };
      },
    };
  });
}
