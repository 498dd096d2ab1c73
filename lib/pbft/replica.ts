/**
 * An honest PBFT replica (Castro & Liskov, OSDI 1999): the three-phase normal case (§4.2),
 * execution in sequence order with replies to the client, checkpoints and watermarks (§4.3)
 * and the view change (§4.4). Byzantine replicas (`byzantine.ts`) subclass it and override
 * what they lie about.
 */
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { assertNever, cancelTimer, output, send, setTimer } from '../sim/types';
import type { ClientRequest, OrderedRequest, PbftMessage, PreparedProof, ReplicaState, ViewChangeMessage } from './messages';
import { digestOf, malformedPbft } from './messages';
import type { PrepareRecord, VoteRecord } from './exercises';
import { applyOperation, cachedReply, initialState, stateDigest } from './state-machine';
import { newViewIsValid, planNewView } from './view-change';

/** Options shared by every replica of a cluster. */
export interface PbftOptions {
  /** Faulty replicas tolerated (default: ⌊(n − 1) / 3⌋). */
  readonly f?: number;
  /** The commit quorum (default 2f + 1); prepared needs quorum − 1 prepares. The catalogued bug is 2f. */
  readonly quorum?: number;
  /** A checkpoint every this many executed requests (default 4); the log window is twice that. */
  readonly checkpointEvery?: number;
  /** How long a backup waits for a pending request before a view change (default 300 ms; doubles per failed view). */
  readonly viewChangeMs?: number;
  /** The prepared predicate (exercise 06.4's signature); default: the teacher's own copy. */
  readonly prepared?: (prePrepare: VoteRecord | null, prepares: readonly PrepareRecord[], primary: string, f: number) => boolean;
}

interface Slot {
  prePrepare?: { readonly view: number; readonly digest: string; readonly request: OrderedRequest };
  readonly prepares: PrepareRecord[];
  readonly commits: Map<string, Set<NodeId>>;
  preparedIn?: PreparedProof;
  sentCommit: boolean;
  committed: boolean;
  /** What was committed-local, kept apart from the (per-view) pre-prepare. */
  committedAs?: { readonly digest: string; readonly request: OrderedRequest };
}

/** An honest PBFT replica. */
export class PbftReplica implements ProtocolNode<PbftMessage> {
  readonly id: NodeId;
  readonly replicas: readonly NodeId[];
  readonly f: number;
  view = 0;
  viewChanging = false;
  lastExecuted = 0;
  stableSeq = 0;
  stableDigest: string;
  readonly balances = new Map<string, number>();
  readonly lastReply = new Map<NodeId, { timestamp: number; result: string }>();
  protected readonly log = new Map<number, Slot>();
  protected nextSeq = 1;
  private stableState: ReplicaState;
  private readonly checkpoints = new Map<number, Map<string, Set<NodeId>>>();
  private readonly ownCheckpoints = new Map<number, ReplicaState>();
  private readonly pending = new Map<string, ClientRequest>();
  private readonly viewChanges = new Map<number, Map<NodeId, ViewChangeMessage>>();
  private timerArmed = false;
  private lastViewChange: ViewChangeMessage | undefined;
  private lastNewView: (PbftMessage & { type: 'NewView' }) | undefined;
  private failedViews = 0;

  constructor(context: NodeContext, protected readonly options: PbftOptions = {}) {
    this.id = context.id;
    this.replicas = context.nodeIds;
    this.f = options.f ?? Math.floor((this.replicas.length - 1) / 3);
    this.stableState = initialState();
    this.stableDigest = stateDigest(this.stableState);
    for (const [a, b] of this.stableState.balances) this.balances.set(a, b);
  }

  /** Votes needed to commit (2f + 1 unless the catalogued bug changes it). */
  get quorum(): number {
    return this.options.quorum ?? 2 * this.f + 1;
  }

  /** The primary of a view: replicas[v mod n] (§4.1). */
  primaryOf(view: number): NodeId {
    return this.replicas[view % this.replicas.length] as NodeId;
  }

