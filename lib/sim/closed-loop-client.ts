/**
 * A reusable closed-loop client (Jepsen's and Maelstrom's clients): one operation at a time,
 * think time between operations, a request timeout, retries with the SAME request id (so a
 * server can deduplicate), redirects to a hinted leader, and giving up after a number of
 * attempts. A protocol only says how to encode a request and decode a reply. Every operation
 * is recorded in the simulation's history (`sim.history`) through `op:*` outputs.
 */
import type { Rng } from '../random/index';
import { OPERATION } from './history-recorder';
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from './types';
import { cancelTimer, output, send, setTimer } from './types';

/** What a reply means to the client: decoded by the protocol's `decode`. */
export type ClientReply<O> =
  /** The operation took effect and answered `output`. */
  | { readonly kind: 'ok'; readonly requestId: string; readonly output: O }
  /** The operation certainly did NOT take effect (e.g. a failed compare-and-set, a rejected request). */
  | { readonly kind: 'fail'; readonly requestId: string; readonly output?: O }
  /** This server did not take it (not the leader); retry at `leader` if known, else at the next server. */
  | { readonly kind: 'redirect'; readonly requestId: string; readonly leader?: NodeId };

/** Options of {@link closedLoopClient}. `M`: the protocol's messages; `I`/`O`: operation input and output. */
export interface ClosedLoopClientOptions<M, I, O> {
  /** The operations, in order, or a generator asked for each next one (`undefined`: no more). */
  readonly operations: readonly I[] | ((next: { readonly index: number; readonly rng: Rng; readonly client: NodeId }) => I | undefined);
  /** Builds the request message for `input`; retries send the same `requestId`. */
  readonly encode: (input: I, request: { readonly requestId: string; readonly client: NodeId }) => M;
  /** Reads a message from a server: a reply to some request, or `undefined` to ignore it. */
  readonly decode: (message: M, from: NodeId) => ClientReply<O> | undefined;
  /** The servers to try, in order (default: the cluster's `nodeIds`); the first attempt goes to a random one. */
  readonly servers?: readonly NodeId[];
  /** Pause before each operation: a constant, or uniform in `[minMs, maxMs)` (default 10 ms). */
  readonly thinkMs?: number | { readonly minMs: number; readonly maxMs: number };
  /** How long to wait for a reply before retrying (default 100 ms). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt (timeouts and redirects) before giving up (default 3). */
  readonly retries?: number;
  /** Follow a redirect's leader hint (default true); otherwise try the next server. */
  readonly redirect?: boolean;
  /**
   * Whether a redirect proves the request was not executed (default true). Set it to false when a
   * server may have taken an earlier copy of the same request (a Raft leader that appended it and
   * then stepped down answers a duplicate with a redirect): giving up is then `info`, not `fail`.
   */
  readonly redirectsAreCertain?: boolean;
  /** Pause before retrying at the next server after a redirect without a hint (default 10 ms). */
  readonly retryDelayMs?: number;
  /** The partition key of an operation for P-compositional checking (e.g. the register's name). */
  readonly key?: (input: I) => string | undefined;
  /** Stop after this many operations (default: all of `operations`, or no limit for a generator). */
  readonly maxOperations?: number;
}

interface InFlight<I> {
  readonly requestId: string;
  readonly input: I;
  server: NodeId;
  attempt: number;
  /** True once an attempt timed out: it may have taken effect, so giving up is 'info', not 'fail'. */
  uncertain: boolean;
}

/**
 * A closed-loop client actor: pass it as `clients.createClient`.
 *
 * @example
 * const sim = new Simulation<KvMessage, KvRegisterNode>({
 *   seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: kvRegister(),
 *   clients: { ids: ['c1', 'c2'], createClient: closedLoopClient<KvMessage, RegisterInput, unknown>({
 *     operations: ({ rng }) => (rng.next() < 0.5 ? { f: 'read', key: 'x' } : { f: 'write', key: 'x', value: rng.int(1, 5) }),
 *     maxOperations: 20,
 *     key: (input) => input.key,
 *     encode: (input, { requestId }) => ({ type: 'Request', requestId, input }),
 *     decode: (m) => (m.type === 'Reply' ? { kind: 'ok', requestId: m.requestId, output: m.output } : undefined),
 *   }) },
 * });
 * sim.runFor(5_000);
 * checkLinearizability(registerModel(), sim.history).verdict; // 'ok'
 */
export function closedLoopClient<M, I, O>(options: ClosedLoopClientOptions<M, I, O>): NodeFactory<M, ClosedLoopClient<M, I, O>> {
  validate(options);
  return (context) => new ClosedLoopClient(context, options);
}

/** The client actor built by {@link closedLoopClient}; its counters are public for tests. */
export class ClosedLoopClient<M, I, O> implements ProtocolNode<M> {
  readonly id: NodeId;
  /** Operations invoked so far. */
  invoked = 0;
  /** True once the client has no more operations. */
  done = false;
  private inFlight: InFlight<I> | undefined;
  private readonly servers: readonly NodeId[];
  private readonly rng: Rng;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly maxOperations: number;

  constructor(context: NodeContext, private readonly options: ClosedLoopClientOptions<M, I, O>) {
    this.id = context.id;
    this.rng = context.rng;
    this.servers = options.servers ?? context.nodeIds;
    if (this.servers.length === 0) throw new Error(`${this.id}: closedLoopClient needs at least one server`);
    this.timeoutMs = options.timeoutMs ?? 100;
    this.retries = options.retries ?? 3;
    const ops = options.operations;
    this.maxOperations = Math.min(options.maxOperations ?? Infinity, typeof ops === 'function' ? Infinity : ops.length);
  }

