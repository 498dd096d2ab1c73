/**
 * The bank's operations and their rules, as pure functions: what a client may ask (deposit,
 * withdraw, transfer, balance), how a request is validated (unknown account, a negative or
 * fractional amount, a transfer to oneself, a malformed request: a Spanish error), and what
 * an operation does to a set of balances.
 * @packageDocumentation
 */

/** An operation on the bank. Amounts are whole euros (positive integers). */
export type BankOperation =
  | { readonly f: 'deposit'; readonly account: string; readonly amount: number }
  | { readonly f: 'withdraw'; readonly account: string; readonly amount: number }
  | { readonly f: 'transfer'; readonly from: string; readonly to: string; readonly amount: number }
  | { readonly f: 'balance'; readonly account: string };

/** What an operation answers: `'ok'`, `'insufficient'` (not enough money, nothing changed) or a balance. */
export type BankResult = 'ok' | 'insufficient' | number;

/** The accounts of the chapter's bank, and their opening balance (euros). */
export const BANK_ACCOUNTS: readonly string[] = ['ana', 'bruno', 'carmen'];

/** Opening balance of every account (euros). */
export const OPENING_BALANCE = 100;

/** Largest amount accepted in one operation (a sanity bound against hostile input). */
export const MAX_AMOUNT = 1_000_000;

/**
 * Validates a request's operation: returns it typed, or a Spanish error naming what is wrong.
 * Never throws, whatever `input` is.
 *
 * @example
 * validateOperation({ f: 'transfer', from: 'ana', to: 'ana', amount: 5 }, BANK_ACCOUNTS);
 * // { ok: false, error: 'transferencia de «ana» a sí misma' }
 */
export function validateOperation(
  input: unknown,
  accounts: readonly string[],
): { readonly ok: true; readonly operation: BankOperation } | { readonly ok: false; readonly error: string } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, error: 'petición mal formada: se esperaba un objeto' };
  const op = input as Record<string, unknown>;
  const account = (field: string): string | undefined => {
    const value = op[field];
    return typeof value === 'string' && accounts.includes(value) ? value : undefined;
  };
  const unknownAccount = (field: string) => ({ ok: false as const, error: `cuenta desconocida en «${field}»: ${JSON.stringify(op[field]) ?? 'ausente'}` });
  const amountError = amountProblem(op['amount']);
  switch (op['f']) {
    case 'balance': {
      const a = account('account');
      return a === undefined ? unknownAccount('account') : { ok: true, operation: { f: 'balance', account: a } };
    }
    case 'deposit':
    case 'withdraw': {
      const a = account('account');
      if (a === undefined) return unknownAccount('account');
      if (amountError !== undefined) return { ok: false, error: amountError };
      return { ok: true, operation: { f: op['f'], account: a, amount: op['amount'] as number } };
    }
    case 'transfer': {
      const from = account('from');
      const to = account('to');
      if (from === undefined) return unknownAccount('from');
      if (to === undefined) return unknownAccount('to');
      if (from === to) return { ok: false, error: `transferencia de «${from}» a sí misma` };
      if (amountError !== undefined) return { ok: false, error: amountError };
      return { ok: true, operation: { f: 'transfer', from, to, amount: op['amount'] as number } };
    }
    default:
      return { ok: false, error: `operación desconocida: ${JSON.stringify(op['f']) ?? 'ausente'} (se esperaba deposit, withdraw, transfer o balance)` };
  }
}

function amountProblem(amount: unknown): string | undefined {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return `importe no numérico: ${JSON.stringify(amount) ?? 'ausente'}`;
  if (!Number.isInteger(amount)) return `importe no entero: ${amount} (se trabaja en euros enteros)`;
  if (amount <= 0) return `importe no positivo: ${amount}`;
  if (amount > MAX_AMOUNT) return `importe demasiado grande: ${amount} (máximo ${MAX_AMOUNT})`;
  return undefined;
}

/** The change each account gets from an operation that succeeds (negative for money out). */
export function operationDeltas(op: BankOperation): ReadonlyMap<string, number> {
  switch (op.f) {
    case 'deposit':
      return new Map([[op.account, op.amount]]);
    case 'withdraw':
      return new Map([[op.account, -op.amount]]);
    case 'transfer':
      return new Map([
        [op.from, -op.amount],
        [op.to, op.amount],
      ]);
    case 'balance':
      return new Map();
  }
}

/** The account money leaves, if any: withdrawals and transfers need enough in it. */
export function debitedAccount(op: BankOperation): string | undefined {
  return op.f === 'withdraw' ? op.account : op.f === 'transfer' ? op.from : undefined;
}

/**
 * Applies an operation to balances (a copy; the argument is not modified): the answer and the
 * new balances. A withdrawal or transfer larger than the balance answers `'insufficient'` and
 * changes nothing.
 */
export function applyOperation(balances: ReadonlyMap<string, number>, op: BankOperation): { result: BankResult; balances: Map<string, number> } {
  const next = new Map(balances);
  if (op.f === 'balance') return { result: balances.get(op.account) ?? 0, balances: next };
  const debited = debitedAccount(op);
  if (debited !== undefined && (balances.get(debited) ?? 0) < op.amount) return { result: 'insufficient', balances: next };
  for (const [account, delta] of operationDeltas(op)) next.set(account, (next.get(account) ?? 0) + delta);
  return { result: 'ok', balances: next };
}

/** Opening balances of `accounts`. */
export function openingBalances(accounts: readonly string[] = BANK_ACCOUNTS, opening = OPENING_BALANCE): Map<string, number> {
  return new Map(accounts.map((a) => [a, opening]));
}

/** Short Spanish text for an operation: `transfer ana→bruno 30`. */
export function describeOperation(op: BankOperation): string {
  switch (op.f) {
    case 'deposit':
      return `ingreso ${op.account} +${op.amount}`;
    case 'withdraw':
      return `retirada ${op.account} −${op.amount}`;
    case 'transfer':
      return `transferencia ${op.from}→${op.to} ${op.amount}`;
    case 'balance':
      return `saldo ${op.account}`;
  }
}
