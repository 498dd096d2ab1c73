/**
 * Recovery from the last checkpoint plus a message log: an account server logs every operation
 * to its disk (and fsyncs) before acknowledging it, and checkpoints its whole state every
 * `checkpointEvery` operations (then the log can start over). After a crash it loads the
 * checkpoint and replays the log: no acknowledged operation is lost, none is applied twice.
 * Two catalogued bugs: `ackBeforeLog` (reply, then fsync: a crash in between loses an
 * acknowledged deposit) and `checkpointOnly` (no log: everything since the last checkpoint is lost).
 */
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode, ReadonlyDurableStore } from '../sim/types';
import { fsync, output, send } from '../sim/types';

/** The account protocol: a deposit with a unique tag (the client's request), and its reply. */
export type AccountMessage =
  | { readonly type: 'Deposit'; readonly requestId: string; readonly tag: string; readonly amount: number }
  | { readonly type: 'DepositOk'; readonly requestId: string; readonly balance: number };

/** A deposit as clients invoke it (the tag makes it unique in the history). */
export interface DepositInput {
  readonly amount: number;
  readonly tag: string;
}

/** The account's state: its balance and the deposits applied, by tag. */
export interface AccountState {
  balance: number;
  applied: Record<string, number>;
}

/** Options of {@link accountServer}. */
export interface AccountServerOptions {
  /** Checkpoint every this many operations (default 5). */
  readonly checkpointEvery?: number;
  /** Bug: reply before the log entry is fsynced. */
  readonly ackBeforeLog?: boolean;
  /** Bug: no operation log at all, only checkpoints. */
  readonly checkpointOnly?: boolean;
}

/**
 * What a restart recovers from a disk: the last checkpoint, then the logged operations after it
 * (deduplicated by tag). Pure: the checker calls it on a crashed server's disk too.
 */
export function recoverAccount(disk: ReadonlyDurableStore): AccountState {
  const checkpoint = disk.get<AccountState>('checkpoint') ?? { balance: 0, applied: {} };
  const state: AccountState = { balance: checkpoint.balance, applied: { ...checkpoint.applied } };
  for (const entry of disk.readLog<DepositInput>('ops')) {
    if (state.applied[entry.tag] !== undefined) continue;
    state.applied[entry.tag] = entry.amount;
    state.balance += entry.amount;
  }
  return state;
}

/** The account server. */
export class AccountServer implements ProtocolNode<AccountMessage> {
  readonly id: NodeId;
  /** The in-memory state (volatile; rebuilt on restart by {@link recoverAccount}). */
  state: AccountState;
  private sinceCheckpoint = 0;

  constructor(private readonly context: NodeContext, private readonly options: AccountServerOptions) {
    this.id = context.id;
    this.state = recoverAccount(context.durable);
    this.sinceCheckpoint = context.durable.logLength('ops');
  }

  start(): Effect<AccountMessage>[] {
    return [output('recovered', { balance: this.state.balance, operations: Object.keys(this.state.applied).length })];
  }

  step(input: Input<AccountMessage>): Effect<AccountMessage>[] {
    if (input.type !== 'message') return [];
    const m = input.message as Partial<Record<string, unknown>> | null;
    if (typeof m !== 'object' || m === null || m.type !== 'Deposit' || typeof m.requestId !== 'string' || typeof m.tag !== 'string' || !Number.isSafeInteger(m.amount) || (m.amount as number) <= 0) {
      return [output('ignored', { from: input.from, reason: 'depósito mal formado' })];
    }
    const deposit = { tag: m.tag, amount: m.amount as number };
    const reply = send<AccountMessage>(input.from, { type: 'DepositOk', requestId: m.requestId, balance: this.state.balance });
    // A retry of an applied deposit: answer again, apply nothing.
    if (this.state.applied[deposit.tag] !== undefined) return [reply];
    this.state.applied[deposit.tag] = deposit.amount;
    this.state.balance += deposit.amount;
    const ok = send<AccountMessage>(input.from, { type: 'DepositOk', requestId: m.requestId, balance: this.state.balance });
    const disk = this.context.durable;
    const effects: Effect<AccountMessage>[] = [output('applied', deposit)];
    if (!this.options.checkpointOnly) disk.append('ops', deposit);
    this.sinceCheckpoint++;
    if (this.sinceCheckpoint >= (this.options.checkpointEvery ?? 5)) {
      // The checkpoint covers everything logged so far, so the log starts over.
      disk.set('checkpoint', this.state);
      disk.truncateLog('ops', 0);
      this.sinceCheckpoint = 0;
      effects.push(output('checkpoint', { balance: this.state.balance }));
    }
    // Write-ahead: the entry must be on disk before the client hears "ok".
    return this.options.ackBeforeLog ? [...effects, ok, fsync()] : [...effects, fsync(), ok];
  }
}

/**
 * An account server factory.
 *
 * @example
 * new Simulation({ seed: 1, nodeIds: ['bank'], durability: 'fsync', createNode: accountServer({ checkpointEvery: 5 }), … });
 */
export function accountServer(options: AccountServerOptions = {}): NodeFactory<AccountMessage, AccountServer> {
  const every = options.checkpointEvery ?? 5;
  if (!Number.isSafeInteger(every) || every < 1) throw new RangeError(`accountServer: checkpointEvery debe ser un entero ≥ 1, recibido ${String(every)}`);
  return (context) => new AccountServer(context, options);
}
