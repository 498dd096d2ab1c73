import { describe, expect, it } from 'vitest';
import { checkLinearizability, counterModel, describeResult, generateHistory, keyValueModel, registerModel, UNKNOWN, verdictText } from '../../lib/linearizability/index';
import type { Operation } from '../../lib/linearizability/index';
import { createRng } from '../../lib/random/index';

const ok = (id: number, client: string, input: unknown, invokeMs: number, completeMs: number, output?: unknown): Operation =>
  ({ id, client, input, invokeMs, completeMs, status: 'ok', ...(output === undefined ? {} : { output }) });
const info = (id: number, client: string, input: unknown, invokeMs: number): Operation => ({ id, client, input, invokeMs, status: 'info' });

describe('models', () => {
  it.each([
    ['a cas that answered false did not swap', [ok(0, 'a', { f: 'write', value: 1 }, 0, 1), ok(1, 'b', { f: 'cas', from: 1, to: 2 }, 2, 3, false)], 'illegal'],
    ['a cas that answered true swapped', [ok(0, 'a', { f: 'write', value: 1 }, 0, 1), ok(1, 'b', { f: 'cas', from: 1, to: 2 }, 2, 3, true), ok(2, 'a', { f: 'read' }, 4, 5, 2)], 'ok'],
    ['an unknown cas may have swapped', [ok(0, 'a', { f: 'write', value: 1 }, 0, 1), info(1, 'b', { f: 'cas', from: 1, to: 2 }, 2), ok(2, 'a', { f: 'read' }, 4, 5, 2)], 'ok'],
    ['an unknown cas may have not', [ok(0, 'a', { f: 'write', value: 1 }, 0, 1), info(1, 'b', { f: 'cas', from: 1, to: 2 }, 2), ok(2, 'a', { f: 'read' }, 4, 5, 1)], 'ok'],
    ['an unknown write cannot take effect before its invoke', [info(0, 'b', { f: 'write', value: 2 }, 5), ok(1, 'a', { f: 'read' }, 0, 4, 2)], 'illegal'],
    ['a failed write never took effect', [{ id: 0, client: 'b', input: { f: 'write', value: 2 }, invokeMs: 0, completeMs: 1, status: 'fail' }, ok(1, 'a', { f: 'read' }, 2, 3, 2)], 'illegal'],
    ['registers with different keys are independent', [ok(0, 'a', { f: 'write', value: 1, key: 'x' }, 0, 1), ok(1, 'b', { f: 'read', key: 'y' }, 2, 3, null)], 'ok'],
  ])('register: %s', (_name, history, verdict) => {
    expect(checkLinearizability(registerModel(), history as Operation[]).verdict).toBe(verdict);
  });

  it('counter: concurrent adds may be seen in any order, a completed add must be seen', () => {
    const concurrent = [ok(0, 'a', { f: 'add', value: 2 }, 0, 10), ok(1, 'b', { f: 'add', value: 3 }, 0, 10), ok(2, 'c', { f: 'read' }, 1, 2, 3)];
    expect(checkLinearizability(counterModel(), concurrent).verdict).toBe('ok');
    const seen = [ok(0, 'a', { f: 'add', value: 2 }, 0, 1), ok(1, 'c', { f: 'read' }, 2, 3, 0)];
    expect(checkLinearizability(counterModel(), seen).verdict).toBe('illegal');
  });

  it('describes operations and states in Spanish-friendly short text', () => {
    const m = registerModel();
    expect(m.describeOperation?.({ f: 'cas', from: 1, to: 2 }, false)).toBe('cas(1, 2) → fallo');
    expect(m.describeOperation?.({ f: 'read' }, UNKNOWN)).toBe('lee → ?');
    expect(m.describeOperation?.({ f: 'write', value: 1 }, undefined)).toBe('escribe 1');
    expect(keyValueModel().describeOperation?.({ f: 'append', key: 'k', value: 'x' }, undefined)).toBe('añade "x" a "k"');
    expect(keyValueModel().describeOperation?.({ f: 'put', key: 'k', value: 'x' }, undefined)).toBe('escribe "k" = "x"');
    expect(keyValueModel().describeOperation?.({ f: 'get', key: 'k' }, 'x')).toBe('lee "k" → "x"');
  });
});

describe('describeResult', () => {
  it('reports, in Spanish, the longest prefix with its states and the operation that cannot be placed', () => {
    const history = [ok(0, 'a', { f: 'write', value: 1 }, 0, 10), ok(1, 'b', { f: 'read' }, 2, 4, 1), ok(2, 'c', { f: 'read' }, 6, 8, null)];
    const text = describeResult(registerModel(), history, checkLinearizability(registerModel(), history));
    expect(text).toContain('registro: NO linealizable');
    expect(text).toContain('prefijo linealizable más largo (el de más operaciones ok; 2 de 3)');
    expect(text).toContain('#1 b: lee → 1  → estado 1');
    expect(text).toContain('no se puede colocar: #2 c: lee → ∅');
  });

  it('names each verdict in Spanish for notebooks (verdictText)', () => {
    expect([verdictText('ok'), verdictText('illegal'), verdictText('unknown')]).toEqual(['linealizable', 'NO linealizable', 'sin veredicto (se agotó el presupuesto)']);
  });

  it('says "encontrado" and prefixExact: false when the exhaustive prefix search has no budget', () => {
    const history = [ok(0, 'a', { f: 'write', value: 1 }, 0, 10), ok(1, 'b', { f: 'read' }, 2, 4, 1), ok(2, 'c', { f: 'read' }, 6, 8, null)];
    const result = checkLinearizability(registerModel(), history, { prefixMaxSteps: 0 });
    expect(result.verdict).toBe('illegal');
    expect(result.partitions[0]!.prefixExact).toBe(false);
    expect(describeResult(registerModel(), history, result)).toContain('prefijo linealizable más largo encontrado (el de más operaciones ok; 2 de 3)');
    expect(checkLinearizability(registerModel(), history).partitions[0]!.prefixExact).toBe(true);
  });
});

describe('the budget', () => {
  const { history } = generateHistory(createRng('budget'), { kind: 'register', operations: 400, clients: 5, infoRate: 0.05, staleReads: 1 });

  it('a tiny step budget answers unknown, never a verdict, with a (legal) partial prefix', () => {
    const full = checkLinearizability(registerModel(), history);
    expect(full.verdict).toBe('illegal');
    const cut = checkLinearizability(registerModel(), history, { maxSteps: 50 });
    expect(cut.verdict).toBe('unknown');
    expect(cut.steps).toBeLessThanOrEqual(51);
    expect(cut.partitions[0]!.firstImpossible).toBeUndefined();
  });

  it('a step budget is deterministic: the same history and budget give the same result', () => {
    const a = checkLinearizability(registerModel(), history, { maxSteps: 500 });
    const b = checkLinearizability(registerModel(), history, { maxSteps: 500 });
    expect(a).toEqual(b);
  });

  it('a generous time budget changes nothing: same verdict and orders as no budget', () => {
    expect(checkLinearizability(registerModel(), history, { timeoutMs: 60_000 })).toEqual(checkLinearizability(registerModel(), history));
  });
});
