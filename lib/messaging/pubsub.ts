/**
 * Publish/subscribe: a topic copies every message to each subscription (AMQP's fanout
 * exchange). Each subscription is its own queue with acks, so a slow or crashed
 * subscriber does not lose messages nor hold back the others.
 */
import { MessageQueue } from './queue';
import type { QueueOptions } from './queue';

/**
 * A topic with durable subscriptions.
 *
 * @example
 * const pedidos = new Topic('pedidos');
 * const facturas = pedidos.subscribe('facturación');
 * const envios = pedidos.subscribe('envíos');
 * pedidos.publish('pedido 17');
 * [facturas.readyCount, envios.readyCount]; // [1, 1]
 */
export class Topic {
  private readonly subscriptions = new Map<string, MessageQueue>();
  private nextId = 1;

  constructor(readonly name: string, private readonly queueOptions: QueueOptions = {}) {}

  /** Creates (or returns) the subscription `name`: a queue that gets a copy of every later message. */
  subscribe(name: string): MessageQueue {
    let queue = this.subscriptions.get(name);
    if (queue === undefined) {
      queue = new MessageQueue({ ...this.queueOptions, name: `${this.name}/${name}` });
      this.subscriptions.set(name, queue);
    }
    return queue;
  }

  /** Removes a subscription; its pending messages are discarded. */
  unsubscribe(name: string): void {
    this.subscriptions.delete(name);
  }

  /** The subscription names, in creation order. */
  get subscriptionNames(): string[] {
    return [...this.subscriptions.keys()];
  }

  /** Publishes one message to every current subscription (same message id in each); returns the id. */
  publish(body: string, options: { messageId?: string } = {}): string {
    const messageId = options.messageId ?? `${this.name}-${this.nextId++}`;
    for (const queue of this.subscriptions.values()) queue.publish(body, { messageId });
    return messageId;
  }
}
