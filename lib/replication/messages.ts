/**
 * The messages of the replication protocols of chapter 05: client requests and replies,
 * primary-backup replication (`Replicate`, `ReplicateAck`, `Promote`), and the leaderless
 * quorum store's (`Put`, `PutAck`, `Get`, `GetReply`, `Hint`, `HintAck`).
 */
import type { NodeId } from '../sim/types';

/** A client's write: a value for a key; `critical` writes are synchronous in the criticality mode. */
export interface WriteInput {
  readonly f: 'write';
  readonly key: string;
  readonly value: string;
  readonly critical?: boolean;
}

/** A client's read of a key. */
export interface ReadInput {
  readonly f: 'read';
  readonly key: string;
}

/** What a client may ask a replicated store. */
export type ReplicationInput = WriteInput | ReadInput;

/** One entry of the primary's log: the write and the request that asked for it. */
export interface LogEntry {
  /** Position in the log, from 1. */
  readonly index: number;
  readonly key: string;
  readonly value: string;
  readonly requestId: string;
  readonly critical: boolean;
}

/** The messages of {@link primaryBackup}. */
export type PrimaryBackupMessage =
  | { readonly type: 'Request'; readonly requestId: string; readonly input: ReplicationInput }
  | { readonly type: 'Reply'; readonly requestId: string; readonly output: unknown }
  | { readonly type: 'NotPrimary'; readonly requestId: string; readonly primary?: NodeId }
  /** Primary → backup: log entries from `entries[0].index` on, in epoch `epoch`. */
  | { readonly type: 'Replicate'; readonly epoch: number; readonly entries: readonly LogEntry[] }
  /** Backup → primary: my log holds every entry up to `matchIndex`. */
  | { readonly type: 'ReplicateAck'; readonly epoch: number; readonly matchIndex: number }
  /** Operator (failover) → the chosen backup: you are the primary of `epoch`, with these backups. */
  | { readonly type: 'Promote'; readonly epoch: number; readonly backups: readonly NodeId[] };

/** A version of a value in the quorum store: a counter, tie-broken by the coordinator's id. */
export interface Version {
  readonly counter: number;
  readonly by: NodeId;
}

/** A value with its version, as a replica stores it. */
export interface Versioned {
  readonly value: string | null;
  readonly version: Version;
}

/** The messages of {@link quorumStore}. */
export type QuorumMessage =
  | { readonly type: 'Request'; readonly requestId: string; readonly input: ReplicationInput }
  | { readonly type: 'Reply'; readonly requestId: string; readonly output: unknown }
  | { readonly type: 'Unavailable'; readonly requestId: string }
  /** Coordinator → replica: store this version (`hintFor`: keep it for that node, hinted handoff). */
  | { readonly type: 'Put'; readonly op: string; readonly key: string; readonly item: Versioned; readonly hintFor?: NodeId }
  | { readonly type: 'PutAck'; readonly op: string }
  | { readonly type: 'Get'; readonly op: string; readonly key: string }
  | { readonly type: 'GetReply'; readonly op: string; readonly key: string; readonly item?: Versioned };
