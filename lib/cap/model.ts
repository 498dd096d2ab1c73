/**
 * The bank as a sequential model for lib/linearizability: one copy of every balance.
 * Transfers touch two accounts, so the history is not split by key.
 * @packageDocumentation
 */
import type { Model } from '../linearizability/model';
import { UNKNOWN } from '../linearizability/model';
import { applyOperation, describeOperation, openingBalances } from './operations';
import type { BankOperation, BankResult } from './operations';

/**
 * The bank's model: a read must return the current balance, a withdrawal or transfer answers
 * `'insufficient'` exactly when the money is not there.
 *
 * @example
 * checkLinearizability(bankModel(), sim.history).verdict; // 'ok' in CP mode
 */
export function bankModel(options: { accounts?: readonly string[]; opening?: number } = {}): Model<ReadonlyMap<string, number>, BankOperation, BankResult> {
  const initial = openingBalances(options.accounts, options.opening);
  const text = (state: ReadonlyMap<string, number>) => [...state].map(([a, b]) => `${a}=${b}`).join(' ');
  return {
    name: 'banco',
    init: () => initial,
    step(state, input, out) {
      const { result, balances } = applyOperation(state, input);
      if (out === UNKNOWN || out === result) return { ok: true, state: balances };
      return { ok: false };
    },
    readOnly: (input) => input.f === 'balance',
    partition: (history) => [history],
    hash: text,
    describe: text,
    describeOperation: (input, out) => `${describeOperation(input)}${out === UNKNOWN ? ' → ?' : ` → ${String(out)}`}`,
  };
}
