/**
 * A P2P chat peer as a pure protocol node: it floods chat lines to its neighbours with
 * de-duplication by message id, learns neighbours from a bootstrap list and from `Join`s,
 * forgets them on `Leave`. It never touches a socket or a clock: lib/sim runs it, and so does
 * the real TCP runtime (`tcp-peer.ts`), which interprets the same effects over 127.0.0.1.
 */
import type { Rng } from '../random/index';
import { output, send, setTimer } from '../sim/types';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import type { FloodDecision, FloodedMessage } from './exercises';
import type { Chat, P2PMessage } from './messages';

/** How many neighbours a peer forwards a new message to: all of them, or `k` chosen at random. */
export type Fanout = number | 'all';

/** The flood rule's signature (exercise 04.2's `floodOnChat`). */
export type FloodRule = (seen: Set<string>, message: FloodedMessage, from: string, neighbours: string[]) => FloodDecision;

/** Options of a {@link P2PPeer}. */
export interface P2PPeerOptions {
  /** The peers it knows when it starts (it sends each a `Join`). */
  readonly bootstrap: readonly NodeId[];
  /** Neighbours a new message is forwarded to (default `'all'`: flooding). */
  readonly fanout?: Fanout;
  /** Retransmit every message until its `Ack` (simulated lossy links; TCP does this itself). Default false. */
  readonly reliable?: boolean;
  /** Retransmission period with `reliable` (default 40 ms). */
  readonly retransmitMs?: number;
  /** Retransmissions before a neighbour is given up as dead (default 60). */
  readonly maxRetransmits?: number;
  /** Join late: stay offline until this local time (default 0: join at start). */
  readonly joinAtMs?: number;
  /** Leave (say `Leave` to every neighbour, then go silent) at this local time. */
  readonly leaveAtMs?: number;
  /**
   * Catalogued bug when false: the peer checks `seen` only to decide whether to forward, and
   * shows every copy it receives (a duplicate per extra path). Default true.
   */
  readonly dedupBeforeDeliver?: boolean;
  /** The flood rule (default {@link floodRule}); the chapter's exercise cells pass the student's `floodOnChat`. */
  readonly onChat?: FloodRule;
}

/** Where a peer is in its life: not joined yet, in the chat, or gone. */
export type PeerStatus = 'offline' | 'online' | 'left';

/** The kit's own flood rule (same contract as exercise 04.2). It mutates nothing it is given. */
export function floodRule(seen: Set<string>, message: FloodedMessage, from: string, neighbours: string[]): FloodDecision {
  if (seen.has(message.id)) return { seen, deliver: false, forwardTo: [] };
  const next = new Set(seen).add(message.id);
  return { seen: next, deliver: true, forwardTo: neighbours.filter((n) => n !== from && n !== message.origin) };
}

