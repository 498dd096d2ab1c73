/**
 * Maekawa (1985), "A √N algorithm for mutual exclusion in decentralized systems": a process
 * needs the vote (LOCKED) of every member of its quorum, and each member votes for one request
 * at a time; since quorums intersect, two processes never hold all their votes at once.
 * 3(K − 1) messages per entry with quorums of K nodes (self included, local). Plain voting can
 * deadlock: A holds x's vote and waits for y's, B holds y's and waits for x's. The paper's fix
 * (with Sanders' 1987 correction, as here): a member already locked for a younger request sends
 * INQUIRE to it when an older one arrives, and FAILED to a request that cannot win now; a
 * requester that got a FAILED gives back (RELINQUISH) the votes it is asked for, so the oldest
 * request always gathers its quorum. `deadlockFree: false` is plain voting.
 */
import type { Effect, NodeContext, NodeFactory, NodeId } from '../sim/types';
import { send } from '../sim/types';
import type { MaekawaMessage, TimestampedRequest } from './messages';
import { requestPrecedes } from './messages';
import { intField, MutexNode } from './node';
import type { MutexWorkload } from './node';
import { gridQuorums } from './quorums';

/** Options of {@link maekawa}. */
export interface MaekawaOptions extends MutexWorkload {
  /** Use FAILED / INQUIRE / RELINQUISH so that no deadlock is possible (default true). */
  readonly deadlockFree?: boolean;
  /** The quorums (default: {@link gridQuorums} of the node ids). */
  readonly quorums?: ReadonlyMap<NodeId, readonly NodeId[]>;
}

const key = (r: TimestampedRequest) => `${r.node}@${r.time}`;
const same = (a: TimestampedRequest | undefined, b: TimestampedRequest) => a !== undefined && a.time === b.time && a.node === b.node;

/** A Maekawa node: a requester, and an arbiter (voter) for the quorums it belongs to. */
export class MaekawaNode extends MutexNode<MaekawaMessage> {
  clock = 0;
  readonly quorum: readonly NodeId[];
  /** Arbiter state: the request this node voted for, the others waiting, and whether it inquired. */
  lockedFor: TimestampedRequest | undefined;
  readonly waiting: TimestampedRequest[] = [];
  private inquired = false;
  private readonly failedSent = new Set<string>();
  private readonly lastRequest = new Map<NodeId, number>();
  /** Requester state. */
  private myRequest: TimestampedRequest | undefined;
  /** The votes held, by arbiter, with the number of each grant. */
  readonly votes = new Map<NodeId, number>();
  private readonly relinquished = new Map<NodeId, number>();
  private grants = 0;
  private lockedGrant = 0;
  private failed = false;
  private readonly inquiries = new Set<NodeId>();
  private readonly deadlockFree: boolean;

  constructor(context: NodeContext, options: MaekawaOptions) {
    super(context, options);
    this.deadlockFree = options.deadlockFree ?? true;
    const quorum = (options.quorums ?? gridQuorums(context.nodeIds)).get(context.id);
    if (quorum === undefined || !quorum.every((id) => context.nodeIds.includes(id))) throw new RangeError(`maekawa: cuórum inválido para ${context.id}`);
    this.quorum = quorum.includes(context.id) ? quorum : [context.id, ...quorum];
  }

  protected requestAccess(): Effect<MaekawaMessage>[] {
    this.clock++;
    this.myRequest = { time: this.clock, node: this.id };
    this.votes.clear();
    this.inquiries.clear();
    this.failed = false;
    const time = this.clock;
    return this.quorum.flatMap((id) => this.deliver(id, { type: 'Request', time }));
  }

  protected releaseAccess(): Effect<MaekawaMessage>[] {
    const mine = this.myRequest;
    this.myRequest = undefined;
    this.votes.clear();
    if (mine === undefined) return [];
    return this.quorum.flatMap((id) => this.deliver(id, { type: 'Release', time: mine.time }));
  }

  protected onMessage(from: NodeId, message: MaekawaMessage): Effect<MaekawaMessage>[] {
    const time = intField(message, 'time');
    if (time === undefined) return this.reject(from, message, 'mensaje sin marca de tiempo válida');
    if (message.type === 'Request') this.clock = Math.max(this.clock, time) + 1;
    const request = { time, node: from };
    switch (message.type) {
      case 'Request':
        return this.onRequest(request);
      case 'Release':
        return this.onRelease(request);
      case 'Relinquish':
        return this.onRelinquish(request, intField(message, 'grant'));
      case 'Locked':
        return this.onLocked(from, time, intField(message, 'grant'));
      case 'Failed':
        return this.onFailed(time);
      case 'Inquire':
        return this.onInquire(from, time);
      default:
        return this.reject(from, message, 'tipo de mensaje desconocido');
    }
  }

  // ---- As an arbiter -------------------------------------------------------------------

