/**
 * An in-process message queue with acknowledgements (AMQP's model, as in RabbitMQ): a
 * message leaves the queue only when a consumer acks it. If the consumer dies first, the
 * message is delivered again (at-least-once); after `maxAttempts` deliveries it goes to a
 * dead-letter queue. Synchronous and deterministic: the caller drives it.
 */

/** A message as stored by the queue. */
export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  /** Deliveries made so far. */
  attempts: number;
}

/** One delivery of a message to one consumer, awaiting its ack. */
export interface Delivery {
  /** Unique per delivery, like AMQP's delivery-tag: acks name the delivery, not the message. */
  readonly deliveryTag: number;
  readonly messageId: string;
  readonly body: string;
  readonly consumerId: string;
  /** 1 for the first delivery, 2 for the first redelivery, … */
  readonly attempt: number;
  /** True when this message was delivered before (AMQP's `redelivered` flag). */
  readonly redelivered: boolean;
}

/** What happened in the queue, in order: the trace of a run. */
export type QueueEvent =
  | { type: 'Published'; messageId: string }
  | { type: 'Delivered'; messageId: string; consumerId: string; attempt: number; deliveryTag: number }
  | { type: 'Acked'; messageId: string; consumerId: string; deliveryTag: number }
  | { type: 'Requeued'; messageId: string; consumerId: string; reason: 'nack' | 'crash' | 'cancel' }
  | { type: 'DeadLettered'; messageId: string; attempts: number }
  | { type: 'ConsumerCrashed'; consumerId: string; unacked: number };

/** Options of a queue. */
export interface QueueOptions {
  /** A name for traces. */
  name?: string;
  /** Deliveries allowed per message; a message requeued after that goes to the dead letters (default 5). */
  maxAttempts?: number;
}

interface ConsumerState {
  prefetch: number;
  unacked: Map<number, Delivery>;
}

/**
 * A queue with acks, redelivery and a dead-letter queue.
 *
 * @example
 * const q = new MessageQueue({ maxAttempts: 3 });
 * q.publish('pago 1');
 * q.subscribe('c1');
 * const d = q.deliver('c1')!;   // c1 has it, not yet acked
 * q.crash('c1');                // c1 dies: the message goes back
 * q.subscribe('c2');
 * const again = q.deliver('c2')!; // again.redelivered === true
 * q.ack(again.deliveryTag);
 */
export class MessageQueue {
  readonly name: string;
  readonly maxAttempts: number;
  /** Messages waiting for a consumer, head first. */
  private readonly ready: QueuedMessage[] = [];
  private readonly consumers = new Map<string, ConsumerState>();
  private readonly inFlight = new Map<number, { message: QueuedMessage; consumerId: string }>();
  private readonly dead: QueuedMessage[] = [];
  private nextTag = 1;
  private nextId = 1;
  /** Every event so far, in order. */
  readonly events: QueueEvent[] = [];

