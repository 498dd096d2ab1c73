/**
 * A distributed bank on the simulator that takes a Chandy–Lamport snapshot (Chandy & Lamport
 * 1985, "Distributed Snapshots: Determining Global States of Distributed Systems"). Every
 * branch keeps a balance and sends random transfers to the others; at `snapshotAtMs` the
 * initiator records its balance and sends a marker on every channel; every branch records its
 * balance at its first marker and, for each other incoming channel, the transfers that arrive
 * on it until that channel's marker. The recorded balances plus the recorded channels must add
 * up to the bank's total: no money created, none lost.
 *
 * The algorithm assumes FIFO channels. The simulated network reorders; with `fifo: true`
 * (default) each branch restores per-channel order from sequence numbers (what TCP does), with
 * `fifo: false` it handles messages as they arrive, and a transfer can overtake a marker.
 */
import type { Rng } from '../random/index';
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import { markerRuleReference, parseBankMessage } from './messages';
import type { BankMessage, MarkerDecision } from './messages';

/** Options of {@link bankBranch}. */
export interface BankOptions {
  /** Each branch's opening balance (default 100). */
  readonly initialBalance?: number;
  /** Who starts the snapshot (default the first node). */
  readonly initiator?: NodeId;
  /** When the initiator starts it (default 200 ms; `undefined` in the run means never). */
  readonly snapshotAtMs?: number;
  /** Mean pause between a branch's transfers (default 10 ms). */
  readonly transferEveryMs?: number;
  /** Stop transferring after this time (default: never), so a run can settle. */
  readonly stopTransfersAtMs?: number;
  /** Restore FIFO order per channel (default true). */
  readonly fifo?: boolean;
  /** The marker rule (default the teacher's; exercise 08.2 plugs in here). */
  readonly markerRule?: (recorded: boolean, open: string[], from: string, incoming: string[]) => MarkerDecision;
}

/** What one branch recorded: its balance and, per incoming channel, the money in flight on it. */
export interface LocalSnapshot {
  readonly node: NodeId;
  readonly balance: number;
  readonly channels: Record<string, number>;
  /** Local time at which it recorded its state. */
  readonly recordedAtMs: number;
}

/** One branch of the bank. */
export class BankBranch implements ProtocolNode<BankMessage> {
  readonly id: NodeId;
  balance: number;
  /** This branch's part of the snapshot. */
  readonly snapshot = { recorded: false, open: [] as string[], balance: 0, recordedAtMs: -1, channels: new Map<string, number[]>(), done: false };
  private readonly peers: NodeId[];
  private readonly nextSeq = new Map<NodeId, number>();
  private readonly expected = new Map<NodeId, number>();
  private readonly held = new Map<NodeId, Map<number, BankMessage>>();
  private readonly seen = new Map<NodeId, Set<number>>();
  private readonly rng: Rng;
  private now = 0;

  constructor(context: NodeContext, private readonly options: Required<Omit<BankOptions, 'markerRule' | 'stopTransfersAtMs' | 'snapshotAtMs'>> & BankOptions) {
    this.id = context.id;
    this.rng = context.rng;
    this.balance = options.initialBalance;
    this.peers = context.nodeIds.filter((p) => p !== this.id);
    for (const p of this.peers) {
      this.nextSeq.set(p, 1);
      this.expected.set(p, 1);
      this.held.set(p, new Map());
      this.seen.set(p, new Set());
    }
  }

  start(nowMs: number): Effect<BankMessage>[] {
    this.now = nowMs;
    const effects: Effect<BankMessage>[] = [setTimer('transfer', this.rng.exponential(this.options.transferEveryMs))];
    if (this.id === this.options.initiator && this.options.snapshotAtMs !== undefined) effects.push(setTimer('snapshot', this.options.snapshotAtMs));
    return effects;
  }

  step(input: Input<BankMessage>, nowMs: number): Effect<BankMessage>[] {
    this.now = nowMs;
    if (input.type === 'timer') return input.name === 'transfer' ? this.onTransferTimeout() : input.name === 'snapshot' ? this.startSnapshot() : [];
    const message = parseBankMessage(input.message);
    if (message === undefined || !this.expected.has(input.from)) return [output('ignored', { from: input.from, reason: message === undefined ? 'mensaje mal formado' : 'remitente desconocido' })];
    return this.options.fifo ? this.deliverInOrder(input.from, message) : this.deliverAsArrived(input.from, message);
  }

  private onTransferTimeout(): Effect<BankMessage>[] {
    const effects: Effect<BankMessage>[] = [];
    const stop = this.options.stopTransfersAtMs;
    if (stop !== undefined && this.now >= stop) return [];
    if (this.balance > 0 && this.peers.length > 0) {
      const to = this.rng.choice(this.peers);
      const amount = this.rng.int(1, Math.min(this.balance, 20));
      this.balance -= amount;
      effects.push(this.sendOn(to, { type: 'Transfer', amount }));
    }
    effects.push(setTimer('transfer', this.rng.exponential(this.options.transferEveryMs)));
    return effects;
  }

