/**
 * The Bully algorithm (Garcia-Molina 1982), in the lecture's five steps: a node that suspects
 * the leader sends ELECTION to every higher id; any higher node alive answers (ANSWER) and takes
 * over with its own election; a node that hears no answer within `answerTimeoutMs` is the
 * highest alive, declares itself and sends COORDINATOR to the lower nodes. A node that got an
 * ANSWER but no COORDINATOR within `coordinatorTimeoutMs` (the higher node crashed mid-election)
 * starts again. Correct only if every message arrives within the timeouts (a synchronous
 * system): a partition or a slow link makes it elect two leaders.
 */
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { cancelTimer, output, send, setTimer } from '../sim/types';
import type { BullyMessage, ElectionView } from './messages';
import { compareIds, typeOf } from './messages';
import type { BullyReaction } from './exercises';

/** Options of {@link bully}. */
export interface BullyOptions {
  /** How long a candidate waits for an ANSWER before declaring itself leader (default 50 ms). */
  readonly answerTimeoutMs?: number;
  /** How long a node that got an ANSWER waits for the COORDINATOR (default 150 ms). */
  readonly coordinatorTimeoutMs?: number;
  /** Start an election when the node boots or restarts (default true: a recovering node bullies). */
  readonly electOnStart?: boolean;
  /**
   * The reaction to an ELECTION (exercise 07.1's signature, ids as numbers). Default: the
   * node's own rule. The chapter's exercise cells pass the student's `bullyOnElection`.
   */
  readonly onElection?: (me: number, from: number, electing: boolean, ids: number[]) => BullyReaction;
}

/** Where a Bully node is in an election. */
export type BullyRole = 'follower' | 'candidate' | 'waitingCoordinator' | 'leader';

/** A Bully node. */
export class BullyNode implements ProtocolNode<BullyMessage>, ElectionView {
  readonly id: NodeId;
  role: BullyRole = 'follower';
  leader: NodeId | undefined;
  /**
   * The highest epoch heard of; each new leader announces one more. Kept on disk, like Raft's
   * term: a node that restarts must not announce an epoch older than the one it had seen.
   */
  epoch: number;
  /** Messages refused (unknown sender, stale or malformed), for the chapter's bad-input cells. */
  rejected = 0;
  private readonly peers: readonly NodeId[];
  private readonly answerTimeoutMs: number;
  private readonly coordinatorTimeoutMs: number;
  private readonly electOnStart: boolean;
  private readonly onElectionRule: BullyOptions['onElection'];
  private readonly context: NodeContext;

  constructor(context: NodeContext, options: BullyOptions = {}) {
    this.id = context.id;
    this.peers = context.nodeIds.filter((id) => id !== context.id);
    this.answerTimeoutMs = options.answerTimeoutMs ?? 50;
    this.coordinatorTimeoutMs = options.coordinatorTimeoutMs ?? 150;
    this.electOnStart = options.electOnStart ?? true;
    this.onElectionRule = options.onElection;
    this.context = context;
    this.epoch = context.durable.get<number>('epoch') ?? 0;
    if (this.onElectionRule !== undefined && !context.nodeIds.every((id) => /^\d+$/.test(id))) {
      throw new RangeError('bully: onElection necesita ids numéricos ("3", "17", …)');
    }
  }

  get isLeader(): boolean {
    return this.role === 'leader';
  }

  start(): Effect<BullyMessage>[] {
    return this.electOnStart ? this.startElection(undefined) : [];
  }

  step(input: Input<BullyMessage>): Effect<BullyMessage>[] {
    if (input.type === 'timer') {
      if (input.name === 'answer') return this.onAnswerTimeout();
      if (input.name === 'coordinator') return this.onCoordinatorTimeout();
      return [];
    }
    const { from, message } = input;
    const type = typeOf(message);
    if (type === 'StartElection') return this.startElection((message as { suspect?: unknown }).suspect);
    if (!this.peers.includes(from)) return this.reject(from, type, `${from} no es un nodo del grupo`);
    switch (type) {
      case 'Election':
        this.learnEpoch((message as { epoch?: unknown }).epoch);
        return this.onElection(from);
      case 'Answer':
        return this.onAnswer(from);
      case 'Coordinator':
        return this.onCoordinator(from, (message as { epoch?: unknown }).epoch);
      default:
        return this.reject(from, type, 'tipo de mensaje desconocido');
    }
  }

  /** Steps 1–2: send ELECTION to every higher node (but the suspect, if the detector named one). */
  private startElection(suspect: unknown): Effect<BullyMessage>[] {
    if (this.role === 'candidate' || this.role === 'waitingCoordinator') return [];
    const higher = this.peers.filter((id) => compareIds(id, this.id) > 0 && id !== suspect);
    return this.electAmong(higher);
  }

  private electAmong(higher: readonly NodeId[]): Effect<BullyMessage>[] {
    if (higher.length === 0) return this.becomeLeader();
    this.role = 'candidate';
    return [output('electionStarted'), ...higher.map((id) => send<BullyMessage>(id, { type: 'Election', epoch: this.epoch })), cancelTimer('coordinator'), setTimer('answer', this.answerTimeoutMs)];
  }

