/**
 * Chord lookups as a protocol node on lib/sim: every node answers `FindSuccessor` from its
 * (static) finger table and successor list, and the node where a lookup starts drives it
 * iteratively, with a timeout and retries per request, so lost messages are retried and dead
 * nodes are skipped. The tables come from a {@link ChordRing}; node ids are the decimal
 * strings of the ring ids.
 */
import { cancelTimer, output, send, setTimer } from '../sim/types';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import type { ChordRing } from './chord';
import { clockwise, inHalfOpen, inOpen } from './ids';

/** Chord's messages (the paper's `find_successor`, plus a ping to the owner). */
export type ChordMessage =
  | { readonly type: 'Lookup'; readonly lookupId: string; readonly key: number }
  | { readonly type: 'FindSuccessor'; readonly lookupId: string; readonly key: number; readonly seq: number }
  | { readonly type: 'Closer'; readonly lookupId: string; readonly seq: number; readonly candidates: readonly number[]; readonly successors: readonly number[] }
  | { readonly type: 'Successors'; readonly lookupId: string; readonly seq: number; readonly successors: readonly number[] }
  | { readonly type: 'Ping'; readonly lookupId: string; readonly seq: number }
  | { readonly type: 'Pong'; readonly lookupId: string; readonly seq: number };

/** One trace line per message. */
export function formatChordMessage(m: ChordMessage): string {
  switch (m.type) {
    case 'Lookup': return `Lookup ${m.lookupId} key=${m.key}`;
    case 'FindSuccessor': return `FindSuccessor ${m.lookupId}#${m.seq} key=${m.key}`;
    case 'Closer': return `Closer ${m.lookupId}#${m.seq} [${m.candidates.length}]`;
    case 'Successors': return `Successors ${m.lookupId}#${m.seq} [${m.successors.join(',')}]`;
    case 'Ping': return `Ping ${m.lookupId}#${m.seq}`;
    case 'Pong': return `Pong ${m.lookupId}#${m.seq}`;
  }
}

/** Options of a {@link ChordNode}. */
export interface ChordNodeOptions {
  readonly ring: ChordRing;
  /** Wait for a reply before retrying (default 30 ms). */
  readonly timeoutMs?: number;
  /** Tries per request before the node is taken for dead (default 8). */
  readonly maxTries?: number;
  /** Catalogued bug when true: the first successor a predecessor names is taken as the owner, unpinged. */
  readonly trustSuccessor?: boolean;
}

/** What `found` outputs: the lookup's id, key and owner (a ring id). */
export interface FoundData {
  readonly lookupId: string;
  readonly key: number;
  readonly owner: number;
  readonly hops: number;
}

interface Pending {
  readonly key: number;
  phase: 'route' | 'owner';
  queue: number[];
  fallback: number[];
  seq: number;
  tries: number;
  hops: number;
}

/**
 * A Chord node on the simulator.
 *
 * @example
 * const ring = ChordRing.build(randomIds(16, createRng(1)));
 * const sim = new Simulation({ seed: 1, nodeIds: ring.ids.map(String), createNode: (c) => new ChordNode(c, { ring }) });
 * sim.inject(String(ring.ids[0]), { type: 'Lookup', lookupId: 'q1', key: 42 }); sim.runFor(1_000); // outputs 'found'
 */
export class ChordNode implements ProtocolNode<ChordMessage> {
  readonly id: NodeId;
  private readonly self: number;
  private readonly pending = new Map<string, Pending>();

  constructor(context: NodeContext, readonly options: ChordNodeOptions) {
    this.id = context.id;
    this.self = Number(context.id);
    if (!options.ring.has(this.self)) throw new RangeError(`el nodo ${context.id} no está en el anillo`);
  }

  start(): Effect<ChordMessage>[] {
    return [];
  }

  step(input: Input<ChordMessage>): Effect<ChordMessage>[] {
    if (input.type === 'timer') return this.onRequestTimeout(input.name);
    const m = input.message;
    switch (m.type) {
      case 'Lookup': return this.onLookup(m.lookupId, m.key);
      case 'FindSuccessor': return [send(input.from, { ...this.answer(m.key), lookupId: m.lookupId, seq: m.seq })];
      case 'Ping': return [send(input.from, { type: 'Pong', lookupId: m.lookupId, seq: m.seq })];
      case 'Closer':
      case 'Successors':
      case 'Pong': return this.onReply(m);
    }
  }

