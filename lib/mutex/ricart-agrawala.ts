/**
 * Ricart and Agrawala (1981), "An optimal algorithm for mutual exclusion in computer
 * networks", as the lecture tells it: a process that wants the resource sends REQUEST with
 * its Lamport timestamp to every other; a process answers OK at once unless it holds the
 * resource or wants it with an older request (ties broken by id), in which case it defers
 * the OK until it leaves. Enter with n − 1 OKs: 2(n − 1) messages per entry, one hop of
 * synchronisation delay. Every process must answer, so one crashed process blocks everybody.
 */
import type { Effect, NodeContext, NodeFactory, NodeId } from '../sim/types';
import { send } from '../sim/types';
import type { RicartAgrawalaMessage } from './messages';
import { requestPrecedes } from './messages';
import type { RequestStamp } from './exercises';
import { intField, MutexNode } from './node';
import type { MutexPhase, MutexWorkload } from './node';

/** Options of {@link ricartAgrawala}. */
export interface RicartAgrawalaOptions extends MutexWorkload {
  /**
   * The defer rule (exercise 07.2's signature). Default: the node's own rule. The chapter's
   * exercise cells pass the student's `ricartAgrawalaDefers`.
   */
  readonly defers?: (state: MutexPhase, mine: RequestStamp | null, request: RequestStamp) => boolean;
}

/** A Ricart–Agrawala node. */
export class RicartAgrawalaNode extends MutexNode<RicartAgrawalaMessage> {
  /** The Lamport clock (chapter 02): max(local, received) + 1 on every receipt. */
  clock = 0;
  /** The timestamp of this node's pending request. */
  requestTime: number | undefined;
  /** Who has answered OK to the pending request. */
  readonly replies = new Set<NodeId>();
  /** Requests answered only when this node leaves (the lecture's "retrasa su respuesta"). */
  readonly deferred: { readonly node: NodeId; readonly time: number }[] = [];
  private readonly defers: RicartAgrawalaOptions['defers'];

  constructor(context: NodeContext, options: RicartAgrawalaOptions) {
    super(context, options);
    this.defers = options.defers;
  }

  protected requestAccess(): Effect<RicartAgrawalaMessage>[] {
    this.clock++;
    this.requestTime = this.clock;
    this.replies.clear();
    if (this.peers.length === 0) return this.enter();
    return this.peers.map((id) => send<RicartAgrawalaMessage>(id, { type: 'Request', time: this.clock }));
  }

  /** Step 4: leave, and send the deferred OKs. */
  protected releaseAccess(): Effect<RicartAgrawalaMessage>[] {
    this.requestTime = undefined;
    const effects = this.deferred.map((d) => send<RicartAgrawalaMessage>(d.node, { type: 'Reply', time: d.time }));
    this.deferred.length = 0;
    return effects;
  }

  protected onMessage(from: NodeId, message: RicartAgrawalaMessage): Effect<RicartAgrawalaMessage>[] {
    const time = intField(message, 'time');
    if (time === undefined) return this.reject(from, message, 'mensaje sin marca de tiempo válida');
    if (message.type === 'Request') return this.onRequest(from, time);
    if (message.type === 'Reply') return this.onReply(from, time);
    return this.reject(from, message, 'tipo de mensaje desconocido');
  }

  /** Step 2: answer now, or defer. */
  private onRequest(from: NodeId, time: number): Effect<RicartAgrawalaMessage>[] {
    this.clock = Math.max(this.clock, time) + 1;
    const mine = this.requestTime === undefined ? null : { time: this.requestTime, node: this.id };
    const request = { time, node: from };
    const defer = this.defers !== undefined ? this.defers(this.phase, mine, request) : this.phase === 'HELD' || (this.phase === 'WANTED' && mine !== null && requestPrecedes(mine, request));
    if (!defer) return [send(from, { type: 'Reply', time })];
    // A duplicate of a request already deferred is deferred once.
    if (!this.deferred.some((d) => d.node === from && d.time === time)) this.deferred.push({ node: from, time });
    return [];
  }

  /** Step 3: enter with an OK from every other node. A stale or duplicate OK changes nothing. */
  private onReply(from: NodeId, time: number): Effect<RicartAgrawalaMessage>[] {
    if (this.phase !== 'WANTED' || time !== this.requestTime) return this.reject(from, { type: 'Reply' }, 'OK de una petición que ya no está pendiente');
    this.replies.add(from);
    return this.replies.size === this.peers.length ? this.enter() : [];
  }
}

/**
 * A factory of {@link RicartAgrawalaNode}s.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: ricartAgrawala(), checkers: [mutualExclusion] });
 * sim.runFor(5_000); // 2(n − 1) = 4 messages per entry
 */
export function ricartAgrawala(options: RicartAgrawalaOptions = {}): NodeFactory<RicartAgrawalaMessage, RicartAgrawalaNode> {
  return (context) => new RicartAgrawalaNode(context, options);
}
