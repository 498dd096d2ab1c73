/**
 * The lecture's "Lectura/Escritura Primaria" with reads served by the secondaries: two clients
 * write and read one key through any node; backups answer reads from their lagging copy. The
 * history goes to lib/consistency's checkers, which say which guarantees broke.
 */
import { closedLoopClient } from '../sim/closed-loop-client';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { History } from '../linearizability/history';
import { CRASH_NODES, crashNetworkLinks } from './crash-experiment';
import type { PrimaryBackupMessage, ReplicationInput } from './messages';
import { primaryBackup } from './primary-backup';
import type { PrimaryBackupNode, ReplicationMode } from './primary-backup';

/**
 * Runs 2 clients × `operations` alternating writes (`<client>-<n>`) and reads of key `x`, each
 * sent to a random node, on the 4-node primary-backup cluster; returns the history.
 * @example
 * const h = readScalingHistory({ seed: 1, readsFromBackups: true });
 * checkReadYourWrites(h).ok; // often false
 */
export function readScalingHistory(options: { seed: number | string; readsFromBackups: boolean; mode?: ReplicationMode; operations?: number }): History {
  const sim = new Simulation<PrimaryBackupMessage, PrimaryBackupNode>({
    seed: options.seed,
    nodeIds: [...CRASH_NODES],
    createNode: primaryBackup({ mode: options.mode ?? 'async', readsFromBackups: options.readsFromBackups }),
    network: { latency: latency.exponential(0.5, 0.5), links: crashNetworkLinks() },
    clients: {
      ids: ['ana', 'beto'],
      createClient: closedLoopClient<PrimaryBackupMessage, ReplicationInput, unknown>({
        operations: ({ index, client }) => (index % 2 === 0 ? { f: 'write', key: 'x', value: `${client}-${index / 2 + 1}` } : { f: 'read', key: 'x' }),
        maxOperations: options.operations ?? 12,
        thinkMs: { minMs: 0, maxMs: 30 },
        timeoutMs: 400,
        key: (input) => input.key,
        encode: (input, { requestId }) => ({ type: 'Request', requestId, input }),
        decode: (m) => {
          if (m.type === 'Reply') return { kind: 'ok', requestId: m.requestId, output: m.output };
          if (m.type === 'NotPrimary') return { kind: 'redirect', requestId: m.requestId, ...(m.primary === undefined ? {} : { leader: m.primary }) };
          return undefined;
        },
      }),
    },
  });
  sim.runFor(3_000);
  // Writes answer `true`; the checkers want a register history, where a write has no output.
  return sim.history.map((op) => ((op.input as ReplicationInput).f === 'write' ? { ...op, output: undefined } : op));
}
