/**
 * A broker and its consumers as lib/sim protocol nodes. The broker wraps a `MessageQueue`
 * (AMQP's model) and talks to consumers with AMQP's basic methods; consumers process each
 * delivery for a random time, apply its effect to a shared database, then ack. A consumer that
 * crashes loses its work; its connection closes and the broker requeues what it held.
 */
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/index';
import { assertNever, output, send, setTimer } from '../sim/index';
import type { MessageQueue } from './queue';

/** The node id of the broker. */
export const BROKER_ID: NodeId = 'broker';

/**
 * Messages between broker and consumers, after AMQP 0-9-1's `basic.consume`, `basic.deliver`,
 * `basic.ack` and `basic.nack`. Each consumer message names its `connection` (one per life of
 * the consumer); `ConnectionLost` is how the broker learns that a connection died (TCP reset or
 * missed heartbeats), after which anything still arriving on that connection is discarded.
 */
export type BrokerMessage =
  | { readonly type: 'Consume'; readonly connection: number; readonly prefetch: number }
  | { readonly type: 'Deliver'; readonly deliveryTag: number; readonly messageId: string; readonly body: string; readonly redelivered: boolean }
  | { readonly type: 'Ack'; readonly connection: number; readonly deliveryTag: number }
  | { readonly type: 'Nack'; readonly connection: number; readonly deliveryTag: number; readonly requeue: boolean }
  | { readonly type: 'ConnectionLost'; readonly connection: number };

/** Trace text of a broker message: `Deliver m3 tag=5 (reentrega)`, `Ack tag=5`. */
export function formatBrokerMessage(message: BrokerMessage): string {
  switch (message.type) {
    case 'Consume':
      return `Consume prefetch=${message.prefetch}`;
    case 'Deliver':
      return `Deliver ${message.messageId} tag=${message.deliveryTag}${message.redelivered ? ' (reentrega)' : ''}`;
    case 'Ack':
      return `Ack tag=${message.deliveryTag}`;
    case 'Nack':
      return `Nack tag=${message.deliveryTag}`;
    case 'ConnectionLost':
      return `ConnectionLost #${message.connection}`;
    default:
      return assertNever(message);
  }
}

/** What applying one message's effect did. */
export type EffectOutcome = 'effect' | 'duplicate-effect' | 'skipped-duplicate';

/**
 * The database the consumers write to, outside the simulated network: it never fails and
 * writes are instantaneous. It counts effects per message and remembers processed ids, which
 * an idempotent consumer checks in the same atomic step as the effect.
 */
export class EffectStore {
  /** Times each message's effect was applied. */
  readonly effects = new Map<string, number>();
  private readonly processed = new Set<string>();

  constructor(messageIds: readonly string[]) {
    for (const id of messageIds) this.effects.set(id, 0);
  }

  /** Applies the effect of `messageId`, unless `idempotent` and it was applied before. */
  apply(messageId: string, idempotent: boolean): EffectOutcome {
    if (idempotent && this.processed.has(messageId)) return 'skipped-duplicate';
    const count = (this.effects.get(messageId) ?? 0) + 1;
    this.effects.set(messageId, count);
    this.processed.add(messageId);
    return count > 1 ? 'duplicate-effect' : 'effect';
  }
}

/**
 * The broker: hands ready messages to subscribed consumers up to their prefetch, acks and
 * nacks deliveries, and requeues (or dead-letters) everything a lost connection held.
 * Outputs `delivered`/`redelivered`, `acked` and `dead-letter` with `{ consumerId, messageId }`.
 */
export class BrokerNode implements ProtocolNode<BrokerMessage> {
  readonly id: NodeId = BROKER_ID;
  /** Subscribed consumers, in subscription order. */
  private readonly subscribers = new Set<NodeId>();
  /** Per consumer, the connections known to be closed (everything up to this number). */
  private readonly closedUpTo = new Map<NodeId, number>();
  /** Deliveries awaiting an ack: which message each tag carries. */
  private readonly outstanding = new Map<number, { consumerId: NodeId; messageId: string }>();

  constructor(readonly queue: MessageQueue) {}

  start(): Effect<BrokerMessage>[] {
    return [];
  }

  step(input: Input<BrokerMessage>, _nowMs: number): Effect<BrokerMessage>[] {
    if (input.type === 'timer') return [];
    const { from, message } = input;
    if (message.type === 'Deliver') return [];
    // TCP semantics: nothing is read from a connection after it is closed.
    if (message.connection <= (this.closedUpTo.get(from) ?? 0)) return [];
    switch (message.type) {
      case 'Consume':
        return this.onConsume(from, message.prefetch);
      case 'Ack':
        return this.onAck(from, message.deliveryTag);
      case 'Nack':
        return this.onNack(from, message.deliveryTag, message.requeue);
      case 'ConnectionLost':
        return this.onConnectionLost(from, message.connection);
      default:
        return assertNever(message);
    }
  }

  private onConsume(consumerId: NodeId, prefetch: number): Effect<BrokerMessage>[] {
    this.queue.subscribe(consumerId, { prefetch });
    this.subscribers.add(consumerId);
    return this.pump();
  }

