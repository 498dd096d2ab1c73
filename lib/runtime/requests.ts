/**
 * Client operations on a real cluster, recorded as a history: the launcher plays the client,
 * sends a request, waits for the matching reply, and records the operation (invoke and
 * completion times, input, output, status) in the shape lib/linearizability checks.
 */
import type { Operation } from '../linearizability/history';
import type { NodeId } from '../sim/types';
import type { ExternalMessage } from './launch-options';

/** Options of one client request (see `Cluster.request`). */
export interface RequestOptions<M> {
  /** What the history records as the operation's input, e.g. `{ f: 'write', value: 3 }`. */
  readonly input: unknown;
  /** The client's id (the `from` of the request, the `to` of the reply); default `'client'`. */
  readonly client?: NodeId;
  /** The operation's partition key (e.g. a register's name). */
  readonly key?: string;
  /** Which message to the client answers this request. */
  readonly isReply: (message: M) => boolean;
  /** What the history records as the output (default: the reply itself). */
  readonly output?: (reply: M) => unknown;
  /** True when the reply says the operation certainly did not happen (status `fail`). */
  readonly failed?: (reply: M) => boolean;
  /** How long to wait for the reply (default 2 s); then the outcome is unknown (`info`). */
  readonly timeoutMs?: number;
}

/** What `request` needs from a cluster. */
export interface RequestTarget<M> {
  readonly external: readonly ExternalMessage<M>[];
  nowMs(): number;
  inject(to: NodeId, message: M, from: NodeId): void;
  waitFor(predicate: () => boolean, options: { timeoutMs?: number }): Promise<void>;
}

type MutableOperation = { -readonly [K in keyof Operation]: Operation[K] };

/** Records client operations; one per cluster. */
export class HistoryRecorder {
  private readonly operations: MutableOperation[] = [];
  private readonly claimed = new WeakSet<object>();

  /** The operations so far, in invoke order (copies; one still waiting shows as `info`). */
  history(): Operation[] {
    return this.operations.map((op) => ({ ...op }));
  }

  /**
   * Sends `message` to `to` as `options.client` and resolves with the reply (or `undefined`
   * after `timeoutMs`: the operation is then recorded as `info`, outcome unknown).
   */
  async request<M>(cluster: RequestTarget<M>, to: NodeId, message: M, options: RequestOptions<M>): Promise<M | undefined> {
    const client = options.client ?? 'client';
    const op: MutableOperation = { id: this.operations.length, client, input: options.input, invokeMs: cluster.nowMs(), status: 'info' };
    if (options.key !== undefined) op.key = options.key;
    this.operations.push(op);
    let scanned = cluster.external.length;
    let reply: ExternalMessage<M> | undefined;
    cluster.inject(to, message, client);
    const answered = () => {
      for (; scanned < cluster.external.length && reply === undefined; scanned++) {
        const candidate = cluster.external[scanned] as ExternalMessage<M>;
        if (candidate.to === client && !this.claimed.has(candidate) && options.isReply(candidate.message)) reply = candidate;
      }
      return reply !== undefined;
    };
    try {
      await cluster.waitFor(answered, { timeoutMs: options.timeoutMs ?? 2_000 });
    } catch {
      // No reply in time, a node died, or the cluster stopped: the outcome is unknown.
      return undefined;
    }
    const found = reply as ExternalMessage<M>;
    this.claimed.add(found);
    op.completeMs = found.timeMs;
    op.output = options.output ? options.output(found.message) : found.message;
    op.status = options.failed?.(found.message) ? 'fail' : 'ok';
    return found.message;
  }
}