  get isPrimary(): boolean {
    return this.primaryOf(this.view) === this.id;
  }

  start(): Effect<PbftMessage>[] {
    return [];
  }

  step(input: Input<PbftMessage>): Effect<PbftMessage>[] {
    if (input.type === 'timer') return input.name === 'viewChange' ? this.onViewChangeTimeout() : [];
    const { from, message } = input;
    const problem = malformedPbft(message);
    if (problem !== undefined) return [output('rejected', { from, reason: problem })];
    if (message.type !== 'Request' && !this.replicas.includes(from)) return [output('rejected', { from, reason: `remitente desconocido ${from}` })];
    switch (message.type) {
      case 'Request':
        return this.onRequest({ op: message.op, client: message.client, timestamp: message.timestamp });
      case 'PrePrepare':
        return this.onPrePrepare(from, message.view, message.seq, message.digest, message.request);
      case 'Prepare':
        return this.onPrepare(from, message.view, message.seq, message.digest);
      case 'Commit':
        return this.onCommit(from, message.view, message.seq, message.digest);
      case 'Checkpoint':
        return this.onCheckpoint(from, message.seq, message.stateDigest);
      case 'ViewChange':
        return from === message.replica ? this.onViewChange(message) : [];
      case 'NewView':
        return this.onNewView(from, message.view, message.viewChanges, message.prePrepares);
      case 'Reply':
        return [];
      default:
        return assertNever(message);
    }
  }

  // ---- Normal case (§4.2) ---------------------------------------------------------------

  protected multicast(message: PbftMessage): Effect<PbftMessage>[] {
    return this.replicas.filter((r) => r !== this.id).map((r) => send(r, message));
  }

  private slot(seq: number): Slot {
    let s = this.log.get(seq);
    if (s === undefined) this.log.set(seq, (s = { prepares: [], commits: new Map(), sentCommit: false, committed: false }));
    return s;
  }

  private inWindow(seq: number): boolean {
    return seq > this.stableSeq && seq <= this.stableSeq + 2 * (this.options.checkpointEvery ?? 4);
  }

  private onRequest(request: ClientRequest): Effect<PbftMessage>[] {
    const cached = cachedReply(this, request);
    if (cached !== undefined) return cached.timestamp === request.timestamp ? [this.reply(request.client, cached)] : [];
    const digest = digestOf(request);
    if (this.isPrimary && !this.viewChanging) {
      for (const [seq, s] of this.log) if (s.prePrepare?.view === this.view && s.prePrepare.digest === digest) return this.retransmit(seq, s);
      if (!this.inWindow(this.nextSeq)) return this.resendCheckpoint();
      const seq = this.nextSeq++;
      this.slot(seq).prePrepare = { view: this.view, digest, request };
      // The primary times its own requests too: a primary that cannot get them executed (its backups lag) asks for a new view.
      this.pending.set(digest, request);
      return [...this.sendPrePrepare(seq, request), ...(this.timerArmed ? [] : this.armTimer())];
    }
    // A backup relays the request to the primary and starts its view-change timer (§4.4).
    const known = this.pending.has(digest);
    this.pending.set(digest, request);
    const effects: Effect<PbftMessage>[] = this.viewChanging ? [] : [send(this.primaryOf(this.view), { type: 'Request', ...request })];
    for (const [seq, s] of this.log) if (s.prePrepare?.digest === digest) effects.push(...this.retransmit(seq, s));
    if (!known || !this.timerArmed) effects.push(...this.armTimer());
    return [...effects, ...this.resendCheckpoint()];
  }

  /** Re-sends this replica's newest checkpoint that is not stable yet (a lost CHECKPOINT must not freeze the window). */
  private resendCheckpoint(): Effect<PbftMessage>[] {
    const newest = Math.max(0, ...this.ownCheckpoints.keys());
    const state = this.ownCheckpoints.get(newest);
    return newest > this.stableSeq && state !== undefined ? this.sendCheckpoint(newest, stateDigest(state)) : [];
  }