  /** Step 3: a lower node is holding an election; answer it and take over. */
  private onElection(from: NodeId): Effect<BullyMessage>[] {
    const electing = this.role === 'candidate' || this.role === 'waitingCoordinator';
    if (this.onElectionRule !== undefined) {
      const reaction = this.onElectionRule(Number(this.id), Number(from), electing, [this.id, ...this.peers].map(Number));
      const effects: Effect<BullyMessage>[] = reaction.reply === 'Answer' ? [send(from, { type: 'Answer' })] : [output('ignored', { from, type: 'Election' })];
      return reaction.startElection ? [...effects, ...this.electAmong(reaction.electionTo.map(String))] : effects;
    }
    // An ELECTION from a higher node breaks the protocol (only lower nodes send one): ignore it.
    if (compareIds(from, this.id) > 0) return this.reject(from, 'Election', `ELECTION de ${from}, que es mayor: solo los menores la envían`);
    const answer = send<BullyMessage>(from, { type: 'Answer' });
    return electing ? [answer] : [answer, ...this.startElection(undefined)];
  }

  private onAnswer(from: NodeId): Effect<BullyMessage>[] {
    if (compareIds(from, this.id) < 0) return this.reject(from, 'Answer', `ANSWER de ${from}, que es menor`);
    // A duplicate, or an answer that arrives after the timeout: the election has moved on.
    if (this.role !== 'candidate') return [output('ignored', { from, type: 'Answer', reason: 'ANSWER fuera de una elección' })];
    this.role = 'waitingCoordinator';
    return [cancelTimer('answer'), setTimer('coordinator', this.coordinatorTimeoutMs)];
  }

  /** Step 5 seen from below: a new leader. A lower one is bullied with a new election. */
  private onCoordinator(from: NodeId, epoch: unknown): Effect<BullyMessage>[] {
    if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch < 0) return this.reject(from, 'Coordinator', 'COORDINATOR sin época válida');
    if (compareIds(from, this.id) < 0) {
      this.role = this.role === 'leader' ? 'follower' : this.role;
      return this.startElection(undefined);
    }
    // Reordered or duplicated announcements: the latest is the one with the highest (epoch, id).
    const newer = epoch > this.epoch || (epoch === this.epoch && (this.leader === undefined || compareIds(from, this.leader) >= 0));
    if (!newer) {
      const ignored = output<BullyMessage>('ignored', { from, type: 'Coordinator', reason: `época ${epoch} < ${this.epoch}` });
      // An old copy from a leader we already follow (or a lower one): nothing to do.
      if (this.leader === undefined || compareIds(from, this.leader) <= 0) return [ignored];
      // A higher node announcing an old epoch (it restarted and lost the race): make it bully
      // again; our ELECTION carries the epoch it must beat (sent directly if we are mid-election).
      const electing = this.role === 'candidate' || this.role === 'waitingCoordinator';
      return electing ? [ignored, send<BullyMessage>(from, { type: 'Election', epoch: this.epoch })] : [ignored, ...this.startElection(undefined)];
    }
    this.role = 'follower';
    this.leader = from;
    this.learnEpoch(epoch);
    return [cancelTimer('answer'), cancelTimer('coordinator'), output('leaderElected', { leader: from, epoch })];
  }

  private onAnswerTimeout(): Effect<BullyMessage>[] {
    return this.role === 'candidate' ? this.becomeLeader() : [];
  }

  /** The higher node answered, then went silent (it crashed mid-election): start again. */
  private onCoordinatorTimeout(): Effect<BullyMessage>[] {
    if (this.role !== 'waitingCoordinator') return [];
    this.role = 'follower';
    return [output('coordinatorTimeout'), ...this.startElection(undefined)];
  }

  /** Step 5: nobody higher answered, so this node is the highest alive. */
  private becomeLeader(): Effect<BullyMessage>[] {
    this.role = 'leader';
    this.leader = this.id;
    this.learnEpoch(this.epoch + 1);
    const lower = this.peers.filter((id) => compareIds(id, this.id) < 0);
    return [
      cancelTimer('answer'),
      cancelTimer('coordinator'),
      output('leaderElected', { leader: this.id, epoch: this.epoch }),
      ...lower.map((id) => send<BullyMessage>(id, { type: 'Coordinator', epoch: this.epoch })),
    ];
  }

  private learnEpoch(epoch: unknown): void {
    if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch <= this.epoch) return;
    this.epoch = epoch;
    this.context.durable.set('epoch', epoch);
  }

  private reject(from: NodeId, type: string, reason: string): Effect<BullyMessage>[] {
    this.rejected++;
    return [output('rejected', { from, type, reason })];
  }
}

/**
 * A factory of {@link BullyNode}s. Ids that are integers compare as numbers ("9" < "10").
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['1', '2', '3', '4', '5'], createNode: bully({ electOnStart: false }) });
 * sim.crash('5');
 * sim.inject('1', { type: 'StartElection', suspect: '5' });
 * sim.runFor(1_000); // every live node's leader is '4'
 */
export function bully(options: BullyOptions = {}): NodeFactory<BullyMessage, BullyNode> {
  return (context) => new BullyNode(context, options);
}
