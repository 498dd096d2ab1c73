// Hidden checks of chapter 01: random inputs from checkSeed (per-student seeds under the
// grader), compared with this file's own references, never with lib's. The queue is the
// teacher's harness; the exercise function only ever sees and returns plain data.
import { expect } from 'vitest';
import { applyPaymentOnce, createLedger } from '../../lib/messaging/idempotent';
import { MessageQueue } from '../../lib/messaging/queue';
import type { Payment, PaymentLedger } from '../../lib/messaging/idempotent';
import { batchReply, classifyMessage } from '../../lib/rpc/exercises';
import type { JsonRpcResponse } from '../../lib/rpc/messages';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

// JSON-RPC 2.0 §4 and §4.1, written independently of lib/rpc.
function referenceKind(value: unknown): 'request' | 'notification' | 'invalid' {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'invalid';
  const m = value as { [key: string]: unknown };
  if (m['jsonrpc'] !== '2.0' || typeof m['method'] !== 'string') return 'invalid';
  if ('params' in m && (m['params'] === null || typeof m['params'] !== 'object')) return 'invalid';
  if (!('id' in m)) return 'notification';
  const id = m['id'];
  return id === null || typeof id === 'string' || typeof id === 'number' ? 'request' : 'invalid';
}

check('01.1', 'casos límite de id, params y del propio valor', () => {
  const cases: unknown[] = [
    { jsonrpc: '2.0', method: 'm', id: null },
    { jsonrpc: '2.0', method: 'm', id: 0 },
    { jsonrpc: '2.0', method: 'm', id: -1.5 },
    { jsonrpc: '2.0', method: 'm', id: '' },
    { jsonrpc: '2.0', method: 'm', id: false },
    { jsonrpc: '2.0', method: 'm', id: [] },
    { jsonrpc: '2.0', method: 'm', params: null },
    { jsonrpc: '2.0', method: 'm', params: false, id: 1 },
    { jsonrpc: '2.0', method: 'm', params: { a: [1] }, id: 'x' },
    { jsonrpc: '2.0 ', method: 'm', id: 1 },
    { jsonrpc: null, method: 'm', id: 1 },
    { jsonrpc: '2.0', method: null, id: 1 },
    { jsonrpc: '2.0', method: { name: 'm' } },
    { jsonrpc: '2.0', method: 'm', id: 1, result: 3 },
    {},
    [],
    null,
    0,
    false,
    '',
    '{"jsonrpc":"2.0","method":"m"}',
  ];
  for (const value of cases) {
    // The expected kind is computed before the call, so changing the argument in place cannot move it.
    const want = referenceKind(value);
    expect(classifyMessage(value), JSON.stringify(value)).toBe(want);
  }
}, { hint: 'id puede ser string, número o null; params, si está, array u objeto (no null); el valor tiene que ser un objeto que no sea un array.' });

check('01.1', 'coincide con la especificación en 600 mensajes aleatorios', () => {
  const seed = checkSeed('01.1-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 600; i++) {
    const message: { [key: string]: unknown } = {};
    if (rng.bernoulli(0.85)) message['jsonrpc'] = rng.choice<unknown>(['2.0', '2.0', '1.0', 2, null, '']);
    if (rng.bernoulli(0.9)) message['method'] = rng.choice<unknown>(['m', 'sumar', '', 1, null, ['m'], {}]);
    if (rng.bernoulli(0.5)) message['params'] = rng.choice<unknown>([[], [1, 2], {}, { a: 1 }, null, 'x', 3, true]);
    if (rng.bernoulli(0.7)) message['id'] = rng.choice<unknown>([1, 0, 'a', '', null, true, false, {}, [], 2.5]);
    if (rng.bernoulli(0.1)) message['extra'] = rng.choice<unknown>([1, 'x', null]);
    const value: unknown = rng.bernoulli(0.05) ? [message] : message;
    const want = referenceKind(value);
    const shown = JSON.stringify(value);
    expect(classifyMessage(value), `${shown} (semilla ${seed})`).toBe(want);
  }
}, { hint: 'Repasa las reglas de las secciones 4 y 4.1 una por una: jsonrpc, method, params e id.', points: 2 });

function referenceBatch(outputs: readonly (JsonRpcResponse | undefined)[]): unknown {
  if (outputs.length === 0) return { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null };
  const responses: JsonRpcResponse[] = [];
  for (const output of outputs) if (output !== undefined) responses.push(output);
  return responses.length > 0 ? responses : undefined;
}

