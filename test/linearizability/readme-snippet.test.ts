/**
 * The "try it" snippet of lib/linearizability/README.md, as code: it must typecheck under
 * `tsc --strict` (both TypeScript versions) and give the verdict its comment promises.
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizability, describeResult, linearizabilityTimeline, registerModel } from '../../lib/linearizability/index';
import type { History, RegisterInput } from '../../lib/linearizability/index';

describe('README "try it" snippet', () => {
  it('typechecks and finds the stale read #2 after #1 read 1', () => {
    const history: History<RegisterInput> = [
      { id: 0, client: 'a', input: { f: 'write', value: 1 }, invokeMs: 0, completeMs: 10, status: 'ok' },
      { id: 1, client: 'b', input: { f: 'read' }, output: 1, invokeMs: 2, completeMs: 4, status: 'ok' },
      { id: 2, client: 'c', input: { f: 'read' }, output: null, invokeMs: 6, completeMs: 8, status: 'ok' },
    ];
    const result = checkLinearizability(registerModel(), history, { timeoutMs: 5_000 });
    expect(result.verdict).toBe('illegal');
    expect(result.partitions[0]?.prefixExact).toBe(true);
    expect(result.partitions[0]?.firstImpossible).toBe(2);
    const text = describeResult(registerModel(), history, result);
    expect(text).toContain('NO linealizable');
    expect(text).toContain('no se puede colocar: #2 c: lee → ∅');
    const figure = linearizabilityTimeline(history, result, { model: registerModel() });
    expect(figure.data.length).toBeGreaterThan(0);
  });
});
