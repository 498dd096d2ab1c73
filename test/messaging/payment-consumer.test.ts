import { describe, expect, it } from 'vitest';
import { applyPaymentOnce, createLedger, PaymentConsumer } from '../../lib/messaging/idempotent';
import { MessageQueue } from '../../lib/messaging/queue';

describe('PaymentConsumer: the node around exercise 01.3, a pure function over plain data', () => {
  it('credits each payment once across a crash between the effect and the ack', () => {
    const queue = new MessageQueue({ maxAttempts: 10 });
    for (let i = 1; i <= 3; i++) queue.publish(JSON.stringify({ paymentId: `p${i}`, account: 'ana', amount: 10 }), { messageId: `p${i}` });
    const consumer = new PaymentConsumer();
    queue.subscribe('c1', { prefetch: 3 });
    for (let d = queue.deliver('c1'); d; d = queue.deliver('c1')) consumer.deliver(d);
    queue.crash('c1');
    queue.subscribe('c2', { prefetch: 3 });
    for (let d = queue.deliver('c2'); d; d = queue.deliver('c2')) {
      expect(consumer.deliver(d)).toBe(false);
      queue.ack(d.deliveryTag);
    }
    expect(consumer.ledger.balances.get('ana')).toBe(30);
    expect(consumer.duplicates).toBe(3);
  });

  it('never changes the ledger it was given: each delivery yields a new one', () => {
    const before = createLedger();
    const { ledger, credited } = applyPaymentOnce(before, { paymentId: 'p1', account: 'ana', amount: 5 });
    expect(credited).toBe(true);
    expect(before).toEqual(createLedger());
    expect(ledger.balances.get('ana')).toBe(5);
  });

  it('rejects bad input with a clear error before the exercise runs', () => {
    const consumer = new PaymentConsumer();
    expect(() => consumer.deliver({ body: 'no es json' })).toThrow(/no es JSON/);
    expect(() => consumer.deliver({ body: JSON.stringify({ paymentId: 'p1', account: 'ana', amount: -3 }) })).toThrow(RangeError);
    expect(() => consumer.deliver({ body: JSON.stringify({ paymentId: '', account: 'ana', amount: 3 }) })).toThrow(/paymentId/);
    expect(() => consumer.deliver({ body: 'null' })).toThrow(/objeto/);
    expect(consumer.ledger).toEqual(createLedger());
  });
});
