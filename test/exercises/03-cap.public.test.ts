// Public checks of chapter 03: one per requirement stated in the exercises' Spanish statements
// (the docstrings of mergePnCounters, lwwWinner and readYourWritesViolations).
import { expect } from 'vitest';
import { lwwWinner, mergePnCounters, readYourWritesViolations } from '../../lib/cap/exercises';
import type { SessionStep } from '../../lib/cap/exercises';
import { check } from './check';

const value = (c: { p: Record<string, number>; n: Record<string, number> }) =>
  Object.values(c.p).reduce((s, x) => s + x, 0) - Object.values(c.n).reduce((s, x) => s + x, 0);
const nonZero = (r: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));

check('03.1', 'toma el máximo de cada réplica, en p y en n (ejemplo del enunciado)', () => {
  const merged = mergePnCounters({ p: { eu1: 50 }, n: { us1: 0 } }, { p: { eu1: 20, us1: 30 }, n: { us1: 70 } });
  expect(nonZero(merged.p)).toEqual({ eu1: 50, us1: 30 });
  expect(nonZero(merged.n)).toEqual({ us1: 70 });
  expect(value(merged as never)).toBe(10);
}, { hint: 'Cada réplica solo incrementa su propia entrada: la copia más reciente de esa entrada es la mayor.' });

check('03.1', 'una réplica que falta en un lado pasa con el valor del otro', () => {
  const merged = mergePnCounters({ p: { eu1: 5 }, n: {} }, { p: { us2: 7 }, n: { eu3: 2 } });
  expect(nonZero(merged.p)).toEqual({ eu1: 5, us2: 7 });
  expect(nonZero(merged.n)).toEqual({ eu3: 2 });
}, { hint: 'Recorre las réplicas de los DOS contadores; la que falta cuenta como 0.' });

check('03.1', 'p y n se fusionan por separado (no se suman ni se restan)', () => {
  const merged = mergePnCounters({ p: { eu1: 40 }, n: { eu1: 10 } }, { p: { eu1: 30 }, n: { eu1: 25 } });
  expect(nonZero(merged.p)).toEqual({ eu1: 40 });
  expect(nonZero(merged.n)).toEqual({ eu1: 25 });
}, { hint: 'El máximo de p y el máximo de n se calculan cada uno por su lado.' });

check('03.1', 'fusionar es idempotente y conmutativo', () => {
  const a = { p: { eu1: 3, us1: 9 }, n: { us1: 4 } };
  const b = { p: { eu1: 8 }, n: { eu2: 1, us1: 2 } };
  expect(nonZero(mergePnCounters(a, a).p)).toEqual(a.p);
  expect(nonZero(mergePnCounters(a, b).p)).toEqual(nonZero(mergePnCounters(b, a).p));
  expect(nonZero(mergePnCounters(a, b).n)).toEqual({ eu2: 1, us1: 4 });
}, { hint: 'Fusionar una copia consigo misma no puede cambiarla.' });

check('03.1', 'no modifica los contadores que recibe', () => {
  const a = { p: { eu1: 9 }, n: {} };
  const b = { p: { eu1: 6, us1: 2 }, n: { us1: 1 } };
  const merged = mergePnCounters(a, b);
  expect(a).toEqual({ p: { eu1: 9 }, n: {} });
  expect(b).toEqual({ p: { eu1: 6, us1: 2 }, n: { us1: 1 } });
  expect(nonZero(merged.p)).toEqual({ eu1: 9, us1: 2 });
}, { hint: 'Construye objetos nuevos en vez de escribir en a.p o a.n.' });

check('03.2', 'gana la de mayor l', () => {
  expect(lwwWinner({ l: 1300, c: 0, node: 'eu1' }, { l: 1200, c: 0, node: 'us1' })).toBe('a');
  expect(lwwWinner({ l: 1200, c: 0, node: 'us1' }, { l: 1300, c: 0, node: 'eu1' })).toBe('b');
}, { hint: 'Compara primero la parte física del reloj híbrido.' });

