/**
 * Every consistency checker by rule name, and one call that runs them all.
 * @packageDocumentation
 */
import type { History } from '../linearizability/history';
import { checkCausal, checkEventual, checkLinearizable, checkSequential } from './models';
import { checkMonotonicReads, checkReadYourWrites, checkWritesFollowReads } from './session';
import type { ConsistencyOptions, ConsistencyResult, ConsistencyRule } from './view';

/** The checkers, strongest model first, then the session guarantees, then convergence. */
export const CONSISTENCY_CHECKERS: readonly {
  readonly rule: ConsistencyRule;
  readonly label: string;
  readonly check: (history: History, options?: ConsistencyOptions) => ConsistencyResult;
}[] = [
  { rule: 'linearizable', label: 'linealizable', check: checkLinearizable },
  { rule: 'sequential', label: 'secuencial', check: checkSequential },
  { rule: 'causal', label: 'causal', check: checkCausal },
  { rule: 'read-your-writes', label: 'leer tus escrituras', check: checkReadYourWrites },
  { rule: 'monotonic-reads', label: 'lecturas monótonas', check: checkMonotonicReads },
  { rule: 'writes-follow-reads', label: 'escrituras tras lecturas', check: checkWritesFollowReads },
  { rule: 'eventual', label: 'eventual (converge)', check: checkEventual },
];

/**
 * Runs every checker on one history: a record rule → result.
 * @example
 * const verdicts = checkAll(CONSISTENCY_EXAMPLES[1]!.history); // linearizable: { ok: false, … }
 */
export function checkAll(history: History, options: ConsistencyOptions = {}): Record<ConsistencyRule, ConsistencyResult> {
  const result = {} as Record<ConsistencyRule, ConsistencyResult>;
  for (const { rule, check } of CONSISTENCY_CHECKERS) result[rule] = check(history, options);
  return result;
}
