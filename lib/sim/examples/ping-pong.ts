/**
 * Ping-pong: the smallest protocol. `n1` sends `Ping`, whoever gets a `Ping` answers `Pong`,
 * and a `Pong` triggers the next `Ping` until `rounds` round trips are done.
 * Used by the first simulator demo and by the benchmark.
 */
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../types';

/** Ping-pong messages. */
export type PingPongMessage = { readonly type: 'Ping'; readonly seq: number } | { readonly type: 'Pong'; readonly seq: number };

/** A ping-pong node: the first node of the cluster serves, the others answer. */
export class PingPongNode implements ProtocolNode<PingPongMessage> {
  readonly id: NodeId;
  /** Round trips completed (on the serving node). */
  completed = 0;
  private readonly peer: NodeId;

  constructor(context: NodeContext, readonly rounds: number) {
    this.id = context.id;
    this.peer = context.nodeIds.find((id) => id !== context.id) ?? context.id;
  }

  private get serves(): boolean {
    return this.id < this.peer;
  }

  start(): Effect<PingPongMessage>[] {
    return this.serves && this.rounds > 0 ? [{ type: 'send', to: this.peer, message: { type: 'Ping', seq: 1 } }] : [];
  }

  step(input: Input<PingPongMessage>): Effect<PingPongMessage>[] {
    if (input.type !== 'message') return [];
    const m = input.message;
    if (m.type === 'Ping') return [{ type: 'send', to: input.from, message: { type: 'Pong', seq: m.seq } }];
    this.completed = m.seq;
    return m.seq < this.rounds ? [{ type: 'send', to: input.from, message: { type: 'Ping', seq: m.seq + 1 } }] : [];
  }
}

/** A factory for {@link PingPongNode}s playing `rounds` round trips. */
export function pingPong(rounds: number): (context: NodeContext) => PingPongNode {
  return (context) => new PingPongNode(context, rounds);
}
