/**
 * Lamport's mutual exclusion (1978, "Time, Clocks, and the Ordering of Events", §3): every
 * process keeps a queue of requests ordered by (timestamp, id). To ask, it timestamps a
 * REQUEST, queues it and sends it to all; a receiver queues it and answers with a timestamped
 * ACK. A process enters when its request heads its queue and it has received a later-stamped
 * message from every other process; on leaving it sends RELEASE, and each receiver drops the
 * request. 3(n − 1) messages per entry. The rule "a later message from everybody" is sound only
 * over FIFO channels (the paper assumes them); `fifo: false` turns off the per-link sequence
 * numbers that give FIFO here, and reordering then lets two processes in.
 */
import type { Effect, NodeContext, NodeFactory, NodeId } from '../sim/types';
import { send } from '../sim/types';
import type { LamportQueueMessage, TimestampedRequest } from './messages';
import { requestPrecedes } from './messages';
import { intField, MutexNode } from './node';
import type { MutexWorkload } from './node';

/** Options of {@link lamportQueue}. */
export interface LamportQueueOptions extends MutexWorkload {
  /** Deliver each link's messages in order, as the paper assumes (default true). */
  readonly fifo?: boolean;
}

/** A node of Lamport's queue algorithm. */
export class LamportQueueNode extends MutexNode<LamportQueueMessage> {
  clock = 0;
  /** Every request this node knows of, ordered by (time, node). */
  readonly queue: TimestampedRequest[] = [];
  /** The latest timestamp received from each other node. */
  readonly latest = new Map<NodeId, number>();
  private myRequest: TimestampedRequest | undefined;
  private readonly fifo: boolean;
  private readonly sentSeq = new Map<NodeId, number>();
  private readonly expectedSeq = new Map<NodeId, number>();
  private readonly held = new Map<NodeId, Map<number, LamportQueueMessage>>();

  constructor(context: NodeContext, options: LamportQueueOptions) {
    super(context, options);
    this.fifo = options.fifo ?? true;
  }

  protected requestAccess(): Effect<LamportQueueMessage>[] {
    this.clock++;
    this.myRequest = { time: this.clock, node: this.id };
    this.insert(this.myRequest);
    const time = this.clock;
    return [...this.peers.map((id) => this.sendTo(id, { type: 'Request', time })), ...this.maybeEnter()];
  }

  protected releaseAccess(): Effect<LamportQueueMessage>[] {
    const mine = this.myRequest;
    this.myRequest = undefined;
    if (mine === undefined) return [];
    this.remove(this.id, mine.time);
    this.clock++;
    const time = this.clock;
    return this.peers.map((id) => this.sendTo(id, { type: 'Release', time, request: mine.time }));
  }

  protected onMessage(from: NodeId, message: LamportQueueMessage): Effect<LamportQueueMessage>[] {
    if (!this.fifo) return this.handle(from, message);
    const seq = intField(message, 'seq');
    if (seq === undefined) return this.reject(from, message, 'mensaje sin número de secuencia');
    const expected = this.expectedSeq.get(from) ?? 1;
    const buffer = this.held.get(from) ?? new Map<number, LamportQueueMessage>();
    this.held.set(from, buffer);
    // A duplicate (already delivered or already waiting) is dropped; a later one waits its turn.
    if (seq < expected || buffer.has(seq)) return [];
    buffer.set(seq, message);
    const effects: Effect<LamportQueueMessage>[] = [];
    for (let next = expected; buffer.has(next); next++) {
      const m = buffer.get(next) as LamportQueueMessage;
      buffer.delete(next);
      this.expectedSeq.set(from, next + 1);
      effects.push(...this.handle(from, m));
    }
    return effects;
  }

  private handle(from: NodeId, message: LamportQueueMessage): Effect<LamportQueueMessage>[] {
    const time = intField(message, 'time');
    if (time === undefined) return this.reject(from, message, 'mensaje sin marca de tiempo válida');
    this.clock = Math.max(this.clock, time) + 1;
    this.latest.set(from, Math.max(this.latest.get(from) ?? 0, time));
    const effects: Effect<LamportQueueMessage>[] = [];
    switch (message.type) {
      case 'Request':
        if (!this.queue.some((r) => r.node === from && r.time === time)) this.insert({ time, node: from });
        this.clock++;
        effects.push(this.sendTo(from, { type: 'Ack', time: this.clock }));
        break;
      case 'Ack':
        break;
      case 'Release': {
        const request = intField(message, 'request');
        if (request === undefined || !this.remove(from, request)) return [...this.reject(from, message, `liberación sin petición: ${from} no estaba en la cola`), ...this.maybeEnter()];
        break;
      }
      default:
        return this.reject(from, message, 'tipo de mensaje desconocido');
    }
    return [...effects, ...this.maybeEnter()];
  }

  /** Enter when this node's request heads the queue and everybody has spoken since it was made. */
  private maybeEnter(): Effect<LamportQueueMessage>[] {
    const mine = this.myRequest;
    if (this.phase !== 'WANTED' || mine === undefined || this.queue[0] !== mine) return [];
    for (const peer of this.peers) if ((this.latest.get(peer) ?? 0) <= mine.time) return [];
    return this.enter();
  }

  private sendTo(to: NodeId, message: LamportQueueMessage): Effect<LamportQueueMessage> {
    if (!this.fifo) return send(to, message);
    const seq = (this.sentSeq.get(to) ?? 0) + 1;
    this.sentSeq.set(to, seq);
    return send(to, { ...message, seq });
  }

  private insert(request: TimestampedRequest): void {
    let i = this.queue.length;
    while (i > 0 && requestPrecedes(request, this.queue[i - 1] as TimestampedRequest)) i--;
    this.queue.splice(i, 0, request);
  }

  private remove(node: NodeId, time: number): boolean {
    const i = this.queue.findIndex((r) => r.node === node && r.time === time);
    if (i >= 0) this.queue.splice(i, 1);
    return i >= 0;
  }
}

/**
 * A factory of {@link LamportQueueNode}s.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: lamportQueue(), checkers: [mutualExclusion] });
 * sim.runFor(5_000); // 3(n − 1) = 6 messages per entry
 */
export function lamportQueue(options: LamportQueueOptions = {}): NodeFactory<LamportQueueMessage, LamportQueueNode> {
  return (context) => new LamportQueueNode(context, options);
}