  /** The primary's PRE-PREPARE to every backup (an equivocating primary overrides this). */
  protected sendPrePrepare(seq: number, request: OrderedRequest): Effect<PbftMessage>[] {
    return this.multicast({ type: 'PrePrepare', view: this.view, seq, digest: digestOf(request), request });
  }

  /** A PREPARE or COMMIT vote to every other replica (a replica with wrong digests overrides this). */
  protected sendVote(type: 'Prepare' | 'Commit', view: number, seq: number, digest: string): Effect<PbftMessage>[] {
    return this.multicast({ type, view, seq, digest });
  }

  /** Re-sends this replica's part for a sequence number (liveness on a lossy network: a client's retry triggers it). */
  private retransmit(seq: number, s: Slot): Effect<PbftMessage>[] {
    const pp = s.prePrepare;
    if (pp === undefined || pp.view !== this.view) return [];
    if (this.primaryOf(pp.view) === this.id) return this.sendPrePrepare(seq, pp.request);
    const effects = this.sendVote('Prepare', pp.view, seq, pp.digest);
    if (s.sentCommit) effects.push(...this.sendVote('Commit', pp.view, seq, pp.digest));
    return effects;
  }

  protected onPrePrepare(from: NodeId, view: number, seq: number, digest: string, request: OrderedRequest): Effect<PbftMessage>[] {
    if (view !== this.view || this.viewChanging || from !== this.primaryOf(view) || from === this.id) return [];
    if (digest !== digestOf(request) || !this.inWindow(seq)) return [output('rejected', { from, reason: `PrePrepare ${seq} no válido` })];
    const s = this.slot(seq);
    // Committed here already (in an earlier view): nothing a primary says can change it.
    if (s.committed) return s.committedAs?.digest === digest ? [] : [output('equivocation', { from, seq, view })];
    if (s.prePrepare !== undefined && s.prePrepare.view === view) {
      // §4.2: a backup accepts at most one pre-prepare per view and sequence number.
      return s.prePrepare.digest === digest ? [] : [output('equivocation', { from, seq, view })];
    }
    s.prePrepare = { view, digest, request };
    s.prepares.push({ replica: this.id, view, seq, digest });
    return [...this.sendVote('Prepare', view, seq, digest), ...this.advance(seq)];
  }

  private onPrepare(from: NodeId, view: number, seq: number, digest: string): Effect<PbftMessage>[] {
    if (view !== this.view || !this.inWindow(seq)) return [];
    this.slot(seq).prepares.push({ replica: from, view, seq, digest });
    return this.advance(seq);
  }

  private onCommit(from: NodeId, view: number, seq: number, digest: string): Effect<PbftMessage>[] {
    if (view !== this.view || !this.inWindow(seq)) return [];
    const s = this.slot(seq);
    const key = `${view}|${digest}`;
    let voters = s.commits.get(key);
    if (voters === undefined) s.commits.set(key, (voters = new Set()));
    voters.add(from);
    return this.advance(seq);
  }

  private isPrepared(s: Slot, seq: number): boolean {
    const pp = s.prePrepare;
    if (pp === undefined || pp.view !== this.view) return false;
    const record = { view: pp.view, seq, digest: pp.digest };
    if (this.options.prepared !== undefined) return this.options.prepared(record, s.prepares, this.primaryOf(pp.view), this.f);
    const voters = new Set<NodeId>();
    for (const p of s.prepares) if (p.replica !== this.primaryOf(pp.view) && p.view === pp.view && p.digest === pp.digest) voters.add(p.replica);
    return voters.size >= this.quorum - 1;
  }

