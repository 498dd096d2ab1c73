/**
 * PBFT's safety property among the honest replicas: no two of them execute different
 * requests under the same sequence number (Castro & Liskov's safety: the service behaves like
 * a centralised one to the clients). Byzantine replicas' outputs do not count: they may say anything.
 */
import type { CheckerFactory } from '../sim/checkers';
import { checker } from '../sim/checkers';
import type { NodeId } from '../sim/types';

/**
 * Agreement among the honest replicas, checked on every `execute` output (incremental).
 *
 * @example
 * new Simulation({ …, checkers: [honestAgreement(['r0'])] }); // r0 is the traitor
 */
export function honestAgreement<M, N>(traitors: readonly NodeId[]): CheckerFactory<M, N> {
  return checker<M, N>('honestAgreement', () => {
    const executed = new Map<number, { digest: string; op: string | null; node: NodeId }>();
    return {
      onEvent(event) {
        if (event.kind !== 'output' || event.label !== 'execute' || traitors.includes(event.node)) return undefined;
        const { seq, digest, op } = event.data as { seq: number; digest: string; op: string | null };
        const first = executed.get(seq);
        if (first === undefined) {
          executed.set(seq, { digest, op, node: event.node });
          return undefined;
        }
        if (first.digest === digest) return undefined;
        const show = (o: string | null) => (o === null ? 'la petición nula' : `«${o}»`);
        return { message: `réplicas honestas en desacuerdo en la secuencia ${seq}: ${first.node} ejecutó ${show(first.op)} y ${event.node} ${show(op)}`, nodes: [first.node, event.node] };
      },
    };
  });
}
