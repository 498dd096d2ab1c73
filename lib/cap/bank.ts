/**
 * The replicated bank's node factory and its client: one entry point for CP and AP replicas.
 * @packageDocumentation
 */
import { closedLoopClient } from '../sim/closed-loop-client';
import type { ClosedLoopClient, ClosedLoopClientOptions } from '../sim/closed-loop-client';
import type { NodeFactory } from '../sim/types';
import type { Rng } from '../random/index';
import { ApReplica } from './ap-node';
import { CpReplica } from './cp-node';
import type { BankMessage } from './messages';
import type { BankOperation, BankResult } from './operations';
import { DEFAULT_BANK_OPTIONS } from './options';
import type { BankNodeOptions } from './options';

/** A bank replica of either mode. */
export type BankReplica = CpReplica | ApReplica;

/**
 * The factory of bank replicas for a `Simulation`: CP (majority through a primary) or AP
 * (every replica answers; reconcile with `strategy`).
 *
 * @example
 * const sim = new Simulation<BankMessage, BankReplica>({ seed: 1, nodeIds: ['eu1', 'eu2', 'eu3', 'us1', 'us2'],
 *   createNode: bankReplica({ mode: 'ap', strategy: 'pn-counter' }), clients: { ids: ['c1'], createClient: bankClient() } });
 */
export function bankReplica(options: Partial<BankNodeOptions> = {}): NodeFactory<BankMessage, BankReplica> {
  const full: BankNodeOptions = { ...DEFAULT_BANK_OPTIONS, ...options };
  return (context) => (full.mode === 'cp' ? new CpReplica(context, full) : new ApReplica(context, full));
}

/**
 * The chapter's workload generator: balance reads (40 %), deposits, withdrawals and transfers
 * (20 % each) of 5–60 euros on random accounts.
 */
export function bankWorkload(accounts: readonly string[]): (next: { readonly rng: Rng }) => BankOperation {
  return ({ rng }) => {
    const account = rng.choice(accounts);
    const draw = rng.next();
    const amount = 5 * rng.int(1, 12);
    if (draw < 0.4) return { f: 'balance', account };
    if (draw < 0.6) return { f: 'deposit', account, amount };
    if (draw < 0.8) return { f: 'withdraw', account, amount };
    const to = rng.choice(accounts.filter((a) => a !== account));
    return { f: 'transfer', from: account, to, amount };
  };
}

/** Options of {@link bankClient}: the workload, plus any closed-loop client option. */
export interface BankClientOptions extends Partial<Omit<ClosedLoopClientOptions<BankMessage, BankOperation, BankResult>, 'encode' | 'decode'>> {
  readonly accounts?: readonly string[];
}

/**
 * A closed-loop bank client running {@link bankWorkload}, one operation at a time. `Rejected`
 * is a failure (bad input, certainly not done); after `Unavailable` it tries the next replica
 * of its region, and gives up with a failure (every attempt refused) or an unknown outcome
 * (some attempt timed out).
 */
export function bankClient(options: BankClientOptions = {}): NodeFactory<BankMessage, ClosedLoopClient<BankMessage, BankOperation, BankResult>> {
  const accounts = options.accounts ?? DEFAULT_BANK_OPTIONS.accounts;
  return closedLoopClient<BankMessage, BankOperation, BankResult>({
    thinkMs: { minMs: 10, maxMs: 60 },
    timeoutMs: 250,
    retries: 1,
    ...options,
    operations: options.operations ?? bankWorkload(accounts),
    encode: (op, { requestId }) => ({ type: 'Request', requestId, op }),
    decode: (m) => {
      if (m.type === 'Reply') return { kind: 'ok', requestId: m.requestId, output: m.result };
      if (m.type === 'Rejected') return { kind: 'fail', requestId: m.requestId };
      // A refusal is certain only if no earlier attempt may have reached the primary: as a
      // redirect, the client tries its region's next replica and, when it gives up, records
      // a failure if every attempt was refused, an unknown outcome if one timed out.
      if (m.type === 'Unavailable') return { kind: 'redirect', requestId: m.requestId };
      return undefined;
    },
  });
}
