/**
 * A toy leader election for the picture tests (not Raft: no logs): followers time out and
 * become candidates, a majority of votes makes a leader that sends heartbeats, a higher term
 * turns anybody back into a follower. Requests from outside the cluster get a `Reply`.
 */
import type { Rng } from '../../lib/random/index';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../../lib/sim/index';

export type ToyMessage =
  | { readonly type: 'RequestVote'; readonly term: number }
  | { readonly type: 'Vote'; readonly term: number; readonly granted: boolean }
  | { readonly type: 'Heartbeat'; readonly term: number }
  | { readonly type: 'Request'; readonly id: number }
  | { readonly type: 'Reply'; readonly id: number; readonly leader: boolean };

export type ToyRole = 'follower' | 'candidate' | 'leader';

export class ToyElectionNode implements ProtocolNode<ToyMessage> {
  readonly id: NodeId;
  role: ToyRole = 'follower';
  term = 0;
  private votedFor: NodeId | undefined;
  private votes = new Set<NodeId>();
  private readonly peers: readonly NodeId[];
  private readonly rng: Rng;

  constructor(context: NodeContext) {
    this.id = context.id;
    this.peers = context.nodeIds.filter((id) => id !== context.id);
    this.rng = context.rng;
  }

  start(): Effect<ToyMessage>[] {
    return [this.electionTimer()];
  }

  step(input: Input<ToyMessage>): Effect<ToyMessage>[] {
    if (input.type === 'timer') return input.name === 'heartbeat' ? this.onHeartbeatTimeout() : this.onElectionTimeout();
    const m = input.message;
    if ('term' in m && m.term > this.term) this.becomeFollower(m.term);
    switch (m.type) {
      case 'RequestVote': {
        const granted = m.term === this.term && (this.votedFor === undefined || this.votedFor === input.from);
        if (granted) this.votedFor = input.from;
        return [{ type: 'send', to: input.from, message: { type: 'Vote', term: this.term, granted } }, ...(granted ? [this.electionTimer()] : [])];
      }
      case 'Vote':
        if (this.role !== 'candidate' || !m.granted || m.term !== this.term) return [];
        this.votes.add(input.from);
        return this.votes.size > (this.peers.length + 1) / 2 ? this.becomeLeader() : [];
      case 'Heartbeat':
        if (m.term < this.term) return [];
        this.role = 'follower';
        return [this.electionTimer()];
      case 'Request':
        return [{ type: 'send', to: input.from, message: { type: 'Reply', id: m.id, leader: this.role === 'leader' } }];
      case 'Reply':
        return [];
    }
  }

  private onElectionTimeout(): Effect<ToyMessage>[] {
    if (this.role === 'leader') return [this.electionTimer()]; // kept armed: a deposed leader times out too
    this.role = 'candidate';
    this.term += 1;
    this.votedFor = this.id;
    this.votes = new Set([this.id]);
    return [...this.peers.map((to): Effect<ToyMessage> => ({ type: 'send', to, message: { type: 'RequestVote', term: this.term } })), this.electionTimer()];
  }

  private onHeartbeatTimeout(): Effect<ToyMessage>[] {
    if (this.role !== 'leader') return [];
    return [...this.peers.map((to): Effect<ToyMessage> => ({ type: 'send', to, message: { type: 'Heartbeat', term: this.term } })), { type: 'setTimer', name: 'heartbeat', afterMs: 50 }];
  }

  private becomeFollower(term: number): void {
    this.term = term;
    this.role = 'follower';
    this.votedFor = undefined;
  }

  private becomeLeader(): Effect<ToyMessage>[] {
    this.role = 'leader';
    return this.onHeartbeatTimeout();
  }

  private electionTimer(): Effect<ToyMessage> {
    return { type: 'setTimer', name: 'election', afterMs: 150 + Math.floor(this.rng.next() * 150) };
  }
}

/** A factory for {@link ToyElectionNode}s. */
export function toyElection(): (context: NodeContext) => ToyElectionNode {
  return (context) => new ToyElectionNode(context);
}
