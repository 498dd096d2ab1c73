/**
 * The CP bank replica: a fixed primary orders every operation (reads too) in a log and
 * answers only once a majority of replicas holds the entry; a backup forwards its clients'
 * requests to the primary and relays the answer. A replica that has not heard from a majority
 * (the primary: acks; a backup: the primary's heartbeats) for `leaseMs` refuses at once with
 * `Unavailable`: the client sees a failure, certainly not applied. In the first `leaseMs` of a
 * partition the request just gets no answer: the client times out (outcome unknown).
 * There is no election: a primary cut off in a minority makes the whole bank unavailable
 * (chapter 06 adds one, with Raft).
 * @packageDocumentation
 */
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import type { BankMessage, ClientAnswer, LogEntry } from './messages';
import { applyOperation, openingBalances, validateOperation } from './operations';
import type { BankOperation } from './operations';
import type { BankNodeOptions } from './options';

const HEARTBEAT = 'heartbeat';

/** A CP replica (the primary is `options.primary`, default the first node). */
export class CpReplica implements ProtocolNode<BankMessage> {
  readonly id: NodeId;
  readonly mode = 'cp' as const;
  /** The log (the primary's, or the prefix a backup holds) and how much of it is committed. */
  readonly log: LogEntry[] = [];
  commitIndex = 0;
  /** Balances after the committed entries (what this replica has applied). */
  balances: Map<string, number>;
  /** Primary only: balances after every entry of the log (committed or not). */
  private tentative: Map<string, number>;
  private readonly entryOf = new Map<string, number>();
  private readonly matchIndex = new Map<NodeId, number>();
  private readonly lastAckMs = new Map<NodeId, number>();
  private lastPrimaryMs = Number.NEGATIVE_INFINITY;
  /** Who asked for each entry: the client, and the backup that relays the answer (if any). */
  private readonly waiting = new Map<string, { client: NodeId; via?: NodeId }>();
  /** Backup only: forwarded requests not answered yet. */
  private readonly forwarded = new Set<string>();
  /**
   * Requests this replica refused. A refusal tells the client «certainly not done», so a
   * late duplicate of the same request (the network duplicates and delays) must be refused
   * again, never applied: found by the sweep (seed 433, a duplicate arriving after the heal).
   */
  private readonly refused = new Set<string>();
  private readonly accounts: readonly string[];
  private readonly primary: NodeId;

  constructor(private readonly context: NodeContext, private readonly options: BankNodeOptions) {
    this.id = context.id;
    this.accounts = options.accounts;
    this.primary = options.primary ?? (context.nodeIds[0] as NodeId);
    this.balances = openingBalances(this.accounts, options.opening);
    this.tentative = new Map(this.balances);
  }

  /** Whether this replica is the primary. */
  get isPrimary(): boolean {
    return this.id === this.primary;
  }

  start(nowMs: number): Effect<BankMessage>[] {
    this.lastPrimaryMs = nowMs;
    for (const peer of this.context.nodeIds) this.lastAckMs.set(peer, nowMs);
    return this.isPrimary ? [setTimer(HEARTBEAT, this.options.heartbeatMs)] : [];
  }

  step(input: Input<BankMessage>, nowMs: number): Effect<BankMessage>[] {
    if (input.type === 'timer') return input.name === HEARTBEAT && this.isPrimary ? [...this.appendAll(), setTimer(HEARTBEAT, this.options.heartbeatMs)] : [];
    const m = input.message as BankMessage | null;
    if (m === null || typeof m !== 'object' || typeof (m as { type?: unknown }).type !== 'string') return [output('malformed', { from: input.from })];
    switch (m.type) {
      case 'Request':
        return this.onRequest(input.from, m, nowMs);
      case 'Forward':
        return this.isPrimary ? this.onClientOperation(m.requestId, m.op, { client: m.client, via: input.from }, nowMs) : [];
      case 'ForwardReply':
        this.lastPrimaryMs = nowMs;
        if (!this.forwarded.delete(m.requestId)) return [];
        return [send(m.client, m.answer)];
      case 'Append':
        return this.onAppend(input.from, m, nowMs);
      case 'AppendAck':
        return this.onAppendAck(input.from, m, nowMs);
      case 'Reply':
      case 'Rejected':
      case 'Unavailable':
      case 'Sync':
        return [];
      default:
        return [output('malformed', { from: input.from, type: (m as { type: string }).type })];
    }
  }

  private onRequest(client: NodeId, m: Extract<BankMessage, { type: 'Request' }>, nowMs: number): Effect<BankMessage>[] {
    if (typeof m.requestId !== 'string') return [output('malformed', { from: client })];
    const valid = validateOperation(m.op, this.accounts);
    // `in`, not `!valid.ok`: tslab compiles notebooks without strictNullChecks, where a boolean discriminant does not narrow.
    if ('error' in valid) return [send(client, { type: 'Rejected', requestId: m.requestId, error: valid.error })];
    if (this.isPrimary) return this.onClientOperation(m.requestId, valid.operation, { client }, nowMs);
    if (this.refused.has(m.requestId) || nowMs - this.lastPrimaryMs > this.options.leaseMs) {
      this.refused.add(m.requestId);
      return [send(client, { type: 'Unavailable', requestId: m.requestId, reason: `${this.id} no oye al primario ${this.primary}: sin mayoría` })];
    }
    this.forwarded.add(m.requestId);
    return [send(this.primary, { type: 'Forward', requestId: m.requestId, client, op: valid.operation })];
  }