  /** prepared → send COMMIT; committed-local (prepared and a quorum of commits) → execute in order. */
  private advance(seq: number): Effect<PbftMessage>[] {
    const s = this.slot(seq);
    const pp = s.prePrepare;
    const effects: Effect<PbftMessage>[] = [];
    if (pp === undefined || !this.isPrepared(s, seq)) return effects;
    if (!s.sentCommit) {
      s.sentCommit = true;
      s.preparedIn = { seq, view: pp.view, digest: pp.digest, request: pp.request };
      effects.push(output('prepared', { seq, view: pp.view, digest: pp.digest }));
      const key = `${pp.view}|${pp.digest}`;
      if (!s.commits.has(key)) s.commits.set(key, new Set());
      s.commits.get(key)!.add(this.id);
      effects.push(...this.sendVote('Commit', pp.view, seq, pp.digest));
    }
    if (!s.committed && (s.commits.get(`${pp.view}|${pp.digest}`)?.size ?? 0) >= this.quorum) {
      s.committed = true;
      s.committedAs = { digest: pp.digest, request: pp.request };
    }
    return [...effects, ...this.execute()];
  }

  private execute(): Effect<PbftMessage>[] {
    const effects: Effect<PbftMessage>[] = [];
    for (let s = this.log.get(this.lastExecuted + 1); s?.committedAs !== undefined; s = this.log.get(this.lastExecuted + 1)) {
      const seq = ++this.lastExecuted;
      const request = s.committedAs.request;
      effects.push(output('execute', { seq, digest: s.committedAs.digest, op: request?.op ?? null }));
      if (request !== null && cachedReply(this, request) === undefined) {
        const result = applyOperation(this.balances, request.op);
        const reply = { timestamp: request.timestamp, result };
        this.lastReply.set(request.client, reply);
        effects.push(this.reply(request.client, reply));
      }
      if (request !== null) this.pending.delete(digestOf(request));
      if (seq % (this.options.checkpointEvery ?? 4) === 0) effects.push(...this.takeCheckpoint(seq));
    }
    if (effects.length > 0) effects.push(...this.rearmTimer());
    return effects;
  }

  protected reply(client: NodeId, reply: { timestamp: number; result: string }): Effect<PbftMessage> {
    return send(client, { type: 'Reply', view: this.view, timestamp: reply.timestamp, client, result: reply.result });
  }

  // ---- Checkpoints (§4.3) ---------------------------------------------------------------

  private snapshot(): ReplicaState {
    return { balances: [...this.balances].sort(([a], [b]) => (a < b ? -1 : 1)), lastReply: [...this.lastReply].sort(([a], [b]) => (a < b ? -1 : 1)) };
  }

  private takeCheckpoint(seq: number): Effect<PbftMessage>[] {
    const state = this.snapshot();
    const digest = stateDigest(state);
    this.ownCheckpoints.set(seq, state);
    return [...this.onCheckpoint(this.id, seq, digest), ...this.sendCheckpoint(seq, digest)];
  }

  protected sendCheckpoint(seq: number, digest: string): Effect<PbftMessage>[] {
    return this.multicast({ type: 'Checkpoint', seq, stateDigest: digest });
  }

  private onCheckpoint(from: NodeId, seq: number, digest: string): Effect<PbftMessage>[] {
    if (seq <= this.stableSeq) return [];
    let byDigest = this.checkpoints.get(seq);
    if (byDigest === undefined) this.checkpoints.set(seq, (byDigest = new Map()));
    let voters = byDigest.get(digest);
    if (voters === undefined) byDigest.set(digest, (voters = new Set()));
    voters.add(from);
    const state = this.ownCheckpoints.get(seq);
    // Stable once 2f + 1 replicas (this one included) certify the same state: discard the log up to it.
    if (voters.size < 2 * this.f + 1 || state === undefined || stateDigest(state) !== digest) return [];
    this.stableSeq = seq;
    this.stableDigest = digest;
    this.stableState = state;
    for (const k of [...this.log.keys()]) if (k <= seq) this.log.delete(k);
    for (const k of [...this.checkpoints.keys()]) if (k <= seq) this.checkpoints.delete(k);
    for (const k of [...this.ownCheckpoints.keys()]) if (k < seq) this.ownCheckpoints.delete(k);
    return [output('stable', { seq, digest })];
  }