  private onRequest(request: TimestampedRequest): Effect<MaekawaMessage>[] {
    // Each node asks for one request at a time, with a growing timestamp: anything older is a copy.
    if (request.time <= (this.lastRequest.get(request.node) ?? 0)) return this.reject(request.node, { type: 'Request' }, 'petición repetida o antigua');
    this.lastRequest.set(request.node, request.time);
    if (this.lockedFor === undefined) return this.lockFor(request);
    this.insert(request);
    if (!this.deadlockFree) return [];
    // Sanders' correction: every waiting request that the new one overtakes must learn it
    // cannot win now (FAILED), or it could keep votes elsewhere that the older request needs.
    const effects = this.waiting.filter((w) => w !== request && requestPrecedes(request, w) && !this.failedSent.has(key(w))).flatMap((w) => this.fail(w));
    if (this.waiting[0] === request && requestPrecedes(request, this.lockedFor)) {
      if (this.inquired) return effects;
      this.inquired = true;
      return [...effects, ...this.deliver(this.lockedFor.node, { type: 'Inquire', time: this.lockedFor.time })];
    }
    return [...effects, ...this.fail(request)];
  }

  private fail(request: TimestampedRequest): Effect<MaekawaMessage>[] {
    this.failedSent.add(key(request));
    return this.deliver(request.node, { type: 'Failed', time: request.time });
  }

  private onRelease(request: TimestampedRequest): Effect<MaekawaMessage>[] {
    if (!same(this.lockedFor, request)) return this.reject(request.node, { type: 'Release' }, `liberación sin permiso: no voté por ${request.node}`);
    return this.lockNext();
  }

  private onRelinquish(request: TimestampedRequest, grant: number | undefined): Effect<MaekawaMessage>[] {
    // A duplicated RELINQUISH of an earlier grant must not take a later vote away.
    if (!same(this.lockedFor, request) || grant !== this.lockedGrant) return this.reject(request.node, { type: 'Relinquish' }, 'RELINQUISH de un voto que no tiene');
    this.insert(request);
    return this.lockNext();
  }

  private lockNext(): Effect<MaekawaMessage>[] {
    this.lockedFor = undefined;
    const next = this.waiting.shift();
    return next === undefined ? [] : this.lockFor(next);
  }

  private lockFor(request: TimestampedRequest): Effect<MaekawaMessage>[] {
    this.failedSent.delete(key(request));
    this.lockedFor = request;
    this.inquired = false;
    this.grants++;
    this.lockedGrant = this.grants;
    return this.deliver(request.node, { type: 'Locked', time: request.time, grant: this.grants });
  }

  private insert(request: TimestampedRequest): void {
    let i = this.waiting.length;
    while (i > 0 && requestPrecedes(request, this.waiting[i - 1] as TimestampedRequest)) i--;
    this.waiting.splice(i, 0, request);
  }

  // ---- As a requester ------------------------------------------------------------------

  private current(time: number): boolean {
    return this.phase === 'WANTED' && this.myRequest !== undefined && this.myRequest.time === time;
  }

  private onLocked(from: NodeId, time: number, grant: number | undefined): Effect<MaekawaMessage>[] {
    if (!this.current(time) || grant === undefined) return this.reject(from, { type: 'Locked' }, 'voto de una petición que ya no está pendiente');
    // A copy of a vote already given back is not a vote.
    if (grant <= (this.relinquished.get(from) ?? 0)) return this.reject(from, { type: 'Locked' }, 'voto ya devuelto');
    this.votes.set(from, grant);
    if (this.votes.size === this.quorum.length) {
      this.inquiries.clear();
      return this.enter();
    }
    return this.failed && this.inquiries.has(from) ? this.relinquish(from) : [];
  }

  private onFailed(time: number): Effect<MaekawaMessage>[] {
    if (!this.current(time)) return [];
    this.failed = true;
    return [...this.inquiries].filter((id) => this.votes.has(id)).flatMap((id) => this.relinquish(id));
  }

  private onInquire(from: NodeId, time: number): Effect<MaekawaMessage>[] {
    // Inside the section (or done with that request): the RELEASE will answer it.
    if (!this.current(time)) return [];
    this.inquiries.add(from);
    return this.failed && this.votes.has(from) ? this.relinquish(from) : [];
  }

  private relinquish(arbiter: NodeId): Effect<MaekawaMessage>[] {
    const mine = this.myRequest as TimestampedRequest;
    const grant = this.votes.get(arbiter) ?? 0;
    this.relinquished.set(arbiter, grant);
    this.votes.delete(arbiter);
    this.inquiries.delete(arbiter);
    return this.deliver(arbiter, { type: 'Relinquish', time: mine.time, grant });
  }

  /** Sends to another node; a message to itself (it is in its own quorum) is handled at once. */
  private deliver(to: NodeId, message: MaekawaMessage): Effect<MaekawaMessage>[] {
    return to === this.id ? this.onMessage(this.id, message) : [send(to, message)];
  }
}

/**
 * A factory of {@link MaekawaNode}s.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3', 'n4'], createNode: maekawa(), checkers: [mutualExclusion] });
 * sim.runFor(5_000); // quorums of 3: 3(3 − 1) = 6 messages per entry without contention
 */
export function maekawa(options: MaekawaOptions = {}): NodeFactory<MaekawaMessage, MaekawaNode> {
  return (context) => new MaekawaNode(context, options);
}
