/**
 * Raft's messages (Ongaro & Ousterhout 2014, Figure 2 and §7), log entries, the key-value
 * commands of the state machine, and the client messages around them.
 */
import type { NodeId } from '../sim/types';

/** A key-value operation (the 6.5840 KV service's Get / Put / Append). */
export type KvOperation =
  | { readonly f: 'get'; readonly key: string }
  | { readonly f: 'put'; readonly key: string; readonly value: string }
  | { readonly f: 'append'; readonly key: string; readonly value: string };

/** A client command: the operation plus its session (client id and sequence number, §8). */
export interface KvCommand {
  readonly clientId: string;
  readonly seq: number;
  readonly op: KvOperation;
}

/**
 * One log entry: the term in which a leader received it and its command. `command: null` is the
 * no-op a new leader appends (§8), so that entries of earlier terms commit without a client.
 */
export interface LogEntry {
  readonly term: number;
  readonly command: KvCommand | null;
}

/** The state a snapshot captures (§7): the KV map and the session table, as plain arrays. */
export interface SnapshotState {
  readonly data: readonly (readonly [string, string])[];
  readonly sessions: readonly (readonly [string, { readonly seq: number; readonly output: string | null }])[];
}

/** A snapshot: the last entry it covers and the state machine after applying it (§7). */
export interface Snapshot {
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
  readonly state: SnapshotState;
}

/** RequestVote (§5.2, Figure 2). */
export interface RequestVote {
  readonly type: 'RequestVote';
  readonly term: number;
  readonly candidateId: NodeId;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

/** RequestVote's reply. */
export interface RequestVoteReply {
  readonly type: 'RequestVoteReply';
  readonly term: number;
  readonly voteGranted: boolean;
}

/** AppendEntries (§5.3, Figure 2); no entries is a heartbeat. */
export interface AppendEntries {
  readonly type: 'AppendEntries';
  readonly term: number;
  readonly leaderId: NodeId;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly LogEntry[];
  readonly leaderCommit: number;
}

/**
 * AppendEntries' reply. `matchIndex` is the last index known to match on success (so a late or
 * duplicated reply cannot move the leader backwards). On a rejection, the fast backup of §5.3
 * ("the follower can include the term of the conflicting entry and the first index it stores for
 * that term"): `conflictTerm` (−1 when the follower's log is too short) and `conflictIndex`.
 */
export interface AppendEntriesReply {
  readonly type: 'AppendEntriesReply';
  readonly term: number;
  readonly success: boolean;
  readonly matchIndex: number;
  readonly conflictTerm: number;
  readonly conflictIndex: number;
}

/** InstallSnapshot (§7, Figure 13), in one chunk (offset 0, done = true). */
export interface InstallSnapshot {
  readonly type: 'InstallSnapshot';
  readonly term: number;
  readonly leaderId: NodeId;
  readonly lastIncludedIndex: number;
  readonly lastIncludedTerm: number;
  readonly data: SnapshotState;
}

/** InstallSnapshot's reply; `lastIncludedIndex` says which snapshot it answers. */
export interface InstallSnapshotReply {
  readonly type: 'InstallSnapshotReply';
  readonly term: number;
  readonly lastIncludedIndex: number;
}

/** A client's request: `requestId` is `<clientId>:<seq>` (what `closedLoopClient` sends). */
export interface ClientRequest {
  readonly type: 'ClientRequest';
  readonly requestId: string;
  readonly op: KvOperation;
}

/**
 * A server's answer to a client: `ok` with the operation's output (the value read; `null` for a
 * put or append), `notLeader` with a hint of who leads (§8: "if the client contacts a follower,
 * the follower rejects and supplies information about the most recent leader"), or `error` for a
 * malformed request (certainly not executed).
 */
export type ClientReply =
  | { readonly type: 'ClientReply'; readonly status: 'ok'; readonly requestId: string; readonly output: string | null }
  | { readonly type: 'ClientReply'; readonly status: 'notLeader'; readonly requestId: string; readonly leaderHint: NodeId | null }
  | { readonly type: 'ClientReply'; readonly status: 'error'; readonly requestId: string; readonly error: string };

/** Every message a Raft server sends or receives. */
export type RaftMessage = RequestVote | RequestVoteReply | AppendEntries | AppendEntriesReply | InstallSnapshot | InstallSnapshotReply | ClientRequest | ClientReply;

/** A server's role (§5.1). */
export type RaftRole = 'follower' | 'candidate' | 'leader';

/** What a server reports with `output('apply', …)` for each entry it applies, in index order. */
export interface RaftApply {
  readonly index: number;
  readonly term: number;
  /** `"<clientId>:<seq> <op>"`, or `"no-op"`: what the checkers compare. */
  readonly command: string;
  /** The server's `currentTerm` when it applied: the entry was committed in this term or earlier. */
  readonly atTerm: number;
}
