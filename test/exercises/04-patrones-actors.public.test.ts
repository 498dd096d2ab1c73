// Public checks of exercise 04.4 (cashierReceive): one per requirement of its Spanish statement.
import { expect } from 'vitest';
import { cashierReceive } from '../../lib/actors/exercises';
import { check } from './check';

const empty = () => ({ chargedOrders: [] as string[], totalCents: 0 });
const charge = (orderId: string, amountCents: number, customer = 'sala/cliente-1') => ({ type: 'Charge' as const, orderId, customer, amountCents });

check('04.4', 'un primer cobro añade el pedido, suma el total y envía el recibo al cliente (ejemplo del enunciado)', () => {
  const r = cashierReceive(empty(), charge('p1', 850));
  expect(r.state).toEqual({ chargedOrders: ['p1'], totalCents: 850 });
  expect(r.replies).toEqual([{ to: 'sala/cliente-1', message: { type: 'Receipt', orderId: 'p1', amountCents: 850 } }]);
}, { hint: 'El recibo va a message.customer y lleva el orderId y el importe del cobro.' });

check('04.4', 'un cobro repetido no cambia el estado ni responde; otro pedido sí se cobra', () => {
  const state = { chargedOrders: ['p1', 'p2'], totalCents: 2300 };
  const again = cashierReceive(state, charge('p1', 850, 'sala/cliente-2'));
  expect(again.state).toEqual({ chargedOrders: ['p1', 'p2'], totalCents: 2300 });
  expect(again.replies).toEqual([]);
  const other = cashierReceive(state, charge('p3', 600, 'sala/cliente-2'));
  expect(other.state).toEqual({ chargedOrders: ['p1', 'p2', 'p3'], totalCents: 2900 });
  expect(other.replies).toEqual([{ to: 'sala/cliente-2', message: { type: 'Receipt', orderId: 'p3', amountCents: 600 } }]);
}, { hint: 'Mira si orderId ya está en chargedOrders antes de sumar nada.' });

check('04.4', 'Total responde a replyTo con el total y el número de pedidos, sin cambiar el estado', () => {
  const state = { chargedOrders: ['p1', 'p4', 'p2'], totalCents: 3150 };
  const r = cashierReceive(state, { type: 'Total', replyTo: 'sala/gerente' });
  expect(r.state).toEqual({ chargedOrders: ['p1', 'p4', 'p2'], totalCents: 3150 });
  expect(r.replies).toEqual([{ to: 'sala/gerente', message: { type: 'TotalIs', totalCents: 3150, orders: 3 } }]);
  expect(cashierReceive(empty(), { type: 'Total', replyTo: 'sala/x' }).replies).toEqual([{ to: 'sala/x', message: { type: 'TotalIs', totalCents: 0, orders: 0 } }]);
}, { hint: 'orders es cuántos pedidos hay en chargedOrders, no el total en céntimos.' });

check('04.4', 'los pedidos quedan en el orden en que se cobraron (al final de la lista)', () => {
  let state: { chargedOrders: readonly string[]; totalCents: number } = empty();
  for (const [id, amount] of [['p7', 700], ['p2', 1200], ['p9', 850]] as const) state = cashierReceive(state, charge(id, amount)).state;
  expect(state).toEqual({ chargedOrders: ['p7', 'p2', 'p9'], totalCents: 2750 });
}, { hint: 'Añade cada orderId al final, sin ordenar la lista.' });

check('04.4', 'no modifica el estado ni el mensaje que recibe', () => {
  const state = { chargedOrders: ['p1'], totalCents: 850 };
  const message = charge('p2', 1450);
  const r = cashierReceive(state, message);
  expect(state).toEqual({ chargedOrders: ['p1'], totalCents: 850 });
  expect(message).toEqual(charge('p2', 1450));
  expect(r.state).toEqual({ chargedOrders: ['p1', 'p2'], totalCents: 2300 });
}, { hint: 'Construye un estado nuevo (otra lista) en vez de hacer push sobre state.chargedOrders.' });
