import { describe, expect, it, vi } from 'vitest';
import { spanishReason, unsolvedExercise, whenSolved } from '../../lib/exercises/index';
import { feedback } from '../../scripts/lib/exercises.mjs';

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

const VITEST_REASONS: [string, string][] = [
    ['expected 2 to be 3 // Object.is equality', 'se esperaba 3 y se obtuvo 2'],
    ["expected [ 1, 2 ] to deeply equal [ 1, 3 ]", 'se esperaba [ 1, 3 ] (el mismo contenido) y se obtuvo [ 1, 2 ]'],
    ['expected 0.3 to be close to 0.1, received difference is 0.2, but expected 5e-13', 'se esperaba un valor a menos de 5e-13 de 0.1 y se obtuvo 0.3'],
    ['lote vacío: expected undefined to be null', 'lote vacío: se esperaba null y se obtuvo undefined'],
    ['expected [Function] to throw an error', 'se esperaba que lanzara un error y no lo lanzó'],
    ["TypeError: Cannot read properties of undefined (reading 'get')", "tu código lanzó un error: TypeError: Cannot read properties of undefined (reading 'get')"],
    ['expected something odd to frobnicate', 'el resultado no es el esperado'],
];

describe('spanishReason (no vitest English in the self-check)', () => {
  it.each(VITEST_REASONS)('%s', (vitest, spanish) => {
    expect(spanishReason(vitest)).toBe(spanish);
    expect(spanishReason(vitest)).not.toMatch(/Object\.is|expected/);
    expect(spanishReason(spanish), 'Spanish text stays as it is').toBe(spanish);
  });
});

describe('npm run check in a terminal ("motivo:") uses the same Spanish reasons', () => {
  it.each(VITEST_REASONS)('%s', (vitest, spanish) => {
    // What vitest reports for a failed check: the assertion, the stack, and check()'s hint last.
    const message = `AssertionError: ${vitest}\n    at Object.<anonymous> (test/exercises/01-comunicacion.public.test.ts:12:5)\nPista: mira la regla`;
    const { reason, hint } = feedback({ message, visibility: 'public' });
    expect(reason).toBe(spanish);
    expect(reason).toBe(spanishReason(vitest));
    expect(hint).toBe('mira la regla');
  });

  it('still gives no reason for a hidden check, and names an unsolved exercise', () => {
    expect(feedback({ message: 'AssertionError: expected 2 to be 3 // Object.is equality', visibility: 'hidden' }).reason).toBeUndefined();
    expect(feedback({ message: `Error: ${STUB}`, visibility: 'public' }).reason).toBe('sin resolver (ejercicio 01.1)');
  });
});
