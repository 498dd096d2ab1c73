// Alternative solutions of exercise 04.4 (cashierReceive), for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

type State = { chargedOrders: string[]; totalCents: number };
type Message = { type: 'Charge'; orderId: string; customer: string; amountCents: number } | { type: 'Total'; replyTo: string };

const total = (s: State, m: { replyTo: string }) => ({ state: s, replies: [{ to: m.replyTo, message: { type: 'TotalIs', totalCents: s.totalCents, orders: s.chargedOrders.length } }] });
const receipt = (m: { orderId: string; customer: string; amountCents: number }) => ({ to: m.customer, message: { type: 'Receipt', orderId: m.orderId, amountCents: m.amountCents } });
/** Exercise 04.4: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '04.4': {
    fn: 'cashierReceive',
    correct: {
      'switch con spread': (s: State, m: Message) => {
        switch (m.type) {
          case 'Total':
            return total(s, m);
          case 'Charge':
            return s.chargedOrders.includes(m.orderId) ? { state: s, replies: [] } : { state: { chargedOrders: [...s.chargedOrders, m.orderId], totalCents: s.totalCents + m.amountCents }, replies: [receipt(m)] };
        }
      },
      'conjunto y concat': (s: State, m: Message) => {
        if (m.type !== 'Charge') return total(s, m);
        const seen = new Set(s.chargedOrders);
        if (seen.has(m.orderId)) return { state: { ...s, chargedOrders: [...s.chargedOrders] }, replies: [] };
        return { state: { totalCents: s.totalCents + m.amountCents, chargedOrders: s.chargedOrders.concat(m.orderId) }, replies: [receipt(m)] };
      },
    },
    wrong: {
      'cobra también los repetidos': (s: State, m: Message) => (m.type === 'Total' ? total(s, m) : { state: { chargedOrders: [...s.chargedOrders, m.orderId], totalCents: s.totalCents + m.amountCents }, replies: [receipt(m)] }),
      'modifica el estado (push)': (s: State, m: Message) => {
        if (m.type === 'Total') return total(s, m);
        if (s.chargedOrders.includes(m.orderId)) return { state: s, replies: [] };
        s.chargedOrders.push(m.orderId);
        s.totalCents += m.amountCents;
        return { state: s, replies: [receipt(m)] };
      },
      'Total cuenta céntimos en orders': (s: State, m: Message) => {
        if (m.type === 'Total') return { state: s, replies: [{ to: m.replyTo, message: { type: 'TotalIs', totalCents: s.totalCents, orders: s.totalCents } }] };
        return s.chargedOrders.includes(m.orderId) ? { state: s, replies: [] } : { state: { chargedOrders: [...s.chargedOrders, m.orderId], totalCents: s.totalCents + m.amountCents }, replies: [receipt(m)] };
      },
      'solo mira el último cobrado': (s: State, m: Message) => {
        if (m.type === 'Total') return total(s, m);
        if (s.chargedOrders[s.chargedOrders.length - 1] === m.orderId) return { state: s, replies: [] };
        return { state: { chargedOrders: [...s.chargedOrders, m.orderId], totalCents: s.totalCents + m.amountCents }, replies: [receipt(m)] };
      },
    },
    trivial: {
      'estado tal cual, sin respuestas': (s: State) => ({ state: s, replies: [] }),
      'estado vacío': () => ({ state: { chargedOrders: [], totalCents: 0 }, replies: [] }),
      'el mensaje como respuesta': (s: State, m: Message) => ({ state: s, replies: [{ to: 'sala/cliente-1', message: m }] }),
    },
  },
};