  start(): Effect<M>[] {
    return [setTimer('think', this.thinkMs())];
  }

  step(input: Input<M>): Effect<M>[] {
    if (input.type === 'timer') {
      switch (input.name) {
        case 'think':
          return this.invokeNext();
        case 'timeout':
          if (this.inFlight !== undefined) this.inFlight.uncertain = true;
          return this.retry(this.nextServer());
        case 'retry':
          return this.inFlight === undefined ? [] : this.attempt();
        default:
          return [];
      }
    }
    const reply = this.options.decode(input.message, input.from);
    const pending = this.inFlight;
    // A reply to an older request, or to an attempt we already gave up on, changes nothing.
    if (reply === undefined || pending === undefined || reply.requestId !== pending.requestId) return [];
    switch (reply.kind) {
      case 'ok':
        return this.complete(OPERATION.ok, reply.output);
      case 'fail':
        return this.complete(OPERATION.fail, reply.output);
      case 'redirect': {
        // Only the server we are waiting on may redirect the current attempt (a late redirect is stale).
        if (input.from !== pending.server) return [];
        if (this.options.redirectsAreCertain === false) pending.uncertain = true;
        const hinted = this.options.redirect !== false && reply.leader !== undefined && this.servers.includes(reply.leader);
        return this.retry(hinted ? (reply.leader as NodeId) : this.nextServer(), !hinted);
      }
    }
  }

  private invokeNext(): Effect<M>[] {
    const ops = this.options.operations;
    const index = this.invoked;
    const next = index >= this.maxOperations ? undefined : typeof ops === 'function' ? ops({ index, rng: this.rng, client: this.id }) : ops[index];
    if (next === undefined) {
      this.done = true;
      return [];
    }
    this.invoked++;
    const requestId = `${this.id}:${this.invoked}`;
    const server = this.servers[this.rng.int(0, this.servers.length - 1)] as NodeId;
    this.inFlight = { requestId, input: next, server, attempt: 0, uncertain: false };
    const key = this.options.key?.(next);
    return [output(OPERATION.invoke, key === undefined ? { request: requestId, input: next } : { request: requestId, input: next, key }), ...this.attempt()];
  }

  private attempt(): Effect<M>[] {
    const pending = this.inFlight as InFlight<I>;
    const message = this.options.encode(pending.input, { requestId: pending.requestId, client: this.id });
    return [cancelTimer('retry'), send(pending.server, message), setTimer('timeout', this.timeoutMs)];
  }

  /** Tries again at `server` (now, or after `retryDelayMs`), or gives up after `retries` retries. */
  private retry(server: NodeId, delayed = false): Effect<M>[] {
    const pending = this.inFlight;
    if (pending === undefined) return [];
    if (pending.attempt >= this.retries) {
      // Only a timeout leaves doubt: if every attempt was refused, the operation surely did not happen.
      return this.complete(pending.uncertain ? OPERATION.info : OPERATION.fail, undefined);
    }
    pending.attempt++;
    pending.server = server;
    if (delayed) return [cancelTimer('timeout'), setTimer('retry', this.options.retryDelayMs ?? 10)];
    return this.attempt();
  }

  private complete(label: string, result: O | undefined): Effect<M>[] {
    const pending = this.inFlight as InFlight<I>;
    this.inFlight = undefined;
    const data = result === undefined ? { request: pending.requestId } : { request: pending.requestId, output: result };
    return [output(label, data), cancelTimer('timeout'), cancelTimer('retry'), setTimer('think', this.thinkMs())];
  }

  private nextServer(): NodeId {
    const pending = this.inFlight;
    const at = pending === undefined ? -1 : this.servers.indexOf(pending.server);
    return this.servers[(at + 1) % this.servers.length] as NodeId;
  }

  private thinkMs(): number {
    const think = this.options.thinkMs ?? 10;
    return typeof think === 'number' ? think : this.rng.uniform(think.minMs, think.maxMs);
  }
}

function validate<M, I, O>(options: ClosedLoopClientOptions<M, I, O>): void {
  if (typeof options.encode !== 'function' || typeof options.decode !== 'function') throw new TypeError('closedLoopClient: encode and decode must be functions');
  const ops = options.operations;
  if (typeof ops !== 'function' && !Array.isArray(ops)) throw new TypeError('closedLoopClient: operations must be an array or a function');
  const nonNegative = (value: number | undefined, name: string) => {
    if (value !== undefined && !(value >= 0 && value !== Infinity)) throw new RangeError(`closedLoopClient: ${name} must be a finite number >= 0, got ${value}`);
  };
  nonNegative(options.timeoutMs, 'timeoutMs');
  nonNegative(options.retryDelayMs, 'retryDelayMs');
  const think = options.thinkMs;
  if (typeof think === 'number') nonNegative(think, 'thinkMs');
  else if (think !== undefined && !(think.minMs >= 0 && think.maxMs >= think.minMs && think.maxMs !== Infinity)) {
    throw new RangeError(`closedLoopClient: thinkMs must have 0 <= minMs <= maxMs, got ${JSON.stringify(think)}`);
  }
  if (options.retries !== undefined && !(Number.isInteger(options.retries) && options.retries >= 0)) throw new RangeError(`closedLoopClient: retries must be an integer >= 0, got ${options.retries}`);
}
