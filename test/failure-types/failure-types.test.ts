import { describe, expect, it } from 'vitest';
import { runFailureType } from '../../lib/failure-types/index';

describe('failure types as a client sees them', () => {
  const seed = 1;
  it('a correct server: every answer right and in time', () => {
    for (const c of runFailureType('correct', { seed }).values()) expect(c).toMatchObject({ 'sin respuesta': 0, tarde: 0, incorrecta: 0 });
  });
  it('crash and omission look the same to the client: silence', () => {
    const crash = runFailureType('crash', { seed }).get('c1')!;
    const omission = runFailureType('omission', { seed }).get('c1')!;
    expect(crash['sin respuesta']).toBeGreaterThan(0);
    expect(omission['sin respuesta']).toBeGreaterThan(0);
    expect(crash.incorrecta + omission.incorrecta).toBe(0);
  });
  it('a timing failure answers right but too late', () => {
    const c = runFailureType('timing', { seed }).get('c1')!;
    expect(c.tarde).toBeGreaterThan(0);
    expect(c.ok).toBe(0);
  });
  it('a response failure answers wrong to everybody; a Byzantine one only to some', () => {
    expect(runFailureType('response', { seed }).get('c2')!.incorrecta).toBeGreaterThan(0);
    const byz = runFailureType('byzantine', { seed });
    expect(byz.get('c1')!.incorrecta).toBe(0);
    expect(byz.get('c2')!.incorrecta).toBeGreaterThan(0);
  });
  it('an unknown failure type is a clear error', () => {
    expect(() => runFailureType('gremlins' as never, { seed })).toThrow(/desconocido/);
  });
});
