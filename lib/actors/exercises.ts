/**
 * Chapter 04's actor exercise: the cashier's message handler as a pure function. The
 * restaurant never calls it by default (its cashier uses the kit's own `cashierStep`); the
 * notebook's exercise cell runs the restaurant with the student's function injected
 * (`runRestaurantSim({ …, cashier: cashierReceive })`).
 * @packageDocumentation
 */
import type { CashierMessage, CashierReplyMessage, CashierState, Reply } from './restaurant-messages';

function checkCashierInput(state: CashierState, message: CashierMessage): void {
  if (state === null || typeof state !== 'object' || !Array.isArray(state.chargedOrders) || !Number.isInteger(state.totalCents)) throw new TypeError('state debe ser { chargedOrders: string[], totalCents: entero }');
  if (message === null || typeof message !== 'object') throw new TypeError('message debe ser un objeto { type, … }');
  if (message.type === 'Charge') {
    if (typeof message.orderId !== 'string' || typeof message.customer !== 'string') throw new TypeError('Charge necesita orderId y customer de tipo texto');
    if (!Number.isInteger(message.amountCents) || message.amountCents <= 0) throw new RangeError(`Charge: amountCents debe ser un entero > 0, es ${String(message.amountCents)}`);
  } else if (message.type === 'Total') {
    if (typeof message.replyTo !== 'string') throw new TypeError('Total necesita replyTo de tipo texto');
  } else {
    throw new TypeError(`mensaje de tipo desconocido: ${JSON.stringify((message as { type?: unknown }).type)}`);
  }
}

/**
 * Exercise 04.4: the cashier actor's handler, `(state, message) → { state, replies }`.
 *
 * **Enunciado (ejercicio 04.4, en español).** La caja del restaurante es un actor: atiende sus
 * mensajes de uno en uno y su manejador es una función pura `(state, message) → { state,
 * replies }`. El estado es `{ chargedOrders, totalCents }`: los pedidos ya cobrados, en el
 * orden en que se cobraron, y el total cobrado en céntimos. Con un mensaje
 * `{ type: 'Charge', orderId, customer, amountCents }`: si `orderId` no está en
 * `chargedOrders`, devuelve un estado nuevo con `orderId` añadido al final de `chargedOrders` y
 * `totalCents` aumentado en `amountCents`, y una sola respuesta
 * `{ to: customer, message: { type: 'Receipt', orderId, amountCents } }`; si ya está (un cobro
 * repetido: llega cuando un mensaje se reenvía o se duplica), el estado no cambia y no hay
 * respuestas (`replies: []`), porque cobrar dos veces el mismo pedido es justo el error que la
 * caja debe impedir. Con `{ type: 'Total', replyTo }`, el estado no cambia y hay una sola
 * respuesta `{ to: replyTo, message: { type: 'TotalIs', totalCents, orders } }`, donde `orders`
 * es el número de pedidos cobrados. No modifiques `state` ni `message` (el actor se queda con
 * el estado que devuelves; los mensajes llegan congelados). La función ya rechaza, antes de tu
 * región, los mensajes mal formados (un `type` desconocido, un `amountCents` que no sea un
 * entero > 0, un `orderId`, `customer` o `replyTo` que no sean textos). Escribe toda tu solución
 * dentro de la región `#region exercise 04.4`: el corrector toma solo ese texto de tu entrega;
 * si necesitas una función auxiliar, declárala dentro de la región.
 *
 * @example
 * cashierReceive({ chargedOrders: [], totalCents: 0 }, { type: 'Charge', orderId: 'p1', customer: 'sala/cliente-1', amountCents: 850 });
 * // { state: { chargedOrders: ['p1'], totalCents: 850 },
 * //   replies: [{ to: 'sala/cliente-1', message: { type: 'Receipt', orderId: 'p1', amountCents: 850 } }] }
 */
export function cashierReceive(state: CashierState, message: CashierMessage): { state: CashierState; replies: Reply<CashierReplyMessage>[] } {
  checkCashierInput(state, message);
  // #region exercise 04.4: La caja, un actor que cobra cada pedido una vez (2 puntos)
  if (message.type === 'Total') {
    return { state, replies: [{ to: message.replyTo, message: { type: 'TotalIs', totalCents: state.totalCents, orders: state.chargedOrders.length } }] };
  }
  if (state.chargedOrders.includes(message.orderId)) return { state, replies: [] };
  return {
    state: { chargedOrders: [...state.chargedOrders, message.orderId], totalCents: state.totalCents + message.amountCents },
    replies: [{ to: message.customer, message: { type: 'Receipt', orderId: message.orderId, amountCents: message.amountCents } }],
  };
  // #endregion exercise 04.4
}
