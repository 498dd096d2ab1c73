/**
 * Random chatter: every node, on a random timer, either does a local step or sends a `Note` to
 * a random peer; a received note is sometimes forwarded. Its only purpose is to produce varied
 * causal histories for testing clocks (the clock condition, the vector characterisation).
 */
import type { Rng } from '../../random/index';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../types';

/** The one message of random chatter. */
export type ChatterMessage = { readonly type: 'Note'; readonly hops: number };

/** A node that talks at random, up to `budget` actions. */
export class ChatterNode implements ProtocolNode<ChatterMessage> {
  readonly id: NodeId;
  private readonly rng: Rng;
  private readonly peers: NodeId[];
  private remaining: number;

  constructor(context: NodeContext, budget: number) {
    this.id = context.id;
    this.rng = context.rng;
    this.peers = context.nodeIds.filter((id) => id !== context.id);
    this.remaining = budget;
  }

  start(): Effect<ChatterMessage>[] {
    return [{ type: 'setTimer', name: 'act', afterMs: this.rng.exponential(10) }];
  }

  step(input: Input<ChatterMessage>): Effect<ChatterMessage>[] {
    if (input.type === 'message') {
      if (input.message.hops < 3 && this.peers.length > 0 && this.rng.bernoulli(0.3)) {
        return [{ type: 'send', to: this.rng.choice(this.peers), message: { type: 'Note', hops: input.message.hops + 1 } }];
      }
      return [];
    }
    if (this.remaining <= 0) return [];
    this.remaining--;
    const next: Effect<ChatterMessage> = { type: 'setTimer', name: 'act', afterMs: this.rng.exponential(10) };
    if (this.peers.length === 0 || this.rng.bernoulli(0.3)) return [{ type: 'output', label: 'local' }, next];
    return [{ type: 'send', to: this.rng.choice(this.peers), message: { type: 'Note', hops: 0 } }, next];
  }
}

/** A factory for {@link ChatterNode}s, each acting `budget` times. */
export function randomChatter(budget: number): (context: NodeContext) => ChatterNode {
  return (context) => new ChatterNode(context, budget);
}
