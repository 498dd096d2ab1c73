// Public checks of exercise 04.2 (floodOnChat): one per requirement of its Spanish statement.
import { expect } from 'vitest';
import { floodOnChat } from '../../lib/p2p/exercises';
import { check } from './check';

const ids = (s: Set<string>) => [...s].sort();

check('04.2', 'un mensaje nuevo se entrega y se reenvía a todos menos al remitente y al origen (ejemplo del enunciado)', () => {
  const r = floodOnChat(new Set(['p2#1']), { id: 'p1#1', origin: 'p1' }, 'p3', ['p1', 'p3', 'p4', 'p5']);
  expect(r.deliver).toBe(true);
  expect(r.forwardTo).toEqual(['p4', 'p5']);
  expect(floodOnChat(new Set(), { id: 'p9#2', origin: 'p9' }, 'p2', ['p2', 'p3']).forwardTo).toEqual(['p3']);
}, { hint: 'Quita de la lista al vecino que te lo mandó y al par que lo escribió; a los demás, reenvíalo.' });

check('04.2', 'seen devuelto tiene los identificadores de antes más el nuevo', () => {
  const r = floodOnChat(new Set(['a#1', 'b#4']), { id: 'c#2', origin: 'c' }, 'b', ['b', 'c', 'd']);
  expect(r.seen).toBeInstanceOf(Set);
  expect(ids(r.seen)).toEqual(['a#1', 'b#4', 'c#2']);
}, { hint: 'seen debe recordar el mensaje nuevo sin olvidar los anteriores: devuelve un Set.' });

check('04.2', 'un duplicado no se entrega ni se reenvía, y seen no cambia', () => {
  const r = floodOnChat(new Set(['p1#1', 'p2#1']), { id: 'p1#1', origin: 'p1' }, 'p4', ['p1', 'p3', 'p4', 'p5']);
  expect(r.deliver).toBe(false);
  expect(r.forwardTo).toEqual([]);
  expect(ids(r.seen)).toEqual(['p1#1', 'p2#1']);
  expect(floodOnChat(new Set(['p2#1']), { id: 'p1#1', origin: 'p1' }, 'p4', ['p1', 'p3', 'p4', 'p5']).deliver).toBe(true);
}, { hint: 'Mira si message.id ya está en seen antes de hacer nada: un duplicado reenviado vuelve a inundar la red.' });

check('04.2', 'un remitente que no es vecino se decide igual', () => {
  const r = floodOnChat(new Set(), { id: 'p7#1', origin: 'p7' }, 'p8', ['p2', 'p3', 'p7']);
  expect(r.deliver).toBe(true);
  expect(r.forwardTo).toEqual(['p2', 'p3']);
}, { hint: 'No busques from en neighbours: basta con no incluirlo al reenviar.' });

check('04.2', 'sin vecinos se entrega pero no se reenvía a nadie', () => {
  const r = floodOnChat(new Set(), { id: 'p2#1', origin: 'p2' }, 'p2', []);
  expect(r.deliver).toBe(true);
  expect(r.forwardTo).toEqual([]);
  expect(ids(r.seen)).toEqual(['p2#1']);
  expect(floodOnChat(new Set(), { id: 'p2#1', origin: 'p2' }, 'p2', ['p3']).forwardTo).toEqual(['p3']);
}, { hint: 'Una lista vacía de vecinos da un forwardTo vacío, pero el mensaje sigue siendo nuevo.' });

check('04.2', 'forwardTo respeta el orden de neighbours', () => {
  const r = floodOnChat(new Set(), { id: 'x#1', origin: 'p10' }, 'p5', ['p9', 'p1', 'p5', 'p20', 'p10', 'p3']);
  expect(r.forwardTo).toEqual(['p9', 'p1', 'p20', 'p3']);
}, { hint: 'No ordenes ni cambies el orden: filtra la lista tal como llega.' });

check('04.2', 'no modifica seen ni neighbours', () => {
  const seen = new Set(['a#1']);
  const neighbours = ['p3', 'p1', 'p2'];
  const r = floodOnChat(seen, { id: 'b#1', origin: 'p2' }, 'p1', neighbours);
  expect(ids(r.seen)).toEqual(['a#1', 'b#1']);
  expect(r.forwardTo).toEqual(['p3']);
  expect([...seen]).toEqual(['a#1']);
  expect(neighbours).toEqual(['p3', 'p1', 'p2']);
}, { hint: 'seen.add modifica el Set que te pasan: copia primero (new Set(seen)).' });
