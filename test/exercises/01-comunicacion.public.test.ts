// Public checks of chapter 01: one per requirement stated in the exercises' Spanish statements
// (the docstrings of classifyMessage, batchReply and applyPaymentOnce).
import { expect } from 'vitest';
import { applyPaymentOnce, createLedger } from '../../lib/messaging/idempotent';
import type { PaymentLedger } from '../../lib/messaging/idempotent';
import { batchReply, classifyMessage } from '../../lib/rpc/exercises';
import { check } from './check';

check('01.1', 'una llamada con id es una petición', () => {
  expect(classifyMessage({ jsonrpc: '2.0', method: 'sumar', params: { a: 5, b: 3 }, id: 1 })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'subtract', params: [42, 23], id: 'abc' })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'subtract', params: [42, 23] })).not.toBe('request');
}, { hint: 'Una petición lleva jsonrpc "2.0", un method de tipo string y un id.' });

check('01.1', 'sin el miembro id es una notificación', () => {
  expect(classifyMessage({ jsonrpc: '2.0', method: 'update', params: [1, 2, 3, 4, 5] })).toBe('notification');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'heartbeat' })).toBe('notification');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'heartbeat', id: 1 })).not.toBe('notification');
}, { hint: 'Mira si el objeto tiene el miembro "id", no si su valor es verdadero.' });

check('01.1', 'jsonrpc tiene que ser exactamente el string "2.0"', () => {
  expect(classifyMessage({ method: 'my_method', params: [1, 2, 3], id: 'my_id' })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: 2, method: 'm', id: 1 })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '1.0', method: 'm', id: 1 })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: 1 })).toBe('request');
}, { hint: 'El ejemplo JSON-RPC 1.0 de la clase no lleva "jsonrpc"; el número 2 tampoco es el string "2.0".' });

check('01.1', 'method tiene que ser un string', () => {
  expect(classifyMessage({ jsonrpc: '2.0', method: 1, params: 'bar' })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', params: [1], id: 1 })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: ['m'], id: 1 })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: '', id: 1 })).toBe('request');
}, { hint: 'Comprueba el tipo de method, no su contenido; que falte lo hace inválido.' });

check('01.1', 'params puede faltar, o ser un array o un objeto; nada más', () => {
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: 1 })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', params: {}, id: 1 })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', params: [], id: 1 })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', params: null, id: 1 })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', params: 'x', id: 1 })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', params: 3 })).toBe('invalid');
}, { hint: 'typeof null es "object": trata null aparte.' });

check('01.1', 'id puede ser un string, un número o null', () => {
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: '' })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: 0 })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: 2.5 })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: null })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm' })).toBe('notification');
}, { hint: '"", 0 y null son valores falsos en JavaScript, pero son ids válidos.' });

check('01.1', 'un id de otro tipo hace la petición inválida', () => {
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: true })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: {} })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: [1] })).toBe('invalid');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: 1 })).toBe('request');
}, { hint: 'Un id presente que no es string, número ni null no convierte el mensaje en notificación.' });

check('01.1', 'solo un objeto puede ser un mensaje', () => {
  for (const value of [null, [{ jsonrpc: '2.0', method: 'm', id: 1 }], '{"jsonrpc":"2.0","method":"m","id":1}', 42, true]) {
    expect(classifyMessage(value), JSON.stringify(value)).toBe('invalid');
  }
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: 1 })).toBe('request');
}, { hint: 'typeof de un array también es "object"; un string con JSON dentro sigue siendo un string.' });

check('01.1', 'los miembros adicionales no cambian la respuesta', () => {
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', id: 1, extra: true })).toBe('request');
  expect(classifyMessage({ jsonrpc: '2.0', method: 'm', trace: 'x' })).toBe('notification');
}, { hint: 'Comprueba solo los miembros que define la especificación.' });

const ok = (id: string, result: unknown) => ({ jsonrpc: '2.0' as const, result, id });

check('01.2', 'un lote vacío se responde con un único error Invalid Request', () => {
  expect(batchReply([])).toStrictEqual({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null });
  expect(batchReply([ok('1', 7)])).not.toStrictEqual(batchReply([])); // un lote con llamadas, no
}, { hint: 'Sección 6 de la especificación: "rpc call with an empty Array" (un objeto, no un array).' });

check('01.2', 'un lote de solo notificaciones no se responde', () => {
  expect(batchReply([undefined])).toBeUndefined();
  expect(batchReply([undefined, undefined, undefined])).toBeUndefined();
  expect(batchReply([undefined, ok('1', 7)])).toStrictEqual([ok('1', 7)]); // con alguna llamada, sí
}, { hint: 'El servidor NO debe devolver un array vacío.' });

