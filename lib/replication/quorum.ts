/**
 * A leaderless, Dynamo-style store (DeCandia et al. 2007): every key lives on `n` replicas (its
 * preference list on a ring of the nodes); any node coordinates a request, sending it to the
 * `n` replicas and answering after `w` write acks or `r` read replies. Versions are last-writer-
 * wins timestamps (the coordinator's clock in µs, tie-broken by its id).
 * - **Read repair**: after a read, the coordinator writes the newest version back to the
 *   replicas that answered an older one (or nothing).
 * - **Hinted handoff** (sloppy quorum): a replica that does not ack within `handoffAfterMs`
 *   is replaced by the next node on the ring, which keeps the write as a hint and hands it to
 *   the owner once the owner answers again.
 */
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import type { QuorumMessage, ReplicationInput, Versioned } from './messages';
import { compareVersions, planReadRepair } from './rules';

/** Options of {@link quorumStore}. */
export interface QuorumOptions {
  /** Replicas per key (default 3, at most the cluster size). */
  readonly n?: number;
  /** Read replies to wait for (default 2). */
  readonly r?: number;
  /** Write acks to wait for (default 2). */
  readonly w?: number;
  /** Repair stale replicas after reads (default true). */
  readonly readRepair?: boolean;
  /** Send a missing replica's write to the next node as a hint (default true). */
  readonly hintedHandoff?: boolean;
  /** Wait this long for a replica before handing its write off (default 40 ms). */
  readonly handoffAfterMs?: number;
  /** Give up on a request after this long (default 200 ms): the client hears nothing. */
  readonly requestTimeoutMs?: number;
  /** The read-repair rule (exercise 05.3's signature); default: the kit's own. */
  readonly readRepairPlan?: (replies: readonly { node: string; item: Versioned | null }[]) => { newest: Versioned | null; stale: string[] };
}

interface Operation {
  readonly kind: 'read' | 'write';
  readonly client: NodeId;
  readonly requestId: string;
  readonly key: string;
  readonly item?: Versioned;
  readonly targets: NodeId[];
  readonly acked: Set<NodeId>;
  readonly replies: { node: NodeId; item: Versioned | null }[];
  answered: boolean;
  handedOff: boolean;
}

/** A simple deterministic string hash (FNV-1a, 32 bits) for placing keys on the ring. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The `n` nodes that own `key`: consecutive on the ring, starting at its hash. */
export function preferenceList(key: string, nodeIds: readonly NodeId[], n: number): NodeId[] {
  const start = hashKey(key) % nodeIds.length;
  return Array.from({ length: Math.min(n, nodeIds.length) }, (_, i) => nodeIds[(start + i) % nodeIds.length] as NodeId);
}

/** A replica and coordinator of the quorum store. */
export class QuorumNode implements ProtocolNode<QuorumMessage> {
  readonly id: NodeId;
  /** This replica's copy of each key it owns. */
  readonly store = new Map<string, Versioned>();
  /** Writes kept for other nodes (hinted handoff): owner → key → newest item. */
  readonly hints = new Map<NodeId, Map<string, Versioned>>();
  private readonly ops = new Map<string, Operation>();
  private nextOp = 0;
  private readonly n: number;
  private readonly r: number;
  private readonly w: number;

  constructor(private readonly context: NodeContext, private readonly options: QuorumOptions) {
    this.id = context.id;
    this.n = Math.min(options.n ?? 3, context.nodeIds.length);
    this.r = options.r ?? 2;
    this.w = options.w ?? 2;
    for (const [name, v] of [['r', this.r], ['w', this.w]] as const) {
      if (!Number.isInteger(v) || v < 1 || v > this.n) throw new RangeError(`quorumStore: ${name} debe estar entre 1 y n=${this.n}, recibido ${v}`);
    }
  }

  start(): Effect<QuorumMessage>[] {
    return this.options.hintedHandoff === false ? [] : [setTimer('handoff', 50)];
  }

