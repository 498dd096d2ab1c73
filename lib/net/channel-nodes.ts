/**
 * The two ends of a simulated link as lib/sim protocol nodes: a sender that emits packets
 * 0..N-1 at a fixed pace and a receiver that hands them to the application. In `datagram` mode
 * (UDP) each packet is sent once and handed over as it arrives; in `reliable` mode (TCP-like)
 * the receiver acks every arrival and delivers in order, and the sender retransmits on timeout.
 */
import type { Effect, Input, NodeId, ProtocolNode } from '../sim/index';
import { assertNever, cancelTimer, output, send, setTimer } from '../sim/index';

/** `datagram`: UDP, each packet sent once. `reliable`: TCP-like, acked, retransmitted, in order. */
export type ChannelMode = 'datagram' | 'reliable';

/** Packets on the simulated link: `Data` carries a sequence number, `Ack` acknowledges one. */
export type ChannelMessage = { readonly type: 'Data'; readonly seq: number } | { readonly type: 'Ack'; readonly seq: number };

/** The node id of the sending end. */
export const SENDER_ID: NodeId = 'emisor';
/** The node id of the receiving end. */
export const RECEIVER_ID: NodeId = 'receptor';

/** Trace text of a packet: `Data #3`, `Ack #3`. */
export function formatChannelMessage(message: ChannelMessage): string {
  return `${message.type} #${message.seq}`;
}

/** Options of the sender. */
export interface SenderOptions {
  mode: ChannelMode;
  packets: number;
  sendIntervalMs: number;
  rtoMs: number;
  maxTransmissions: number;
}

/**
 * The sending end. Timer `siguiente` paces new packets; in reliable mode each unacked packet
 * has its own retransmission timer `rto#<seq>` (a simplification of TCP's single RTO timer).
 */
export class ChannelSender implements ProtocolNode<ChannelMessage> {
  readonly id: NodeId = SENDER_ID;
  /** Data transmissions so far, retransmissions included. */
  transmissions = 0;
  /** When each packet was first sent. */
  readonly firstSentMs = new Map<number, number>();
  /** Packets the sender gave up on. */
  readonly abandoned: number[] = [];
  private readonly attempts = new Map<number, number>();
  private readonly acked = new Set<number>();
  private nextSeq = 0;

  constructor(private readonly options: SenderOptions) {}

  start(nowMs: number): Effect<ChannelMessage>[] {
    return this.onNextTimeout(nowMs);
  }

  step(input: Input<ChannelMessage>, nowMs: number): Effect<ChannelMessage>[] {
    if (input.type === 'timer') {
      if (input.name === 'siguiente') return this.onNextTimeout(nowMs);
      return this.onRetransmitTimeout(Number(input.name.slice('rto#'.length)));
    }
    const message = input.message;
    switch (message.type) {
      case 'Ack':
        return this.onAck(message.seq);
      case 'Data':
        return [];
      default:
        return assertNever(message);
    }
  }

  private onNextTimeout(nowMs: number): Effect<ChannelMessage>[] {
    if (this.nextSeq >= this.options.packets) return [];
    const seq = this.nextSeq++;
    this.firstSentMs.set(seq, nowMs);
    const effects = this.transmit(seq);
    if (this.nextSeq < this.options.packets) effects.push(setTimer('siguiente', this.options.sendIntervalMs));
    return effects;
  }

  private onAck(seq: number): Effect<ChannelMessage>[] {
    if (this.acked.has(seq)) return [];
    this.acked.add(seq);
    return [cancelTimer(`rto#${seq}`)];
  }

  private onRetransmitTimeout(seq: number): Effect<ChannelMessage>[] {
    if (this.acked.has(seq)) return [];
    if ((this.attempts.get(seq) ?? 0) >= this.options.maxTransmissions) {
      this.abandoned.push(seq);
      return [output('se rinde', { seq })];
    }
    return [output('retransmite', { seq }), ...this.transmit(seq)];
  }

  private transmit(seq: number): Effect<ChannelMessage>[] {
    this.transmissions++;
    this.attempts.set(seq, (this.attempts.get(seq) ?? 0) + 1);
    const effects: Effect<ChannelMessage>[] = [send(RECEIVER_ID, { type: 'Data', seq })];
    if (this.options.mode === 'reliable') effects.push(setTimer(`rto#${seq}`, this.options.rtoMs));
    return effects;
  }
}

/**
 * The receiving end. Each packet handed to the application is an output `entrega` with its
 * sequence number; `delivered` keeps them in the order the application got them.
 */
export class ChannelReceiver implements ProtocolNode<ChannelMessage> {
  readonly id: NodeId = RECEIVER_ID;
  /** Packets handed to the application, in order, with the local time of each hand-over. */
  readonly delivered: { seq: number; deliveredMs: number }[] = [];
  private readonly arrived = new Set<number>();
  private readonly buffered = new Set<number>();
  private nextInOrder = 0;

  constructor(private readonly mode: ChannelMode) {}

  start(): Effect<ChannelMessage>[] {
    return [];
  }

  step(input: Input<ChannelMessage>, nowMs: number): Effect<ChannelMessage>[] {
    if (input.type === 'timer' || input.message.type !== 'Data') return [];
    return this.mode === 'datagram' ? this.deliver(input.message.seq, nowMs) : this.onReliableData(input.message.seq, nowMs);
  }

  private onReliableData(seq: number, nowMs: number): Effect<ChannelMessage>[] {
    // TCP acknowledges every arrival, duplicates too: the earlier ack may have been lost.
    const effects: Effect<ChannelMessage>[] = [send(SENDER_ID, { type: 'Ack', seq })];
    if (this.arrived.has(seq)) return effects;
    this.arrived.add(seq);
    this.buffered.add(seq);
    // In-order delivery: a gap holds back everything after it (head-of-line blocking).
    while (this.buffered.has(this.nextInOrder)) {
      this.buffered.delete(this.nextInOrder);
      effects.push(...this.deliver(this.nextInOrder, nowMs));
      this.nextInOrder++;
    }
    return effects;
  }

  private deliver(seq: number, nowMs: number): Effect<ChannelMessage>[] {
    this.delivered.push({ seq, deliveredMs: nowMs });
    return [output('entrega', { seq })];
  }
}
