/**
 * One queue demo, two backends: the in-process `MessageQueue` and a real RabbitMQ. The
 * story is the same: a consumer takes messages and dies before acking, another consumer
 * gets them again (redelivered) and acks them, and a poison message ends in the
 * dead-letter queue after its attempts run out.
 */
import { MessageQueue } from './queue';

/** Options of the queue demo. */
export interface QueueDemoOptions {
  /** Ordinary messages m1..mN (default 10). */
  messages?: number;
  /** Deliveries the first consumer holds before it crashes (default 3). */
  prefetch?: number;
  /** Id of a message whose processing always fails (default 'veneno'). */
  poisonId?: string;
  /** Deliveries of one message before it is dead-lettered (default 3). */
  maxAttempts?: number;
}

/** What the demo observed; the same shape for both backends so they can be compared. */
export interface QueueDemoSummary {
  backend: 'en-proceso' | 'rabbitmq';
  published: number;
  /** Messages the first consumer held when it crashed. */
  heldByCrashedConsumer: number;
  /** All deliveries, first attempts and redeliveries. */
  deliveries: number;
  /** Deliveries flagged as redelivered. */
  redeliveries: number;
  /** Ids processed and acked, sorted. */
  acked: string[];
  /** Ids in the dead-letter queue. */
  deadLettered: string[];
  /** Deliveries of the poison message before it was dead-lettered. */
  poisonAttempts: number;
}

/** Resolved options with defaults. */
export function demoDefaults(options: QueueDemoOptions = {}): Required<QueueDemoOptions> {
  return {
    messages: options.messages ?? 10,
    prefetch: options.prefetch ?? 3,
    poisonId: options.poisonId ?? 'veneno',
    maxAttempts: options.maxAttempts ?? 3,
  };
}

/** The ids the demo publishes, in order: m1..mN then the poison message. */
export function demoMessageIds(options: Required<QueueDemoOptions>): string[] {
  return [...Array.from({ length: options.messages }, (_, i) => `m${i + 1}`), options.poisonId];
}

/**
 * Runs the demo on the in-process queue (deterministic, no I/O).
 *
 * @example
 * const summary = runQueueDemo();
 * summary.redeliveries;  // ≥ 3: what the crashed consumer held came back
 * summary.deadLettered;  // ['veneno']
 */
export function runQueueDemo(options: QueueDemoOptions = {}): QueueDemoSummary {
  const o = demoDefaults(options);
  const queue = new MessageQueue({ maxAttempts: o.maxAttempts });
  const ids = demoMessageIds(o);
  for (const id of ids) queue.publish(`cuerpo de ${id}`, { messageId: id });
  let deliveries = 0;
  let redeliveries = 0;
  let poisonAttempts = 0;
  const count = (d: { redelivered: boolean; messageId: string }): void => {
    deliveries++;
    if (d.redelivered) redeliveries++;
    if (d.messageId === o.poisonId) poisonAttempts++;
  };
  queue.subscribe('c1', { prefetch: o.prefetch });
  let held = 0;
  for (let d = queue.deliver('c1'); d !== undefined; d = queue.deliver('c1')) {
    count(d);
    held++;
  }
  queue.crash('c1');
  queue.subscribe('c2', { prefetch: o.prefetch });
  const acked: string[] = [];
  for (let d = queue.deliver('c2'); d !== undefined; d = queue.deliver('c2')) {
    count(d);
    if (d.messageId === o.poisonId) queue.nack(d.deliveryTag, { requeue: true });
    else {
      queue.ack(d.deliveryTag);
      acked.push(d.messageId);
    }
  }
  return {
    backend: 'en-proceso',
    published: ids.length,
    heldByCrashedConsumer: held,
    deliveries,
    redeliveries,
    acked: acked.sort(),
    deadLettered: queue.deadLetters.map((m) => m.messageId),
    poisonAttempts,
  };
}
