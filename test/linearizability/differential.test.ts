import { describe, expect, it } from 'vitest';
import { checkLinearizability, counterModel, keyValueModel, queueModel, registerModel } from '../../lib/linearizability/index';
import type { History, Model } from '../../lib/linearizability/index';
import { createRng } from '../../lib/random/index';
import type { Rng } from '../../lib/random/index';
import { bruteForceLinearizable, bruteForceLongestPrefix, prefixSize, witnessProblem } from './brute-force';
import { randomAppendHistory, randomCounterHistory, randomQueueHistory, randomRegisterHistory } from './random-histories';

const CASES = 2_000;

function differential(name: string, model: Model<any, any, any>, generate: (rng: Rng) => History, cases = CASES): void {
  const CASES = cases;
  it(`agrees with the brute-force checker on ${CASES} random ${name} histories (seeds 0..${CASES - 1})`, () => {
    const verdicts = { ok: 0, illegal: 0 };
    let infoMatters = 0;
    for (let seed = 0; seed < CASES; seed++) {
      const history = generate(createRng(`lin-${name}-${seed}`));
      const expected = bruteForceLinearizable(model, history) ? 'ok' : 'illegal';
      const memo = checkLinearizability(model, history);
      const plain = checkLinearizability(model, history, { memoize: false });
      const context = `seed ${seed}: ${JSON.stringify(history)}`;
      expect(memo.verdict, context).toBe(expected);
      expect(plain.verdict, context).toBe(expected);
      const part = memo.partitions[0];
      if (part !== undefined) {
        // The order returned is a witness (ok) or a legal, real-time-respecting prefix (illegal).
        expect(witnessProblem(model, history, part.linearization, expected === 'ok'), context).toBeUndefined();
        if (expected === 'illegal') {
          expect(part.firstImpossible, context).toBeDefined();
          expect(part.linearization, context).not.toContain(part.firstImpossible);
          // And it is the longest one: most ok operations, then most operations (README).
          expect(part.prefixExact, context).toBe(true);
          expect(prefixSize(history, part.linearization), `longest prefix, ${context}`).toEqual(bruteForceLongestPrefix(model, history));
        }
      }
      verdicts[expected] += 1;
      // Count histories whose verdict changes if the unknown ops had certainly failed.
      const dropped = history.map((op) => (op.status === 'info' ? { ...op, status: 'fail' as const, completeMs: op.invokeMs } : op));
      if ((bruteForceLinearizable(model, dropped) ? 'ok' : 'illegal') !== expected) infoMatters += 1;
    }
    // Both verdicts must be well represented, or the property tests little.
    expect(verdicts.ok).toBeGreaterThan(CASES / 5);
    expect(verdicts.illegal).toBeGreaterThan(CASES / 5);
    // And unknown outcomes must decide the verdict in a fair share of them.
    expect(infoMatters).toBeGreaterThan(CASES / 100);
  });
}

describe('checkLinearizability vs brute force (differential)', () => {
  differential('register', registerModel({ initial: 0 }), (rng) => randomRegisterHistory(rng, 8));
  differential('queue', queueModel(), (rng) => randomQueueHistory(rng, 8));
  // Many unknown outcomes: exercises the cache's subsumption of info operations.
  differential('register-many-info', registerModel({ initial: 0 }), (rng) => randomRegisterHistory(rng, 9, 0.4));
  differential('queue-many-info', queueModel(), (rng) => randomQueueHistory(rng, 9, 0.4));
  differential('append-log', keyValueModel(), (rng) => randomAppendHistory(rng, 8, 0.25), 1_500);
  differential('counter', counterModel(), (rng) => randomCounterHistory(rng, 8, 0.25), 1_500);
});
