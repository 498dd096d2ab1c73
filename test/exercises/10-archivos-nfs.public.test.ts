// Public checks of exercise 10.4 (attributeCacheDecision): one per requirement of its Spanish statement.
import { expect } from 'vitest';
import { attributeCacheDecision } from '../../lib/nfs/exercises';
import { check } from './check';

const LINUX = { acregminMs: 3_000, acregmaxMs: 60_000, cto: true };
const NOCTO = { acregminMs: 3_000, acregmaxMs: 60_000, cto: false };
const entry = (fetchedAtMs: number, timeoutMs: number) => ({ fetchedAtMs, timeoutMs, change: 7 });

check('10.4', 'sin atributos guardados hay que preguntar (y con atributos frescos, no)', () => {
  expect(attributeCacheDecision(null, 'read', 1_000, LINUX)).toBe('getattr');
  expect(attributeCacheDecision(null, 'stat', 0, NOCTO)).toBe('getattr');
  expect(attributeCacheDecision(entry(0, 3_000), 'read', 1_000, LINUX)).toBe('cache');
}, { hint: 'entry === null significa que el cliente no sabe nada del archivo todavía.' });

check('10.4', 'con cto, un open siempre pregunta aunque los atributos estén frescos (ejemplo del enunciado)', () => {
  expect(attributeCacheDecision(entry(0, 3_000), 'open', 1_500, LINUX)).toBe('getattr');
  expect(attributeCacheDecision(entry(0, 60_000), 'open', 1, LINUX)).toBe('getattr');
  expect(attributeCacheDecision(entry(0, 3_000), 'read', 1_500, LINUX)).toBe('cache');
}, { hint: 'Cierre-apertura: al abrir, el cliente revalida siempre con el servidor, mire o no la edad.' });

check('10.4', 'sin cto, un open se decide como un read', () => {
  expect(attributeCacheDecision(entry(0, 3_000), 'open', 1_500, NOCTO)).toBe('cache');
  expect(attributeCacheDecision(entry(0, 3_000), 'open', 4_000, NOCTO)).toBe('getattr');
}, { hint: 'Con policy.cto en false, abrir no obliga a preguntar: decide por la edad de los atributos.' });

check('10.4', 'read y stat usan la caché mientras fetchedAtMs ≤ nowMs < fetchedAtMs + timeoutMs', () => {
  expect(attributeCacheDecision(entry(10_000, 3_000), 'read', 10_000, LINUX)).toBe('cache');
  expect(attributeCacheDecision(entry(10_000, 3_000), 'read', 12_999, LINUX)).toBe('cache');
  expect(attributeCacheDecision(entry(10_000, 3_000), 'read', 14_000, LINUX)).toBe('getattr');
  expect(attributeCacheDecision(entry(10_000, 3_000), 'stat', 11_000, LINUX)).toBe('cache');
  expect(attributeCacheDecision(entry(10_000, 3_000), 'stat', 20_000, LINUX)).toBe('getattr');
}, { hint: 'Fresco quiere decir que la edad (nowMs − fetchedAtMs) es menor que timeoutMs.' });

check('10.4', 'justo en fetchedAtMs + timeoutMs ya han caducado, y con timeoutMs = 0 nunca están frescos', () => {
  expect(attributeCacheDecision(entry(10_000, 3_000), 'read', 13_000, LINUX)).toBe('getattr');
  expect(attributeCacheDecision(entry(5_000, 0), 'read', 5_000, LINUX)).toBe('getattr');
  expect(attributeCacheDecision(entry(10_000, 3_000), 'read', 12_999, LINUX)).toBe('cache');
}, { hint: 'El intervalo de frescura es abierto por la derecha: usa < y no ≤ al comparar con el final.' });

check('10.4', 'si el reloj fue hacia atrás, los atributos cuentan como caducados', () => {
  expect(attributeCacheDecision(entry(10_000, 3_000), 'read', 9_999, LINUX)).toBe('getattr');
  expect(attributeCacheDecision(entry(10_000, 60_000), 'stat', 0, LINUX)).toBe('getattr');
  expect(attributeCacheDecision(entry(10_000, 60_000), 'stat', 10_001, LINUX)).toBe('cache');
}, { hint: 'Una edad negativa no es «muy reciente»: es un reloj que saltó, y entonces hay que preguntar.' });

check('10.4', 'stat no pregunta por cto: solo open lo hace', () => {
  expect(attributeCacheDecision(entry(0, 3_000), 'stat', 1_000, LINUX)).toBe('cache');
  expect(attributeCacheDecision(entry(0, 3_000), 'open', 1_000, LINUX)).toBe('getattr');
}, { hint: 'cto afecta a abrir el archivo; consultar sus atributos (ls -l) usa la caché si está fresca.' });

check('10.4', 'no modifica entry ni policy', () => {
  const e = entry(1_000, 3_000);
  const p = { ...LINUX };
  expect(attributeCacheDecision(e, 'read', 2_000, p)).toBe('cache');
  expect(attributeCacheDecision(e, 'open', 2_000, p)).toBe('getattr');
  expect(e).toEqual({ fetchedAtMs: 1_000, timeoutMs: 3_000, change: 7 });
  expect(p).toEqual(LINUX);
}, { hint: 'Solo hay que leer entry y policy: devuelve la decisión sin cambiar sus campos.' });
