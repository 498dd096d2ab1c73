/**
 * The lecture's ring algorithm: the initiator sends ELECTION with its own id to its successor;
 * each node appends its id and forwards it; when the message is back at the initiator it holds
 * every id of the ring, the initiator picks the highest and sends COORDINATOR round the ring.
 * One initiator costs n ELECTION hops plus n − 1 COORDINATOR hops. The ring is not repaired:
 * a crashed node stops the message (the lecture assumes a live ring).
 */
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { output, send } from '../sim/types';
import type { ElectionView, RingMessage } from './messages';
import { highestId, successorOf, typeOf } from './messages';

/** A node of the lecture's ring algorithm. */
export class RingNode implements ProtocolNode<RingMessage>, ElectionView {
  readonly id: NodeId;
  leader: NodeId | undefined;
  rejected = 0;
  private readonly nodeIds: readonly NodeId[];
  private readonly successor: NodeId;

  constructor(context: NodeContext) {
    this.id = context.id;
    this.nodeIds = context.nodeIds;
    this.successor = successorOf(context.id, context.nodeIds);
  }

  get isLeader(): boolean {
    return this.leader === this.id;
  }

  start(): Effect<RingMessage>[] {
    return [];
  }

  step(input: Input<RingMessage>): Effect<RingMessage>[] {
    if (input.type === 'timer') return [];
    const { from, message } = input;
    const type = typeOf(message);
    if (type === 'StartElection') return [output('electionStarted'), send(this.successor, { type: 'Election', ids: [this.id] })];
    if (!this.nodeIds.includes(from) || from === this.id) return this.reject(from, type, `${from} no es otro nodo del anillo`);
    if (type === 'Election') return this.onElection(from, (message as { ids?: unknown }).ids);
    if (type === 'Coordinator') {
      const { leader, initiator } = message as { leader?: unknown; initiator?: unknown };
      return this.onCoordinator(from, leader, initiator);
    }
    return this.reject(from, type, 'tipo de mensaje desconocido');
  }

  /** Step 3: append this id and pass it on; step 4 when the message is back at its initiator. */
  private onElection(from: NodeId, ids: unknown): Effect<RingMessage>[] {
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && this.nodeIds.includes(id))) {
      return this.reject(from, 'Election', 'ELECTION con una lista de ids inválida');
    }
    const list = ids as NodeId[];
    if (list[0] === this.id) {
      const leader = highestId(list) as NodeId;
      this.leader = leader;
      const effects: Effect<RingMessage>[] = [output('leaderElected', { leader })];
      if (this.successor !== this.id) effects.push(send(this.successor, { type: 'Coordinator', leader, initiator: this.id }));
      return effects;
    }
    // A node already on the list means the message went round twice (a duplicate): drop it.
    if (list.includes(this.id)) return [output('ignored', { from, type: 'Election', reason: 'ya estoy en la lista' })];
    return [send(this.successor, { type: 'Election', ids: [...list, this.id] })];
  }

  /** Step 5: learn the leader and pass the announcement on, up to the initiator's predecessor. */
  private onCoordinator(from: NodeId, leader: unknown, initiator: unknown): Effect<RingMessage>[] {
    if (typeof leader !== 'string' || !this.nodeIds.includes(leader) || typeof initiator !== 'string' || !this.nodeIds.includes(initiator)) {
      return this.reject(from, 'Coordinator', 'COORDINATOR con un líder o iniciador desconocido');
    }
    this.leader = leader;
    const effects: Effect<RingMessage>[] = [output('leaderElected', { leader })];
    if (this.successor !== initiator && this.id !== initiator) effects.push(send(this.successor, { type: 'Coordinator', leader, initiator }));
    return effects;
  }

  private reject(from: NodeId, type: string, reason: string): Effect<RingMessage>[] {
    this.rejected++;
    return [output('rejected', { from, type, reason })];
  }
}

/**
 * A factory of {@link RingNode}s; the ring is the order of the simulation's `nodeIds`.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['3', '7', '1', '5'], createNode: ring() });
 * sim.inject('1', { type: 'StartElection' });
 * sim.runFor(500); // 4 ELECTION hops, 3 COORDINATOR hops, every leader is '7'
 */
export function ring(): NodeFactory<RingMessage, RingNode> {
  return (context) => new RingNode(context);
}
