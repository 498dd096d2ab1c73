/**
 * A seeded simulation of one link that loses and delays packets, to see what UDP shows
 * the application (loss, reordering) and what TCP's sequence numbers, acknowledgements and
 * retransmissions hide (at the price of latency and head-of-line blocking).
 */
import type { Figure } from '../plot/index';
import type { Rng } from '../random/index';

/** `datagram`: UDP, each packet sent once. `reliable`: TCP-like, acked, retransmitted, in order. */
export type ChannelMode = 'datagram' | 'reliable';

/** Options of a channel simulation. */
export interface ChannelOptions {
  mode: ChannelMode;
  /** Randomness of the link (pass `rng.fork()`). */
  rng: Rng;
  /** Packets to send, numbered 0..packets-1 (default 50). */
  packets?: number;
  /** Time between two sends, ms (default 2). */
  sendIntervalMs?: number;
  /** One-way base latency, ms (default 10). */
  latencyMs?: number;
  /** Extra one-way delay uniform in [0, jitterMs), ms: what reorders packets (default 8). */
  jitterMs?: number;
  /** Probability that one transmission (data or ack) is lost (default 0.1). */
  lossRate?: number;
  /** Retransmission timeout of the reliable mode, ms (default 40). */
  rtoMs?: number;
  /** The reliable sender gives up on a packet after this many transmissions (default 30). */
  maxTransmissions?: number;
}

/** One packet handed to the receiving application. */
export interface ChannelDelivery {
  seq: number;
  sentMs: number;
  deliveredMs: number;
}

/** What the receiving application saw. */
export interface ChannelResult {
  mode: ChannelMode;
  /** Deliveries in the order the application got them. */
  delivered: ChannelDelivery[];
  /** Sequence numbers never delivered. */
  lost: number[];
  /** Deliveries whose seq is below one already delivered. */
  outOfOrder: number;
  /** Data transmissions, retransmissions included. */
  transmissions: number;
  trace: string[];
}

type LinkEvent =
  | { type: 'Send'; seq: number }
  | { type: 'DataArrives'; seq: number }
  | { type: 'AckArrives'; seq: number }
  | { type: 'RetransmitTimeout'; seq: number };

/**
 * Runs the link until every packet is delivered or given up.
 *
 * @example
 * const udp = simulateChannel({ mode: 'datagram', rng: createRng(1) });
 * const tcp = simulateChannel({ mode: 'reliable', rng: createRng(1) });
 * [udp.lost.length, udp.outOfOrder, tcp.lost.length, tcp.outOfOrder]; // e.g. [5, 9, 0, 0]
 */
export function simulateChannel(options: ChannelOptions): ChannelResult {
  const { mode, rng } = options;
  const packets = options.packets ?? 50;
  const interval = options.sendIntervalMs ?? 2;
  const latency = options.latencyMs ?? 10;
  const jitter = options.jitterMs ?? 8;
  const loss = options.lossRate ?? 0.1;
  const rto = options.rtoMs ?? 40;
  const maxTransmissions = options.maxTransmissions ?? 30;
  const attempts = new Map<number, number>();
  const queue: { t: number; seq: number; event: LinkEvent }[] = [];
  let order = 0;
  const at = (t: number, event: LinkEvent): void => {
    const item = { t, seq: order++, event };
    let i = queue.length;
    while (i > 0 && (queue[i - 1]!.t > t || (queue[i - 1]!.t === t && queue[i - 1]!.seq > item.seq))) i--;
    queue.splice(i, 0, item);
  };
  const trace: string[] = [];
  const delivered: ChannelDelivery[] = [];
  const acked = new Set<number>();
  const arrived = new Set<number>();
  const buffered = new Set<number>();
  let nextInOrder = 0;
  let transmissions = 0;
  let highest = -1;
  let outOfOrder = 0;
  const stamp = (t: number): string => `t=${t.toFixed(1).padStart(6, '0')}`;
  const deliver = (seq: number, t: number): void => {
    if (seq < highest) outOfOrder++;
    highest = Math.max(highest, seq);
    delivered.push({ seq, sentMs: seq * interval, deliveredMs: t });
  };
  const transmit = (seq: number, t: number): void => {
    transmissions++;
    attempts.set(seq, (attempts.get(seq) ?? 0) + 1);
    if (rng.bernoulli(loss)) trace.push(`${stamp(t)} emisor→receptor #${seq} PERDIDO`);
    else at(t + latency + rng.uniform(0, jitter), { type: 'DataArrives', seq });
    if (mode === 'reliable') at(t + rto, { type: 'RetransmitTimeout', seq });
  };

  for (let seq = 0; seq < packets; seq++) at(seq * interval, { type: 'Send', seq });
  while (queue.length > 0) {
    const { t, event } = queue.shift()!;
    switch (event.type) {
      case 'Send':
        transmit(event.seq, t);
        break;
      case 'DataArrives':
        trace.push(`${stamp(t)} llega #${event.seq}`);
        if (mode === 'datagram') {
          deliver(event.seq, t);
          break;
        }
        // TCP acknowledges every arrival (duplicates too: the earlier ack may have been lost).
        if (!rng.bernoulli(loss)) at(t + latency + rng.uniform(0, jitter), { type: 'AckArrives', seq: event.seq });
        if (arrived.has(event.seq)) break;
        arrived.add(event.seq);
        buffered.add(event.seq);
        // In-order delivery: a gap holds back everything after it (head-of-line blocking).
        while (buffered.has(nextInOrder)) {
          buffered.delete(nextInOrder);
          deliver(nextInOrder, t);
          nextInOrder++;
        }
        break;
      case 'AckArrives':
        acked.add(event.seq);
        break;
      case 'RetransmitTimeout':
        if (acked.has(event.seq)) break;
        if ((attempts.get(event.seq) ?? 0) >= maxTransmissions) {
          trace.push(`${stamp(t)} emisor: se rinde con #${event.seq}`);
          break;
        }
        trace.push(`${stamp(t)} emisor: sin ack de #${event.seq}, retransmite`);
        transmit(event.seq, t);
        break;
    }
  }
  const got = new Set(delivered.map((d) => d.seq));
  const lost: number[] = [];
  for (let seq = 0; seq < packets; seq++) if (!got.has(seq)) lost.push(seq);
  return { mode, delivered, lost, outOfOrder, transmissions, trace };
}

/**
 * Order of arrival at the application against sequence number, one series per result: a
 * reliable channel draws the diagonal; a datagram channel has holes (loss) and zigzags (reordering).
 */
export function channelFigure(results: readonly ChannelResult[]): Figure {
  return {
    data: results.map((result) => ({
      type: 'scatter',
      mode: 'lines+markers',
      name: result.mode === 'datagram' ? `UDP (${result.lost.length} perdidos, ${result.outOfOrder} desordenados)` : `TCP (${result.transmissions} transmisiones)`,
      x: result.delivered.map((_, i) => i + 1),
      y: result.delivered.map((d) => d.seq),
    })),
    layout: {
      title: 'Lo que ve la aplicación: orden de entrega',
      xaxis: { title: 'Orden de entrega a la aplicación' },
      yaxis: { title: 'Número de secuencia del paquete' },
    },
  };
}
