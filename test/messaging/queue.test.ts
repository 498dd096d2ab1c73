import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import {
  BROKER_ID, BrokerNode, effectsFigure, MessageQueue, queueTimelineFigure, runQueueDemo, simulateConsumers, Topic,
} from '../../lib/messaging/index';
import { spaceTimeDiagram } from '../../lib/sim/index';

describe('a queue with acknowledgements', () => {
  it('an acked message leaves the queue for good', () => {
    const q = new MessageQueue();
    q.publish('a', { messageId: 'a' });
    q.subscribe('c1');
    const d = q.deliver('c1')!;
    expect([q.readyCount, q.unackedCount]).toEqual([0, 1]);
    q.ack(d.deliveryTag);
    expect([q.readyCount, q.unackedCount]).toEqual([0, 0]);
    expect(() => q.ack(d.deliveryTag)).toThrow(/desconocida/);
  });

  it('respects prefetch: no more unacked deliveries than allowed', () => {
    const q = new MessageQueue();
    for (let i = 0; i < 5; i++) q.publish(`m${i}`);
    q.subscribe('c1', { prefetch: 2 });
    expect(q.deliver('c1')).toBeDefined();
    expect(q.deliver('c1')).toBeDefined();
    expect(q.deliver('c1')).toBeUndefined();
  });

  it('redelivers, first and in order, what a crashed consumer held (at-least-once)', () => {
    const q = new MessageQueue();
    for (const id of ['a', 'b', 'c', 'd']) q.publish(id, { messageId: id });
    q.subscribe('c1', { prefetch: 2 });
    q.deliver('c1');
    q.deliver('c1');
    q.crash('c1');
    expect(q.isSubscribed('c1')).toBe(false);
    q.subscribe('c2', { prefetch: 10 });
    const again = [q.deliver('c2')!, q.deliver('c2')!, q.deliver('c2')!];
    expect(again.map((d) => [d.messageId, d.redelivered, d.attempt])).toEqual([['a', true, 2], ['b', true, 2], ['c', false, 1]]);
  });

  it('dead-letters a message after maxAttempts deliveries', () => {
    const q = new MessageQueue({ maxAttempts: 3 });
    q.publish('x', { messageId: 'x' });
    q.subscribe('c');
    for (let i = 0; i < 3; i++) q.nack(q.deliver('c')!.deliveryTag);
    expect(q.deliver('c')).toBeUndefined();
    expect(q.deadLetters.map((m) => [m.messageId, m.attempts])).toEqual([['x', 3]]);
  });

  it('nack without requeue dead-letters at once', () => {
    const q = new MessageQueue();
    q.publish('x', { messageId: 'x' });
    q.subscribe('c');
    q.nack(q.deliver('c')!.deliveryTag, { requeue: false });
    expect(q.deadLetters).toHaveLength(1);
  });

  it('publish/subscribe: every subscription gets its own copy and its own acks', () => {
    const topic = new Topic('pedidos');
    const billing = topic.subscribe('facturación');
    const shipping = topic.subscribe('envíos');
    const id = topic.publish('pedido 17');
    topic.subscribe('tarde'); // subscribers see only messages published after they subscribe
    billing.subscribe('b');
    shipping.subscribe('s');
    const b = billing.deliver('b')!;
    billing.ack(b.deliveryTag);
    shipping.crash('s');
    expect([b.messageId, billing.readyCount, shipping.readyCount, topic.subscribe('tarde').readyCount]).toEqual([id, 0, 1, 0]);
    expect(topic.subscriptionNames).toEqual(['facturación', 'envíos', 'tarde']);
  });

  it('the in-process demo: redelivery after a crash and a dead-lettered poison message', () => {
    const summary = runQueueDemo({ messages: 10, prefetch: 3, maxAttempts: 3 });
    expect(summary.heldByCrashedConsumer).toBe(3);
    expect(summary.redeliveries).toBeGreaterThanOrEqual(3);
    expect(summary.acked).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 1}`).sort());
    expect(summary.deadLettered).toEqual(['veneno']);
    expect(summary.poisonAttempts).toBe(3);
  });
});

describe('consumers in simulated time', () => {
  const crash = [{ consumerId: 'c1', atMs: 30, restartAfterMs: 40 }];

  it('same seed, same trace', () => {
    const run = () => simulateConsumers({ rng: createRng(4), crashes: crash, poison: ['veneno'] }).trace.join('\n');
    expect(run()).toBe(run());
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('seed %i: every message is acked or dead-lettered; nothing is lost', (seed) => {
    const run = simulateConsumers({ rng: createRng(seed), crashes: crash, poison: ['veneno'], ackDelayMs: 8 });
    const why = `reproduce with seed=${seed}`;
    expect(run.queue.readyCount + run.queue.unackedCount, why).toBe(0);
    expect(run.queue.deadLetters.map((m) => m.messageId), why).toEqual(['veneno']);
    for (const [id, n] of run.effects) if (id !== 'veneno') expect(n, `${id}, ${why}`).toBeGreaterThanOrEqual(1);
  });

  it('a crash between effect and ack duplicates effects; an idempotent consumer does not', () => {
    let duplicatedSomewhere = false;
    for (let seed = 1; seed <= 20; seed++) {
      const scenario = { messages: 30, crashes: [{ consumerId: 'c1', atMs: 40 }], ackDelayMs: 15 };
      const plain = simulateConsumers({ ...scenario, rng: createRng(seed) });
      const idempotent = simulateConsumers({ ...scenario, rng: createRng(seed), idempotent: true });
      if ([...plain.effects.values()].some((n) => n > 1)) duplicatedSomewhere = true;
      expect([...idempotent.effects.values()].every((n) => n === 1), `reproduce with seed=${seed}`).toBe(true);
    }
    expect(duplicatedSomewhere).toBe(true);
  });

  it('figures: a timeline with the crash line, and effects per message', () => {
    const run = simulateConsumers({ rng: createRng(2), crashes: crash });
    const timeline = queueTimelineFigure(run);
    expect(timeline.layout?.shapes).toHaveLength(1);
    expect(timeline.data.some((t) => String(t.name).includes('reentrega'))).toBe(true);
    const effects = effectsFigure([{ name: 'normal', run }]);
    expect(effects.data[0]?.x).toHaveLength(20);
  });

  it('a consumer that crashes before its subscription reaches the broker loses nothing', () => {
    const run = simulateConsumers({ rng: createRng(6), crashes: [{ consumerId: 'c1', atMs: 1, restartAfterMs: 20 }], ackDelayMs: 5 });
    expect(run.queue.readyCount + run.queue.unackedCount).toBe(0);
    expect([...run.effects.values()].every((n) => n === 1)).toBe(true);
    expect(run.timeline.some((e) => e.kind === 'restart' && e.consumerId === 'c1')).toBe(true);
  });

  it('the run is a lib/sim trace: deliveries, the crash and its ConnectionLost are events', () => {
    const run = simulateConsumers({ rng: createRng(3), crashes: crash });
    expect(run.events.filter((e) => e.kind === 'crash').map((e) => e.timeMs)).toEqual([30]);
    expect(run.trace.some((line) => line.includes('ConnectionLost'))).toBe(true);
    const fig = spaceTimeDiagram(run.events, { labels: 'none' });
    expect(fig.data.some((t) => t.name === 'caída / reinicio')).toBe(true);
  });
});

describe('the broker as a protocol node', () => {
  const deliverTo = (broker: BrokerNode, consumerId: string, connection: number) =>
    broker.step({ type: 'message', from: consumerId, message: { type: 'Consume', connection, prefetch: 1 } }, 0);

  it('an ack that arrives on a connection already closed is ignored: the message goes to another consumer (at-least-once)', () => {
    const queue = new MessageQueue();
    queue.publish('pago', { messageId: 'p1' });
    const broker = new BrokerNode(queue);
    expect(deliverTo(broker, 'c1', 1)).toContainEqual({ type: 'send', to: 'c1', message: { type: 'Deliver', deliveryTag: 1, messageId: 'p1', body: 'pago', redelivered: false } });
    expect(broker.step({ type: 'message', from: 'c1', message: { type: 'ConnectionLost', connection: 1 } }, 5)).toEqual([]);
    expect(broker.step({ type: 'message', from: 'c1', message: { type: 'Ack', connection: 1, deliveryTag: 1 } }, 6)).toEqual([]);
    expect(queue.readyCount).toBe(1);
    expect(deliverTo(broker, 'c2', 1)).toContainEqual({ type: 'send', to: 'c2', message: { type: 'Deliver', deliveryTag: 2, messageId: 'p1', body: 'pago', redelivered: true } });
    expect(BROKER_ID).toBe(broker.id);
  });
});