  step(input: Input<QuorumMessage>, nowMs: number): Effect<QuorumMessage>[] {
    if (input.type === 'timer') return this.onTimer(input.name);
    const m = input.message as QuorumMessage | null;
    if (typeof m !== 'object' || m === null) return [output('malformed', { from: input.from })];
    switch (m.type) {
      case 'Request':
        return this.onRequest(input.from, m, nowMs);
      case 'Put':
        return this.onPut(input.from, m);
      case 'PutAck':
        return this.onPutAck(input.from, m.op);
      case 'Get':
        return typeof m.key === 'string' ? [send(input.from, { type: 'GetReply', op: m.op, key: m.key, ...(this.store.has(m.key) ? { item: this.store.get(m.key) as Versioned } : {}) })] : [];
      case 'GetReply':
        return this.onGetReply(input.from, m);
      case 'Reply':
      case 'Unavailable':
        return [];
      default:
        return [output('malformed', { from: input.from, type: String((m as { type?: unknown }).type) })];
    }
  }

  private onRequest(client: NodeId, m: Extract<QuorumMessage, { type: 'Request' }>, nowMs: number): Effect<QuorumMessage>[] {
    const i = m.input as ReplicationInput | null;
    if (typeof i !== 'object' || i === null || typeof i.key !== 'string' || i.key === '' || i.key.includes('|') || (i.f !== 'read' && i.f !== 'write') || (i.f === 'write' && typeof i.value !== 'string')) {
      return [send(client, { type: 'Reply', requestId: m.requestId, output: { error: 'petición mal formada: se espera { f: "read" | "write", key (texto sin «|»), value? }' } })];
    }
    const opId = `${this.id}:${++this.nextOp}`;
    const targets = preferenceList(i.key, this.context.nodeIds, this.n);
    const item: Versioned | undefined = i.f === 'write' ? { value: i.value, version: { counter: Math.round(nowMs * 1000), by: this.id } } : undefined;
    this.ops.set(opId, { kind: i.f, client, requestId: m.requestId, key: i.key, ...(item ? { item } : {}), targets, acked: new Set(), replies: [], answered: false, handedOff: false });
    const message: QuorumMessage = item ? { type: 'Put', op: opId, key: i.key, item } : { type: 'Get', op: opId, key: i.key };
    const effects: Effect<QuorumMessage>[] = targets.map((t) => send(t, message));
    if (item && this.options.hintedHandoff !== false) effects.push(setTimer(`handoff:${opId}`, this.options.handoffAfterMs ?? 40));
    effects.push(setTimer(`expire:${opId}`, this.options.requestTimeoutMs ?? 200));
    return effects;
  }

  private onPut(from: NodeId, m: Extract<QuorumMessage, { type: 'Put' }>): Effect<QuorumMessage>[] {
    if (typeof m.key !== 'string' || typeof m.item !== 'object' || m.item === null || typeof m.item.version?.counter !== 'number') return [output('malformed', { from, type: 'Put' })];
    if (m.hintFor !== undefined && m.hintFor !== this.id) {
      const forOwner = this.hints.get(m.hintFor) ?? new Map<string, Versioned>();
      const known = forOwner.get(m.key);
      if (known === undefined || compareVersions(m.item.version, known.version) > 0) forOwner.set(m.key, m.item);
      this.hints.set(m.hintFor, forOwner);
    } else {
      const known = this.store.get(m.key);
      if (known === undefined || compareVersions(m.item.version, known.version) > 0) this.store.set(m.key, m.item);
    }
    return [send(from, { type: 'PutAck', op: m.op })];
  }