  private onAck(consumerId: NodeId, deliveryTag: number): Effect<BrokerMessage>[] {
    const entry = this.outstanding.get(deliveryTag);
    if (entry === undefined || entry.consumerId !== consumerId) return [];
    this.outstanding.delete(deliveryTag);
    this.queue.ack(deliveryTag);
    return [output('acked', { consumerId, messageId: entry.messageId }), ...this.pump()];
  }

  private onNack(consumerId: NodeId, deliveryTag: number, requeue: boolean): Effect<BrokerMessage>[] {
    const entry = this.outstanding.get(deliveryTag);
    if (entry === undefined || entry.consumerId !== consumerId) return [];
    this.outstanding.delete(deliveryTag);
    const deadBefore = this.queue.deadLetters.length;
    this.queue.nack(deliveryTag, { requeue });
    return [...this.deadLettered(consumerId, deadBefore), ...this.pump()];
  }

  private onConnectionLost(consumerId: NodeId, connection: number): Effect<BrokerMessage>[] {
    this.closedUpTo.set(consumerId, connection);
    if (!this.subscribers.delete(consumerId)) return [];
    for (const [tag, entry] of this.outstanding) if (entry.consumerId === consumerId) this.outstanding.delete(tag);
    const deadBefore = this.queue.deadLetters.length;
    // AMQP: unacked deliveries of a closed channel go back to the queue (marked redelivered).
    this.queue.crash(consumerId);
    return [...this.deadLettered(consumerId, deadBefore), ...this.pump()];
  }

  private deadLettered(consumerId: NodeId, before: number): Effect<BrokerMessage>[] {
    return this.queue.deadLetters.slice(before).map((m) => output('dead-letter', { consumerId, messageId: m.messageId }));
  }

  private pump(): Effect<BrokerMessage>[] {
    const effects: Effect<BrokerMessage>[] = [];
    for (const consumerId of this.subscribers) {
      for (let d = this.queue.deliver(consumerId); d !== undefined; d = this.queue.deliver(consumerId)) {
        this.outstanding.set(d.deliveryTag, { consumerId, messageId: d.messageId });
        effects.push(output(d.redelivered ? 'redelivered' : 'delivered', { consumerId, messageId: d.messageId }));
        effects.push(send(consumerId, { type: 'Deliver', deliveryTag: d.deliveryTag, messageId: d.messageId, body: d.body, redelivered: d.redelivered }));
      }
    }
    return effects;
  }
}

/** What a consumer needs besides its context. */
export interface ConsumerOptions {
  prefetch: number;
  processingMsMean: number;
  /** Skip messages whose effect the database already holds. */
  idempotent: boolean;
  /** Messages whose processing always fails (nack with requeue). */
  fails: (messageId: string) => boolean;
  store: EffectStore;
}

/**
 * A consumer: subscribes at boot (a new connection per life), works on each delivery for an
 * exponential time (timer `proceso#<tag>`), applies the effect, then acks; a failure is a nack.
 * Outputs `effect`, `duplicate-effect`, `skipped-duplicate` or `failed` with `{ messageId }`.
 */
export class ConsumerNode implements ProtocolNode<BrokerMessage> {
  readonly id: NodeId;
  /** Persistent: the connection number, counted in the durable store across lives. */
  readonly connection: number;
  /** Volatile: deliveries being processed, by tag. */
  private readonly working = new Map<number, string>();
  private readonly context: NodeContext;

  constructor(context: NodeContext, private readonly options: ConsumerOptions) {
    this.id = context.id;
    this.context = context;
    this.connection = (context.durable.get<number>('connection') ?? 0) + 1;
    context.durable.set('connection', this.connection);
  }

  start(): Effect<BrokerMessage>[] {
    return [send(BROKER_ID, { type: 'Consume', connection: this.connection, prefetch: this.options.prefetch })];
  }

  step(input: Input<BrokerMessage>, _nowMs: number): Effect<BrokerMessage>[] {
    if (input.type === 'timer') return this.onProcessingDone(Number(input.name.slice('proceso#'.length)));
    const message = input.message;
    if (message.type !== 'Deliver') return [];
    this.working.set(message.deliveryTag, message.messageId);
    return [setTimer(`proceso#${message.deliveryTag}`, this.context.rng.exponential(this.options.processingMsMean))];
  }

  private onProcessingDone(deliveryTag: number): Effect<BrokerMessage>[] {
    const messageId = this.working.get(deliveryTag);
    if (messageId === undefined) return [];
    this.working.delete(deliveryTag);
    if (this.options.fails(messageId)) {
      return [output('failed', { messageId }), send(BROKER_ID, { type: 'Nack', connection: this.connection, deliveryTag, requeue: true })];
    }
    // The effect lands before the ack leaves: a crash in between duplicates it (at-least-once).
    const outcome = this.options.store.apply(messageId, this.options.idempotent);
    return [output(outcome, { messageId }), send(BROKER_ID, { type: 'Ack', connection: this.connection, deliveryTag })];
  }
}