/** Throws a Spanish `RangeError`/`TypeError` for options no peer could run with. */
export function validatePeerOptions(options: P2PPeerOptions): void {
  if (!Array.isArray(options.bootstrap) || !options.bootstrap.every((b) => typeof b === 'string')) throw new TypeError('bootstrap debe ser una lista de ids de pares');
  const fanout = options.fanout ?? 'all';
  if (fanout !== 'all' && (!Number.isInteger(fanout) || fanout < 1)) throw new RangeError(`fanout debe ser 'all' o un entero ≥ 1, es ${String(fanout)}`);
  for (const [name, value] of [['retransmitMs', options.retransmitMs], ['joinAtMs', options.joinAtMs], ['leaveAtMs', options.leaveAtMs]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} debe ser un número ≥ 0, es ${String(value)}`);
  }
  if (options.retransmitMs !== undefined && options.retransmitMs <= 0) throw new RangeError('retransmitMs debe ser > 0');
  if (options.maxRetransmits !== undefined && (!Number.isInteger(options.maxRetransmits) || options.maxRetransmits < 0)) throw new RangeError('maxRetransmits debe ser un entero ≥ 0');
}

interface Unacked {
  readonly to: NodeId;
  readonly message: P2PMessage;
  tries: number;
}

const RETRANSMIT = 'retransmit';

/**
 * One peer of the chat.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['p1', 'p2', 'p3'],
 *   createNode: (c) => new P2PPeer(c, { bootstrap: c.id === 'p1' ? [] : ['p1'] }) });
 * sim.runFor(50);
 * sim.inject('p2', { type: 'Post', text: 'hola' });
 * sim.runUntilIdle({ limitMs: 1_000 }); // p1, p2 and p3 each output 'deliver' once
 */
export class P2PPeer implements ProtocolNode<P2PMessage> {
  readonly id: NodeId;
  status: PeerStatus = 'offline';
  /** Known neighbours, in the order they were learnt. */
  readonly neighbours: NodeId[] = [];
  /** Ids of the chat messages seen (delivered or written here). */
  seen = new Set<string>();
  /** Chat lines shown to the user, in order. */
  readonly delivered: Chat[] = [];
  /** Copies received of messages already seen. */
  duplicates = 0;
  private posted = 0;
  private nextLinkSeq = 0;
  private readonly unacked = new Map<number, Unacked>();
  private retransmitArmed = false;
  private readonly rng: Rng;
  private readonly rule: FloodRule;

  constructor(context: NodeContext, readonly options: P2PPeerOptions) {
    validatePeerOptions(options);
    this.id = context.id;
    this.rng = context.rng;
    this.rule = options.onChat ?? floodRule;
  }

  start(): Effect<P2PMessage>[] {
    const effects: Effect<P2PMessage>[] = [];
    if (this.options.leaveAtMs !== undefined) effects.push(setTimer('leave', this.options.leaveAtMs));
    if ((this.options.joinAtMs ?? 0) > 0) return [...effects, setTimer('join', this.options.joinAtMs ?? 0)];
    return [...effects, ...this.onJoinTimeout()];
  }

  step(input: Input<P2PMessage>): Effect<P2PMessage>[] {
    if (input.type === 'timer') {
      if (input.name === 'join') return this.onJoinTimeout();
      if (input.name === 'leave') return this.onLeaveTimeout();
      if (input.name === RETRANSMIT) return this.onRetransmitTimeout();
      return [];
    }
    const { from, message } = input;
    // Offline peers hear nothing; a peer that left still takes the Acks of its goodbyes.
    if (this.status === 'offline' || (this.status === 'left' && message.type !== 'Ack')) return [];
    const effects: Effect<P2PMessage>[] = [];
    if (message.type !== 'Ack' && message.type !== 'Post' && message.linkSeq !== undefined) effects.push(send(from, { type: 'Ack', linkSeq: message.linkSeq }));
    switch (message.type) {
      case 'Post':
        return this.onPost(message.text);
      case 'Chat':
        return [...effects, ...this.onChat(from, message)];
      case 'Join':
        if (message.peer !== this.id && !this.neighbours.includes(message.peer)) {
          this.neighbours.push(message.peer);
          effects.push(output('neighbour', { peer: message.peer }));
        }
        return effects;
      case 'Leave':
        this.forget(message.peer);
        return [...effects, output('neighbourLeft', { peer: message.peer })];
      case 'Ack': {
        const entry = this.unacked.get(message.linkSeq);
        if (entry?.to === from) this.unacked.delete(message.linkSeq);
        return effects;
      }
    }
  }

  /** The local user writes `text`: a new id, shown here, sent to the fan-out. */
  private onPost(text: string): Effect<P2PMessage>[] {
    if (this.status !== 'online') return [output('notOnline', { text })];
    this.posted++;
    const chat: Chat = { type: 'Chat', id: `${this.id}#${this.posted}`, origin: this.id, text };
    this.seen.add(chat.id);
    this.delivered.push(chat);
    const effects: Effect<P2PMessage>[] = [output('deliver', { id: chat.id, origin: this.id, from: this.id, text })];
    return [...effects, ...this.forward(chat, this.pick([...this.neighbours]))];
  }

  private onChat(from: NodeId, message: Chat): Effect<P2PMessage>[] {
    const chat: Chat = { type: 'Chat', id: message.id, origin: message.origin, text: message.text };
    const wasSeen = this.seen.has(chat.id);
    const decision = this.rule(this.seen, { id: chat.id, origin: chat.origin }, from, [...this.neighbours]);
    this.seen = decision.seen;
    const effects: Effect<P2PMessage>[] = [];
    if (decision.deliver || (this.options.dedupBeforeDeliver === false && wasSeen)) {
      this.delivered.push(chat);
      effects.push(output('deliver', { id: chat.id, origin: chat.origin, from, text: chat.text }));
    }
    if (wasSeen) {
      this.duplicates++;
      effects.push(output('duplicate', { id: chat.id, from }));
    }
    return [...effects, ...this.forward(chat, this.pick(decision.forwardTo))];
  }

  private onJoinTimeout(): Effect<P2PMessage>[] {
    if (this.status !== 'offline') return [];
    this.status = 'online';
    const effects: Effect<P2PMessage>[] = [output('joined', { bootstrap: [...this.options.bootstrap] })];
    for (const peer of this.options.bootstrap) {
      if (peer === this.id || this.neighbours.includes(peer)) continue;
      this.neighbours.push(peer);
      effects.push(...this.transmit(peer, { type: 'Join', peer: this.id }));
    }
    return effects;
  }

  private onLeaveTimeout(): Effect<P2PMessage>[] {
    if (this.status !== 'online') return [];
    const effects: Effect<P2PMessage>[] = [output('left', { neighbours: [...this.neighbours] })];
    for (const peer of this.neighbours) effects.push(...this.transmit(peer, { type: 'Leave', peer: this.id }));
    this.status = 'left';
    // Only the goodbyes are still retransmitted.
    for (const [seq, entry] of this.unacked) if (entry.message.type !== 'Leave') this.unacked.delete(seq);
    return effects;
  }

  private onRetransmitTimeout(): Effect<P2PMessage>[] {
    this.retransmitArmed = false;
    const effects: Effect<P2PMessage>[] = [];
    const maxTries = this.options.maxRetransmits ?? 60;
    for (const [seq, entry] of [...this.unacked]) {
      if (!this.unacked.has(seq)) continue;
      entry.tries++;
      if (entry.tries > maxTries) {
        // A neighbour silent for this long is taken for dead: stop sending to it at all.
        effects.push(output('giveUp', { peer: entry.to }));
        this.forget(entry.to);
        continue;
      }
      effects.push(send(entry.to, entry.message));
    }
    return [...effects, ...this.armRetransmit()];
  }

  /** Removes a neighbour and everything still queued for it. */
  private forget(peer: NodeId): void {
    const index = this.neighbours.indexOf(peer);
    if (index >= 0) this.neighbours.splice(index, 1);
    for (const [seq, entry] of this.unacked) if (entry.to === peer) this.unacked.delete(seq);
  }

  /** At most `fanout` of the candidates, chosen with this peer's random stream. */
  private pick(candidates: string[]): string[] {
    const fanout = this.options.fanout ?? 'all';
    if (fanout === 'all' || candidates.length <= fanout) return candidates;
    return this.rng.sample(candidates, fanout);
  }

  private forward(chat: Chat, to: readonly NodeId[]): Effect<P2PMessage>[] {
    return to.flatMap((peer) => this.transmit(peer, chat));
  }

  /** Sends one message; with reliable links it gets a link sequence number and waits for its Ack. */
  private transmit(to: NodeId, message: Exclude<P2PMessage, { type: 'Ack' | 'Post' }>): Effect<P2PMessage>[] {
    if (this.options.reliable !== true) return [send(to, message)];
    const linkSeq = this.nextLinkSeq++;
    const stamped = { ...message, linkSeq };
    this.unacked.set(linkSeq, { to, message: stamped, tries: 0 });
    return [send(to, stamped), ...this.armRetransmit()];
  }

  private armRetransmit(): Effect<P2PMessage>[] {
    if (this.retransmitArmed || this.unacked.size === 0) return [];
    this.retransmitArmed = true;
    return [setTimer(RETRANSMIT, this.options.retransmitMs ?? 40)];
  }
}
