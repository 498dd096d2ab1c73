import { describe, expect, it } from 'vitest';
import {
  checkCausal, checkEventual, checkLinearizable, checkMonotonicReads, checkReadYourWrites, checkSequential, checkWritesFollowReads, registerView,
} from '../../lib/consistency/index';
import type { History, Operation } from '../../lib/linearizability/history';
import { createRng } from '../../lib/random/index';

let nextId = 0;
const w = (client: string, key: string, value: number, at: number, status: 'ok' | 'info' | 'fail' = 'ok'): Operation => ({
  id: nextId++, client, key, input: { f: 'write', key, value }, invokeMs: at, ...(status === 'info' ? {} : { completeMs: at + 5 }), status,
});
const r = (client: string, key: string, value: number | null, at: number): Operation => ({
  id: nextId++, client, key, input: { f: 'read', key }, output: value, invokeMs: at, completeMs: at + 5, status: 'ok',
});

describe('session guarantees (Terry et al. 1994)', () => {
  it('read-your-writes: reading an older own write after a newer one is a violation', () => {
    const h = [w('a', 'x', 1, 0), w('a', 'x', 2, 10), r('a', 'x', 1, 20)];
    const result = checkReadYourWrites(h);
    expect(result.ok).toBe(false);
    expect(result.violation?.ops).toEqual([h[1]!.id, h[2]!.id]);
    expect(result.violation?.explanation).toMatch(/no ve su propia escritura/);
  });
  it("read-your-writes: another client's concurrent write may be read", () => {
    expect(checkReadYourWrites([w('a', 'x', 1, 0), w('b', 'x', 2, 0), r('a', 'x', 2, 20)]).ok).toBe(true);
  });
  it('monotonic reads: 1, 2, 1 goes back even when the writes are concurrent', () => {
    const h = [w('a', 'x', 1, 0), w('b', 'x', 2, 0), r('c', 'x', 1, 20), r('c', 'x', 2, 30), r('c', 'x', 1, 40)];
    expect(checkMonotonicReads(h).ok).toBe(false);
    expect(checkMonotonicReads(h.slice(0, 4)).ok).toBe(true);
  });
  it('monotonic reads is per key: reading ∅ on y after x=1 is fine', () => {
    expect(checkMonotonicReads([w('a', 'x', 1, 0), r('c', 'x', 1, 20), r('c', 'y', null, 30)]).ok).toBe(true);
  });
  it('writes-follow-reads: a failed write is dropped, so nothing depends on it', () => {
    const h = [w('a', 'x', 1, 0), r('b', 'x', 1, 10), w('b', 'y', 2, 20, 'fail'), r('c', 'y', null, 30), r('c', 'x', null, 40)];
    expect(checkWritesFollowReads(h).ok).toBe(true);
  });
});

