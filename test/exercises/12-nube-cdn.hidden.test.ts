// Hidden checks of exercise 12.2 (cheCharacteristicTime): random inputs from checkSeed, compared
// with this file's own reference, never with lib's.
import { expect } from 'vitest';
import { cheCharacteristicTime } from '../../lib/cdn/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

/** Reference: bisection on the exponent of T (T = 2^x), so any scale is bracketed at once. */
function referenceTime(rates: readonly number[], capacity: number): number {
  const positive = rates.filter((r) => r > 0);
  if (capacity === 0) return 0;
  if (capacity >= positive.length) return Infinity;
  const f = (t: number) => positive.reduce((s, r) => s - Math.expm1(-r * t), 0);
  let lo = -1000;
  let hi = 1000;
  for (let i = 0; i < 120; i++) {
    const mid = (lo + hi) / 2;
    if (f(2 ** mid) < capacity) lo = mid;
    else hi = mid;
  }
  return 2 ** ((lo + hi) / 2);
}

function expectTime(got: number, want: number, label: string): void {
  if (want === 0 || want === Infinity) expect(got, label).toBe(want);
  else expect(Math.abs(got - want) / want, `${label}: obtenido ${got}, esperado ${want}`).toBeLessThanOrEqual(1.01e-9);
}

check('12.2', 'coincide con la raíz en 300 catálogos aleatorios (escalas de 10⁻⁹ a 10⁹, ceros, C = 0, C = K)', () => {
  const seed = checkSeed('12.2-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 300; i++) {
    const n = rng.int(1, 60);
    const scale = 10 ** rng.uniform(-9, 9);
    const alpha = rng.uniform(0, 1.2);
    // Positive rates clamped to the statement's range, 10⁻⁹ … 10⁹.
    const rates = Array.from({ length: n }, (_, k) => (rng.bernoulli(0.2) ? 0 : Math.min(1e9, Math.max(1e-9, scale * (rng.bernoulli(0.5) ? 1 / (k + 1) ** alpha : rng.uniform(0.1, 1))))));
    const k = rates.filter((r) => r > 0).length;
    const u = rng.next();
    const capacity = u < 0.1 ? 0 : u < 0.2 ? k : u < 0.3 ? k + rng.uniform(0, 3) : k === 0 ? rng.uniform(0.1, 2) : rng.uniform(0.01, 0.95) * k;
    const before = JSON.stringify(rates);
    const got = cheCharacteristicTime(rates, capacity);
    expectTime(got, referenceTime(rates, capacity), `rates=${before} C=${capacity} (semilla ${seed})`);
    expect(JSON.stringify(rates), `rates no debe cambiar (semilla ${seed})`).toBe(before);
  }
}, { hint: 'Casos especiales C = 0 y C ≥ K antes de bisecar; intervalo que se adapta a la escala; tolerancia relativa.', points: 2 });

check('12.2', 'una sola tasa, listas vacías o sin tasas positivas y C justo por debajo de K', () => {
  const cases: [number[], number][] = [
    [[2.5], 0.3], [[1e-6], 0.999], [[7e5], 0.001], [[], 0], [[], 2], [[0, 0, 0], 0], [[0, 0, 0], 1e-3],
    [[1, 1, 1], 2.5], [[1, 2, 3, 0], 2.9], [[0, 4e-5, 0], 0.5], [[1e3, 1e-3], 1], [[1e3, 1e-3], 1.5],
  ];
  for (const [rates, c] of cases) expectTime(cheCharacteristicTime(rates.slice(), c), referenceTime(rates, c), JSON.stringify([rates, c]));
}, { hint: 'Con una sola tasa λ y C < 1, T = −ln(1 − C)/λ: compruébalo a mano.' });