  constructor(options: QueueOptions = {}) {
    this.name = options.name ?? 'cola';
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** Messages waiting to be delivered. */
  get readyCount(): number {
    return this.ready.length;
  }

  /** Deliveries not yet acked. */
  get unackedCount(): number {
    return this.inFlight.size;
  }

  /** Messages that exceeded `maxAttempts`, oldest first. */
  get deadLetters(): readonly QueuedMessage[] {
    return this.dead;
  }

  /** Appends a message; returns its id (generated when not given). */
  publish(body: string, options: { messageId?: string } = {}): string {
    const messageId = options.messageId ?? `m${this.nextId++}`;
    this.ready.push({ messageId, body, attempts: 0 });
    this.events.push({ type: 'Published', messageId });
    return messageId;
  }

  /** Registers a consumer that may hold up to `prefetch` unacked deliveries (AMQP basic.qos). */
  subscribe(consumerId: string, options: { prefetch?: number } = {}): void {
    if (this.consumers.has(consumerId)) throw new Error(`el consumidor ${consumerId} ya está suscrito`);
    this.consumers.set(consumerId, { prefetch: Math.max(1, options.prefetch ?? 1), unacked: new Map() });
  }

  /** True when `consumerId` is subscribed (not crashed nor cancelled). */
  isSubscribed(consumerId: string): boolean {
    return this.consumers.has(consumerId);
  }

  /** Hands the next ready message to `consumerId`, or undefined if none or its prefetch is full. */
  deliver(consumerId: string): Delivery | undefined {
    const consumer = this.consumers.get(consumerId);
    if (consumer === undefined) throw new Error(`el consumidor ${consumerId} no está suscrito`);
    if (consumer.unacked.size >= consumer.prefetch) return undefined;
    const message = this.ready.shift();
    if (message === undefined) return undefined;
    message.attempts++;
    const delivery: Delivery = {
      deliveryTag: this.nextTag++,
      messageId: message.messageId,
      body: message.body,
      consumerId,
      attempt: message.attempts,
      redelivered: message.attempts > 1,
    };
    consumer.unacked.set(delivery.deliveryTag, delivery);
    this.inFlight.set(delivery.deliveryTag, { message, consumerId });
    this.events.push({ type: 'Delivered', messageId: message.messageId, consumerId, attempt: message.attempts, deliveryTag: delivery.deliveryTag });
    return delivery;
  }

  /** Acknowledges a delivery: the message is done and leaves the queue for good. */
  ack(deliveryTag: number): void {
    const entry = this.take(deliveryTag);
    this.events.push({ type: 'Acked', messageId: entry.message.messageId, consumerId: entry.consumerId, deliveryTag });
  }

  /** Rejects a delivery; with `requeue` (the default) it is delivered again, or dead-lettered. */
  nack(deliveryTag: number, options: { requeue?: boolean } = {}): void {
    const entry = this.take(deliveryTag);
    if (options.requeue === false) this.deadLetter(entry.message);
    else this.requeue(entry.message, entry.consumerId, 'nack');
  }

  /**
   * The consumer dies without acking: every delivery it held goes back to the head of the
   * queue, in order. Whatever it did before dying may be done again by another consumer.
   */
  crash(consumerId: string): void {
    this.drop(consumerId, 'crash');
  }

  /** Cancels a subscription cleanly; unacked deliveries are requeued as after a crash. */
  unsubscribe(consumerId: string): void {
    this.drop(consumerId, 'cancel');
  }

  private drop(consumerId: string, reason: 'crash' | 'cancel'): void {
    const consumer = this.consumers.get(consumerId);
    if (consumer === undefined) return;
    this.consumers.delete(consumerId);
    if (reason === 'crash') this.events.push({ type: 'ConsumerCrashed', consumerId, unacked: consumer.unacked.size });
    // Requeue in reverse so the oldest ends up first at the head, as RabbitMQ does.
    const held = [...consumer.unacked.keys()].reverse();
    for (const tag of held) {
      const entry = this.inFlight.get(tag)!;
      this.inFlight.delete(tag);
      this.requeue(entry.message, consumerId, reason);
    }
  }

  private take(deliveryTag: number): { message: QueuedMessage; consumerId: string } {
    const entry = this.inFlight.get(deliveryTag);
    if (entry === undefined) throw new Error(`entrega ${deliveryTag} desconocida o ya confirmada`);
    this.inFlight.delete(deliveryTag);
    this.consumers.get(entry.consumerId)?.unacked.delete(deliveryTag);
    return entry;
  }

  private requeue(message: QueuedMessage, consumerId: string, reason: 'nack' | 'crash' | 'cancel'): void {
    if (message.attempts >= this.maxAttempts) {
      this.deadLetter(message);
      return;
    }
    this.events.push({ type: 'Requeued', messageId: message.messageId, consumerId, reason });
    this.ready.unshift(message);
  }

  private deadLetter(message: QueuedMessage): void {
    this.dead.push(message);
    this.events.push({ type: 'DeadLettered', messageId: message.messageId, attempts: message.attempts });
  }
}
