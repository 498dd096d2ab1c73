import { describe, expect, it } from 'vitest';
import { runAmqpQueueDemo, runQueueDemo, runQueueDemoFromEnv } from '../../lib/messaging/index';

const url = process.env.AMQP_URL;
if (!url) console.warn('SKIP: AMQP_URL no está definida; la prueba contra RabbitMQ no se ejecuta');

describe('the queue demo against a real RabbitMQ (AMQP_URL)', () => {
  it.skipIf(!url)('tells the same story as the in-process queue: redelivery after a crash, a dead letter', async () => {
    const real = await runAmqpQueueDemo(url!, { messages: 10, prefetch: 3, maxAttempts: 3 });
    const local = runQueueDemo({ messages: 10, prefetch: 3, maxAttempts: 3 });
    expect(real.backend).toBe('rabbitmq');
    expect(real.heldByCrashedConsumer).toBe(3);
    expect(real.acked).toEqual(local.acked);
    expect(real.deadLettered).toEqual(['veneno']);
    expect(real.redeliveries).toBeGreaterThanOrEqual(3);
    expect(real.poisonAttempts).toBe(local.poisonAttempts);
  });

  it('runQueueDemoFromEnv picks the backend from AMQP_URL', async () => {
    expect((await runQueueDemoFromEnv({ messages: 4 })).backend).toBe(url ? 'rabbitmq' : 'en-proceso');
  });
});