  // ---- View change (§4.4) ----------------------------------------------------------------

  private armTimer(): Effect<PbftMessage>[] {
    this.timerArmed = true;
    return [setTimer('viewChange', (this.options.viewChangeMs ?? 300) * 2 ** Math.min(this.failedViews, 6))];
  }

  private rearmTimer(): Effect<PbftMessage>[] {
    if (this.pending.size === 0) {
      this.timerArmed = false;
      return [cancelTimer('viewChange')];
    }
    return this.armTimer();
  }

  private onViewChangeTimeout(): Effect<PbftMessage>[] {
    this.timerArmed = false;
    if (this.pending.size === 0 && !this.viewChanging) return [];
    this.failedViews++;
    return this.startViewChange(this.view + 1);
  }

  private startViewChange(view: number): Effect<PbftMessage>[] {
    this.view = view;
    this.viewChanging = true;
    const prepared: PreparedProof[] = [];
    for (const s of this.log.values()) if (s.preparedIn !== undefined && s.preparedIn.seq > this.stableSeq) prepared.push(s.preparedIn);
    prepared.sort((a, b) => a.seq - b.seq);
    const vc: ViewChangeMessage = { type: 'ViewChange', view, replica: this.id, stableSeq: this.stableSeq, stableDigest: this.stableDigest, stableState: this.stableState, prepared };
    this.lastViewChange = vc;
    return [output('viewChange', { view }), ...this.armTimer(), ...this.onViewChange(vc), ...this.multicast(vc)];
  }

  private onViewChange(vc: ViewChangeMessage): Effect<PbftMessage>[] {
    // A late VIEW-CHANGE for the view this replica leads already: the sender missed NEW-VIEW, send it again.
    if (vc.view === this.view && !this.viewChanging) return this.lastNewView?.view === vc.view && vc.replica !== this.id ? [send(vc.replica, this.lastNewView)] : [];
    if (vc.view < this.view) return [];
    let byReplica = this.viewChanges.get(vc.view);
    if (byReplica === undefined) this.viewChanges.set(vc.view, (byReplica = new Map()));
    const first = !byReplica.has(vc.replica);
    byReplica.set(vc.replica, vc);
    // Both want this view and messages get lost: answer a newcomer with this replica's own VIEW-CHANGE (once).
    const echo: Effect<PbftMessage>[] = first && vc.replica !== this.id && this.viewChanging && vc.view === this.view && this.lastViewChange?.view === vc.view ? [send(vc.replica, this.lastViewChange)] : [];
    // Liveness (§4.5.2): f + 1 replicas want a higher view, so at least one honest one does: join the lowest such view.
    const higher = [...this.viewChanges].filter(([v]) => v > this.view);
    const wanting = new Set(higher.flatMap(([, m]) => [...m.keys()]));
    if (wanting.size >= this.f + 1 && !wanting.has(this.id)) return this.startViewChange(Math.min(...higher.map(([v]) => v)));
    if (vc.view !== this.view || this.primaryOf(vc.view) !== this.id || byReplica.size < 2 * this.f + 1 || !byReplica.has(this.id)) return echo;
    const viewChanges = [...byReplica.values()].slice(0, 2 * this.f + 1).sort((a, b) => (a.replica < b.replica ? -1 : 1));
    const plan = planNewView(vc.view, viewChanges);
    this.viewChanges.delete(vc.view);
    const newView: PbftMessage & { type: 'NewView' } = { type: 'NewView', view: vc.view, viewChanges, prePrepares: plan.prePrepares };
    this.lastNewView = newView;
    return [...this.multicast(newView), ...this.enterView(vc.view, viewChanges, plan.prePrepares)];
  }

