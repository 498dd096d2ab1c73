import { expect } from 'vitest';
import { applyPaymentOnce, createLedger } from '../../lib/messaging/index';
import { batchReply, classifyMessage } from '../../lib/rpc/index';
import { check } from './check';

check('01.1', 'una llamada con id es una petición', () => {
  expect(classifyMessage({ jsonrpc: '2.0', method: 'sumar', params: { a: 5, b: 3 }, id: 1 })).toBe('request');
}, { hint: 'Una petición lleva jsonrpc "2.0", un method de tipo string y un id.' });

check('01.1', 'sin id es una notificación', () => {
  expect(classifyMessage({ jsonrpc: '2.0', method: 'update', params: [1, 2, 3, 4, 5] })).toBe('notification');
}, { hint: 'Mira si el objeto tiene el miembro "id" (Object.prototype.hasOwnProperty).' });

check('01.1', 'el ejemplo JSON-RPC 1.0 de la clase no es una petición 2.0 válida', () => {
  expect(classifyMessage({ method: 'my_method', params: [1, 2, 3], id: 'my_id' })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: 1, params: 'bar' })).toBe('invalid');
}, { hint: 'Sin "jsonrpc": "2.0" no es JSON-RPC 2.0; params solo puede ser un array o un objeto.' });

check('01.2', 'un lote vacío se responde con un único error Invalid Request', () => {
  expect(batchReply([])).toStrictEqual({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null });
}, { hint: 'Sección 6 de la especificación: "rpc call with an empty Array".' });

check('01.2', 'un lote de solo notificaciones no se responde', () => {
  expect(batchReply([undefined, undefined])).toBeUndefined();
}, { hint: 'El servidor NO debe devolver un array vacío.' });

check('01.2', 'las notificaciones no aparecen en la respuesta del lote', () => {
  const a = { jsonrpc: '2.0' as const, result: 7, id: '1' };
  const b = { jsonrpc: '2.0' as const, error: { code: -32601, message: 'Method not found' }, id: '5' };
  expect(batchReply([a, undefined, b])).toStrictEqual([a, b]);
}, { hint: 'Filtra las salidas undefined y conserva el orden de las demás.' });

check('01.3', 'un pago entregado dos veces se abona una sola vez', () => {
  const ledger = createLedger();
  const pago = { paymentId: 'p1', account: 'ana', amount: 10 };
  expect(applyPaymentOnce(ledger, pago)).toBe(true);
  expect(applyPaymentOnce(ledger, pago)).toBe(false);
  expect(ledger.balances.get('ana')).toBe(10);
}, { hint: 'Guarda en ledger.applied los paymentId ya aplicados y consúltalo antes de abonar.', points: 2 });