check('01.2', 'las notificaciones no aparecen y el orden se conserva', () => {
  const a = ok('1', 7);
  const b = { jsonrpc: '2.0' as const, error: { code: -32601, message: 'Method not found' }, id: '5' };
  const c = ok('9', 'x');
  expect(batchReply([a, undefined, b, undefined, c])).toStrictEqual([a, b, c]);
  expect(batchReply([undefined, c, a])).toStrictEqual([c, a]);
}, { hint: 'Quita las salidas undefined y deja las demás en el orden en que llegaron.' });

check('01.2', 'una sola respuesta va también dentro de un array', () => {
  expect(batchReply([ok('1', 7)])).toStrictEqual([ok('1', 7)]);
  expect(batchReply([undefined, ok('2', null), undefined])).toStrictEqual([ok('2', null)]);
}, { hint: 'La respuesta a un lote es siempre un array, aunque tenga un solo elemento.' });

check('01.2', 'responde sin modificar las salidas que recibe', () => {
  const outputs = [ok('1', 1), undefined, ok('2', 2)];
  expect(batchReply(outputs)).toStrictEqual([ok('1', 1), ok('2', 2)]);
  expect(outputs).toStrictEqual([ok('1', 1), undefined, ok('2', 2)]);
}, { hint: 'Construye un array nuevo (filter) en lugar de quitar elementos del que recibes (splice).' });

const ledgerOf = (balances: [string, number][], applied: string[]): PaymentLedger => ({ balances: new Map(balances), applied: new Set(applied) });

check('01.3', 'el primer pago se abona y queda registrado', () => {
  const { ledger, credited } = applyPaymentOnce(createLedger(), { paymentId: 'p1', account: 'ana', amount: 10 });
  expect(credited).toBe(true);
  expect(ledger).toEqual(ledgerOf([['ana', 10]], ['p1']));
}, { hint: 'Devuelve { ledger, credited }: el libro con el saldo sumado y el paymentId añadido a applied.' });

check('01.3', 'un pago entregado dos veces se abona una sola vez', () => {
  const pago = { paymentId: 'p1', account: 'ana', amount: 10 };
  const first = applyPaymentOnce(createLedger(), pago);
  const second = applyPaymentOnce(first.ledger, pago);
  expect(second.credited).toBe(false);
  expect(second.ledger).toEqual(ledgerOf([['ana', 10]], ['p1']));
}, { hint: 'Consulta ledger.applied antes de abonar; usa el libro que devolvió la llamada anterior.', points: 2 });

check('01.3', 'la reentrega se ignora aunque traiga otra cuenta u otro importe', () => {
  const ledger = ledgerOf([['ana', 10]], ['p1']);
  const again = applyPaymentOnce(ledger, { paymentId: 'p1', account: 'luis', amount: 99 });
  expect(again.credited).toBe(false);
  expect(again.ledger).toEqual(ledgerOf([['ana', 10]], ['p1']));
  expect(applyPaymentOnce(ledger, { paymentId: 'p2', account: 'luis', amount: 99 }).credited).toBe(true); // otro id, sí
}, { hint: 'Lo que identifica el pago es su paymentId, no su contenido.' });

check('01.3', 'una cuenta nueva empieza en 0 y los demás saldos no cambian', () => {
  const ledger = ledgerOf([['ana', 10], ['eva', 5]], ['p1', 'p2']);
  const { ledger: after, credited } = applyPaymentOnce(ledger, { paymentId: 'p3', account: 'luis', amount: 7 });
  expect(credited).toBe(true);
  expect(after).toEqual(ledgerOf([['ana', 10], ['eva', 5], ['luis', 7]], ['p1', 'p2', 'p3']));
  const { ledger: more } = applyPaymentOnce(after, { paymentId: 'p4', account: 'ana', amount: 2.5 });
  expect(more).toEqual(ledgerOf([['ana', 12.5], ['eva', 5], ['luis', 7]], ['p1', 'p2', 'p3', 'p4']));
}, { hint: 'Suma al saldo que ya tenía la cuenta (0 si no estaba) y conserva el resto del libro.' });

check('01.3', 'abona sin modificar el libro que recibe', () => {
  const ledger = ledgerOf([['ana', 10]], ['p1']);
  expect(applyPaymentOnce(ledger, { paymentId: 'p2', account: 'ana', amount: 5 })).toEqual({ ledger: ledgerOf([['ana', 15]], ['p1', 'p2']), credited: true });
  expect(ledger).toEqual(ledgerOf([['ana', 10]], ['p1']));
  expect(applyPaymentOnce(ledger, { paymentId: 'p1', account: 'ana', amount: 10 })).toEqual({ ledger: ledgerOf([['ana', 10]], ['p1']), credited: false });
  expect(ledger).toEqual(ledgerOf([['ana', 10]], ['p1']));
}, { hint: 'Copia el Map de saldos y el Set de ids (new Map(…), new Set(…)) antes de cambiarlos.' });
