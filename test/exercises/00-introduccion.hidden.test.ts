import { describe, expect } from 'vitest';
import { parallelAvailability, seriesAvailability } from '../../lib/availability/index';
import { fanOutLatency } from '../../lib/fanout/index';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

describe('capítulo 00 · comprobaciones ocultas', () => {
  check('00.1', 'coincide con 1 − (1 − a)^n en valores aleatorios', () => {
    const rng = createRng(checkSeed('00.1'));
    for (let i = 0; i < 50; i++) {
      const a = rng.uniform(0, 1);
      const n = rng.int(1, 8);
      expect(parallelAvailability(a, n)).toBeCloseTo(1 - (1 - a) ** n, 12);
    }
  }, { hint: 'Revisa el caso general: n réplicas, no solo una o dos.', points: 2 });

  check('00.1', 'casos límite: réplicas siempre caídas o siempre disponibles', () => {
    expect(parallelAvailability(0, 5)).toBe(0);
    expect(parallelAvailability(1, 3)).toBe(1);
  }, { hint: 'Piensa qué pasa si a = 0 o a = 1.' });

  check('00.2', 'latencias aleatorias, ambos modos', () => {
    const rng = createRng(checkSeed('00.2'));
    for (let i = 0; i < 50; i++) {
      const latencies = Array.from({ length: rng.int(1, 6) }, () => rng.uniform(1, 500));
      expect(fanOutLatency(latencies, 'secuencial')).toBeCloseTo(latencies.reduce((s, x) => s + x, 0), 9);
      expect(fanOutLatency(latencies, 'paralelo')).toBe(Math.max(...latencies));
    }
  }, { hint: 'Comprueba que usas todas las latencias, no solo las tres del ejemplo.', points: 2 });

  check('00.2', 'sin servicios no se espera nada', () => {
    expect(fanOutLatency([], 'secuencial')).toBe(0);
    expect(fanOutLatency([], 'paralelo')).toBe(0);
  }, { hint: 'Una lista vacía no debe dar NaN ni -Infinity.' });

  check('00.3', 'cadenas aleatorias y la cadena vacía', () => {
    const rng = createRng(checkSeed('00.3'));
    for (let i = 0; i < 30; i++) {
      const chain = Array.from({ length: rng.int(1, 10) }, () => rng.uniform(0.9, 1));
      expect(seriesAvailability(chain)).toBeCloseTo(chain.reduce((p, a) => p * a, 1), 12);
    }
    expect(seriesAvailability([])).toBe(1);
  }, { hint: 'El producto de una lista vacía es 1.' });
});
