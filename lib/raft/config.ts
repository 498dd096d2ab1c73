/**
 * The options of a Raft server: timing, snapshots, the catalogued bugs and the two injectable
 * rules (§5.4.1's up-to-date check and §5.4.2's commit-index advance) with their defaults.
 */

/** The logs' positions that §5.4.1 compares: a candidate's or a voter's last entry. */
export interface LogPosition {
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
}

/**
 * §5.4.1's check: is the candidate's log at least as up-to-date as the voter's? Raft compares
 * the terms of the last entries, and on a tie the lengths.
 */
export type UpToDateRule = (candidate: LogPosition, voter: LogPosition) => boolean;

/** What a leader knows when it advances its commit index (§5.3, §5.4.2). */
export interface CommitInput {
  readonly currentTerm: number;
  readonly commitIndex: number;
  /** The highest index known replicated on each server, the leader's own last index included. */
  readonly matchIndex: readonly number[];
  /** `logTerms[i - 1]` is the term of entry `i` (entries compacted into a snapshot show 0; they are all committed). */
  readonly logTerms: readonly number[];
}

/** §5.4.2's rule: the new commit index (never below `commitIndex`). */
export type CommitRule = (input: CommitInput) => number;

/** Bugs of the catalogue, each off by default; a sweep must find each one. */
export interface RaftBugs {
  /** Commit an entry of an earlier term once a majority stores it (the paper's Figure 8, §5.4.2). */
  readonly commitOldTerms?: boolean;
  /** Keep `currentTerm` and `votedFor` in memory only (Figure 2: persist before replying). */
  readonly unpersistedVotes?: boolean;
  /** A follower truncates its log after `prevLogIndex` on every AppendEntries, even when the entries match (§5.3 says only on a conflict). */
  readonly truncateAlways?: boolean;
  /** A leader answers a get from its own state, without the log or a round of heartbeats (§8). */
  readonly readsWithoutLeadership?: boolean;
}

/** The options of {@link raftNode}. */
export interface RaftConfig {
  /** Election timeout drawn uniformly in `[min, max]` ms at each reset (§5.2; default 150–300, the paper's). */
  readonly electionTimeoutMs: readonly [number, number];
  /** A leader's heartbeat period (default 50 ms; 6.5840 allows at most 10 per second: use 100). */
  readonly heartbeatMs: number;
  /** Take a snapshot after this many applied entries since the last one (default: never, §7). */
  readonly snapshotEvery?: number;
  /** Most entries in one AppendEntries (default 64). */
  readonly maxEntriesPerMessage?: number;
  /** Append a no-op entry on becoming leader (default true, §8). */
  readonly noOpOnElection?: boolean;
  /** The catalogued bugs. */
  readonly bugs?: RaftBugs;
  /** §5.4.1's check, injectable (default {@link defaultUpToDate}); exercise 06's version plugs in here. */
  readonly upToDate?: UpToDateRule;
  /** §5.4.2's rule, injectable (default: the node's own incremental version); exercise 06's plugs in here. */
  readonly advanceCommitIndex?: CommitRule;
}

/** The defaults: the paper's 150–300 ms timeouts and 50 ms heartbeats, no snapshots, no bugs. */
export const DEFAULT_RAFT_CONFIG: RaftConfig = { electionTimeoutMs: [150, 300], heartbeatMs: 50 };

/** The timing of MIT 6.5840's tests: at most 10 heartbeats per second, a new leader well within 5 s. */
export const LAB_TIMING: Pick<RaftConfig, 'electionTimeoutMs' | 'heartbeatMs'> = { electionTimeoutMs: [300, 600], heartbeatMs: 100 };

/** §5.4.1, the node's own version: a later last term wins; with equal terms, the longer log. */
export const defaultUpToDate: UpToDateRule = (candidate, voter) =>
  candidate.lastLogTerm > voter.lastLogTerm || (candidate.lastLogTerm === voter.lastLogTerm && candidate.lastLogIndex >= voter.lastLogIndex);

/**
 * §5.4.2 as a pure function over plain data (the node's own version is incremental): the largest
 * N > commitIndex stored by a majority with `logTerms[N - 1] === currentTerm`.
 */
export const defaultAdvanceCommitIndex: CommitRule = ({ currentTerm, commitIndex, matchIndex, logTerms }) => {
  const majority = Math.floor(matchIndex.length / 2) + 1;
  for (let n = logTerms.length; n > commitIndex; n--) {
    if (logTerms[n - 1] !== currentTerm) continue;
    if (matchIndex.filter((m) => m >= n).length >= majority) return n;
  }
  return commitIndex;
};

/** Checks a config, throwing a `RangeError` that says what is wrong. */
export function validateRaftConfig(config: RaftConfig): void {
  const [min, max] = config.electionTimeoutMs;
  if (!(min > 0 && max >= min && Number.isFinite(max))) throw new RangeError(`raft: electionTimeoutMs must be [min, max] with 0 < min <= max, got ${JSON.stringify(config.electionTimeoutMs)}`);
  if (!(config.heartbeatMs > 0 && Number.isFinite(config.heartbeatMs))) throw new RangeError(`raft: heartbeatMs must be > 0, got ${config.heartbeatMs}`);
  if (config.snapshotEvery !== undefined && !(Number.isInteger(config.snapshotEvery) && config.snapshotEvery >= 1)) throw new RangeError(`raft: snapshotEvery must be an integer >= 1, got ${config.snapshotEvery}`);
  if (config.maxEntriesPerMessage !== undefined && !(Number.isInteger(config.maxEntriesPerMessage) && config.maxEntriesPerMessage >= 1)) throw new RangeError(`raft: maxEntriesPerMessage must be an integer >= 1`);
}
