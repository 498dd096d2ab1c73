/**
 * Single-decree Paxos with the lecture's three roles (Lamport, "Paxos Made Simple", 2001):
 * proposers run phase 1 (`Prepare`/`Promise`) and phase 2 (`Accept`) against the acceptors;
 * acceptors tell the learners what they accepted (`Accepted`); a learner decides once a
 * majority of acceptors accepted the same ballot. A proposer that is refused or hears
 * nothing retries with a higher ballot after a random timeout. `lecture` switches on the
 * lecture's two slips, so that the explorer can show what each one breaks.
 */
import type { DurableStore, Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { assertNever, cancelTimer, fsync, output, send, setTimer } from '../sim/types';
import type { Rng } from '../random/index';
import type { AcceptedProposal, PaxosMessage } from './messages';
import { malformedPaxos } from './messages';

/**
 * The lecture's version of Paxos: `ignoreReported` — phase 1 omits the rule that the proposer
 * must propose the value of the highest-ballot proposal reported in the promises (it proposes
 * its own); `acceptedIsFinal` — an acceptor takes what it accepted as "su valor definitivo"
 * (it outputs `decide`), although a later ballot may still choose another value.
 */
export interface LectureSlips {
  readonly ignoreReported?: boolean;
  readonly acceptedIsFinal?: boolean;
}

/** Configuration of a single-decree Paxos cluster. */
export interface PaxosOptions {
  /** Proposer ids, in ballot order: the i-th proposer uses ballots i+1, i+1+P, i+1+2P… */
  readonly proposers: readonly NodeId[];
  readonly acceptors: readonly NodeId[];
  /** Learner ids (may be empty: the `accepted` outputs still define what is chosen). */
  readonly learners?: readonly NodeId[];
  /** What each proposer proposes when free to choose (default `v-<id>`). */
  readonly values?: ReadonlyMap<NodeId, string> | Readonly<Record<NodeId, string>>;
  /** The lecture's slips: `true` for both (default none: correct Paxos). */
  readonly lecture?: boolean | LectureSlips;
  /** Ballots a proposer tries per life (default unlimited; the explorer uses 1 or 2). */
  readonly rounds?: number;
  /** Retry timeout of a proposer, drawn uniformly in this range (default 40–120 ms). */
  readonly retryMs?: readonly [number, number];
  /** Delay before each proposer's first ballot (default 0 for all). */
  readonly startMs?: ReadonlyMap<NodeId, number> | Readonly<Record<NodeId, number>>;
  /** Acceptors also tell the ballot's proposer, which stops retrying once a majority accepted (default true; the explorer turns it off to keep the space small). */
  readonly proposersLearn?: boolean;
  /** Acceptors answer a stale ballot with a `Nack` (default true; the explorer, with one ballot per proposer, turns it off). */
  readonly nacks?: boolean;
  /** The value rule (exercise 06.3's signature); default: the teacher's own copy of P2c. */
  readonly chooseValue?: (promises: readonly AcceptedProposal[], own: string) => string;
}

const lookup = <T>(table: ReadonlyMap<NodeId, T> | Readonly<Record<NodeId, T>> | undefined, id: NodeId): T | undefined =>
  table === undefined ? undefined : table instanceof Map ? table.get(id) : (table as Readonly<Record<NodeId, T>>)[id];

/** The teacher's P2c: the value of the highest-ballot proposal reported, else the proposer's own. */
function highestReported(promises: readonly AcceptedProposal[], own: string): string {
  let best: AcceptedProposal | undefined;
  for (const p of promises) if (p.acceptedBallot > 0 && (best === undefined || p.acceptedBallot > best.acceptedBallot)) best = p;
  return best?.acceptedValue ?? own;
}

/** A Paxos node: proposer, acceptor and/or learner, depending on the lists its id is in. */
export class PaxosNode implements ProtocolNode<PaxosMessage> {
  readonly id: NodeId;
  readonly roles: ReadonlySet<'proposer' | 'acceptor' | 'learner'>;
  // Acceptor, persistent (§2.3: an acceptor remembers what it promised and accepted, even across a crash).
  promised = 0;
  acceptedBallot = 0;
  acceptedValue: string | null = null;
  // Proposer: the round counter is persistent (a ballot is never reused); the rest is volatile.
  ballot = 0;
  roundsThisLife = 0;
  readonly promises = new Map<NodeId, AcceptedProposal>();
  proposed: string | null = null;
  highestSeen = 0;
  // Learner, volatile: acceptors that accepted each ballot, and the decision.
  readonly acceptedBy = new Map<number, Set<NodeId>>();
  decided: string | null = null;
  private readonly durable: DurableStore;
  private readonly rng: Rng;
  private readonly slips: LectureSlips;

  constructor(context: NodeContext, private readonly options: PaxosOptions) {
    this.id = context.id;
    this.durable = context.durable;
    this.rng = context.rng;
    const roles = new Set<'proposer' | 'acceptor' | 'learner'>();
    if (options.proposers.includes(this.id)) roles.add('proposer');
    if (options.acceptors.includes(this.id)) roles.add('acceptor');
    if ((options.learners ?? []).includes(this.id)) roles.add('learner');
    this.roles = roles;
    this.slips = options.lecture === true ? { ignoreReported: true, acceptedIsFinal: true } : options.lecture || {};
    this.promised = this.durable.get<number>('promised') ?? 0;
    this.acceptedBallot = this.durable.get<number>('acceptedBallot') ?? 0;
    this.acceptedValue = this.durable.get<string | null>('acceptedValue') ?? null;
  }

  /** This proposer's own value. */
  get ownValue(): string {
    return lookup(this.options.values, this.id) ?? `v-${this.id}`;
  }

  start(): Effect<PaxosMessage>[] {
    if (!this.roles.has('proposer')) return [];
    const delay = lookup(this.options.startMs, this.id) ?? 0;
    return delay > 0 ? [setTimer('propose', delay)] : this.beginBallot();
  }

  step(input: Input<PaxosMessage>): Effect<PaxosMessage>[] {
    if (input.type === 'timer') return input.name === 'propose' || input.name === 'retry' ? this.beginBallot() : [];
    const { from, message } = input;
    const known = this.options.proposers.includes(from) || this.options.acceptors.includes(from);
    const problem = known ? malformedPaxos(message) : `remitente desconocido ${from}`;
    if (problem !== undefined) return [output('rejected', { from, reason: problem })];
    switch (message.type) {
      case 'Prepare':
        return this.onPrepare(from, message.ballot);
      case 'Promise':
        return this.onPromise(from, message);
      case 'Nack':
        return this.onNack(message);
      case 'Accept':
        return this.onAccept(from, message.ballot, message.value);
      case 'Accepted':
        return this.onAccepted(from, message.ballot, message.value);
      default:
        return assertNever(message);
    }
  }

  /** Proposer: a fresh ballot above every ballot heard of, saved before it is used. */
  private beginBallot(): Effect<PaxosMessage>[] {
    if (this.decided !== null || this.roundsThisLife >= (this.options.rounds ?? Infinity)) return [];
    const p = this.options.proposers.length;
    const index = this.options.proposers.indexOf(this.id);
    let round = (this.durable.get<number>('round') ?? 0) + 1;
    while ((round - 1) * p + index + 1 <= this.highestSeen) round++;
    this.durable.set('round', round);
    this.roundsThisLife++;
    this.ballot = (round - 1) * p + index + 1;
    this.promises.clear();
    this.proposed = null;
    const retry = this.options.rounds === undefined || this.roundsThisLife < this.options.rounds ? [setTimer<PaxosMessage>('retry', this.retryDelay())] : [];
    return [fsync(), output('prepare', { ballot: this.ballot }), ...this.options.acceptors.map((a) => send<PaxosMessage>(a, { type: 'Prepare', ballot: this.ballot })), ...retry];
  }

  private retryDelay(): number {
    const [lo, hi] = this.options.retryMs ?? [40, 120];
    return Math.round(this.rng.uniform(lo, hi));
  }

  /** Acceptor, phase 1b: promise any ballot above the highest promised (the lecture's "si no ha aceptado otra" is too strict). */
  private onPrepare(from: NodeId, ballot: number): Effect<PaxosMessage>[] {
    if (!this.roles.has('acceptor')) return [];
    if (ballot <= this.promised) return this.nack(from, ballot);
    this.promised = ballot;
    this.durable.set('promised', ballot);
    return [fsync(), send(from, { type: 'Promise', ballot, acceptedBallot: this.acceptedBallot, acceptedValue: this.acceptedValue })];
  }

  private onPromise(from: NodeId, promise: Extract<PaxosMessage, { type: 'Promise' }>): Effect<PaxosMessage>[] {
    if (!this.roles.has('proposer') || promise.ballot !== this.ballot || this.proposed !== null) return [];
    this.promises.set(from, { acceptedBallot: promise.acceptedBallot, acceptedValue: promise.acceptedValue });
    if (this.promises.size <= this.options.acceptors.length / 2) return [];
    const reported = [...this.promises.values()];
    const value = this.slips.ignoreReported ? this.ownValue : (this.options.chooseValue ?? highestReported)(reported, this.ownValue);
    this.proposed = value;
    return [output('propose', { ballot: this.ballot, value }), ...this.options.acceptors.map((a) => send<PaxosMessage>(a, { type: 'Accept', ballot: this.ballot, value }))];
  }

  private onNack(nack: Extract<PaxosMessage, { type: 'Nack' }>): Effect<PaxosMessage>[] {
    this.highestSeen = Math.max(this.highestSeen, nack.promised);
    return [];
  }

  private nack(to: NodeId, ballot: number): Effect<PaxosMessage>[] {
    return this.options.nacks === false ? [] : [send(to, { type: 'Nack', ballot, promised: this.promised })];
  }

  /** Acceptor, phase 2b: accept unless it promised a higher ballot; tell the learners. */
  private onAccept(from: NodeId, ballot: number, value: string): Effect<PaxosMessage>[] {
    if (!this.roles.has('acceptor')) return [];
    if (ballot < this.promised) return this.nack(from, ballot);
    this.promised = ballot;
    this.acceptedBallot = ballot;
    this.acceptedValue = value;
    this.durable.set('promised', ballot);
    this.durable.set('acceptedBallot', ballot);
    this.durable.set('acceptedValue', value);
    const effects: Effect<PaxosMessage>[] = [fsync(), output('accepted', { ballot, value })];
    // The lecture: "la almacena como su valor definitivo" — an acceptor's word is taken as the decision.
    if (this.slips.acceptedIsFinal) effects.push(output('decide', { ballot, value }));
    const tell = new Set(this.options.learners ?? []);
    if (this.options.proposersLearn !== false) tell.add(from);
    for (const l of tell) effects.push(send<PaxosMessage>(l, { type: 'Accepted', ballot, value }));
    return effects;
  }

  /** Learner (or the ballot's proposer): decide once a majority of acceptors accepted the same ballot. */
  private onAccepted(from: NodeId, ballot: number, value: string): Effect<PaxosMessage>[] {
    const mine = this.roles.has('proposer') && ballot === this.ballot;
    if (!(this.roles.has('learner') || mine) || !this.options.acceptors.includes(from) || this.decided !== null) return [];
    let voters = this.acceptedBy.get(ballot);
    if (voters === undefined) this.acceptedBy.set(ballot, (voters = new Set()));
    voters.add(from);
    if (voters.size <= this.options.acceptors.length / 2) return [];
    this.decided = value;
    // A proposer that is not a learner only stops retrying: its value is chosen.
    return this.roles.has('learner') ? [output('decide', { ballot, value })] : [cancelTimer('retry'), output('chosen', { ballot, value })];
  }
}

/**
 * A factory of single-decree Paxos nodes.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['p1', 'p2', 'a1', 'a2', 'a3', 'l1'], checkers: [paxosAgreement(3)],
 *   createNode: paxos({ proposers: ['p1', 'p2'], acceptors: ['a1', 'a2', 'a3'], learners: ['l1'], values: { p1: 'Comamos sushi', p2: 'Comamos pizza' } }) });
 * sim.runFor(1_000);
 * sim.outputs.filter((o) => o.label === 'decide'); // l1 decides one of the two
 */
export function paxos(options: PaxosOptions): NodeFactory<PaxosMessage, PaxosNode> {
  return (context) => new PaxosNode(context, options);
}
