// Public checks of exercise 12.2 (cheCharacteristicTime): one per requirement of its Spanish
// statement.
import { expect } from 'vitest';
import { cheCharacteristicTime } from '../../lib/cdn/exercises';
import { check } from './check';

const relativeError = (got: number, want: number) => Math.abs(got - want) / want;

check('12.2', 'resuelve Σ(1 − e^(−λᵢ·T)) = C (ejemplo del enunciado y tasas iguales)', () => {
  expect(relativeError(cheCharacteristicTime([1, 1], 1), Math.LN2)).toBeLessThanOrEqual(1e-9);
  expect(relativeError(cheCharacteristicTime([0.3, 0.3, 0.3, 0.3, 0.3], 2), -Math.log(0.6) / 0.3)).toBeLessThanOrEqual(1e-9);
  expect(relativeError(cheCharacteristicTime([2], 0.5), Math.LN2 / 2)).toBeLessThanOrEqual(1e-9);
}, { hint: 'Con N tasas iguales λ, N·(1 − e^(−λT)) = C se despeja a mano: compara tu resultado con esa fórmula.' });

check('12.2', 'con una capacidad no entera y tasas distintas, la ocupación en T vale C', () => {
  const rates = Array.from({ length: 200 }, (_, i) => 1 / (i + 1) ** 0.8);
  for (const c of [0.5, 7.25, 150]) {
    const t = cheCharacteristicTime(rates, c);
    const occupancy = rates.reduce((s, r) => s - Math.expm1(-r * t), 0);
    expect(Math.abs(occupancy - c) / c, `C = ${c}`).toBeLessThan(1e-8);
  }
}, { hint: 'f(T) crece con T: si f(mitad) < C la raíz está a la derecha de la mitad.' });

check('12.2', 'C = 0 devuelve exactamente 0', () => {
  expect(cheCharacteristicTime([1, 2, 3], 0)).toBe(0);
  expect(cheCharacteristicTime([], 0)).toBe(0);
}, { hint: 'Antes de bisecar, trata el caso C = 0 aparte: la bisección no llega nunca a 0 exacto.' });

check('12.2', 'C ≥ K devuelve Infinity, también C = K exacto', () => {
  expect(cheCharacteristicTime([1, 2], 2)).toBe(Infinity);
  expect(cheCharacteristicTime([1, 2], 3.5)).toBe(Infinity);
  expect(cheCharacteristicTime([5], 1)).toBe(Infinity);
  expect(cheCharacteristicTime([], 1)).toBe(Infinity);
}, { hint: 'f(T) < K para todo T finito. ¿Qué devuelves cuando C es exactamente el número de tasas positivas?' });

check('12.2', 'las tasas 0 no cuentan en K ni ocupan', () => {
  expect(cheCharacteristicTime([1, 0, 2], 2)).toBe(Infinity);
  expect(cheCharacteristicTime([0, 0], 0.5)).toBe(Infinity);
  expect(relativeError(cheCharacteristicTime([1, 0, 1, 0], 1), Math.LN2)).toBeLessThanOrEqual(1e-9);
}, { hint: 'K cuenta solo las tasas estrictamente positivas, no la longitud de la lista.' });

check('12.2', 'tasas enormes: T_C diminuto con error relativo ≤ 10⁻⁹', () => {
  expect(relativeError(cheCharacteristicTime([1e9, 1e9], 1), Math.LN2 * 1e-9)).toBeLessThanOrEqual(1e-9);
  expect(relativeError(cheCharacteristicTime([4e8], 0.75), Math.log(4) / 4e8)).toBeLessThanOrEqual(1e-9);
}, { hint: 'Para de bisecar cuando hi − lo ≤ 10⁻¹² · hi (tolerancia relativa), no cuando hi − lo sea pequeño en absoluto.' });

check('12.2', 'tasas diminutas: T_C enorme con error relativo ≤ 10⁻⁹', () => {
  expect(relativeError(cheCharacteristicTime([1e-9, 1e-9], 1), Math.LN2 * 1e9)).toBeLessThanOrEqual(1e-9);
  expect(relativeError(cheCharacteristicTime([3e-7, 3e-7, 3e-7], 2.5), Math.log(6) / 3e-7)).toBeLessThanOrEqual(1e-9);
}, { hint: 'No fijes el extremo derecho del intervalo: dobla hi mientras f(hi) < C.' });

check('12.2', 'no modifica rates', () => {
  const rates = [2, 0, 2, 2];
  expect(relativeError(cheCharacteristicTime(rates, 1.5), Math.LN2 / 2)).toBeLessThanOrEqual(1e-9); // 3·(1 − e^(−2T)) = 1,5
  expect(cheCharacteristicTime(rates, 0)).toBe(0);
  expect(cheCharacteristicTime(rates, 9)).toBe(Infinity);
  expect(rates).toEqual([2, 0, 2, 2]);
}, { hint: 'Si necesitas filtrar u ordenar las tasas, hazlo sobre una copia.' });