  /** Primary: a (validated) client operation, new or retried. */
  private onClientOperation(requestId: string, op: BankOperation, who: { client: NodeId; via?: NodeId }, nowMs: number): Effect<BankMessage>[] {
    const index = this.entryOf.get(requestId);
    if (index !== undefined) {
      this.waiting.set(requestId, who);
      // A retry of an entry already committed: answer again; otherwise wait for the commit.
      return index <= this.commitIndex ? this.answer(requestId, { type: 'Reply', requestId, result: this.log[index - 1]!.result }) : [];
    }
    const reachable = this.context.nodeIds.filter((peer) => peer === this.id || nowMs - (this.lastAckMs.get(peer) ?? -Infinity) <= this.options.leaseMs);
    if (this.refused.has(requestId) || reachable.length < this.majority) {
      this.refused.add(requestId);
      return this.reply(who, { type: 'Unavailable', requestId, reason: `el primario ${this.id} solo oye a ${reachable.length} de ${this.context.nodeIds.length} réplicas: sin mayoría` });
    }
    const { result, balances } = applyOperation(this.tentative, op);
    this.tentative = balances;
    this.log.push({ requestId, op, result });
    this.entryOf.set(requestId, this.log.length);
    this.waiting.set(requestId, who);
    this.matchIndex.set(this.id, this.log.length);
    return [...this.appendAll(), ...this.advanceCommit()];
  }

  private get majority(): number {
    return Math.floor(this.context.nodeIds.length / 2) + 1;
  }

  /** Primary: sends every backup the entries it lacks (at most 64) and the commit index. */
  private appendAll(): Effect<BankMessage>[] {
    const effects: Effect<BankMessage>[] = [];
    for (const peer of this.context.nodeIds) {
      if (peer === this.id) continue;
      const from = this.matchIndex.get(peer) ?? 0;
      effects.push(send(peer, { type: 'Append', fromIndex: from, entries: this.log.slice(from, from + 64), commitIndex: this.commitIndex }));
    }
    return effects;
  }

  private onAppend(from: NodeId, m: Extract<BankMessage, { type: 'Append' }>, nowMs: number): Effect<BankMessage>[] {
    if (from !== this.primary || this.isPrimary || !Number.isInteger(m.fromIndex) || !Array.isArray(m.entries)) return [output('malformed', { from })];
    this.lastPrimaryMs = nowMs;
    // The primary never rewrites its log, so a backup only appends the part it lacks.
    if (m.fromIndex <= this.log.length) {
      for (let i = this.log.length - m.fromIndex; i < m.entries.length; i++) this.log.push(m.entries[i]!);
    }
    this.applyCommitted(Math.min(m.commitIndex, this.log.length));
    return [send(from, { type: 'AppendAck', matchIndex: this.log.length })];
  }

  private onAppendAck(from: NodeId, m: Extract<BankMessage, { type: 'AppendAck' }>, nowMs: number): Effect<BankMessage>[] {
    if (!this.isPrimary || !Number.isInteger(m.matchIndex)) return [];
    this.lastAckMs.set(from, nowMs);
    this.matchIndex.set(from, Math.max(this.matchIndex.get(from) ?? 0, Math.min(m.matchIndex, this.log.length)));
    return this.advanceCommit();
  }

  /** Primary: commit the entries a majority holds, apply them and answer their clients. */
  private advanceCommit(): Effect<BankMessage>[] {
    const held = this.context.nodeIds.map((peer) => (peer === this.id ? this.log.length : this.matchIndex.get(peer) ?? 0)).sort((a, b) => b - a);
    const majorityHolds = held[this.majority - 1] ?? 0;
    if (majorityHolds <= this.commitIndex) return [];
    const first = this.commitIndex;
    this.applyCommitted(majorityHolds);
    const effects: Effect<BankMessage>[] = [];
    for (const entry of this.log.slice(first, majorityHolds)) {
      effects.push(...this.answer(entry.requestId, { type: 'Reply', requestId: entry.requestId, result: entry.result }));
    }
    return effects;
  }

  private applyCommitted(upTo: number): void {
    while (this.commitIndex < upTo) {
      const entry = this.log[this.commitIndex]!;
      this.balances = applyOperation(this.balances, entry.op).balances;
      this.commitIndex++;
    }
  }

  private answer(requestId: string, answer: ClientAnswer): Effect<BankMessage>[] {
    const who = this.waiting.get(requestId);
    if (who === undefined) return [];
    this.waiting.delete(requestId);
    return this.reply(who, answer);
  }

  private reply(who: { client: NodeId; via?: NodeId }, answer: ClientAnswer): Effect<BankMessage>[] {
    return who.via === undefined ? [send(who.client, answer)] : [send(who.via, { type: 'ForwardReply', requestId: answer.requestId, client: who.client, answer })];
  }
}

