/**
 * A seeded simulation of one link that loses, delays and reorders packets, run by lib/sim, to
 * see what UDP shows the application (loss, reordering) and what TCP's sequence numbers,
 * acknowledgements and retransmissions hide (at the price of latency and head-of-line blocking).
 * The two ends are protocol nodes (`channel-nodes.ts`); the link is lib/sim's network model.
 */
import type { Figure } from '../plot/index';
import type { Rng } from '../random/index';
import { latency, Simulation } from '../sim/index';
import type { SimulationStats, TraceEvent } from '../sim/index';
import { ChannelReceiver, ChannelSender, formatChannelMessage, RECEIVER_ID, SENDER_ID } from './channel-nodes';
import type { ChannelMessage, ChannelMode } from './channel-nodes';

export type { ChannelMessage, ChannelMode } from './channel-nodes';

/** Options of a channel simulation. */
export interface ChannelOptions {
  mode: ChannelMode;
  /** Randomness of the run (pass `rng.fork()`): the simulation's seed is drawn from it. */
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
  /** Probability that one transmission is delivered twice (default 0). */
  duplicateRate?: number;
  /** Probability that a packet is held back by an extra delay in [0, 50) ms, so later ones overtake it (default 0). */
  reorderRate?: number;
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
  /** Deliveries of a seq already delivered (only a datagram channel with duplication shows them). */
  duplicates: number;
  /** Data transmissions, retransmissions included. */
  transmissions: number;
  /** One line per event (`t=0012 receptor←emisor Data #1`, losses as `PÉRDIDA Data #4 (aleatoria)`). */
  trace: string[];
  /** lib/sim's trace, for `spaceTimeDiagram(result.events)`. */
  events: readonly TraceEvent<ChannelMessage>[];
  /** Messages sent, delivered, dropped and duplicated by the network. */
  stats: SimulationStats;
}

/**
 * Runs the link until every packet is delivered or given up.
 *
 * @example
 * const udp = simulateChannel({ mode: 'datagram', rng: createRng(1) });
 * const tcp = simulateChannel({ mode: 'reliable', rng: createRng(1) });
 * [udp.lost.length, udp.outOfOrder, tcp.lost.length, tcp.outOfOrder]; // e.g. [5, 9, 0, 0]
 * show(spaceTimeDiagram(udp.events, { labels: 'none' }));
 */
export function simulateChannel(options: ChannelOptions): ChannelResult {
  const { mode } = options;
  const packets = options.packets ?? 50;
  const latencyMs = options.latencyMs ?? 10;
  const jitterMs = options.jitterMs ?? 8;
  const sender = new ChannelSender({
    mode,
    packets,
    sendIntervalMs: options.sendIntervalMs ?? 2,
    rtoMs: options.rtoMs ?? 40,
    maxTransmissions: options.maxTransmissions ?? 30,
  });
  const receiver = new ChannelReceiver(mode);
  const sim = new Simulation<ChannelMessage, ChannelSender | ChannelReceiver>({
    seed: options.rng.fork('enlace').seed,
    nodeIds: [SENDER_ID, RECEIVER_ID],
    // Neither end crashes here, so each node is built once and the factory hands out that object.
    createNode: (context) => (context.id === SENDER_ID ? sender : receiver),
    network: {
      latency: jitterMs > 0 ? latency.uniform(latencyMs, latencyMs + jitterMs) : latency.constant(latencyMs),
      loss: options.lossRate ?? 0.1,
      duplicate: options.duplicateRate ?? 0,
      reorder: options.reorderRate ?? 0,
    },
    formatMessage: formatChannelMessage,
  });
  while (sim.step()) {
    // every event is processed by sim.step()
  }

  const delivered: ChannelDelivery[] = [];
  const got = new Set<number>();
  let highest = -1;
  let outOfOrder = 0;
  let duplicates = 0;
  for (const { seq, deliveredMs } of receiver.delivered) {
    if (got.has(seq)) duplicates++;
    else if (seq < highest) outOfOrder++;
    got.add(seq);
    highest = Math.max(highest, seq);
    delivered.push({ seq, sentMs: sender.firstSentMs.get(seq) ?? 0, deliveredMs });
  }
  const lost: number[] = [];
  for (let seq = 0; seq < packets; seq++) if (!got.has(seq)) lost.push(seq);
  return {
    mode, delivered, lost, outOfOrder, duplicates, transmissions: sender.transmissions,
    trace: sim.traceText().split('\n'), events: sim.trace, stats: { ...sim.stats },
  };
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
