/**
 * Clients of the Raft KV service: a closed-loop client (lib/sim's) that sends get / put /
 * append with `requestId = <client>:<seq>`, follows `notLeader` hints and retries with the same
 * id (so the session table deduplicates), and an end-of-run checker that judges the history
 * with lib/linearizability's key-value model.
 */
import { checkLinearizability, keyValueModel } from '../linearizability/index';
import { checker } from '../sim/checkers';
import type { CheckerFactory } from '../sim/checkers';
import { closedLoopClient } from '../sim/closed-loop-client';
import type { ClosedLoopClient } from '../sim/closed-loop-client';
import type { NodeFactory } from '../sim/types';
import type { KvOperation, RaftMessage } from './messages';
import type { RaftNode } from './node';

/** Options of {@link raftClient}. */
export interface RaftClientOptions {
  /** Operations per client (default 30). */
  readonly operations?: number;
  /** Keys to draw from (default `['x', 'y', 'z']`: few keys, many conflicts). */
  readonly keys?: readonly string[];
  /** Per-attempt timeout (default 200 ms) and retries before giving up (default 10). */
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** Think time between operations (default 10–50 ms). */
  readonly thinkMs?: number | { readonly minMs: number; readonly maxMs: number };
}

/**
 * A closed-loop KV client actor for `clients.createClient`: ~40 % gets, 30 % puts, 30 % appends
 * of unique values (`c1.7;`), so a duplicated append shows in the history.
 *
 * @example
 * new Simulation({ seed, nodeIds, createNode: raftNode(), clients: { ids: ['c1', 'c2'], createClient: raftClient() }, checkers: linearizableKv() });
 */
export function raftClient(options: RaftClientOptions = {}): NodeFactory<RaftMessage, ClosedLoopClient<RaftMessage, KvOperation, string | null>> {
  const keys = options.keys ?? ['x', 'y', 'z'];
  return closedLoopClient<RaftMessage, KvOperation, string | null>({
    operations: ({ index, rng, client }) => {
      const key = keys[rng.int(0, keys.length - 1)] as string;
      const r = rng.next();
      if (r < 0.4) return { f: 'get', key };
      return { f: r < 0.7 ? 'put' : 'append', key, value: `${client}.${index + 1};` };
    },
    maxOperations: options.operations ?? 30,
    key: (op) => op.key,
    timeoutMs: options.timeoutMs ?? 200,
    retries: options.retries ?? 10,
    thinkMs: options.thinkMs ?? { minMs: 10, maxMs: 50 },
    // A notLeader does not prove the request was not executed: a leader may have appended an
    // earlier copy (a duplicate, or an attempt that timed out) before it stepped down.
    redirectsAreCertain: false,
    encode: (op, { requestId }) => ({ type: 'ClientRequest', requestId, op }),
    decode: (m) => {
      if (m.type !== 'ClientReply') return undefined;
      switch (m.status) {
        case 'ok':
          return { kind: 'ok', requestId: m.requestId, output: m.output };
        case 'notLeader':
          return m.leaderHint === null ? { kind: 'redirect', requestId: m.requestId } : { kind: 'redirect', requestId: m.requestId, leader: m.leaderHint };
        case 'error':
          return { kind: 'fail', requestId: m.requestId };
      }
    },
  });
}

/**
 * An end-of-run checker, `linearizability`: the clients' history must be linearizable for
 * lib/linearizability's key-value model (checked key by key). A history the search cannot
 * decide within `maxSteps` (a deterministic budget) passes and calls `onUnknown`.
 */
export function linearizableKv(options: { readonly maxSteps?: number; readonly onUnknown?: () => void } = {}): CheckerFactory<RaftMessage, RaftNode> {
  return checker<RaftMessage, RaftNode>('linearizability', () => ({
    atEnd(cluster) {
      const model = keyValueModel();
      const result = checkLinearizability(model, cluster.history, { maxSteps: options.maxSteps ?? 200_000 });
      if (result.verdict === 'unknown') options.onUnknown?.();
      if (result.verdict !== 'illegal') return undefined;
      const part = result.partitions.find((p) => p.verdict === 'illegal');
      const op = part?.firstImpossible === undefined ? undefined : cluster.history.find((o) => o.id === part.firstImpossible);
      const what = op === undefined ? '' : `: la operación ${op.id} de ${op.client} (${model.describeOperation?.(op.input as never, op.output as never) ?? JSON.stringify(op.input)}) no cabe en ningún orden`;
      return `la historia de ${cluster.history.length} operaciones no es linealizable (clave ${part?.key ?? '?'})${what}`;
    },
  }));
}