  /** Keeps what a slot holds of `view` (votes may arrive before NEW-VIEW) and its prepared certificate, for later view changes. */
  private forgetOldViews(s: Slot, view: number): void {
    if (s.prePrepare !== undefined && s.prePrepare.view < view) delete s.prePrepare;
    const keep = s.prepares.filter((p) => p.view >= view);
    s.prepares.length = 0;
    s.prepares.push(...keep);
    for (const key of [...s.commits.keys()]) if (Number(key.split('|')[0]) < view) s.commits.delete(key);
    s.sentCommit = false;
  }

  private onNewView(from: NodeId, view: number, viewChanges: readonly ViewChangeMessage[], prePrepares: readonly PreparedProof[]): Effect<PbftMessage>[] {
    if (view < this.view || (view === this.view && !this.viewChanging) || from !== this.primaryOf(view)) return [];
    if (!newViewIsValid(view, viewChanges, prePrepares, 2 * this.f + 1)) return [output('rejected', { from, reason: `NewView ${view} no válido` })];
    return this.enterView(view, viewChanges, prePrepares);
  }

  private enterView(view: number, viewChanges: readonly ViewChangeMessage[], prePrepares: readonly PreparedProof[]): Effect<PbftMessage>[] {
    const plan = planNewView(view, viewChanges);
    this.view = view;
    this.viewChanging = false;
    this.failedViews = 0;
    const effects: Effect<PbftMessage>[] = [output('newView', { view, primary: this.primaryOf(view) })];
    if (plan.minSeq > this.lastExecuted && plan.checkpointFrom !== undefined) {
      // State transfer, simplified: adopt the checkpoint state the view change certifies.
      const state = plan.checkpointFrom.stableState;
      this.balances.clear();
      for (const [a, b] of state.balances) this.balances.set(a, b);
      this.lastReply.clear();
      for (const [c, r] of state.lastReply) this.lastReply.set(c, r);
      this.lastExecuted = plan.minSeq;
      this.ownCheckpoints.set(plan.minSeq, state);
      effects.push(output('stateTransfer', { seq: plan.minSeq }));
    }
    if (plan.minSeq > this.stableSeq && plan.checkpointFrom !== undefined) {
      // The new view starts from a checkpoint the view change certifies: it is stable here too (it may have missed the CHECKPOINTs).
      this.stableSeq = plan.minSeq;
      this.stableDigest = plan.checkpointFrom.stableDigest;
      this.stableState = plan.checkpointFrom.stableState;
      for (const k of [...this.checkpoints.keys()]) if (k <= plan.minSeq) this.checkpoints.delete(k);
      for (const k of [...this.ownCheckpoints.keys()]) if (k < plan.minSeq) this.ownCheckpoints.delete(k);
      effects.push(output('stable', { seq: plan.minSeq, digest: this.stableDigest }));
    }
    for (const [k, s] of this.log) {
      if (k <= plan.minSeq) this.log.delete(k);
      else if (!s.committed) this.forgetOldViews(s, view);
    }
    this.nextSeq = Math.max(plan.maxSeq, this.lastExecuted) + 1;
    for (const p of prePrepares) {
      const s = this.slot(p.seq);
      if (s.committed) {
        // Already committed here: vote for it again in the new view, so that a replica that lagged can complete it.
        if (s.committedAs?.digest === p.digest) {
          if (this.primaryOf(view) !== this.id) effects.push(...this.sendVote('Prepare', view, p.seq, p.digest));
          effects.push(...this.sendVote('Commit', view, p.seq, p.digest));
        }
        continue;
      }
      s.prePrepare = { view, digest: p.digest, request: p.request };
      if (this.primaryOf(view) !== this.id) {
        s.prepares.push({ replica: this.id, view, seq: p.seq, digest: p.digest });
        effects.push(...this.sendVote('Prepare', view, p.seq, p.digest));
      }
      effects.push(...this.advance(p.seq));
    }
    // Requests still pending are relayed to the new primary (or ordered, if this is it).
    for (const r of [...this.pending.values()]) effects.push(...this.onRequest(r));
    return [...effects, ...this.rearmTimer()];
  }
}
