/**
 * SWIM-style failure detection (Das, Gupta & Motivala, 2002): every protocol period each member
 * pings one other member (in a shuffled round-robin); without an ack within `pingTimeoutMs`
 * it asks `indirectProbes` (k) other members to ping it on its behalf; without any ack by the end
 * of the period the target becomes *suspect*, and only after `suspicionTimeoutMs` without
 * a refutation is it declared *dead*. A suspected member that hears about it refutes with a
 * higher incarnation number. Updates are multicast once here (the paper piggybacks them on
 * pings); a member that hears a ping from one it believes suspect or dead tells it, so a missed
 * update is repaired.
 */
import type { Rng } from '../random/index';
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { cancelTimer, output, send, setTimer } from '../sim/types';

/** A member's status in someone's view. */
export type SwimStatus = 'alive' | 'suspect' | 'dead';

/** SWIM's messages (the paper's names: ping, ping-req, ack; and the membership updates). */
export type SwimMessage =
  | { readonly type: 'Ping'; readonly seq: number }
  | { readonly type: 'PingReq'; readonly seq: number; readonly target: NodeId }
  | { readonly type: 'Ack'; readonly seq: number; readonly target: NodeId }
  | { readonly type: 'Update'; readonly member: NodeId; readonly status: SwimStatus; readonly incarnation: number };

/** SWIM's knobs. */
export interface SwimOptions {
  /** The protocol period T' (default 1,000 ms). */
  readonly periodMs: number;
  /** How long to wait for a direct ack before probing indirectly (default 300 ms). */
  readonly pingTimeoutMs: number;
  /** k, the members asked to probe indirectly (default 3). */
  readonly indirectProbes: number;
  /** How long a member stays suspect before it is declared dead (default 3,000 ms). */
  readonly suspicionTimeoutMs: number;
}

/** Defaults close to HashiCorp memberlist's LAN profile (1 s period, 3 indirect probes). */
export const SWIM_DEFAULTS: SwimOptions = { periodMs: 1_000, pingTimeoutMs: 300, indirectProbes: 3, suspicionTimeoutMs: 3_000 };

interface Member {
  status: SwimStatus;
  incarnation: number;
}

/** One SWIM member. Its `view` is public so checkers and plots can read it. */
export class SwimNode implements ProtocolNode<SwimMessage> {
  readonly id: NodeId;
  /** This member's view of every other member. */
  readonly view = new Map<NodeId, Member>();
  private incarnation = 0;
  private seq = 0;
  private order: NodeId[] = [];
  /** The current probe: its target and sequence number, and whether an ack came back. */
  private probe: { target: NodeId; seq: number; acked: boolean } | undefined;
  /** Indirect probes this member runs for others: our seq → who asked and their seq. */
  private readonly relays = new Map<number, { requester: NodeId; seq: number; target: NodeId }>();
  private readonly rng: Rng;

  constructor(context: NodeContext, private readonly options: SwimOptions) {
    this.id = context.id;
    this.rng = context.rng;
    for (const m of context.nodeIds) if (m !== this.id) this.view.set(m, { status: 'alive', incarnation: 0 });
  }

  start(): Effect<SwimMessage>[] {
    // Members start out of phase, as real ones do.
    return [setTimer('period', this.rng.uniform(0, this.options.periodMs))];
  }

  step(input: Input<SwimMessage>): Effect<SwimMessage>[] {
    if (input.type === 'timer') return this.onTimer(input.name);
    const m = input.message as Partial<Record<string, unknown>> | null;
    if (typeof m !== 'object' || m === null || !this.view.has(input.from)) return [output('ignored', { from: input.from })];
    switch (m.type) {
      case 'Ping':
        return typeof m.seq === 'number' ? [send(input.from, { type: 'Ack', seq: m.seq, target: this.id }), ...this.tellIfSuspected(input.from)] : [];
      case 'PingReq':
        return typeof m.seq === 'number' && typeof m.target === 'string' ? [...this.onPingReq(input.from, m.seq, m.target), ...this.tellIfSuspected(input.from)] : [];
      case 'Ack':
        return typeof m.seq === 'number' ? this.onAck(m.seq) : [];
      case 'Update':
        return this.onUpdate(input.message as Extract<SwimMessage, { type: 'Update' }>);
      default:
        return [output('ignored', { from: input.from })];
    }
  }

  private onTimer(name: string): Effect<SwimMessage>[] {
    if (name === 'period') return this.onPeriodTimeout();
    if (name === 'ping') return this.onPingTimeout();
    if (name.startsWith('suspect:')) return this.onSuspicionTimeout(name.slice('suspect:'.length));
    return [];
  }

  /** End of a protocol period: judge the last probe, then start the next one. */
  private onPeriodTimeout(): Effect<SwimMessage>[] {
    const effects: Effect<SwimMessage>[] = [];
    const last = this.probe;
    if (last !== undefined && !last.acked) {
      const member = this.view.get(last.target);
      if (member !== undefined && member.status === 'alive') effects.push(...this.mark(last.target, 'suspect', member.incarnation, true));
    }
    this.probe = undefined;
    const target = this.nextTarget();
    if (target !== undefined) {
      this.seq++;
      this.probe = { target, seq: this.seq, acked: false };
      effects.push(send(target, { type: 'Ping', seq: this.seq }), setTimer('ping', this.options.pingTimeoutMs));
    }
    effects.push(setTimer('period', this.options.periodMs));
    return effects;
  }