  /** What this node knows about `key`: the owner candidates, or known nodes closer to it (§4.3, §5.2). */
  private answer(key: number): { type: 'Successors'; successors: number[] } | { type: 'Closer'; candidates: number[]; successors: number[] } {
    const ring = this.options.ring;
    const successors = ring.successorList(this.self);
    if (inHalfOpen(key, this.self, successors[0] as number)) return { type: 'Successors', successors };
    const fingers = ring.fingerTable(this.self).map((f) => f.node);
    const candidates = [...new Set([...fingers, ...successors])].filter((x) => inOpen(x, this.self, key)).sort((a, b) => clockwise(a, key) - clockwise(b, key));
    return { type: 'Closer', candidates, successors: successors.filter((s) => !candidates.includes(s)) };
  }

  private onLookup(lookupId: string, key: number): Effect<ChordMessage>[] {
    if (this.pending.has(lookupId)) return [];
    if (inHalfOpen(key, this.options.ring.predecessor(this.self), this.self)) return [output('found', { lookupId, key, owner: this.self, hops: 0 } satisfies FoundData)];
    const pending: Pending = { key, phase: 'route', queue: [], fallback: [], seq: 0, tries: 0, hops: 0 };
    this.pending.set(lookupId, pending);
    return this.follow(lookupId, pending, this.answer(key));
  }

  private onReply(m: Extract<ChordMessage, { type: 'Closer' | 'Successors' | 'Pong' }>): Effect<ChordMessage>[] {
    const pending = this.pending.get(m.lookupId);
    // A late or duplicated reply to an earlier request is ignored.
    if (pending === undefined || m.seq !== pending.seq) return [];
    const effects: Effect<ChordMessage>[] = [cancelTimer(m.lookupId)];
    pending.hops++;
    if (m.type === 'Pong') {
      this.pending.delete(m.lookupId);
      return [...effects, output('found', { lookupId: m.lookupId, key: pending.key, owner: pending.queue[0] as number, hops: pending.hops } satisfies FoundData)];
    }
    return [...effects, ...this.follow(m.lookupId, pending, m.type === 'Closer' ? { type: 'Closer', candidates: [...m.candidates], successors: [...m.successors] } : { type: 'Successors', successors: [...m.successors] })];
  }

  private follow(lookupId: string, pending: Pending, reply: ReturnType<ChordNode['answer']>): Effect<ChordMessage>[] {
    if (reply.type === 'Successors') {
      if (this.options.trustSuccessor === true) {
        this.pending.delete(lookupId);
        return [output('found', { lookupId, key: pending.key, owner: reply.successors[0] as number, hops: pending.hops } satisfies FoundData)];
      }
      pending.phase = 'owner';
      pending.queue = [...reply.successors];
    } else {
      pending.phase = 'route';
      pending.queue = [...reply.candidates];
      pending.fallback = [...reply.successors];
    }
    return this.contactNext(lookupId, pending);
  }

  private contactNext(lookupId: string, pending: Pending): Effect<ChordMessage>[] {
    if (pending.queue.length === 0 && pending.phase === 'route') {
      // No live node precedes the key: the owner is the first live successor (§5.2).
      pending.phase = 'owner';
      pending.queue = pending.fallback;
    }
    const next = pending.queue[0];
    if (next === undefined) {
      this.pending.delete(lookupId);
      return [output('lookupFailed', { lookupId, key: pending.key, reason: 'todos los candidatos están caídos' })];
    }
    pending.seq++;
    pending.tries = 1;
    return this.request(lookupId, pending, next);
  }

  private request(lookupId: string, pending: Pending, to: number): Effect<ChordMessage>[] {
    const message: ChordMessage = pending.phase === 'route' ? { type: 'FindSuccessor', lookupId, key: pending.key, seq: pending.seq } : { type: 'Ping', lookupId, seq: pending.seq };
    return [send(String(to), message), setTimer(lookupId, this.options.timeoutMs ?? 30)];
  }

  private onRequestTimeout(lookupId: string): Effect<ChordMessage>[] {
    const pending = this.pending.get(lookupId);
    if (pending === undefined) return [];
    const to = pending.queue[0] as number;
    if (pending.tries < (this.options.maxTries ?? 8)) {
      pending.tries++;
      return this.request(lookupId, pending, to);
    }
    // Silent for maxTries timeouts: taken for dead, try the next candidate.
    pending.queue.shift();
    pending.seq++;
    return this.contactNext(lookupId, pending);
  }
}
