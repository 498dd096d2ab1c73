/**
 * Raft-lite's messages (named after the paper's Figure 2), log entries, roles, options and
 * applied outputs.
 */
import type { NodeId } from '../types';

/** One log entry: the term in which a leader received it, and the client's command. */
export interface RaftLiteEntry {
  readonly term: number;
  readonly command: string;
}

/** Raft-lite's messages, named after the paper (Figure 2); `ClientRequest` comes from outside. */
export type RaftLiteMessage =
  | { readonly type: 'RequestVote'; readonly term: number; readonly candidateId: NodeId; readonly lastLogIndex: number; readonly lastLogTerm: number }
  | { readonly type: 'RequestVoteReply'; readonly term: number; readonly voteGranted: boolean }
  | {
      readonly type: 'AppendEntries';
      readonly term: number;
      readonly leaderId: NodeId;
      readonly prevLogIndex: number;
      readonly prevLogTerm: number;
      readonly entries: readonly RaftLiteEntry[];
      readonly leaderCommit: number;
    }
  | { readonly type: 'AppendEntriesReply'; readonly term: number; readonly success: boolean; readonly matchIndex: number }
  | { readonly type: 'ClientRequest'; readonly command: string };

/** A node's role (§5.1). */
export type RaftLiteRole = 'follower' | 'candidate' | 'leader';

/** Options of {@link raftLite}: timing and the bug flags. */
export interface RaftLiteOptions {
  /** Election timeout, drawn uniformly in `[min, max]` ms on every reset (default 150–300, §5.2). */
  readonly electionTimeoutMsMin?: number;
  readonly electionTimeoutMsMax?: number;
  /** Heartbeat period of a leader (default 50 ms). */
  readonly heartbeatMs?: number;
  /** Most entries in one AppendEntries (default 64). */
  readonly maxEntriesPerMessage?: number;
  /** Bug: commit an entry of an earlier term once a majority stores it (Raft §5.4.2, Figure 8). */
  readonly figure8Bug?: boolean;
  /** Bug: keep `currentTerm` and `votedFor` in memory only (Raft Figure 2 says: persist before replying). */
  readonly unpersistedVotes?: boolean;
}

/** What a node reports with `output('apply', …)` for each entry it applies, in index order. */
export interface RaftLiteApply {
  readonly index: number;
  readonly term: number;
  readonly command: string;
  /** The node's `currentTerm` when it applied: the entry was committed in this term or earlier. */
  readonly atTerm: number;
}