describe('models', () => {
  it('a read of a value nobody wrote violates every model', () => {
    const h = [w('a', 'x', 1, 0), r('b', 'x', 7, 10)];
    for (const check of [checkSequential, checkCausal, checkReadYourWrites, checkEventual]) {
      expect(check(h).violation?.explanation).toMatch(/nadie escribió/);
    }
  });
  it('a causal cycle (reading a write that depends on the read) is not causal', () => {
    const h: History = [r('a', 'x', 1, 0), w('a', 'y', 1, 10), r('b', 'y', 1, 20), w('b', 'x', 1, 30)];
    expect(checkCausal(h).violation?.explanation).toMatch(/ciclo causal/);
    expect(checkSequential(h).ok).toBe(false);
  });
  it('an info write may or may not have taken effect (sequential)', () => {
    expect(checkSequential([w('a', 'x', 1, 0, 'info'), r('b', 'x', 1, 10)]).ok).toBe(true);
    expect(checkSequential([w('a', 'x', 1, 0, 'info'), r('b', 'x', null, 10)]).ok).toBe(true);
  });
  it('sequential consistency spans keys (it is not compositional)', () => {
    // Each key alone is fine; together no interleaving exists (the classic 2+2 pattern).
    const h = [w('a', 'x', 1, 0), r('a', 'y', null, 10), w('b', 'y', 1, 0), r('b', 'x', null, 10)];
    expect(checkSequential(h).ok).toBe(false);
    expect(checkSequential(h.filter((o) => o.key === 'x')).ok).toBe(true);
  });
  it('sequential: a search past its budget answers unknown, never a guess', () => {
    const h: Operation[] = [];
    for (let c = 0; c < 6; c++) for (let i = 0; i < 6; i++) h.push(w(`c${c}`, 'x', 100 * c + i + 1, i * 10));
    h.push(r('z', 'x', 999, 1_000));
    const result = checkSequential(h, { maxSteps: 50 });
    expect(result.ok).toBe(false);
    expect(result.unknown ?? result.violation?.explanation).toBeDefined();
  });
  it('eventual: settleMs leaves out reads too close to the last write', () => {
    const h = [w('a', 'x', 1, 0), r('b', 'x', null, 8), r('c', 'x', 1, 50)];
    expect(checkEventual(h).ok).toBe(false);
    expect(checkEventual(h, { settleMs: 20 }).ok).toBe(true);
  });
  it('on 400 random small histories: linearizable ⇒ sequential ⇒ causal ⇒ each session guarantee', () => {
    const seed = 'consistency-ladder';
    const rng = createRng(seed);
    const counts = { linearizable: 0, sequential: 0, causal: 0, violations: 0 };
    for (let i = 0; i < 400; i++) {
      const h: Operation[] = [];
      const written = new Map<string, number[]>([['x', []], ['y', []]]);
      const clock = new Map<string, number>();
      for (let k = 0; k < 7; k++) {
        const client = rng.choice(['a', 'b', 'c']);
        const key = rng.choice(['x', 'y']);
        const at = (clock.get(client) ?? 0) + rng.int(0, 20);
        clock.set(client, at + 6);
        const values = written.get(key)!;
        if (rng.bernoulli(0.4)) {
          const value = 10 * h.length + 1;
          values.push(value);
          h.push(w(client, key, value, at));
        } else {
          h.push(r(client, key, values.length === 0 || rng.bernoulli(0.2) ? null : rng.choice(values), at));
        }
      }
      const lin = checkLinearizable(h).ok;
      const seq = checkSequential(h).ok;
      const causal = checkCausal(h).ok;
      const text = `${JSON.stringify(h)} (semilla ${seed}, historia ${i})`;
      if (lin) expect(seq, text).toBe(true);
      if (seq) expect(causal, text).toBe(true);
      if (causal) for (const check of [checkReadYourWrites, checkMonotonicReads, checkWritesFollowReads]) expect(check(h).ok, text).toBe(true);
      counts.linearizable += lin ? 1 : 0;
      counts.sequential += seq ? 1 : 0;
      counts.causal += causal ? 1 : 0;
      counts.violations += causal ? 0 : 1;
    }
    // The generator must visit every rung, or the implications prove little.
    expect(counts.linearizable).toBeGreaterThan(20);
    expect(counts.sequential).toBeGreaterThan(counts.linearizable);
    expect(counts.causal).toBeGreaterThan(counts.sequential);
    expect(counts.violations).toBeGreaterThan(20);
  });
});

describe('input errors', () => {
  it('repeated written values, cas and non-arrays get a Spanish error', () => {
    expect(() => registerView([w('a', 'x', 1, 0), w('b', 'x', 1, 5)])).toThrow(/valores escritos en una clave deben ser distintos/);
    expect(() => registerView([{ id: 0, client: 'a', input: { f: 'cas', from: 1, to: 2 }, invokeMs: 0, completeMs: 1, status: 'ok' }])).toThrow(/ni una escritura/);
    expect(() => registerView('x' as never)).toThrow(/lista de operaciones/);
  });
});
