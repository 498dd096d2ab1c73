// @real-io: talks to a real RabbitMQ broker (timers for polling and timeouts).
/**
 * The queue demo against a real RabbitMQ through amqplib (AMQP 0-9-1). Real-I/O runtime.
 * The URL comes from the caller or from the AMQP_URL environment variable.
 */
import type { ConsumeMessage } from 'amqplib';
import { demoDefaults, demoMessageIds, runQueueDemo } from './demo';
import type { QueueDemoOptions, QueueDemoSummary } from './demo';

let demoCounter = 0;

function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (condition()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`RabbitMQ: tiempo agotado esperando ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/**
 * Runs the queue demo on RabbitMQ: a quorum queue with `x-delivery-limit` and a dead-letter
 * queue; consumer 1 takes `prefetch` messages and its channel closes without acking (the
 * crash), consumer 2 acks everything except the poison message, which it rejects
 * (`basic.reject`, requeue) until RabbitMQ dead-letters it. Both queues are deleted at the end.
 *
 * Why `reject` and not `nack`: the broker counts a failed delivery in the message's
 * `delivery-count` only on `basic.reject` since RabbitMQ 4.3 (`basic.nack` with requeue means
 * "not processed", not "failed", and no longer counts); older brokers (3.x, 4.0–4.2) count
 * both. As a safety net, should a broker not count at all, the consumer rejects without
 * requeue once it has seen the poison message more than `maxAttempts` times, which
 * dead-letters it too (and shows up as one attempt more than expected).
 * Throws if the poison message never reaches the dead-letter queue.
 *
 * @example
 * const summary = await runAmqpQueueDemo(process.env.AMQP_URL!);
 * summary.deadLettered; // ['veneno']
 */
export async function runAmqpQueueDemo(url: string, options: QueueDemoOptions = {}): Promise<QueueDemoSummary> {
  const o = demoDefaults(options);
  const amqp = await import('amqplib');
  const connection = await amqp.connect(url);
  const suffix = `${process.pid}-${++demoCounter}`;
  const queue = `curso-demo-${suffix}`;
  const deadLetterQueue = `${queue}.muertos`;
  try {
    const admin = await connection.createConfirmChannel();
    await admin.assertQueue(deadLetterQueue, { durable: true });
    // A quorum queue counts deliveries; past x-delivery-limit returns it dead-letters the message.
    await admin.assertQueue(queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': o.maxAttempts - 1,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': deadLetterQueue,
      },
    });
    const ids = demoMessageIds(o);
    for (const id of ids) admin.sendToQueue(queue, Buffer.from(`cuerpo de ${id}`), { messageId: id });
    await admin.waitForConfirms();

    let deliveries = 0;
    let redeliveries = 0;
    let poisonAttempts = 0;
    const count = (message: ConsumeMessage): void => {
      deliveries++;
      if (message.fields.redelivered) redeliveries++;
      if (message.properties.messageId === o.poisonId) poisonAttempts++;
    };

    // Consumer 1: takes its prefetch and "crashes" (its channel closes with nothing acked).
    const first = await connection.createChannel();
    await first.prefetch(o.prefetch);
    let held = 0;
    await first.consume(queue, (message) => {
      if (message === null) return;
      count(message);
      held++;
    });
    await waitUntil(() => held >= o.prefetch, 10_000, 'las entregas del primer consumidor');
    await first.close();

    // Consumer 2: acks everything but the poison message, which it rejects with requeue:
    // basic.reject is what counts as a failed delivery (see above), so the broker's
    // x-delivery-limit dead-letters it after maxAttempts deliveries.
    const second = await connection.createChannel();
    await second.prefetch(o.prefetch);
    const acked = new Set<string>();
    await second.consume(queue, (message) => {
      if (message === null) return;
      count(message);
      const id = String(message.properties.messageId);
      if (id === o.poisonId) second.reject(message, poisonAttempts <= o.maxAttempts);
      else {
        second.ack(message);
        acked.add(id);
      }
    });
    const deadLettered: string[] = [];
    await waitUntil(() => acked.size >= o.messages, 10_000, 'las confirmaciones');
    const started = Date.now();
    while (deadLettered.length === 0 && Date.now() - started < 10_000) {
      const dead = await admin.get(deadLetterQueue, { noAck: true });
      if (dead) deadLettered.push(String(dead.properties.messageId));
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await second.close();
    await admin.deleteQueue(queue);
    await admin.deleteQueue(deadLetterQueue);
    await admin.close();
    if (deadLettered.length === 0) {
      throw new Error(
        `RabbitMQ: el mensaje venenoso "${o.poisonId}" no llegó a la cola de mensajes muertos en 10 s ` +
          `(se entregó ${poisonAttempts} veces). Comprueba que la cola es de tipo quorum con x-delivery-limit ` +
          `y x-dead-letter-routing-key, y que el broker cuenta los basic.reject como entregas fallidas.`,
      );
    }
    return {
      backend: 'rabbitmq',
      published: ids.length,
      heldByCrashedConsumer: held,
      deliveries,
      redeliveries,
      acked: [...acked].sort(),
      deadLettered,
      poisonAttempts,
    };
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/**
 * Runs the demo on RabbitMQ when `AMQP_URL` is set, in process otherwise.
 *
 * @example
 * const summary = await runQueueDemoFromEnv(); // summary.backend tells which one ran
 */
export async function runQueueDemoFromEnv(options: QueueDemoOptions = {}): Promise<QueueDemoSummary> {
  const url = process.env.AMQP_URL;
  return url ? runAmqpQueueDemo(url, options) : runQueueDemo(options);
}
