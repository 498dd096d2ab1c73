/**
 * The AP bank replica: it answers every request from its own copy at once, and every
 * `gossipMs` sends its whole state to every other replica (state-based anti-entropy), which
 * merges it with the chosen strategy (LWW on HLC, PN-counter, siblings). During a partition
 * the two sides diverge; after the heal they converge, each strategy in its own way.
 * @packageDocumentation
 */
import type { HlcTimestamp } from '../clocks/hlc';
import { compareHlc, hlcLocal, hlcReceive } from '../clocks/hlc';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import type { BankMessage } from './messages';
import { debitedAccount, operationDeltas, validateOperation } from './operations';
import type { BankOperation, BankResult } from './operations';
import type { BankNodeOptions } from './options';
import { DEFAULT_RECONCILE, accountBalance, applyLocal, includedOps, mergeAccounts, openingAccount } from './reconcile';
import type { AccountState, ReconcileFunctions } from './reconcile';

const GOSSIP = 'gossip';

/** An AP replica. */
export class ApReplica implements ProtocolNode<BankMessage> {
  readonly id: NodeId;
  readonly mode = 'ap' as const;
  /** Each account's replicated state. */
  readonly accounts = new Map<string, AccountState>();
  /** This replica's hybrid logical clock (`l` in whole milliseconds of its local clock). */
  clock: HlcTimestamp = { l: 0, c: 0 };
  /** Answers by request id, so a retried request is not applied twice. */
  private readonly answered = new Map<string, BankResult>();
  private readonly functions: ReconcileFunctions;
  /** For each balance read: the operations the account contained when it was read (for counting stale reads). */
  readonly readSnapshots = new Map<string, readonly string[]>();

  constructor(private readonly context: NodeContext, private readonly options: BankNodeOptions) {
    this.id = context.id;
    for (const account of options.accounts) this.accounts.set(account, openingAccount(options.strategy, options.opening));
    this.functions = { ...DEFAULT_RECONCILE, ...options.reconcile };
  }

  /** The balance this replica shows for `account`. */
  balance(account: string): number {
    const state = this.accounts.get(account);
    return state === undefined ? 0 : accountBalance(state, this.options.opening);
  }

  start(): Effect<BankMessage>[] {
    return [setTimer(GOSSIP, this.options.gossipMs)];
  }

  step(input: Input<BankMessage>, nowMs: number): Effect<BankMessage>[] {
    if (input.type === 'timer') return input.name === GOSSIP ? [...this.gossip(), setTimer(GOSSIP, this.options.gossipMs)] : [];
    const m = input.message as BankMessage | null;
    if (m === null || typeof m !== 'object' || typeof (m as { type?: unknown }).type !== 'string') return [output('malformed', { from: input.from })];
    switch (m.type) {
      case 'Request':
        return this.onRequest(input.from, m, nowMs);
      case 'Sync':
        return this.onSync(input.from, m, nowMs);
      case 'Reply':
      case 'Rejected':
      case 'Unavailable':
      case 'Forward':
      case 'ForwardReply':
      case 'Append':
      case 'AppendAck':
        return [];
      default:
        return [output('malformed', { from: input.from, type: (m as { type: string }).type })];
    }
  }

  private onRequest(client: NodeId, m: Extract<BankMessage, { type: 'Request' }>, nowMs: number): Effect<BankMessage>[] {
    if (typeof m.requestId !== 'string') return [output('malformed', { from: client })];
    const valid = validateOperation(m.op, this.options.accounts);
    // `in`, not `!valid.ok`: tslab compiles notebooks without strictNullChecks, where a boolean discriminant does not narrow.
    if ('error' in valid) return [send(client, { type: 'Rejected', requestId: m.requestId, error: valid.error })];
    const known = this.answered.get(m.requestId);
    const result = known ?? this.apply(m.requestId, valid.operation, nowMs);
    this.answered.set(m.requestId, result);
    return [send(client, { type: 'Reply', requestId: m.requestId, result })];
  }

  /** Applies an operation to this replica's copy only: available, never blocked by the network. */
  private apply(requestId: string, op: BankOperation, nowMs: number): BankResult {
    if (op.f === 'balance') {
      this.readSnapshots.set(requestId, Object.keys(includedOps(this.accounts.get(op.account)!)));
      return this.balance(op.account);
    }
    const debited = debitedAccount(op);
    if (debited !== undefined && this.balance(debited) < op.amount) return 'insufficient';
    this.clock = hlcLocal(this.clock, Math.floor(nowMs));
    for (const [account, delta] of operationDeltas(op)) {
      const state = this.accounts.get(account)!;
      this.accounts.set(account, applyLocal(state, { requestId, delta, node: this.id, stamp: this.clock }));
    }
    return 'ok';
  }

  private gossip(): Effect<BankMessage>[] {
    const accounts = [...this.accounts.entries()];
    return this.context.nodeIds.filter((peer) => peer !== this.id).map((peer) => send(peer, { type: 'Sync', accounts }));
  }

  private onSync(from: NodeId, m: Extract<BankMessage, { type: 'Sync' }>, nowMs: number): Effect<BankMessage>[] {
    if (!this.context.nodeIds.includes(from) || !Array.isArray(m.accounts)) return [output('malformed', { from })];
    let newest: HlcTimestamp | undefined;
    for (const pair of m.accounts) {
      if (!Array.isArray(pair)) continue;
      const [account, theirs] = pair as [string, AccountState];
      const mine = this.accounts.get(account);
      if (mine === undefined || theirs === null || typeof theirs !== 'object' || theirs.kind !== mine.kind) continue;
      this.accounts.set(account, mergeAccounts(mine, theirs, this.functions));
      if (theirs.kind === 'lww' && (newest === undefined || compareHlc(theirs.stamp, newest) > 0)) newest = theirs.stamp;
    }
    // HLC receive rule: the clock never falls behind a timestamp it has seen.
    if (newest !== undefined) this.clock = hlcReceive(this.clock, newest, Math.floor(nowMs));
    return [];
  }
}
