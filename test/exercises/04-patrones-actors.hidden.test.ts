// Hidden checks of exercise 04.4 (cashierReceive): random message sequences from checkSeed,
// compared with this file's own reference, computed before calling the student's function.
import { expect } from 'vitest';
import { cashierReceive } from '../../lib/actors/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

type State = { chargedOrders: string[]; totalCents: number };
type Message = { type: 'Charge'; orderId: string; customer: string; amountCents: number } | { type: 'Total'; replyTo: string };

function reference(state: State, m: Message): { state: State; replies: unknown[] } {
  if (m.type === 'Total') return { state, replies: [{ to: m.replyTo, message: { type: 'TotalIs', totalCents: state.totalCents, orders: state.chargedOrders.length } }] };
  if (state.chargedOrders.indexOf(m.orderId) >= 0) return { state, replies: [] };
  return { state: { chargedOrders: state.chargedOrders.concat([m.orderId]), totalCents: state.totalCents + m.amountCents }, replies: [{ to: m.customer, message: { type: 'Receipt', orderId: m.orderId, amountCents: m.amountCents } }] };
}

check('04.4', 'coincide con la referencia en 60 secuencias aleatorias de cobros (con repetidos) y totales', () => {
  const seed = checkSeed('04.4-secuencias');
  const rng = createRng(seed);
  for (let run = 0; run < 60; run++) {
    let mine: State = { chargedOrders: [], totalCents: 0 };
    let theirs: { chargedOrders: readonly string[]; totalCents: number } = { chargedOrders: [], totalCents: 0 };
    for (let i = 0; i < 25; i++) {
      const m: Message = rng.bernoulli(0.15)
        ? { type: 'Total', replyTo: `sala/${rng.choice(['gerente', 'pedidos', 'cliente-2'])}` }
        : { type: 'Charge', orderId: `p${rng.int(1, 12)}`, customer: `sala/cliente-${rng.int(1, 4)}`, amountCents: rng.int(1, 60) * 50 };
      const expected = reference(mine, m);
      const before = JSON.stringify([theirs, m]);
      const got = cashierReceive(theirs, m);
      const text = `mensaje ${i} de la secuencia ${run}: ${JSON.stringify(m)} (semilla ${seed})`;
      expect(got.state, text).toEqual(expected.state);
      expect(got.replies, text).toEqual(expected.replies);
      expect(JSON.stringify([theirs, m]), `modifica los argumentos: ${text}`).toBe(before);
      mine = expected.state;
      theirs = got.state;
    }
  }
}, { hint: '¿Cobras cada pedido una sola vez, respondes al cliente del mensaje y no tocas el estado recibido?' });

check('04.4', 'un estado grande: el repetido se detecta en cualquier posición de la lista', () => {
  const seed = checkSeed('04.4-grande');
  const rng = createRng(seed);
  const ids = rng.shuffle(Array.from({ length: 200 }, (_, i) => `p${i + 1}`));
  const state = { chargedOrders: ids, totalCents: 200 * 300 };
  const repeated = rng.choice(ids);
  const expectedNew = reference(state, { type: 'Charge', orderId: 'p999', customer: 'sala/cliente-1', amountCents: 450 });
  expect(cashierReceive(state, { type: 'Charge', orderId: repeated, customer: 'sala/cliente-1', amountCents: 300 }), `repetido ${repeated} (semilla ${seed})`).toEqual({ state, replies: [] });
  expect(cashierReceive(state, { type: 'Charge', orderId: 'p999', customer: 'sala/cliente-1', amountCents: 450 })).toEqual(expectedNew);
  expect(state.chargedOrders).toHaveLength(200);
}, { hint: 'Busca el pedido en toda la lista, no solo en el último cobrado.' });
