/**
 * The replicated bank's messages: client requests and answers, the CP primary's log
 * replication, and the AP replicas' anti-entropy.
 * @packageDocumentation
 */
import type { BankOperation, BankResult } from './operations';
import type { AccountState } from './reconcile';

/** One entry of the CP primary's log: an operation, its request id and its answer. */
export interface LogEntry {
  readonly requestId: string;
  readonly op: BankOperation;
  readonly result: BankResult;
}

/** Messages of the bank. */
export type BankMessage =
  /** Client → replica. `op` is unvalidated input: the replica checks it. */
  | { readonly type: 'Request'; readonly requestId: string; readonly op: unknown }
  /** Replica → client: the operation took effect (or was refused for lack of money) with this answer. */
  | { readonly type: 'Reply'; readonly requestId: string; readonly result: BankResult }
  /** Replica → client: bad input, nothing changed. */
  | { readonly type: 'Rejected'; readonly requestId: string; readonly error: string }
  /** CP replica → client: no majority reachable, the operation was not done. */
  | { readonly type: 'Unavailable'; readonly requestId: string; readonly reason: string }
  /** CP backup → primary: a client's request, answered back through the backup. */
  | { readonly type: 'Forward'; readonly requestId: string; readonly client: string; readonly op: BankOperation }
  /** CP primary → backup: the answer to a forwarded request. */
  | { readonly type: 'ForwardReply'; readonly requestId: string; readonly client: string; readonly answer: ClientAnswer }
  /** CP primary → backup: log entries from `fromIndex`, and the commit index (also a heartbeat). */
  | { readonly type: 'Append'; readonly fromIndex: number; readonly entries: readonly LogEntry[]; readonly commitIndex: number }
  /** CP backup → primary: how many entries of the primary's log it holds. */
  | { readonly type: 'AppendAck'; readonly matchIndex: number }
  /** AP replica → replica: its whole state (state-based anti-entropy). */
  | { readonly type: 'Sync'; readonly accounts: readonly (readonly [string, AccountState])[] };

/** What a client is finally told. */
export type ClientAnswer = Extract<BankMessage, { type: 'Reply' | 'Rejected' | 'Unavailable' }>;
