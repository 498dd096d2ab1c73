/**
 * Cristian's and Berkeley's clock synchronisation as protocol nodes. Each node keeps its
 * hardware clock (the `nowMs` the simulator passes, which drifts) and a software correction:
 * its synchronised clock reads `nowMs + correctionMs`.
 */
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import type { BerkeleyMessage, CristianMessage } from './messages';
import { berkeleyAdjustments, cristianEstimate } from './physical';

/** A node whose synchronised clock is its hardware clock plus `correctionMs`. */
export interface SynchronisedNode {
  readonly id: NodeId;
  /** What to add to the hardware clock to get the synchronised time. */
  readonly correctionMs: number;
}

/** Options of the synchronisation protocols. */
export interface SyncOptions {
  /** The time server (Cristian) or master (Berkeley). */
  readonly serverId: NodeId;
  /** How often clients (Cristian) or the master (Berkeley) start a round, in ms (default 1,000). */
  readonly intervalMs?: number;
  /** Berkeley: how long the master waits for reports (default 100 ms). */
  readonly collectMs?: number;
  /** Berkeley: only the largest group of readings within this of each other is averaged (default 1,000 ms). */
  readonly toleranceMs?: number;
}

/** A node of Cristian's algorithm: the server answers, every other node asks periodically. */
export class CristianNode implements ProtocolNode<CristianMessage>, SynchronisedNode {
  readonly id: NodeId;
  correctionMs = 0;
  /** Error bound of the last estimate (± ms). */
  errorBoundMs = Infinity;

  constructor(context: NodeContext, private readonly options: SyncOptions) {
    this.id = context.id;
  }

  start(): Effect<CristianMessage>[] {
    return this.id === this.options.serverId ? [] : [{ type: 'setTimer', name: 'sync', afterMs: 0 }];
  }

  step(input: Input<CristianMessage>, nowMs: number): Effect<CristianMessage>[] {
    if (input.type === 'timer') return this.onSyncTimeout(nowMs);
    const m = input.message;
    switch (m.type) {
      case 'TimeRequest':
        // The server's clock is the reference: it answers with its own (uncorrected) time.
        return [{ type: 'send', to: input.from, message: { type: 'TimeReply', requestSentMs: m.requestSentMs, serverTimeMs: nowMs } }];
      case 'TimeReply': {
        const estimate = cristianEstimate({ requestSentMs: m.requestSentMs, serverTimeMs: m.serverTimeMs, replyReceivedMs: nowMs });
        this.correctionMs = estimate.correctionMs;
        this.errorBoundMs = estimate.errorBoundMs;
        return [{ type: 'output', label: 'sync', data: { correctionMs: round(estimate.correctionMs), errorBoundMs: round(estimate.errorBoundMs) } }];
      }
    }
  }

  private onSyncTimeout(nowMs: number): Effect<CristianMessage>[] {
    return [
      { type: 'send', to: this.options.serverId, message: { type: 'TimeRequest', requestSentMs: nowMs } },
      { type: 'setTimer', name: 'sync', afterMs: this.options.intervalMs ?? 1_000 },
    ];
  }
}

/** A node of Berkeley's algorithm: the master polls everyone, averages, and sends each a delta. */
export class BerkeleyNode implements ProtocolNode<BerkeleyMessage>, SynchronisedNode {
  readonly id: NodeId;
  correctionMs = 0;
  private readonly peers: NodeId[];
  /** Master only: each follower's offset from the master's synchronised clock in this round. */
  private readonly offsets = new Map<NodeId, number>();

  constructor(context: NodeContext, private readonly options: SyncOptions) {
    this.id = context.id;
    this.peers = context.nodeIds.filter((id) => id !== context.id);
  }

  private get isMaster(): boolean {
    return this.id === this.options.serverId;
  }

  start(): Effect<BerkeleyMessage>[] {
    return this.isMaster ? [{ type: 'setTimer', name: 'poll', afterMs: 0 }] : [];
  }

  step(input: Input<BerkeleyMessage>, nowMs: number): Effect<BerkeleyMessage>[] {
    const synced = nowMs + this.correctionMs;
    if (input.type === 'timer') return input.name === 'poll' ? this.onPollTimeout(synced) : this.onCollectTimeout();
    const m = input.message;
    switch (m.type) {
      case 'TimeQuery':
        return [{ type: 'send', to: input.from, message: { type: 'TimeReport', querySentMs: m.querySentMs, clockMs: synced } }];
      case 'TimeReport': {
        // The follower read its clock about half a round trip ago.
        const followerNowMs = m.clockMs + (synced - m.querySentMs) / 2;
        this.offsets.set(input.from, followerNowMs - synced);
        return [];
      }
      case 'Adjust':
        this.correctionMs += m.deltaMs;
        return [{ type: 'output', label: 'adjust', data: { deltaMs: round(m.deltaMs) } }];
    }
  }

  private onPollTimeout(synced: number): Effect<BerkeleyMessage>[] {
    this.offsets.clear();
    const effects: Effect<BerkeleyMessage>[] = this.peers.map((to) => ({ type: 'send', to, message: { type: 'TimeQuery', querySentMs: synced } }));
    effects.push({ type: 'setTimer', name: 'collect', afterMs: this.options.collectMs ?? 100 });
    effects.push({ type: 'setTimer', name: 'poll', afterMs: this.options.intervalMs ?? 1_000 });
    return effects;
  }

  private onCollectTimeout(): Effect<BerkeleyMessage>[] {
    const readings = new Map<NodeId, number>([[this.id, 0], ...this.offsets]);
    const adjustments = berkeleyAdjustments(readings, { toleranceMs: this.options.toleranceMs ?? 1_000, masterId: this.id });
    const effects: Effect<BerkeleyMessage>[] = [];
    for (const [id, deltaMs] of adjustments) {
      if (id === this.id) this.correctionMs += deltaMs;
      else effects.push({ type: 'send', to: id, message: { type: 'Adjust', deltaMs } });
    }
    return effects;
  }
}

/** A factory for Cristian nodes. */
export function cristian(options: SyncOptions): (context: NodeContext) => CristianNode {
  return (context) => new CristianNode(context, options);
}

/** A factory for Berkeley nodes. */
export function berkeley(options: SyncOptions): (context: NodeContext) => BerkeleyNode {
  return (context) => new BerkeleyNode(context, options);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
