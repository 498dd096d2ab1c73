import { describe, expect, it, vi } from 'vitest';
import { spanishReason, unsolvedExercise, whenSolved } from '../../lib/exercises/index';

const STUB = 'Ejercicio 01.1 sin resolver: ¿Petición, notificación o petición inválida?. Complétalo en lib/rpc/exercises.ts y comprueba con: npm run check -- 01.1';

describe('whenSolved (the student edition runs top to bottom)', () => {
  it('returns the cell’s value when the exercise is solved', () => {
    expect(whenSolved(() => 42)).toBe(42);
  });

  it('names the unsolved exercise in Spanish and carries on with the fallback', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const value = whenSolved(() => { throw new Error(STUB); }, () => 'sin el ejercicio');
      expect(value).toBe('sin el ejercicio');
      expect(whenSolved(() => { throw new Error(STUB); })).toBeUndefined();
      const printed = String(log.mock.calls[0]?.[0]);
      expect(printed).toContain('Ejercicio 01.1 sin resolver («¿Petición, notificación o petición inválida?»)');
      expect(printed).toContain('lib/rpc/exercises.ts');
    } finally {
      log.mockRestore();
    }
  });

  it('rethrows any other error', () => {
    expect(() => whenSolved(() => { throw new RangeError('otro fallo'); })).toThrow('otro fallo');
    expect(unsolvedExercise(new Error('Ejercicio sin número'))).toBeUndefined();
    expect(unsolvedExercise(new Error(STUB))?.id).toBe('01.1');
  });
});

describe('spanishReason (no vitest English in the self-check)', () => {
  it.each([
    ['expected 2 to be 3 // Object.is equality', 'se esperaba 3 y se obtuvo 2'],
    ["expected [ 1, 2 ] to deeply equal [ 1, 3 ]", 'se esperaba [ 1, 3 ] (el mismo contenido) y se obtuvo [ 1, 2 ]'],
    ['expected 0.3 to be close to 0.1, received difference is 0.2, but expected 5e-13', 'se esperaba un valor a menos de 5e-13 de 0.1 y se obtuvo 0.3'],
    ['lote vacío: expected undefined to be null', 'lote vacío: se esperaba null y se obtuvo undefined'],
    ['expected [Function] to throw an error', 'se esperaba que lanzara un error y no lo lanzó'],
    ["TypeError: Cannot read properties of undefined (reading 'get')", "tu código lanzó un error: TypeError: Cannot read properties of undefined (reading 'get')"],
    ['expected something odd to frobnicate', 'el resultado no es el esperado'],
  ])('%s', (vitest, spanish) => {
    expect(spanishReason(vitest)).toBe(spanish);
    expect(spanishReason(vitest)).not.toMatch(/Object\.is|expected/);
  });
});
