/**
 * Chang and Roberts (1979), "An improved algorithm for decentralized extrema-finding in
 * circular configurations of processes": each initiator sends its own id round the ring; a
 * node forwards a candidate larger than itself, swallows a smaller one (replacing it by its own
 * id if it has not sent it yet), and the node that gets its own id back is the leader and
 * sends ELECTED round. With every node initiating: best case 2n − 1 ELECTION messages, worst
 * n(n + 1)/2, about n·Hₙ on average over random placements; plus n ELECTED.
 */
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { output, send } from '../sim/types';
import type { ChangRobertsMessage, ElectionView } from './messages';
import { compareIds, successorOf, typeOf } from './messages';

/** A Chang–Roberts node. */
export class ChangRobertsNode implements ProtocolNode<ChangRobertsMessage>, ElectionView {
  readonly id: NodeId;
  leader: NodeId | undefined;
  /** True once this node has sent its own id (or forwarded a larger one). */
  participant = false;
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

  start(): Effect<ChangRobertsMessage>[] {
    return [];
  }

  step(input: Input<ChangRobertsMessage>): Effect<ChangRobertsMessage>[] {
    if (input.type === 'timer') return [];
    const { from, message } = input;
    const type = typeOf(message);
    if (type === 'StartElection') {
      if (this.participant) return [];
      this.participant = true;
      return [output('electionStarted'), send(this.successor, { type: 'Election', candidate: this.id })];
    }
    if (!this.nodeIds.includes(from) || from === this.id) return this.reject(from, type, `${from} no es otro nodo del anillo`);
    if (type === 'Election') return this.onElection(from, (message as { candidate?: unknown }).candidate);
    if (type === 'Elected') return this.onElected(from, (message as { leader?: unknown }).leader);
    return this.reject(from, type, 'tipo de mensaje desconocido');
  }

  private onElection(from: NodeId, candidate: unknown): Effect<ChangRobertsMessage>[] {
    if (typeof candidate !== 'string' || !this.nodeIds.includes(candidate)) return this.reject(from, 'Election', 'ELECTION con un candidato desconocido');
    const order = compareIds(candidate, this.id);
    if (order > 0) {
      this.participant = true;
      return [send(this.successor, { type: 'Election', candidate })];
    }
    if (order < 0) {
      if (this.participant) return [];
      this.participant = true;
      return [send(this.successor, { type: 'Election', candidate: this.id })];
    }
    // Its own id came back round: no node is larger. A second copy must not announce twice.
    if (!this.participant) return [];
    this.leader = this.id;
    this.participant = false;
    return [output('leaderElected', { leader: this.id }), send(this.successor, { type: 'Elected', leader: this.id })];
  }

  private onElected(from: NodeId, leader: unknown): Effect<ChangRobertsMessage>[] {
    if (typeof leader !== 'string' || !this.nodeIds.includes(leader)) return this.reject(from, 'Elected', 'ELECTED con un líder desconocido');
    if (leader === this.id) return [];
    // Every node saw the winner's ELECTION go by, so it is a participant; a second copy is not.
    if (!this.participant && this.leader === leader) return [];
    this.participant = false;
    this.leader = leader;
    return [output('leaderElected', { leader }), send(this.successor, { type: 'Elected', leader })];
  }

  private reject(from: NodeId, type: string, reason: string): Effect<ChangRobertsMessage>[] {
    this.rejected++;
    return [output('rejected', { from, type, reason })];
  }
}

/**
 * A factory of {@link ChangRobertsNode}s; the ring is the order of the simulation's `nodeIds`.
 *
 * @example
 * const ids = ['3', '7', '1', '5'];
 * const sim = new Simulation({ seed: 1, nodeIds: ids, createNode: changRoberts() });
 * for (const id of ids) sim.inject(id, { type: 'StartElection' });
 * sim.runFor(500); // every leader is '7'
 */
export function changRoberts(): NodeFactory<ChangRobertsMessage, ChangRobertsNode> {
  return (context) => new ChangRobertsNode(context);
}
