import { expect } from 'vitest';
import { createRng } from '../../lib/random/index';
import { applyPaymentOnce, createLedger, MessageQueue } from '../../lib/messaging/index';
import { batchReply, createDispatcher, defineMethod, failure, success } from '../../lib/rpc/index';
import type { JsonRpcResponse } from '../../lib/rpc/index';
import { classifyMessage } from '../../lib/rpc/index';
import { check, checkSeed } from './check';

check('01.1', 'casos límite de id y params', () => {
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: null })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: 0 })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: '' })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: true })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: {} })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', params: null, id: 1 })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', params: {}, id: 1 })).toBe('request');
  expect(classifyMessage({ jsonrpc: 2, method: 'm', id: 1 })).toBe('invalid');
  expect(classifyMessage([{ jsonrpc: '2.0', method: 'm', id: 1 }])).toBe('invalid');
  expect(classifyMessage(null)).toBe('invalid');
  expect(classifyMessage('{"jsonrpc":"2.0"}')).toBe('invalid');
}, { hint: 'id puede ser string, number o null; params, si está, array u objeto (no null).' });

check('01.1', 'coincide con el despachador en 2000 mensajes aleatorios (seed=101)', () => {
  const rpc = createDispatcher(new Map([['m', defineMethod({ params: [], handler: () => 1 })]]));
  const rng = createRng(checkSeed('01.1-aleatorio'));
  const pick = <T>(xs: T[]): T => rng.choice(xs);
  for (let i = 0; i < 2000; i++) {
    const message: Record<string, unknown> = {};
    if (rng.bernoulli(0.8)) message.jsonrpc = pick<unknown>(['2.0', '1.0', 2, null]);
    if (rng.bernoulli(0.9)) message.method = pick<unknown>(['m', 1, null, ['m']]);
    if (rng.bernoulli(0.5)) message.params = pick<unknown>([[], {}, null, 'x', 3]);
    if (rng.bernoulli(0.7)) message.id = pick<unknown>([1, 'a', null, true, {}, [], 2.5]);
    const reply = rpc.handleValue(message) as JsonRpcResponse | undefined;
    const invalid = reply !== undefined && 'error' in reply && reply.error.code === -32600;
    const kind = classifyMessage(message);
    expect(kind === 'invalid', `mensaje ${JSON.stringify(message)} (seed=101)`).toBe(invalid);
    if (!invalid) expect(kind === 'notification', JSON.stringify(message)).toBe(reply === undefined);
  }
}, { hint: 'Repasa las reglas de la sección 4 una por una.', points: 2 });

check('01.2', 'lotes grandes y mezclados conservan el orden', () => {
  const outputs: (JsonRpcResponse | undefined)[] = [];
  for (let i = 0; i < 50; i++) outputs.push(i % 3 === 0 ? undefined : i % 2 ? success(i, i * i) : failure(i, -32602));
  const reply = batchReply(outputs);
  expect(Array.isArray(reply)).toBe(true);
  expect((reply as JsonRpcResponse[]).map((r) => r.id)).toEqual(outputs.filter((o) => o !== undefined).map((o) => o!.id));
  expect(batchReply([success(1, null)])).toStrictEqual([success(1, null)]);
}, { hint: 'Una respuesta por cada llamada que no sea notificación, en el mismo orden.' });

check('01.3', 'con reentregas tras caídas, cada saldo se abona exactamente una vez', () => {
  const ledger = createLedger();
  const queue = new MessageQueue({ maxAttempts: 100 });
  const expected = new Map<string, number>();
  for (let i = 0; i < 40; i++) {
    const account = `cuenta${i % 4}`;
    expected.set(account, (expected.get(account) ?? 0) + i);
    queue.publish(JSON.stringify({ paymentId: `p${i}`, account, amount: i }), { messageId: `p${i}` });
  }
  let generation = 0;
  queue.subscribe(`c${generation}`, { prefetch: 5 });
  for (let round = 0; round < 200 && queue.readyCount + queue.unackedCount > 0; round++) {
    const d = queue.deliver(`c${generation}`);
    if (d === undefined) break;
    applyPaymentOnce(ledger, JSON.parse(d.body));
    // Every third delivery the consumer dies after applying the payment but before acking.
    if (round % 3 === 2) {
      queue.crash(`c${generation}`);
      queue.subscribe(`c${++generation}`, { prefetch: 5 });
    } else queue.ack(d.deliveryTag);
  }
  expect(queue.readyCount + queue.unackedCount).toBe(0);
  expect(ledger.balances).toEqual(expected);
  expect(ledger.applied.size).toBe(40);
}, { hint: 'Comprueba el paymentId antes de tocar el saldo y regístralo al aplicarlo.', points: 2 });