  private startSnapshot(): Effect<BankMessage>[] {
    if (this.snapshot.recorded) return [];
    this.record();
    this.snapshot.open = [...this.peers];
    return [...this.markers(), ...this.maybeDone()];
  }

  /** FIFO per channel: hold messages that arrive early, hand them over in sequence order. */
  private deliverInOrder(from: NodeId, message: BankMessage): Effect<BankMessage>[] {
    const expected = this.expected.get(from) as number;
    const held = this.held.get(from) as Map<number, BankMessage>;
    if (message.seq < expected || held.has(message.seq)) return []; // a duplicate
    held.set(message.seq, message);
    const effects: Effect<BankMessage>[] = [];
    let next = expected;
    for (let m = held.get(next); m !== undefined; m = held.get(next)) {
      held.delete(next);
      next++;
      effects.push(...this.handle(from, m));
    }
    this.expected.set(from, next);
    return effects;
  }

  private deliverAsArrived(from: NodeId, message: BankMessage): Effect<BankMessage>[] {
    const seen = this.seen.get(from) as Set<number>;
    if (seen.has(message.seq)) return [];
    seen.add(message.seq);
    return this.handle(from, message);
  }

  private handle(from: NodeId, message: BankMessage): Effect<BankMessage>[] {
    if (message.type === 'Transfer') {
      this.balance += message.amount;
      // Chandy–Lamport: a message on a channel still being recorded belongs to the channel's state.
      if (this.snapshot.recorded && this.snapshot.open.includes(from)) this.snapshot.channels.get(from)?.push(message.amount);
      return [];
    }
    const rule = this.options.markerRule ?? markerRuleReference;
    const decision = rule(this.snapshot.recorded, [...this.snapshot.open], from, [...this.peers]);
    const effects: Effect<BankMessage>[] = [];
    if (decision.recordState && !this.snapshot.recorded) this.record();
    if (decision.sendMarkers) effects.push(...this.markers());
    this.snapshot.open = decision.open.filter((c) => this.peers.includes(c));
    return [...effects, ...this.maybeDone()];
  }

  private record(): void {
    this.snapshot.recorded = true;
    this.snapshot.balance = this.balance;
    this.snapshot.recordedAtMs = this.now;
    for (const p of this.peers) this.snapshot.channels.set(p, []);
  }

  private markers(): Effect<BankMessage>[] {
    return this.peers.map((p) => this.sendOn(p, { type: 'Marker', snapshot: 1 }));
  }

  private maybeDone(): Effect<BankMessage>[] {
    if (!this.snapshot.recorded || this.snapshot.done || this.snapshot.open.length > 0) return [];
    this.snapshot.done = true;
    const channels: Record<string, number> = {};
    for (const [from, amounts] of this.snapshot.channels) channels[from] = amounts.reduce((s, a) => s + a, 0);
    const local: LocalSnapshot = { node: this.id, balance: this.snapshot.balance, channels, recordedAtMs: this.snapshot.recordedAtMs };
    return [output('snapshot', local)];
  }

  private sendOn(to: NodeId, body: { type: 'Transfer'; amount: number } | { type: 'Marker'; snapshot: number }): Effect<BankMessage> {
    const seq = this.nextSeq.get(to) as number;
    this.nextSeq.set(to, seq + 1);
    return send(to, { ...body, seq } as BankMessage);
  }
}

/**
 * A bank branch factory.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['A', 'B', 'C'], createNode: bankBranch({ snapshotAtMs: 100 }),
 *   network: { latency: latency.uniform(1, 30), reorder: 0.3 }, checkers: [snapshotConservesMoney(300)] });
 * sim.runFor(1_000); sim.finish(); // undefined: FIFO restored, the snapshot adds up to 300
 */
export function bankBranch(options: BankOptions = {}): NodeFactory<BankMessage, BankBranch> {
  const initialBalance = options.initialBalance ?? 100;
  const transferEveryMs = options.transferEveryMs ?? 10;
  if (!Number.isSafeInteger(initialBalance) || initialBalance < 0) throw new RangeError(`bankBranch: initialBalance debe ser un entero ≥ 0, recibido ${String(initialBalance)}`);
  if (!(transferEveryMs > 0)) throw new RangeError(`bankBranch: transferEveryMs debe ser > 0, recibido ${String(transferEveryMs)}`);
  return (context) =>
    new BankBranch(context, {
      ...options,
      initialBalance,
      transferEveryMs,
      fifo: options.fifo ?? true,
      initiator: options.initiator ?? (context.nodeIds[0] as NodeId),
      snapshotAtMs: 'snapshotAtMs' in options ? options.snapshotAtMs : 200,
    });
}
