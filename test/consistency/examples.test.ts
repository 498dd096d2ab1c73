import { describe, expect, it } from 'vitest';
import { CONSISTENCY_CHECKERS, CONSISTENCY_EXAMPLES, checkAll } from '../../lib/consistency/index';

describe('consistency examples: each satisfies one model and violates the next', () => {
  for (const example of CONSISTENCY_EXAMPLES) {
    for (const { rule } of CONSISTENCY_CHECKERS) {
      it(`${example.name}: ${rule} is ${example.expected[rule]}`, () => {
        const result = checkAll(example.history)[rule];
        expect(result.ok, `${example.name} ${rule}: ${result.violation?.explanation ?? result.unknown ?? 'ok'}`).toBe(example.expected[rule]);
        if (!result.ok) expect(result.violation?.rule).toBe(rule);
      });
    }
  }
});