  private onPingTimeout(): Effect<SwimMessage>[] {
    const probe = this.probe;
    if (probe === undefined || probe.acked) return [];
    const helpers = [...this.view].filter(([id, m]) => id !== probe.target && m.status !== 'dead').map(([id]) => id);
    const chosen: NodeId[] = [];
    while (chosen.length < this.options.indirectProbes && helpers.length > 0) chosen.push(helpers.splice(this.rng.int(0, helpers.length - 1), 1)[0] as NodeId);
    return chosen.map((h) => send(h, { type: 'PingReq', seq: probe.seq, target: probe.target }));
  }

  /**
   * A member we believe suspect or dead is talking to us: tell it, so it can refute (an update
   * it missed is otherwise never repeated, since updates are multicast once).
   */
  private tellIfSuspected(member: NodeId): Effect<SwimMessage>[] {
    const m = this.view.get(member);
    return m === undefined || m.status === 'alive' ? [] : [send(member, { type: 'Update', member, status: m.status, incarnation: m.incarnation })];
  }

  private onPingReq(requester: NodeId, seq: number, target: NodeId): Effect<SwimMessage>[] {
    if (target === this.id) return [send(requester, { type: 'Ack', seq, target: this.id })];
    if (!this.view.has(target)) return [];
    this.seq++;
    this.relays.set(this.seq, { requester, seq, target });
    return [send(target, { type: 'Ping', seq: this.seq })];
  }

  private onAck(seq: number): Effect<SwimMessage>[] {
    const relay = this.relays.get(seq);
    if (relay !== undefined) {
      this.relays.delete(seq);
      return [send(relay.requester, { type: 'Ack', seq: relay.seq, target: relay.target })];
    }
    if (this.probe !== undefined && this.probe.seq === seq && !this.probe.acked) {
      this.probe.acked = true;
      return [cancelTimer('ping')];
    }
    return [];
  }

  private onSuspicionTimeout(member: NodeId): Effect<SwimMessage>[] {
    const m = this.view.get(member);
    return m !== undefined && m.status === 'suspect' ? this.mark(member, 'dead', m.incarnation, true) : [];
  }

  /** SWIM §4.2: alive with a higher incarnation overrides; suspect overrides alive of the same incarnation; dead overrides both. */
  private onUpdate(u: Extract<SwimMessage, { type: 'Update' }>): Effect<SwimMessage>[] {
    if (typeof u.incarnation !== 'number' || !['alive', 'suspect', 'dead'].includes(u.status)) return [output('ignored', { update: u.member })];
    if (u.member === this.id) {
      if (u.status === 'alive') return [];
      // Someone suspects (or buried) us: refute with a higher incarnation.
      this.incarnation = Math.max(this.incarnation, u.incarnation) + 1;
      return [output('refute', { incarnation: this.incarnation }), ...this.broadcast({ type: 'Update', member: this.id, status: 'alive', incarnation: this.incarnation })];
    }
    const m = this.view.get(u.member);
    if (m === undefined) return [];
    const overrides =
      u.status === 'alive' ? u.incarnation > m.incarnation
      : u.status === 'suspect' ? (m.status === 'alive' ? u.incarnation >= m.incarnation : m.status === 'suspect' && u.incarnation > m.incarnation)
      : m.status !== 'dead';
    return overrides ? this.mark(u.member, u.status, u.incarnation, false) : [];
  }

  private mark(member: NodeId, status: SwimStatus, incarnation: number, spread: boolean): Effect<SwimMessage>[] {
    const m = this.view.get(member) as Member;
    m.status = status;
    m.incarnation = incarnation;
    const effects: Effect<SwimMessage>[] = [output('status', { member, status, incarnation })];
    if (status === 'suspect') effects.push(setTimer(`suspect:${member}`, this.options.suspicionTimeoutMs));
    else effects.push(cancelTimer(`suspect:${member}`));
    if (spread) effects.push(...this.broadcast({ type: 'Update', member, status, incarnation }));
    return effects;
  }

  private broadcast(message: SwimMessage): Effect<SwimMessage>[] {
    return [...this.view.keys()].map((id) => send(id, message));
  }

  /** Shuffled round-robin over the members not known dead (SWIM §4.3: bounded time to first detection). */
  private nextTarget(): NodeId | undefined {
    for (let tries = 0; tries < 2; tries++) {
      while (this.order.length > 0) {
        const id = this.order.pop() as NodeId;
        if (this.view.get(id)?.status !== 'dead') return id;
      }
      this.order = [...this.view.keys()];
      for (let i = this.order.length - 1; i > 0; i--) {
        const j = this.rng.int(0, i);
        [this.order[i], this.order[j]] = [this.order[j] as NodeId, this.order[i] as NodeId];
      }
    }
    return undefined;
  }
}

/**
 * A SWIM member factory.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3', 'n4', 'n5'], createNode: swimNode({ suspicionTimeoutMs: 2_000 }) });
 */
export function swimNode(options: Partial<SwimOptions> = {}): NodeFactory<SwimMessage, SwimNode> {
  const full = { ...SWIM_DEFAULTS, ...options };
  for (const [k, v] of Object.entries(full)) {
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new RangeError(`swimNode: ${k} debe ser un número ≥ 0, recibido ${String(v)}`);
  }
  if (!(full.periodMs > 0)) throw new RangeError(`swimNode: periodMs debe ser > 0`);
  return (context) => new SwimNode(context, full);
}
