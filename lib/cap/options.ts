/**
 * Options of the replicated bank's nodes.
 * @packageDocumentation
 */
import type { NodeId } from '../sim/types';
import type { ReconcileFunctions, ReconcileStrategy } from './reconcile';

/** What the bank chooses under a partition: consistency (CP) or availability (AP). */
export type CapMode = 'cp' | 'ap';

/** Options every bank replica takes (see {@link bankReplica}). */
export interface BankNodeOptions {
  readonly mode: CapMode;
  /** AP only: how replicas reconcile (default `'lww'`). */
  readonly strategy: ReconcileStrategy;
  readonly accounts: readonly string[];
  /** Opening balance of every account (euros). */
  readonly opening: number;
  /** CP only: the primary (default: the first node). */
  readonly primary?: NodeId;
  /** CP: heartbeat / replication period (ms). */
  readonly heartbeatMs: number;
  /** CP: how long without hearing a majority before refusing (ms). */
  readonly leaseMs: number;
  /** AP: anti-entropy period (ms): each replica sends its state to every other. */
  readonly gossipMs: number;
  /** AP: replace the kit's PN-counter merge or LWW comparison (the chapter's exercises). */
  readonly reconcile?: Partial<ReconcileFunctions>;
}

/** The defaults of {@link BankNodeOptions}. */
export const DEFAULT_BANK_OPTIONS: BankNodeOptions = {
  mode: 'cp',
  strategy: 'lww',
  accounts: ['ana', 'bruno', 'carmen'],
  opening: 100,
  heartbeatMs: 20,
  leaseMs: 150,
  gossipMs: 50,
};