check('03.2', 'c solo desempata cuando l coincide', () => {
  expect(lwwWinner({ l: 1200, c: 0, node: 'us1' }, { l: 1200, c: 1, node: 'eu1' })).toBe('b');
  expect(lwwWinner({ l: 5, c: 0, node: 'eu1' }, { l: 4, c: 9, node: 'eu1' })).toBe('a');
}, { hint: 'Un contador alto no compensa una l menor: el orden es lexicográfico.' });

check('03.2', 'con l y c iguales gana el node mayor en orden alfabético', () => {
  expect(lwwWinner({ l: 7, c: 2, node: 'eu2' }, { l: 7, c: 2, node: 'eu1' })).toBe('a');
  expect(lwwWinner({ l: 7, c: 2, node: 'eu3' }, { l: 7, c: 2, node: 'us1' })).toBe('b');
}, { hint: 'Todas las réplicas tienen que elegir la misma: desempata con el nombre de la réplica.' });

check('03.2', 'marcas idénticas dan "equal"', () => {
  expect(lwwWinner({ l: 7, c: 2, node: 'eu1' }, { l: 7, c: 2, node: 'eu1' })).toBe('equal');
  expect(lwwWinner({ l: 7, c: 2, node: 'eu1' }, { l: 7, c: 3, node: 'eu1' })).not.toBe('equal');
}, { hint: 'Si no hay ninguna diferencia, ninguna gana.' });

check('03.2', 'no modifica las marcas que recibe', () => {
  const a = { l: 3, c: 0, node: 'eu1' };
  const b = { l: 3, c: 1, node: 'us2' };
  expect(lwwWinner(a, b)).toBe('b');
  expect(lwwWinner(b, a)).toBe('a');
  expect(a).toEqual({ l: 3, c: 0, node: 'eu1' });
  expect(b).toEqual({ l: 3, c: 1, node: 'us2' });
}, { hint: 'Solo tienes que comparar, no cambiar nada.' });

const w = (id: string): SessionStep => ({ kind: 'write', id });
const r = (...sees: string[]): SessionStep => ({ kind: 'read', sees });

check('03.3', 'una lectura que no ve una escritura anterior del cliente incumple (ejemplo del enunciado)', () => {
  expect(readYourWritesViolations([w('w1'), r(), r('w1')])).toEqual([1]);
}, { hint: 'Tras escribir w1, cada lectura posterior debe tener w1 en sees.' });

check('03.3', 'tiene que ver TODAS las escrituras anteriores, no solo la última', () => {
  expect(readYourWritesViolations([w('a'), w('b'), r('b'), r('a', 'b')])).toEqual([2]);
  expect(readYourWritesViolations([w('a'), w('b'), r('a')])).toEqual([2]);
}, { hint: 'Acumula todas las escrituras del cliente hechas hasta esa lectura.' });

check('03.3', 'una lectura antes de cualquier escritura, o una escritura posterior, no cuenta', () => {
  expect(readYourWritesViolations([r(), w('a'), r('a')])).toEqual([]);
  expect(readYourWritesViolations([r(), w('a'), r()])).toEqual([2]);
}, { hint: 'Solo cuentan las escrituras que están antes de la lectura en la lista.' });

check('03.3', 'sees puede traer escrituras de otros clientes y en cualquier orden', () => {
  expect(readYourWritesViolations([w('a'), w('b'), r('otro', 'b', 'a'), r('otro')])).toEqual([3]);
  expect(readYourWritesViolations([w('a'), w('b'), r('otro', 'b')])).toEqual([2]);
}, { hint: 'Comprueba pertenencia, no posiciones ni longitudes.' });

check('03.3', 'devuelve índices en orden creciente; lista vacía o sin lecturas da []', () => {
  expect(readYourWritesViolations([])).toEqual([]);
  expect(readYourWritesViolations([w('a'), w('b')])).toEqual([]);
  expect(readYourWritesViolations([w('a'), r(), r(), w('b'), r('a'), r('a', 'b')])).toEqual([1, 2, 4]);
}, { hint: 'El índice es la posición de la lectura en session, empezando en 0.' });

check('03.3', 'no modifica la sesión que recibe', () => {
  const session = [w('a'), r('a'), r()];
  const copy = JSON.parse(JSON.stringify(session));
  expect(readYourWritesViolations(session)).toEqual([2]);
  expect(session).toEqual(copy);
}, { hint: 'No hace falta ordenar ni vaciar sees ni session.' });
