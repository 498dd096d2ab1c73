/**
 * A PBFT client (Castro & Liskov §4.1): sends each request to the primary it believes in,
 * and accepts a result only when f + 1 different replicas sent the same one — at least one
 * of them is honest. On a timeout it sends the request to every replica, which relays it to
 * the primary and starts the view-change timer.
 */
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import type { PbftMessage } from './messages';

/** Options of {@link pbftClient}. */
export interface PbftClientOptions {
  /** The operations to run, one after the other (default: three transfers of the lecture's kind). */
  readonly operations?: readonly string[];
  /** Faults tolerated (default ⌊(n − 1) / 3⌋ of the cluster). */
  readonly f?: number;
  /** Time before re-sending to every replica (default 500 ms). */
  readonly timeoutMs?: number;
  /** Delay before the first request (default 10 ms). */
  readonly startMs?: number;
}

/** A client actor: one request at a time, f + 1 matching replies to accept it. */
export class PbftClient implements ProtocolNode<PbftMessage> {
  readonly id: NodeId;
  /** Results accepted so far, in order. */
  readonly results: { op: string; result: string; atMs: number }[] = [];
  timestamp = 0;
  view = 0;
  private readonly replicas: readonly NodeId[];
  private readonly f: number;
  private readonly votes = new Map<string, Set<NodeId>>();
  private readonly operations: readonly string[];

  constructor(context: NodeContext, private readonly options: PbftClientOptions) {
    this.id = context.id;
    this.replicas = context.nodeIds;
    this.f = options.f ?? Math.floor((this.replicas.length - 1) / 3);
    this.operations = options.operations ?? ['transfer A B 10', 'transfer B C 5', 'balance B'];
  }

  /** True once every operation has an accepted result. */
  get done(): boolean {
    return this.results.length >= this.operations.length;
  }

  start(): Effect<PbftMessage>[] {
    return [setTimer('next', this.options.startMs ?? 10)];
  }

  private get current(): string | undefined {
    return this.operations[this.timestamp - 1];
  }

  step(input: Input<PbftMessage>, nowMs: number): Effect<PbftMessage>[] {
    if (input.type === 'timer') {
      if (input.name === 'next') return this.next();
      if (input.name === 'retry' && !this.done && this.current !== undefined) {
        // No f + 1 matching replies in time: send to every replica (§4.1).
        const op = this.current;
        return [setTimer('retry', this.options.timeoutMs ?? 500), ...this.replicas.map((r) => send<PbftMessage>(r, { type: 'Request', op, client: this.id, timestamp: this.timestamp }))];
      }
      return [];
    }
    const m = input.message;
    if (this.done || m.type !== 'Reply' || m.timestamp !== this.timestamp || this.current === undefined || !this.replicas.includes(input.from)) return [];
    const key = m.result;
    let voters = this.votes.get(key);
    if (voters === undefined) this.votes.set(key, (voters = new Set()));
    voters.add(input.from);
    this.view = Math.max(this.view, m.view);
    if (voters.size < this.f + 1) return [];
    this.results.push({ op: this.current, result: m.result, atMs: nowMs });
    return [output('accepted', { timestamp: this.timestamp, op: this.current, result: m.result }), ...this.next()];
  }

  private next(): Effect<PbftMessage>[] {
    this.votes.clear();
    if (this.timestamp >= this.operations.length) return [];
    this.timestamp++;
    const op = this.current as string;
    const primary = this.replicas[this.view % this.replicas.length] as NodeId;
    return [setTimer('retry', this.options.timeoutMs ?? 500), send(primary, { type: 'Request', op, client: this.id, timestamp: this.timestamp })];
  }
}

/** A factory of {@link PbftClient}s for `clients: { ids, createClient }`. */
export function pbftClient(options: PbftClientOptions = {}): NodeFactory<PbftMessage, PbftClient> {
  return (context) => new PbftClient(context, options);
}
