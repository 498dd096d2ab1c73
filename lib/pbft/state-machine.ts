/**
 * The replicated service of the PBFT chapter: bank accounts and transfers, as in the
 * lecture's example ("Transferir $10 de A a B"), plus the per-client last reply that makes a
 * retried request answer the same way.
 */
import type { ClientRequest, ReplicaState } from './messages';
import { hashText } from './messages';

/** Initial balances: A, B and C with 100 each. */
export const INITIAL_BALANCES: readonly (readonly [string, number])[] = [['A', 100], ['B', 100], ['C', 100]];

/** The empty service state. */
export function initialState(): ReplicaState {
  return { balances: INITIAL_BALANCES.map(([a, b]) => [a, b] as const), lastReply: [] };
}

/**
 * Applies one operation `transfer FROM TO AMOUNT` (or `balance ACCOUNT`) and returns the
 * result text and the new balances; an operation it does not understand gives an error
 * result and changes nothing (bad client input never crashes a replica).
 */
export function applyOperation(balances: Map<string, number>, op: string): string {
  const parts = op.trim().split(/\s+/);
  if (parts[0] === 'balance' && parts.length === 2) return `${parts[1]}=${balances.get(parts[1] as string) ?? 0}`;
  if (parts[0] !== 'transfer' || parts.length !== 4) return `error: operación desconocida «${op}»`;
  const [, from, to, text] = parts as [string, string, string, string];
  const amount = Number(text);
  if (!Number.isInteger(amount) || amount <= 0) return `error: importe no válido «${text}»`;
  const have = balances.get(from) ?? 0;
  if (have < amount) return `error: saldo insuficiente en ${from}`;
  balances.set(from, have - amount);
  balances.set(to, (balances.get(to) ?? 0) + amount);
  return `ok ${from}=${balances.get(from)} ${to}=${balances.get(to)}`;
}

/** A digest of a service state (for checkpoints). */
export function stateDigest(state: ReplicaState): string {
  return hashText(JSON.stringify(state));
}

/** The reply a replica already sent for this request, if it is the client's latest. */
export function cachedReply(state: { lastReply: Map<string, { timestamp: number; result: string }> }, request: ClientRequest): { timestamp: number; result: string } | undefined {
  const last = state.lastReply.get(request.client);
  return last !== undefined && last.timestamp >= request.timestamp ? last : undefined;
}
