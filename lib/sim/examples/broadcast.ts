/**
 * All-to-all broadcast: every node, on each round, sends a `Hello` to every other node; after
 * hearing from all peers in a round it starts the next. A benchmark workload with n(n−1)
 * messages in flight per round.
 */
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../types';

/** The broadcast message. */
export type BroadcastMessage = { readonly type: 'Hello'; readonly round: number };

/** A node of the all-to-all broadcast. */
export class BroadcastNode implements ProtocolNode<BroadcastMessage> {
  readonly id: NodeId;
  /** The round this node is broadcasting in. */
  round = 1;
  private readonly peers: NodeId[];
  private readonly heard = new Map<number, number>();

  constructor(context: NodeContext, readonly rounds: number) {
    this.id = context.id;
    this.peers = context.nodeIds.filter((id) => id !== context.id);
  }

  start(): Effect<BroadcastMessage>[] {
    return this.broadcast();
  }

  step(input: Input<BroadcastMessage>): Effect<BroadcastMessage>[] {
    if (input.type !== 'message') return [];
    const r = input.message.round;
    this.heard.set(r, (this.heard.get(r) ?? 0) + 1);
    // Peers may already be a round ahead: catch up over every round fully heard.
    const effects: Effect<BroadcastMessage>[] = [];
    while (this.round <= this.rounds && (this.heard.get(this.round) ?? 0) >= this.peers.length) {
      this.heard.delete(this.round);
      this.round++;
      if (this.round <= this.rounds) effects.push(...this.broadcast());
    }
    return effects;
  }

  private broadcast(): Effect<BroadcastMessage>[] {
    return this.peers.map((to) => ({ type: 'send', to, message: { type: 'Hello', round: this.round } }));
  }
}

/** A factory for {@link BroadcastNode}s playing `rounds` rounds. */
export function allToAll(rounds: number): (context: NodeContext) => BroadcastNode {
  return (context) => new BroadcastNode(context, rounds);
}
