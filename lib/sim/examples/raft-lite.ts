/**
 * Raft-lite: a compact Raft (Ongaro & Ousterhout 2014) for sweeps and tests — leader election
 * with terms and persisted votes (§5.2), log replication (§5.3), the commit rule (§5.4.2) and
 * applied outputs — with two bugs from the catalogue that a sweep must find:
 * `figure8Bug` (a leader commits an entry of an earlier term by counting replicas, the paper's
 * Figure 8) and `unpersistedVotes` (`currentTerm` and `votedFor` live only in memory, so a
 * restarted node can vote twice in one term). No snapshots, no membership changes.
 */
import type { Rng } from '../../random/index';
import { assertNever, output, send, setTimer } from '../types';
import type { DurableStore, Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../types';
import type { RaftLiteApply, RaftLiteEntry, RaftLiteMessage, RaftLiteOptions, RaftLiteRole } from './raft-lite-messages';

export type { RaftLiteApply, RaftLiteEntry, RaftLiteMessage, RaftLiteOptions, RaftLiteRole } from './raft-lite-messages';

/** A Raft-lite server. Fields carry the paper's names; `log[0]` is index 1. */
export class RaftLiteNode implements ProtocolNode<RaftLiteMessage> {
  readonly id: NodeId;
  // Persistent state (§5, Figure 2), written to `durable` before any reply that depends on it.
  currentTerm = 0;
  votedFor: NodeId | null = null;
  readonly log: RaftLiteEntry[];
  // Volatile state.
  role: RaftLiteRole = 'follower';
  commitIndex = 0;
  lastApplied = 0;
  leaderId: NodeId | null = null;
  private votes = new Set<NodeId>();
  private nowMs = 0;
  private electionDeadlineMs = 0;
  private electionTimerArmed = false;
  // Volatile state on leaders, reinitialised after each election.
  private readonly nextIndex = new Map<NodeId, number>();
  private readonly matchIndex = new Map<NodeId, number>();

  private readonly peers: readonly NodeId[];
  private readonly majority: number;
  private readonly rng: Rng;
  private readonly durable: DurableStore;
  private readonly o: Required<RaftLiteOptions>;

  constructor(context: NodeContext, options: RaftLiteOptions = {}) {
    this.id = context.id;
    this.peers = context.nodeIds.filter((id) => id !== context.id);
    this.majority = Math.floor(context.nodeIds.length / 2) + 1;
    this.rng = context.rng;
    this.durable = context.durable;
    this.o = {
      electionTimeoutMsMin: options.electionTimeoutMsMin ?? 150,
      electionTimeoutMsMax: options.electionTimeoutMsMax ?? 300,
      heartbeatMs: options.heartbeatMs ?? 50,
      maxEntriesPerMessage: options.maxEntriesPerMessage ?? 64,
      figure8Bug: options.figure8Bug ?? false,
      unpersistedVotes: options.unpersistedVotes ?? false,
    };
    if (!this.o.unpersistedVotes) {
      this.currentTerm = this.durable.get<number>('currentTerm') ?? 0;
      this.votedFor = this.durable.get<NodeId | null>('votedFor') ?? null;
    }
    this.log = this.durable.readLog<RaftLiteEntry>('log');
  }

  start(nowMs: number): Effect<RaftLiteMessage>[] {
    this.nowMs = nowMs;
    return this.electionTimer();
  }

  step(input: Input<RaftLiteMessage>, nowMs: number): Effect<RaftLiteMessage>[] {
    this.nowMs = nowMs;
    if (input.type === 'timer') return input.name === 'election' ? this.onElectionTimeout() : this.onHeartbeatTimeout();
    const { from, message } = input;
    switch (message.type) {
      case 'RequestVote':
        return this.onRequestVote(from, message);
      case 'RequestVoteReply':
        return this.onRequestVoteReply(from, message);
      case 'AppendEntries':
        return this.onAppendEntries(from, message);
      case 'AppendEntriesReply':
        return this.onAppendEntriesReply(from, message);
      case 'ClientRequest':
        return this.onClientRequest(message.command);
      default:
        return assertNever(message);
    }
  }

  /** Index and term of the last log entry (0/0 for an empty log). */
  get lastLogIndex(): number {
    return this.log.length;
  }
  get lastLogTerm(): number {
    return this.termAt(this.log.length);
  }

  // ---- Elections (§5.2, §5.4.1) -------------------------------------------------------------

  private onElectionTimeout(): Effect<RaftLiteMessage>[] {
    this.electionTimerArmed = false;
    // Heard from a leader or voted since the timer was armed: wait for the rest of the timeout
    // (a remainder under 1 ms is rounding of a drifting clock: re-arming for it could loop).
    if (this.electionDeadlineMs - this.nowMs >= 1) return this.armElectionTimer();
    // A leader keeps the timer armed, so it still has one after it steps down.
    if (this.role === 'leader') return this.electionTimer();
    this.role = 'candidate';
    this.currentTerm += 1;
    this.votedFor = this.id;
    this.leaderId = null;
    this.persistVote();
    this.votes = new Set([this.id]);
    if (this.votes.size >= this.majority) return this.becomeLeader();
    const request: RaftLiteMessage = { type: 'RequestVote', term: this.currentTerm, candidateId: this.id, lastLogIndex: this.lastLogIndex, lastLogTerm: this.lastLogTerm };
    return [...this.peers.map((peer) => send(peer, request)), ...this.electionTimer()];
  }

  private onRequestVote(from: NodeId, m: Extract<RaftLiteMessage, { type: 'RequestVote' }>): Effect<RaftLiteMessage>[] {
    const effects: Effect<RaftLiteMessage>[] = [];
    if (m.term > this.currentTerm) this.becomeFollower(m.term);
    // §5.4.1: a voter denies a candidate whose log is less up-to-date than its own.
    const upToDate = m.lastLogTerm > this.lastLogTerm || (m.lastLogTerm === this.lastLogTerm && m.lastLogIndex >= this.lastLogIndex);
    const voteGranted = m.term === this.currentTerm && (this.votedFor === null || this.votedFor === m.candidateId) && upToDate;
    if (voteGranted) {
      this.votedFor = m.candidateId;
      this.persistVote();
      effects.push(...this.electionTimer());
    }
    effects.push(send(from, { type: 'RequestVoteReply', term: this.currentTerm, voteGranted }));
    return effects;
  }

  private onRequestVoteReply(from: NodeId, m: Extract<RaftLiteMessage, { type: 'RequestVoteReply' }>): Effect<RaftLiteMessage>[] {
    if (m.term > this.currentTerm) return this.becomeFollower(m.term), this.electionTimer();
    if (this.role !== 'candidate' || m.term !== this.currentTerm || !m.voteGranted) return [];
    this.votes.add(from);
    return this.votes.size >= this.majority ? this.becomeLeader() : [];
  }

  private becomeFollower(term: number): void {
    this.role = 'follower';
    if (term > this.currentTerm) {
      this.currentTerm = term;
      this.votedFor = null;
      this.persistVote();
    }
  }

  private becomeLeader(): Effect<RaftLiteMessage>[] {
    this.role = 'leader';
    this.leaderId = this.id;
    for (const peer of this.peers) {
      this.nextIndex.set(peer, this.lastLogIndex + 1);
      this.matchIndex.set(peer, 0);
    }
    return [...this.replicateToAll(), setTimer('heartbeat', this.o.heartbeatMs)];
  }

  // ---- Replication (§5.3) and commitment (§5.4.2) -------------------------------------------

  private onClientRequest(command: string): Effect<RaftLiteMessage>[] {
    if (this.role !== 'leader') return [];
    const entry: RaftLiteEntry = { term: this.currentTerm, command };
    this.log.push(entry);
    this.durable.append('log', entry);
    return [...this.replicateToAll(), ...this.advanceCommitIndex()];
  }

  private onHeartbeatTimeout(): Effect<RaftLiteMessage>[] {
    if (this.role !== 'leader') return [];
    return [...this.replicateToAll(), setTimer('heartbeat', this.o.heartbeatMs)];
  }

  private replicateToAll(): Effect<RaftLiteMessage>[] {
    return this.peers.map((peer) => this.appendEntriesTo(peer));
  }

  private appendEntriesTo(peer: NodeId): Effect<RaftLiteMessage> {
    const next = this.nextIndex.get(peer) ?? this.lastLogIndex + 1;
    const prevLogIndex = next - 1;
    const entries = this.log.slice(prevLogIndex, prevLogIndex + this.o.maxEntriesPerMessage);
    return send(peer, { type: 'AppendEntries', term: this.currentTerm, leaderId: this.id, prevLogIndex, prevLogTerm: this.termAt(prevLogIndex), entries, leaderCommit: this.commitIndex });
  }

  private onAppendEntries(from: NodeId, m: Extract<RaftLiteMessage, { type: 'AppendEntries' }>): Effect<RaftLiteMessage>[] {
    if (m.term < this.currentTerm) return [send(from, { type: 'AppendEntriesReply', term: this.currentTerm, success: false, matchIndex: 0 })];
    this.becomeFollower(m.term);
    this.leaderId = m.leaderId;
    const reset = this.electionTimer();
    // §5.3: reject unless our log holds an entry at prevLogIndex whose term matches prevLogTerm.
    if (m.prevLogIndex > this.log.length || this.termAt(m.prevLogIndex) !== m.prevLogTerm) {
      const hint = Math.min(this.log.length, m.prevLogIndex - 1);
      return [...reset, send(from, { type: 'AppendEntriesReply', term: this.currentTerm, success: false, matchIndex: hint })];
    }
    m.entries.forEach((entry, k) => {
      const index = m.prevLogIndex + 1 + k;
      const existing = this.log[index - 1];
      if (existing !== undefined && existing.term === entry.term) return;
      // §5.3: a conflicting entry and all that follow it are deleted.
      if (existing !== undefined) {
        this.log.length = index - 1;
        this.durable.truncateLog('log', index - 1);
      }
      this.log.push(entry);
      this.durable.append('log', entry);
    });
    const lastNew = m.prevLogIndex + m.entries.length;
    if (m.leaderCommit > this.commitIndex) this.commitIndex = Math.max(this.commitIndex, Math.min(m.leaderCommit, lastNew));
    return [...reset, send(from, { type: 'AppendEntriesReply', term: this.currentTerm, success: true, matchIndex: lastNew }), ...this.applyCommitted()];
  }

  private onAppendEntriesReply(from: NodeId, m: Extract<RaftLiteMessage, { type: 'AppendEntriesReply' }>): Effect<RaftLiteMessage>[] {
    if (m.term > this.currentTerm) return this.becomeFollower(m.term), this.electionTimer();
    if (this.role !== 'leader' || m.term !== this.currentTerm) return [];
    if (!m.success) {
      this.nextIndex.set(from, Math.max(1, Math.min((this.nextIndex.get(from) ?? 1) - 1, m.matchIndex + 1)));
      return [this.appendEntriesTo(from)];
    }
    if (m.matchIndex > (this.matchIndex.get(from) ?? 0)) this.matchIndex.set(from, m.matchIndex);
    this.nextIndex.set(from, Math.max(this.nextIndex.get(from) ?? 1, m.matchIndex + 1));
    return this.advanceCommitIndex();
  }

  /**
   * §5.4.2: a leader commits index N once a majority stores it AND `log[N].term` is its current
   * term; entries of earlier terms are committed only indirectly. `figure8Bug` drops the term test.
   */
  private advanceCommitIndex(): Effect<RaftLiteMessage>[] {
    for (let n = this.log.length; n > this.commitIndex; n--) {
      if (!this.o.figure8Bug && this.termAt(n) !== this.currentTerm) break;
      let replicas = 1;
      for (const match of this.matchIndex.values()) if (match >= n) replicas++;
      if (replicas >= this.majority) {
        this.commitIndex = n;
        return this.applyCommitted();
      }
    }
    return [];
  }

  private applyCommitted(): Effect<RaftLiteMessage>[] {
    const effects: Effect<RaftLiteMessage>[] = [];
    while (this.lastApplied < this.commitIndex) {
      this.lastApplied++;
      const entry = this.log[this.lastApplied - 1] as RaftLiteEntry;
      const applied: RaftLiteApply = { index: this.lastApplied, term: entry.term, command: entry.command, atTerm: this.currentTerm };
      effects.push(output('apply', applied));
    }
    return effects;
  }

  // ---- Helpers --------------------------------------------------------------------------------

  private termAt(index: number): number {
    return index === 0 ? 0 : (this.log[index - 1]?.term ?? -1);
  }

  private persistVote(): void {
    if (this.o.unpersistedVotes) return;
    this.durable.set('currentTerm', this.currentTerm);
    this.durable.set('votedFor', this.votedFor);
  }

  /**
   * Resets the election timeout (§5.2: a fresh random one each time). The deadline moves; the
   * armed timer stays, and when it fires early it re-arms for the rest — one timer event per
   * timeout instead of one per heartbeat.
   */
  private electionTimer(): Effect<RaftLiteMessage>[] {
    this.electionDeadlineMs = this.nowMs + this.rng.uniform(this.o.electionTimeoutMsMin, this.o.electionTimeoutMsMax);
    return this.electionTimerArmed ? [] : this.armElectionTimer();
  }

  private armElectionTimer(): Effect<RaftLiteMessage>[] {
    this.electionTimerArmed = true;
    return [setTimer('election', this.electionDeadlineMs - this.nowMs)];
  }
}

/**
 * A node factory for Raft-lite, with timing and bug flags.
 *
 * @example
 * const sim = new Simulation<RaftLiteMessage, RaftLiteNode>({ seed: 1, nodeIds: ['n1', 'n2', 'n3', 'n4', 'n5'],
 *   createNode: raftLite({ figure8Bug: true }), checkers: raftLiteCheckers() });
 */
export function raftLite(options: RaftLiteOptions = {}): NodeFactory<RaftLiteMessage, RaftLiteNode> {
  return (context) => new RaftLiteNode(context, options);
}