check('01.2', 'lotes aleatorios de cualquier tamaño conservan el orden', () => {
  const seed = checkSeed('01.2-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 150; i++) {
    const notificationShare = rng.choice([0, 0.3, 0.7, 1]);
    const outputs: (JsonRpcResponse | undefined)[] = Array.from({ length: rng.int(0, 40) }, (_, k) => {
      if (rng.bernoulli(notificationShare)) return undefined;
      const id = rng.bernoulli(0.5) ? k : `r${k}`;
      return rng.bernoulli(0.7)
        ? { jsonrpc: '2.0', result: rng.int(-5, 5), id }
        : { jsonrpc: '2.0', error: { code: rng.choice([-32601, -32602, -32603]), message: 'error' }, id };
    });
    const expected = referenceBatch([...outputs]);
    const copy = [...outputs];
    expect(batchReply(outputs), `${outputs.length} salidas (semilla ${seed})`).toStrictEqual(expected);
    expect(outputs, 'las salidas recibidas no deben cambiar').toStrictEqual(copy);
  }
}, { hint: 'Una respuesta por cada llamada que no sea notificación, en el mismo orden y sin tocar el array recibido; lote vacío y solo notificaciones son casos aparte.', points: 2 });

check('01.2', 'los casos límite: lote vacío, solo notificaciones y una sola respuesta', () => {
  expect(batchReply([])).toStrictEqual(referenceBatch([]));
  expect(batchReply([undefined])).toBeUndefined();
  const only: JsonRpcResponse = { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null };
  expect(batchReply([undefined, only])).toStrictEqual([only]);
}, { hint: 'Vacío: un objeto de error (no un array); sin respuestas: undefined; si no, siempre un array.' });

// The effect every payment should have, computed from the payments alone.
function referenceLedger(payments: readonly Payment[]): PaymentLedger {
  const balances = new Map<string, number>();
  const applied = new Set<string>();
  for (const p of payments) {
    if (applied.has(p.paymentId)) continue;
    applied.add(p.paymentId);
    balances.set(p.account, (balances.get(p.account) ?? 0) + p.amount);
  }
  return { balances, applied };
}

check('01.3', 'con reentregas tras caídas, cada pago se abona exactamente una vez', () => {
  const seed = checkSeed('01.3-cola');
  const rng = createRng(seed);
  const queue = new MessageQueue({ maxAttempts: 1000 });
  const payments: Payment[] = [];
  for (let i = 0; i < 40; i++) {
    const payment = { paymentId: `p${i}`, account: `cuenta${rng.int(0, 4)}`, amount: rng.int(1, 100) };
    payments.push(payment);
    queue.publish(JSON.stringify(payment), { messageId: payment.paymentId });
  }
  let ledger = createLedger();
  let generation = 0;
  queue.subscribe(`c${generation}`, { prefetch: 5 });
  for (let round = 0; round < 1000 && queue.readyCount + queue.unackedCount > 0; round++) {
    const delivery = queue.deliver(`c${generation}`);
    if (delivery === undefined) break;
    ({ ledger } = applyPaymentOnce(ledger, JSON.parse(delivery.body) as Payment));
    // Now and then the consumer dies after applying the payment but before acking it.
    if (rng.bernoulli(0.3)) {
      queue.crash(`c${generation}`);
      queue.subscribe(`c${++generation}`, { prefetch: 5 });
    } else queue.ack(delivery.deliveryTag);
  }
  expect(queue.readyCount + queue.unackedCount, `semilla ${seed}`).toBe(0);
  expect(ledger, `semilla ${seed}`).toEqual(referenceLedger(payments));
}, { hint: 'Comprueba el paymentId antes de tocar el saldo, regístralo al abonar y devuelve el libro completo.', points: 2 });

check('01.3', 'secuencias aleatorias con duplicados: libro, resultado y entrada intacta', () => {
  const seed = checkSeed('01.3-secuencias');
  const rng = createRng(seed);
  for (let run = 0; run < 40; run++) {
    const distinct: Payment[] = Array.from({ length: rng.int(1, 12) }, (_, i) => ({ paymentId: `p${i}`, account: rng.choice(['ana', 'luis', 'eva']), amount: rng.int(1, 50) }));
    const deliveries = Array.from({ length: rng.int(1, 30) }, () => {
      const p = rng.choice(distinct);
      // A redelivery may come with a different body: the id is what identifies the payment.
      return rng.bernoulli(0.2) ? { ...p, account: 'otra', amount: 1 } : p;
    });
    // Expected values first: the student's function gets the objects themselves and may change them.
    const expected = referenceLedger(structuredClone(deliveries));
    let ledger = createLedger();
    const seen = new Set<string>();
    for (const payment of deliveries) {
      const before = JSON.stringify([[...ledger.balances], [...ledger.applied]]);
      const id = payment.paymentId;
      const shown = JSON.stringify(payment);
      const outcome = applyPaymentOnce(ledger, payment);
      expect(outcome.credited, `${shown} (semilla ${seed})`).toBe(!seen.has(id));
      expect(JSON.stringify([[...ledger.balances], [...ledger.applied]]), 'el libro recibido no debe cambiar').toBe(before);
      seen.add(id);
      ledger = outcome.ledger;
    }
    expect(ledger, `semilla ${seed}`).toEqual(expected);
  }
}, { hint: 'credited es true solo la primera vez que llega cada paymentId; copia el libro en lugar de modificar el que recibes.' });
