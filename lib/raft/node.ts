/**
 * A Raft server (Ongaro & Ousterhout 2014): leader election with randomised timeouts (§5.2),
 * log replication with the fast backup of §5.3, the commit rule of §5.4.2, persistence of
 * `currentTerm`, `votedFor` and the log with an fsync before any reply that depends on them
 * (Figure 2), snapshots with InstallSnapshot (§7), and a key-value state machine with client
 * sessions (§8). All transitions of the machine are in this file; the log, the store and the
 * message checks are beside it.
 */
import type { Rng } from '../random/index';
import { fsync, output, send, setTimer } from '../sim/types';
import type { DurableStore, Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { DEFAULT_RAFT_CONFIG, defaultUpToDate, validateRaftConfig } from './config';
import type { RaftBugs, RaftConfig } from './config';
import { describeCommand, KvStateMachine, parseClientRequest } from './kv';
import { RaftLog } from './log';
import type { AppendEntries, AppendEntriesReply, ClientReply, ClientRequest, InstallSnapshot, InstallSnapshotReply, KvCommand, LogEntry, RaftApply, RaftMessage, RaftRole, RequestVote, RequestVoteReply } from './messages';
import { isPeerMessage, malformedReason } from './validate';

type Fx = Effect<RaftMessage>[];

/** A Raft server. Fields carry the paper's names (Figure 2). */
export class RaftNode implements ProtocolNode<RaftMessage> {
  readonly id: NodeId;
  // Persistent state on all servers (written to `durable`, fsynced before replying).
  currentTerm = 0;
  votedFor: NodeId | null = null;
  readonly log: RaftLog;
  // Volatile state on all servers.
  role: RaftRole = 'follower';
  commitIndex = 0;
  lastApplied = 0;
  /** Who this server believes leads its term (the redirect hint of §8). */
  leaderId: NodeId | null = null;
  readonly kv = new KvStateMachine();
  // Volatile state on leaders (reinitialised after election).
  readonly nextIndex = new Map<NodeId, number>();
  readonly matchIndex = new Map<NodeId, number>();
  /**
   * Peers with an AppendEntries carrying entries (or an InstallSnapshot) unanswered, and the last
   * index it carries: one in flight per peer. Only the first reply that covers it sends the next
   * one, so duplicated or stale replies cannot multiply the traffic.
   */
  private readonly awaiting = new Map<NodeId, number>();
  /** Client requests this server appended as leader, by log index, to answer once applied. */
  private readonly pending = new Map<number, { client: NodeId; requestId: string }>();
  private votes = new Set<NodeId>();
  private nowMs = 0;
  private electionDeadlineMs = 0;
  private electionTimerArmed = false;
  private dirty = false;

  private readonly peers: readonly NodeId[];
  private readonly members: ReadonlySet<NodeId>;
  private readonly majority: number;
  private readonly rng: Rng;
  private readonly durable: DurableStore;
  private readonly config: RaftConfig;
  private readonly bugs: RaftBugs;

  constructor(context: NodeContext, config: RaftConfig) {
    validateRaftConfig(config);
    this.id = context.id;
    this.members = new Set(context.nodeIds);
    this.peers = context.nodeIds.filter((id) => id !== context.id);
    this.majority = Math.floor(context.nodeIds.length / 2) + 1;
    this.rng = context.rng;
    this.durable = context.durable;
    this.config = config;
    this.bugs = config.bugs ?? {};
    if (!this.bugs.unpersistedVotes) {
      this.currentTerm = this.durable.get<number>('currentTerm') ?? 0;
      this.votedFor = this.durable.get<NodeId | null>('votedFor') ?? null;
    }
    this.log = new RaftLog(this.durable);
    // §7: on restart a server loads its snapshot into the state machine; it is committed.
    if (this.log.snapshotState !== undefined) this.kv.restore(this.log.snapshotState);
    this.commitIndex = this.lastApplied = this.log.snapshotIndex;
  }

  start(nowMs: number): Fx {
    this.nowMs = nowMs;
    return this.electionTimer();
  }

  step(input: Input<RaftMessage>, nowMs: number): Fx {
    this.nowMs = nowMs;
    this.dirty = false;
    const effects = input.type === 'timer' ? this.onTimer(input.name) : this.onMessage(input.from, input.message);
    // Figure 2: persistent state is updated on stable storage before responding to RPCs.
    if (this.dirty) return [fsync(), ...effects];
    if (!this.unsynced()) return effects;
    // An earlier step's writes whose fsync still runs (a duplicate RPC writes nothing new): the
    // messages and outputs wait for the disk too; the timers are armed now.
    const at = effects.findIndex((effect) => effect.type === 'send' || effect.type === 'output');
    return at < 0 ? effects : [...effects.slice(0, at), fsync(), ...effects.slice(at)];
  }

  /** Index and term of the last log entry (0/0 for an empty log). */
  get lastLogIndex(): number {
    return this.log.lastIndex;
  }
  get lastLogTerm(): number {
    return this.log.lastTerm;
  }

  private onTimer(name: string): Fx {
    if (name === 'election') return this.onElectionTimeout();
    if (name === 'heartbeat') return this.onHeartbeatTimeout();
    return [];
  }

  private onMessage(from: NodeId, message: RaftMessage): Fx {
    const reason = malformedReason(message);
    if (reason !== undefined) return this.reject(from, message, reason);
    // Peer messages from outside the configuration are ignored (§6: only members vote or lead).
    if (isPeerMessage(message) && !this.members.has(from)) return [output('rejected', { from, reason: `${from} no es miembro del clúster` })];
    switch (message.type) {
      case 'RequestVote':
        return this.onRequestVote(from, message);
      case 'RequestVoteReply':
        return this.onRequestVoteReply(from, message);
      case 'AppendEntries':
        return this.onAppendEntries(from, message);
      case 'AppendEntriesReply':
        return this.onAppendEntriesReply(from, message);
      case 'InstallSnapshot':
        return this.onInstallSnapshot(from, message);
      case 'InstallSnapshotReply':
        return this.onInstallSnapshotReply(from, message);
      case 'ClientRequest':
        return this.onClientRequest(from, message);
      case 'ClientReply':
        return [];
    }
  }

  private reject(from: NodeId, message: unknown, reason: string): Fx {
    const m = message as { type?: unknown; requestId?: unknown } | null;
    const effects: Fx = [output('rejected', { from, reason })];
    if (m !== null && typeof m === 'object' && m.type === 'ClientRequest' && typeof m.requestId === 'string') {
      effects.push(send(from, { type: 'ClientReply', status: 'error', requestId: m.requestId, error: reason }));
    }
    return effects;
  }

  // ---- Elections (§5.2, §5.4.1) -------------------------------------------------------------

  private onElectionTimeout(): Fx {
    this.electionTimerArmed = false;
    // Heard from a leader or granted a vote since the timer was armed: wait for the rest.
    if (this.electionDeadlineMs - this.nowMs >= 1) return this.armElectionTimer();
    if (this.role === 'leader') return this.electionTimer();
    this.role = 'candidate';
    this.currentTerm += 1;
    this.votedFor = this.id;
    this.leaderId = null;
    this.persistVote();
    this.votes = new Set([this.id]);
    if (this.votes.size >= this.majority) return [...this.becomeLeader(), ...this.electionTimer()];
    const request: RequestVote = { type: 'RequestVote', term: this.currentTerm, candidateId: this.id, lastLogIndex: this.lastLogIndex, lastLogTerm: this.lastLogTerm };
    return [...this.peers.map((peer) => send(peer, request)), ...this.electionTimer()];
  }

  private onRequestVote(from: NodeId, m: RequestVote): Fx {
    const effects: Fx = [];
    if (m.term > this.currentTerm) this.becomeFollower(m.term);
    // §5.4.1: a voter denies its vote if its own log is more up-to-date than the candidate's.
    const upToDate = (this.config.upToDate ?? defaultUpToDate)({ lastLogIndex: m.lastLogIndex, lastLogTerm: m.lastLogTerm }, { lastLogIndex: this.lastLogIndex, lastLogTerm: this.lastLogTerm });
    const voteGranted = m.term === this.currentTerm && m.candidateId === from && (this.votedFor === null || this.votedFor === from) && upToDate === true;
    if (voteGranted) {
      this.votedFor = from;
      this.persistVote();
      effects.push(...this.electionTimer());
    }
    const reply: RequestVoteReply = { type: 'RequestVoteReply', term: this.currentTerm, voteGranted };
    effects.push(send(from, reply));
    return effects;
  }

  private onRequestVoteReply(from: NodeId, m: RequestVoteReply): Fx {
    if (m.term > this.currentTerm) return this.becomeFollower(m.term), this.electionTimer();
    if (this.role !== 'candidate' || m.term !== this.currentTerm || !m.voteGranted) return [];
    this.votes.add(from);
    return this.votes.size >= this.majority ? this.becomeLeader() : [];
  }

  private becomeFollower(term: number): void {
    if (this.role === 'leader') this.awaiting.clear();
    this.role = 'follower';
    if (term > this.currentTerm) {
      this.currentTerm = term;
      this.votedFor = null;
      this.leaderId = null;
      this.persistVote();
    }
  }

  private becomeLeader(): Fx {
    this.role = 'leader';
    this.leaderId = this.id;
    this.awaiting.clear();
    for (const peer of this.peers) {
      this.nextIndex.set(peer, this.lastLogIndex + 1);
      this.matchIndex.set(peer, 0);
    }
    if (this.config.noOpOnElection) this.appendEntry(null);
    return [output('leader', { term: this.currentTerm }), ...this.peers.map((peer) => this.replicateTo(peer)), setTimer('heartbeat', this.config.heartbeatMs), ...this.advanceCommitIndex()];
  }

  // ---- Clients (§8) -------------------------------------------------------------------------

  private onClientRequest(from: NodeId, m: ClientRequest): Fx {
    const command = parseClientRequest(m.requestId, m.op);
    if (typeof command === 'string') return this.reject(from, m, command);
    if (this.role !== 'leader') return [send(from, { type: 'ClientReply', status: 'notLeader', requestId: m.requestId, leaderHint: this.leaderId === this.id ? null : this.leaderId })];
    // A request already applied is answered from the session table, not executed again.
    const session = this.kv.session(command.clientId);
    if (session !== undefined && command.seq <= session.seq) {
      return command.seq === session.seq ? [send(from, ok(m.requestId, session.output))] : [];
    }
    // Bug: answer a read from local state, without checking that this server still leads.
    if (this.bugs.readsWithoutLeadership && command.op.f === 'get') return [send(from, ok(m.requestId, this.kv.read(command.op.key)))];
    const index = this.appendEntry(command);
    this.pending.set(index, { client: from, requestId: m.requestId });
    const effects: Fx = [];
    for (const peer of this.peers) if (!this.awaiting.has(peer)) effects.push(this.replicateTo(peer));
    return [...effects, ...this.advanceCommitIndex()];
  }

  private appendEntry(command: KvCommand | null): number {
    this.log.append({ term: this.currentTerm, command });
    this.dirty = true;
    return this.lastLogIndex;
  }

  // ---- Replication (§5.3), commitment (§5.4.2) and snapshots (§7) ----------------------------

  private onHeartbeatTimeout(): Fx {
    if (this.role !== 'leader') return [];
    this.awaiting.clear();
    return [...this.peers.map((peer) => this.replicateTo(peer)), setTimer('heartbeat', this.config.heartbeatMs)];
  }

  /** The next message for `peer`: AppendEntries from `nextIndex`, or InstallSnapshot if that part is compacted. */
  private replicateTo(peer: NodeId): Effect<RaftMessage> {
    const next = Math.max(1, Math.min(this.nextIndex.get(peer) ?? this.lastLogIndex + 1, this.lastLogIndex + 1));
    if (next <= this.log.snapshotIndex) {
      this.awaiting.set(peer, this.log.snapshotIndex);
      const message: InstallSnapshot = { type: 'InstallSnapshot', term: this.currentTerm, leaderId: this.id, lastIncludedIndex: this.log.snapshotIndex, lastIncludedTerm: this.log.snapshotTerm, data: this.log.snapshotState ?? { data: [], sessions: [] } };
      return send(peer, message);
    }
    const prevLogIndex = next - 1;
    const entries = this.log.slice(next, next + (this.config.maxEntriesPerMessage ?? 64));
    if (entries.length > 0) this.awaiting.set(peer, prevLogIndex + entries.length);
    const message: AppendEntries = { type: 'AppendEntries', term: this.currentTerm, leaderId: this.id, prevLogIndex, prevLogTerm: this.log.termAt(prevLogIndex), entries, leaderCommit: this.commitIndex };
    return send(peer, message);
  }

  private onAppendEntries(from: NodeId, m: AppendEntries): Fx {
    const reply = (success: boolean, matchIndex: number, conflictTerm = 0, conflictIndex = 0): Effect<RaftMessage> =>
      send(from, { type: 'AppendEntriesReply', term: this.currentTerm, success, matchIndex, conflictTerm, conflictIndex } satisfies AppendEntriesReply);
    // §5.1: a request with a stale term is rejected, and the reply carries the newer term.
    if (m.term < this.currentTerm) return [reply(false, 0)];
    this.becomeFollower(m.term);
    this.leaderId = m.leaderId;
    const effects = this.electionTimer();
    let prevLogIndex = m.prevLogIndex;
    let entries = m.entries;
    // Entries at or below our snapshot are committed, hence identical (§7): skip them.
    if (prevLogIndex < this.log.snapshotIndex) {
      entries = entries.slice(Math.min(entries.length, this.log.snapshotIndex - prevLogIndex));
      prevLogIndex = this.log.snapshotIndex;
    } else if (prevLogIndex > this.lastLogIndex) {
      // Fast backup (§5.3): our log is too short; the leader may resume right after its end.
      return [...effects, reply(false, 0, -1, this.lastLogIndex + 1)];
    } else if (this.log.termAt(prevLogIndex) !== m.prevLogTerm) {
      const conflictTerm = this.log.termAt(prevLogIndex);
      return [...effects, reply(false, 0, conflictTerm, this.log.firstIndexOfTerm(prevLogIndex))];
    }
    if (this.bugs.truncateAlways) {
      this.log.truncateFrom(prevLogIndex + 1);
      this.log.append(...entries);
      this.dirty = true;
    } else {
      for (let k = 0; k < entries.length; k++) {
        const index = prevLogIndex + 1 + k;
        const entry = entries[k] as LogEntry;
        if (index <= this.lastLogIndex && this.log.termAt(index) === entry.term) continue;
        // §5.3: an existing entry that conflicts with a new one is deleted, with all that follow it.
        this.log.truncateFrom(index);
        this.log.append(...entries.slice(k));
        this.dirty = true;
        break;
      }
    }
    const lastNew = prevLogIndex + entries.length;
    if (m.leaderCommit > this.commitIndex) this.commitIndex = Math.max(this.commitIndex, Math.min(m.leaderCommit, lastNew));
    return [...effects, reply(true, lastNew), ...this.applyCommitted()];
  }

  private onAppendEntriesReply(from: NodeId, m: AppendEntriesReply): Fx {
    if (m.term > this.currentTerm) return this.becomeFollower(m.term), this.electionTimer();
    if (this.role !== 'leader' || m.term !== this.currentTerm) return [];
    const match = this.matchIndex.get(from) ?? 0;
    if (m.success) {
      if (m.matchIndex > match) this.matchIndex.set(from, m.matchIndex);
      this.nextIndex.set(from, Math.max(this.nextIndex.get(from) ?? 1, m.matchIndex + 1));
      const effects = this.advanceCommitIndex();
      if (this.answers(from, m.matchIndex) && (this.nextIndex.get(from) ?? 1) <= this.lastLogIndex) effects.unshift(this.replicateTo(from));
      return effects;
    }
    // Fast backup (§5.3): skip the follower's whole conflicting term, or to the end of its log.
    let next = m.conflictIndex;
    if (m.conflictTerm > 0) {
      const last = this.log.lastIndexOfTerm(m.conflictTerm);
      if (last > 0) next = last + 1;
    }
    const before = this.nextIndex.get(from) ?? this.lastLogIndex + 1;
    next = Math.max(match + 1, Math.min(next, this.lastLogIndex + 1));
    // Only a rejection that moves nextIndex back sends again (a duplicate or stale one waits for the heartbeat).
    if (next >= before) return [];
    this.nextIndex.set(from, next);
    this.awaiting.delete(from);
    return [this.replicateTo(from)];
  }

  /** True (and the peer no longer awaited) if a reply covering `index` answers the message in flight to `peer`. */
  private answers(peer: NodeId, index: number): boolean {
    const awaited = this.awaiting.get(peer);
    if (awaited === undefined || index < awaited) return false;
    this.awaiting.delete(peer);
    return true;
  }

  /** §5.4.2: a leader commits N once a majority stores it and `log[N].term` is its current term. */
  private advanceCommitIndex(): Fx {
    if (this.role !== 'leader') return [];
    const before = this.commitIndex;
    const rule = this.config.advanceCommitIndex;
    if (rule !== undefined) {
      const logTerms = Array.from({ length: this.lastLogIndex }, (_, i) => Math.max(0, this.log.termAt(i + 1)));
      const next = rule({ currentTerm: this.currentTerm, commitIndex: this.commitIndex, matchIndex: [this.lastLogIndex, ...this.matchIndex.values()], logTerms });
      if (Number.isInteger(next) && next > this.commitIndex && next <= this.lastLogIndex) this.commitIndex = next;
    } else {
      for (let n = this.lastLogIndex; n > this.commitIndex; n--) {
        const term = this.log.termAt(n);
        // Entries are in term order: below the current term nothing more can be committed by counting.
        if (!this.bugs.commitOldTerms && term !== this.currentTerm) break;
        let replicas = 1;
        for (const match of this.matchIndex.values()) if (match >= n) replicas++;
        if (replicas >= this.majority) {
          this.commitIndex = n;
          break;
        }
      }
    }
    return this.commitIndex > before ? this.applyCommitted() : [];
  }

  private applyCommitted(): Fx {
    const effects: Fx = [];
    while (this.lastApplied < this.commitIndex && this.lastApplied < this.lastLogIndex) {
      const index = ++this.lastApplied;
      const entry = this.log.entry(index) as LogEntry;
      const result = entry.command === null ? undefined : this.kv.apply(entry.command);
      const applied: RaftApply = { index, term: entry.term, command: describeCommand(entry.command), atTerm: this.currentTerm };
      effects.push(output('apply', applied));
      const waiting = this.pending.get(index);
      if (waiting !== undefined) {
        this.pending.delete(index);
        if (entry.command !== null && waiting.requestId === `${entry.command.clientId}:${entry.command.seq}`) effects.push(send(waiting.client, ok(waiting.requestId, result?.output ?? null)));
      }
    }
    const every = this.config.snapshotEvery;
    if (every !== undefined && this.lastApplied - this.log.snapshotIndex >= every) {
      this.log.compact(this.lastApplied, this.kv.snapshot());
      this.dirty = true;
      effects.push(output('snapshot', { index: this.lastApplied }));
    }
    return effects;
  }

  private onInstallSnapshot(from: NodeId, m: InstallSnapshot): Fx {
    const reply = (): Effect<RaftMessage> => send(from, { type: 'InstallSnapshotReply', term: this.currentTerm, lastIncludedIndex: m.lastIncludedIndex } satisfies InstallSnapshotReply);
    if (m.term < this.currentTerm) return [reply()];
    this.becomeFollower(m.term);
    this.leaderId = m.leaderId;
    const effects = this.electionTimer();
    // §7: a snapshot older than what we already applied changes nothing.
    if (m.lastIncludedIndex <= this.commitIndex) return [...effects, reply()];
    this.log.install(m.lastIncludedIndex, m.lastIncludedTerm, m.data);
    this.kv.restore(m.data);
    this.commitIndex = this.lastApplied = m.lastIncludedIndex;
    this.dirty = true;
    return [...effects, output('installSnapshot', { index: m.lastIncludedIndex, term: m.lastIncludedTerm, atTerm: this.currentTerm }), reply()];
  }

  private onInstallSnapshotReply(from: NodeId, m: InstallSnapshotReply): Fx {
    if (m.term > this.currentTerm) return this.becomeFollower(m.term), this.electionTimer();
    if (this.role !== 'leader' || m.term !== this.currentTerm) return [];
    if (m.lastIncludedIndex > (this.matchIndex.get(from) ?? 0)) this.matchIndex.set(from, m.lastIncludedIndex);
    this.nextIndex.set(from, Math.max(this.nextIndex.get(from) ?? 1, m.lastIncludedIndex + 1));
    const effects = this.advanceCommitIndex();
    if (this.answers(from, m.lastIncludedIndex) && (this.nextIndex.get(from) ?? 1) <= this.lastLogIndex) effects.unshift(this.replicateTo(from));
    return effects;
  }

  // ---- Helpers --------------------------------------------------------------------------------

  /**
   * True while the disk holds writes that no completed fsync covers: the simulator's store in
   * `'fsync'` mode counts them (`unsyncedWrites`). A store without that count (lib/runtime's
   * files) syncs inside the `fsync` effect itself, so nothing is left unsynced between steps.
   */
  private unsynced(): boolean {
    const pending = (this.durable as { readonly unsyncedWrites?: unknown }).unsyncedWrites;
    return typeof pending === 'number' && pending > 0;
  }

  private persistVote(): void {
    if (this.bugs.unpersistedVotes) return;
    this.durable.set('currentTerm', this.currentTerm);
    this.durable.set('votedFor', this.votedFor);
    this.dirty = true;
  }

  /** Resets the election timeout (§5.2: a fresh random one each time); the armed timer re-arms for the rest when it fires early. */
  private electionTimer(): Fx {
    const [min, max] = this.config.electionTimeoutMs;
    this.electionDeadlineMs = this.nowMs + (max > min ? this.rng.uniform(min, max) : min);
    return this.electionTimerArmed ? [] : this.armElectionTimer();
  }

  private armElectionTimer(): Fx {
    this.electionTimerArmed = true;
    return [setTimer('election', this.electionDeadlineMs - this.nowMs)];
  }
}

function ok(requestId: string, value: string | null): ClientReply {
  return { type: 'ClientReply', status: 'ok', requestId, output: value };
}

/**
 * A node factory for the full Raft server, with timing, snapshots, bug flags and the two
 * injectable rules (defaults: the paper's 150–300 ms, 50 ms heartbeats).
 *
 * @example
 * const sim = new Simulation<RaftMessage, RaftNode>({ seed: 1, nodeIds: ['n1', 'n2', 'n3'],
 *   createNode: raftNode({ snapshotEvery: 20 }), checkers: raftCheckers() });
 * sim.runFor(2_000);
 */
export function raftNode(options: Partial<RaftConfig> = {}): NodeFactory<RaftMessage, RaftNode> {
  const config: RaftConfig = { ...DEFAULT_RAFT_CONFIG, ...options };
  validateRaftConfig(config);
  return (context) => new RaftNode(context, config);
}