  private onPutAck(from: NodeId, opId: string): Effect<QuorumMessage>[] {
    if (typeof opId !== 'string') return [];
    if (opId.startsWith('hint|')) {
      // A hint delivered: the owner has it now (op = hint|owner|key|counter|by).
      const [, owner, key, counter, by] = opId.split('|');
      const forOwner = owner === undefined ? undefined : this.hints.get(owner);
      const item = key === undefined ? undefined : forOwner?.get(key);
      if (owner === from && forOwner && key !== undefined && item && String(item.version.counter) === counter && item.version.by === by) {
        forOwner.delete(key);
        return [output('hintDelivered', { owner, key })];
      }
      return [];
    }
    const op = this.ops.get(opId);
    if (op === undefined || op.kind !== 'write') return [];
    op.acked.add(from);
    if (op.answered || op.acked.size < this.w) return [];
    op.answered = true;
    return [send(op.client, { type: 'Reply', requestId: op.requestId, output: true })];
  }

  private onGetReply(from: NodeId, m: Extract<QuorumMessage, { type: 'GetReply' }>): Effect<QuorumMessage>[] {
    const op = this.ops.get(m.op);
    if (op === undefined || op.kind !== 'read' || op.replies.some((r) => r.node === from)) return [];
    op.replies.push({ node: from, item: m.item ?? null });
    const effects: Effect<QuorumMessage>[] = [];
    if (!op.answered && op.replies.length >= this.r) {
      op.answered = true;
      const plan = (this.options.readRepairPlan ?? planReadRepair)(op.replies);
      effects.push(send(op.client, { type: 'Reply', requestId: op.requestId, output: plan.newest?.value ?? null }));
    }
    if (op.replies.length === op.targets.length) effects.push(...this.finishRead(m.op, op));
    return effects;
  }

  private finishRead(opId: string, op: Operation): Effect<QuorumMessage>[] {
    this.ops.delete(opId);
    if (this.options.readRepair === false) return [];
    const plan = (this.options.readRepairPlan ?? planReadRepair)(op.replies);
    if (plan.newest === null || plan.stale.length === 0) return [];
    const newest = plan.newest;
    return [output('readRepair', { key: op.key, nodes: plan.stale }), ...plan.stale.map((node) => send<QuorumMessage>(node, { type: 'Put', op: `repair:${opId}`, key: op.key, item: newest }))];
  }

  private onTimer(name: string): Effect<QuorumMessage>[] {
    if (name === 'handoff') return [...this.deliverHints(), setTimer('handoff', 50)];
    const [kind, ...rest] = name.split(':');
    const opId = rest.join(':');
    const op = this.ops.get(opId);
    if (op === undefined) return [];
    if (kind === 'expire') {
      if (op.kind === 'read') return this.finishRead(opId, op);
      this.ops.delete(opId);
      return [];
    }
    if (kind !== 'handoff' || op.item === undefined || op.handedOff) return [];
    op.handedOff = true;
    // Sloppy quorum: each silent owner's write goes, as a hint, to the next node beyond the list.
    const silent = op.targets.filter((t) => !op.acked.has(t));
    const spare = this.context.nodeIds.filter((id) => !op.targets.includes(id));
    const start = spare.length === 0 ? 0 : hashKey(op.key) % spare.length;
    return silent.flatMap((owner, i) => {
      const helper = spare[(start + i) % Math.max(1, spare.length)];
      return helper === undefined || i >= spare.length ? [] : [send(helper, { type: 'Put', op: opId, key: op.key, item: op.item as Versioned, hintFor: owner })];
    });
  }

  private deliverHints(): Effect<QuorumMessage>[] {
    const effects: Effect<QuorumMessage>[] = [];
    for (const [owner, items] of this.hints) {
      for (const [key, item] of items) effects.push(send(owner, { type: 'Put', op: `hint|${owner}|${key}|${item.version.counter}|${item.version.by}`, key, item }));
    }
    return effects;
  }
}

/**
 * Factory of {@link QuorumNode}s.
 * @example
 * new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3', 'n4', 'n5'], createNode: quorumStore({ n: 3, r: 2, w: 2 }), … });
 */
export function quorumStore(options: QuorumOptions = {}): NodeFactory<QuorumMessage, QuorumNode> {
  return (context) => new QuorumNode(context, options);
}
