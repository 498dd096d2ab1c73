/**
 * Run-level checkers of the replicated bank: CP's history is linearizable and its replicas
 * never diverge; AP's replicas have converged by the end of the run.
 * @packageDocumentation
 */
import { checkLinearizability } from '../linearizability/checker';
import { checker } from '../sim/checkers';
import type { CheckerFactory } from '../sim/checkers';
import type { NodeId } from '../sim/types';
import type { BankReplica } from './bank';
import type { BankMessage } from './messages';
import { bankModel } from './model';
import { includedOps } from './reconcile';

/**
 * `linearizability`: at the end of the run the clients' history fits the one-copy bank
 * ({@link bankModel}). An undecided search (deterministic `maxSteps` budget) passes.
 */
export function bankLinearizable(options: { maxSteps?: number; onUnknown?: () => void } = {}): CheckerFactory<BankMessage, BankReplica> {
  return checker<BankMessage, BankReplica>('linearizability', () => ({
    atEnd(cluster) {
      const model = bankModel();
      const result = checkLinearizability(model, cluster.history, { maxSteps: options.maxSteps ?? 200_000 });
      if (result.verdict === 'unknown') options.onUnknown?.();
      if (result.verdict !== 'illegal') return undefined;
      const first = result.partitions[0]?.firstImpossible;
      const op = cluster.history.find((o) => o.id === first);
      return `la historia del banco (${cluster.history.length} operaciones) no es linealizable: ${op === undefined ? '' : `la operación ${op.id} de ${op.client} (${model.describeOperation?.(op.input as never, op.output as never) ?? JSON.stringify(op.input)}) no cabe en ningún orden`}`;
    },
  }));
}

/**
 * `cpNoDivergence`: CP replicas hold prefixes of one log (checked after every event, on the
 * entries each replica has), and at the end every replica has applied the same balances.
 */
export const cpNoDivergence: CheckerFactory<BankMessage, BankReplica> = checker<BankMessage, BankReplica>('cpNoDivergence', () => {
  const seen: string[] = [];
  const checkedUpTo = new Map<NodeId, number>();
  return {
    onEvent(_event, cluster) {
      for (const [id, node] of cluster.nodes) {
        if (node.mode !== 'cp') continue;
        // Incremental: only the entries this replica added since the last look.
        for (let i = checkedUpTo.get(id) ?? 0; i < node.log.length; i++) {
          const requestId = node.log[i]!.requestId;
          if (seen[i] === undefined) seen[i] = requestId;
          else if (seen[i] !== requestId) return { message: `la réplica ${id} tiene ${requestId} en la posición ${i + 1} del registro y otra tiene ${seen[i]}`, nodes: [id] };
        }
        checkedUpTo.set(id, node.log.length);
      }
      return undefined;
    },
    atEnd(cluster) {
      return differentBalances(cluster.nodes);
    },
  };
});

/** `apConvergence`: at the end every AP replica shows the same balances and holds the same operations. */
export const apConvergence: CheckerFactory<BankMessage, BankReplica> = checker<BankMessage, BankReplica>('apConvergence', () => ({
  atEnd(cluster) {
    const balances = differentBalances(cluster.nodes);
    if (balances !== undefined) return balances;
    let reference: { id: NodeId; ops: string } | undefined;
    for (const [id, node] of cluster.nodes) {
      if (node.mode !== 'ap') continue;
      const ops = JSON.stringify([...node.accounts].map(([account, state]) => [account, Object.keys(includedOps(state)).sort()]));
      if (reference === undefined) reference = { id, ops };
      else if (reference.ops !== ops) return { message: `${id} y ${reference.id} no contienen las mismas operaciones tras la curación`, nodes: [id, reference.id] };
    }
    return undefined;
  },
}));

/** The balances a replica shows: CP's applied ones, AP's merged ones. */
export function replicaBalances(node: BankReplica, accounts: readonly string[]): number[] {
  return accounts.map((account) => (node.mode === 'cp' ? node.balances.get(account) ?? 0 : node.balance(account)));
}

function differentBalances(nodes: ReadonlyMap<NodeId, BankReplica>): { message: string; nodes: NodeId[] } | undefined {
  let reference: { id: NodeId; balances: string } | undefined;
  for (const [id, node] of nodes) {
    const accounts = node.mode === 'cp' ? [...node.balances.keys()] : [...node.accounts.keys()];
    const balances = JSON.stringify(replicaBalances(node, accounts));
    if (reference === undefined) reference = { id, balances };
    else if (reference.balances !== balances) return { message: `al final ${id} muestra ${balances} y ${reference.id} ${reference.balances}: no convergen`, nodes: [id, reference.id] };
  }
  return undefined;
}
