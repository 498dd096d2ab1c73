/**
 * Multi-Paxos: a replicated log where every node is proposer, acceptor and learner, and a
 * distinguished proposer (the leader) runs phase 1 once for every slot from its first
 * undecided one, then only phase 2 per command (Lamport, "Paxos Made Simple" §3). A node
 * that hears no leader for a random timeout runs phase 1 with a higher ballot. The new
 * leader re-proposes, per slot, the value of the highest-ballot proposal the promises report
 * (holes become `noop`). `ignoreReported` is the catalogued bug: it proposes new commands there.
 */
import type { DurableStore, Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { assertNever, fsync, output, send, setTimer } from '../sim/types';
import type { Rng } from '../random/index';
import type { MultiPaxosMessage, SlotProposal } from './messages';
import { malformedMultiPaxos } from './messages';

/** Options of {@link multiPaxos}. */
export interface MultiPaxosOptions {
  /** A follower's leader timeout, drawn in this range (default 150–300 ms). */
  readonly leaderTimeoutMs?: readonly [number, number];
  /** The leader's heartbeat period; it also re-sends undecided Accepts then (default 50 ms). */
  readonly heartbeatMs?: number;
  /** Catalogued bug: a new leader ignores the values reported in phase 1. */
  readonly ignoreReported?: boolean;
}

/** A node's role in Multi-Paxos. */
export type MultiPaxosRole = 'follower' | 'candidate' | 'leader';

/** A Multi-Paxos node. */
export class MultiPaxosNode implements ProtocolNode<MultiPaxosMessage> {
  readonly id: NodeId;
  role: MultiPaxosRole = 'follower';
  // Acceptor, persistent: the highest ballot promised, and per slot the proposal accepted.
  promised = 0;
  readonly accepted = new Map<number, { ballot: number; value: string }>();
  // Volatile.
  ballot = 0;
  leader: NodeId | undefined;
  /** Decided values by slot, and the first slot not yet decided here. */
  readonly decided = new Map<number, string>();
  firstUndecided = 1;
  private highestSeen = 0;
  private readonly promises = new Map<NodeId, readonly SlotProposal[]>();
  private nextSlot = 1;
  private readonly votes = new Map<number, Set<NodeId>>();
  private readonly proposals = new Map<number, string>();
  private readonly durable: DurableStore;
  private readonly rng: Rng;
  private readonly peers: readonly NodeId[];

  constructor(context: NodeContext, private readonly options: MultiPaxosOptions) {
    this.id = context.id;
    this.peers = context.nodeIds;
    this.durable = context.durable;
    this.rng = context.rng;
    this.promised = this.durable.get<number>('promised') ?? 0;
    for (const key of this.durable.keys()) {
      const p = key.startsWith('accepted/') ? this.durable.get<{ ballot: number; value: string }>(key) : undefined;
      if (p !== undefined) this.accepted.set(Number(key.slice('accepted/'.length)), p);
    }
  }

  /** The decided commands of slots 1 … firstUndecided − 1, in slot order (the applied log). */
  log(): string[] {
    const values: string[] = [];
    for (let slot = 1; slot < this.firstUndecided; slot++) values.push(this.decided.get(slot) as string);
    return values;
  }

  private get majority(): number {
    return Math.floor(this.peers.length / 2) + 1;
  }

  start(): Effect<MultiPaxosMessage>[] {
    return [this.leaderTimer()];
  }

  step(input: Input<MultiPaxosMessage>): Effect<MultiPaxosMessage>[] {
    if (input.type === 'timer') {
      if (input.name === 'leaderTimeout') return this.onLeaderTimeout();
      if (input.name === 'heartbeat') return this.onHeartbeatTimeout();
      return [];
    }
    const { from, message } = input;
    const problem = malformedMultiPaxos(message);
    if (problem !== undefined) return [output('rejected', { from, reason: problem })];
    if (message.type !== 'ClientRequest' && !this.peers.includes(from)) return [output('rejected', { from, reason: `remitente desconocido ${from}` })];
    switch (message.type) {
      case 'ClientRequest':
        return this.onClientRequest(from, message.command);
      case 'Prepare':
        return this.onPrepare(from, message.ballot, message.fromSlot);
      case 'Promise':
        return this.onPromise(from, message.ballot, message.accepted);
      case 'Nack':
        return this.onNack(message.promised);
      case 'Accept':
        return this.onAccept(from, message.ballot, message.slot, message.value);
      case 'Accepted':
        return this.onAccepted(from, message.ballot, message.slot);
      case 'Decide':
        return this.learn(message.slot, message.value);
      case 'Heartbeat':
        return this.onHeartbeat(message.ballot, message.leader);
      default:
        return assertNever(message);
    }
  }

  private leaderTimer(): Effect<MultiPaxosMessage> {
    const [lo, hi] = this.options.leaderTimeoutMs ?? [150, 300];
    return setTimer('leaderTimeout', Math.round(this.rng.uniform(lo, hi)));
  }

  private broadcast(message: MultiPaxosMessage): Effect<MultiPaxosMessage>[] {
    return this.peers.map((p) => send(p, message));
  }

  /** No leader heard of: become a candidate with a ballot above every one seen (unique: round·N + index). */
  private onLeaderTimeout(): Effect<MultiPaxosMessage>[] {
    if (this.role === 'leader') return [];
    const n = this.peers.length;
    const index = this.peers.indexOf(this.id) + 1;
    let round = Math.floor(Math.max(this.highestSeen, this.promised) / n) + 1;
    if ((round - 1) * n + index <= Math.max(this.highestSeen, this.promised)) round++;
    this.ballot = (round - 1) * n + index;
    this.role = 'candidate';
    this.promises.clear();
    // The candidate is its own first acceptor: it promises its ballot at once, so a heartbeat of an older ballot cannot demote it.
    this.promise(this.ballot);
    this.promises.set(this.id, this.acceptedFrom(this.firstUndecided));
    const others = this.peers.filter((p) => p !== this.id).map((p) => send<MultiPaxosMessage>(p, { type: 'Prepare', ballot: this.ballot, fromSlot: this.firstUndecided }));
    return [fsync(), output('candidate', { ballot: this.ballot }), this.leaderTimer(), ...others];
  }

  private onPrepare(from: NodeId, ballot: number, fromSlot: number): Effect<MultiPaxosMessage>[] {
    this.highestSeen = Math.max(this.highestSeen, ballot);
    if (ballot <= this.promised) return [send(from, { type: 'Nack', ballot, promised: this.promised })];
    this.promise(ballot);
    if (this.role === 'leader' && from !== this.id) this.stepDown(from);
    return [fsync(), send(from, { type: 'Promise', ballot, accepted: this.acceptedFrom(fromSlot) })];
  }

  private acceptedFrom(fromSlot: number): SlotProposal[] {
    const accepted: SlotProposal[] = [];
    for (const [slot, p] of this.accepted) if (slot >= fromSlot) accepted.push({ slot, ballot: p.ballot, value: p.value });
    return accepted.sort((a, b) => a.slot - b.slot);
  }

  private promise(ballot: number): void {
    this.promised = ballot;
    this.durable.set('promised', ballot);
  }

  private stepDown(leader?: NodeId): void {
    this.role = 'follower';
    this.leader = leader;
  }

  /** Phase 1 done: per slot, re-propose the highest-ballot value reported (§3: holes get no-ops). */
  private onPromise(from: NodeId, ballot: number, accepted: readonly SlotProposal[]): Effect<MultiPaxosMessage>[] {
    if (this.role !== 'candidate' || ballot !== this.ballot) return [];
    this.promises.set(from, accepted);
    if (this.promises.size < this.majority) return [];
    this.role = 'leader';
    this.leader = this.id;
    this.votes.clear();
    this.proposals.clear();
    const best = new Map<number, SlotProposal>();
    for (const list of this.promises.values()) for (const p of list) if ((best.get(p.slot)?.ballot ?? 0) < p.ballot) best.set(p.slot, p);
    const top = Math.max(this.firstUndecided - 1, ...best.keys());
    const effects: Effect<MultiPaxosMessage>[] = [output('leader', { ballot }), setTimer('heartbeat', 0)];
    if (this.options.ignoreReported) {
      // The bug: start over at the first slot this node has not decided, as if nobody had accepted anything.
      this.nextSlot = this.firstUndecided;
      return effects;
    }
    for (let slot = this.firstUndecided; slot <= top; slot++) {
      const value = this.decided.get(slot) ?? best.get(slot)?.value ?? 'noop';
      effects.push(...this.propose(slot, value));
    }
    this.nextSlot = top + 1;
    return effects;
  }

  private propose(slot: number, value: string): Effect<MultiPaxosMessage>[] {
    this.proposals.set(slot, value);
    this.votes.set(slot, new Set());
    return this.broadcast({ type: 'Accept', ballot: this.ballot, slot, value });
  }

  private onNack(promised: number): Effect<MultiPaxosMessage>[] {
    this.highestSeen = Math.max(this.highestSeen, promised);
    if (promised > this.ballot && this.role !== 'follower') this.stepDown();
    return [];
  }

  private onClientRequest(from: NodeId, command: string): Effect<MultiPaxosMessage>[] {
    if (this.role !== 'leader') return [output('notLeader', { from, command, leader: this.leader ?? null })];
    const slot = this.nextSlot++;
    return [output('append', { slot, command }), ...this.propose(slot, command)];
  }

  private onAccept(from: NodeId, ballot: number, slot: number, value: string): Effect<MultiPaxosMessage>[] {
    this.highestSeen = Math.max(this.highestSeen, ballot);
    if (ballot < this.promised) return [send(from, { type: 'Nack', ballot, promised: this.promised })];
    if (ballot > this.promised) this.promise(ballot);
    if (this.role !== 'follower' && from !== this.id) this.stepDown(from);
    this.accepted.set(slot, { ballot, value });
    this.durable.set(`accepted/${slot}`, { ballot, value });
    return [fsync(), output('accepted', { slot, ballot, value }), send(from, { type: 'Accepted', ballot, slot })];
  }

  private onAccepted(from: NodeId, ballot: number, slot: number): Effect<MultiPaxosMessage>[] {
    const voters = this.votes.get(slot);
    const value = this.proposals.get(slot);
    if (this.role !== 'leader' || ballot !== this.ballot || voters === undefined || value === undefined) return [];
    voters.add(from);
    if (voters.size < this.majority) return [];
    this.votes.delete(slot);
    return this.broadcast({ type: 'Decide', slot, value });
  }

  /** Learner: record a decision, apply decided slots in order. */
  private learn(slot: number, value: string): Effect<MultiPaxosMessage>[] {
    if (this.decided.has(slot)) return [];
    this.decided.set(slot, value);
    const effects: Effect<MultiPaxosMessage>[] = [output('decide', { slot, value })];
    while (this.decided.has(this.firstUndecided)) {
      effects.push(output('apply', { slot: this.firstUndecided, value: this.decided.get(this.firstUndecided) }));
      this.firstUndecided++;
    }
    return effects;
  }

  private onHeartbeat(ballot: number, leader: NodeId): Effect<MultiPaxosMessage>[] {
    this.highestSeen = Math.max(this.highestSeen, ballot);
    if (ballot < this.promised || leader === this.id) return [];
    if (this.role !== 'follower') this.stepDown(leader);
    this.leader = leader;
    return [this.leaderTimer()];
  }

  /** Leader: heartbeat, and re-send the Accepts still undecided (the network may have lost them). */
  private onHeartbeatTimeout(): Effect<MultiPaxosMessage>[] {
    if (this.role !== 'leader') return [];
    const effects: Effect<MultiPaxosMessage>[] = [setTimer('heartbeat', this.options.heartbeatMs ?? 50)];
    effects.push(...this.broadcast({ type: 'Heartbeat', ballot: this.ballot, leader: this.id, decidedUpTo: this.firstUndecided - 1 }));
    // At most 8 slots per beat: a leader cut off in a minority must not re-send an ever longer list.
    for (const slot of [...this.votes.keys()].slice(0, 8)) {
      const value = this.proposals.get(slot);
      if (value !== undefined) effects.push(...this.broadcast({ type: 'Accept', ballot: this.ballot, slot, value }));
    }
    return effects;
  }
}

/**
 * A factory of Multi-Paxos nodes (every node plays the three roles).
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: multiPaxos(), checkers: [slotAgreement()] });
 * sim.runFor(1_000);
 * const leader = [...sim.nodes.values()].find((n) => n.role === 'leader');
 * if (leader) sim.inject(leader.id, { type: 'ClientRequest', command: 'x=1' });
 */
export function multiPaxos(options: MultiPaxosOptions = {}): NodeFactory<MultiPaxosMessage, MultiPaxosNode> {
  return (context) => new MultiPaxosNode(context, options);
}
