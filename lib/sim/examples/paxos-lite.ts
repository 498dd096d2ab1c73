/**
 * Single-decree Paxos, as small as it gets (Lamport, "Paxos Made Simple", 2001): proposers
 * run phase 1 (`Prepare`/`Promise`) and phase 2 (`Accept`) against a set of acceptors; a
 * value is *chosen* once a majority of acceptors accepted it in the same ballot. No learners,
 * no retries, no leader: each proposer runs one ballot per life, which is all the explorer
 * needs to show why phase 1 must report accepted values. Seeded bugs break exactly that rule.
 * The full protocol (`lib/paxos`) comes later.
 */
import type { ClusterView } from '../checkers';
import type { DurableStore, Effect, Input, NodeContext, NodeId, ProtocolNode } from '../types';
import { assertNever, output, send } from '../types';

/** Paxos messages, named as in the paper. A ballot is a positive integer, unique per proposer. */
export type PaxosMessage =
  /** Phase 1a: "promise not to accept ballots below `ballot`, and tell me what you accepted". */
  | { readonly type: 'Prepare'; readonly ballot: number }
  /** Phase 1b: the promise, with the highest-ballot proposal the acceptor accepted (ballot 0, value null if none). */
  | { readonly type: 'Promise'; readonly ballot: number; readonly acceptedBallot: number; readonly acceptedValue: string | null }
  /** Phase 2a: "accept `value` in `ballot`". */
  | { readonly type: 'Accept'; readonly ballot: number; readonly value: string };

/**
 * Seeded bugs: `'acceptorForgetsAccepted'` (an acceptor's `Promise` never reports what it
 * accepted) and `'proposerKeepsOwnValue'` (a proposer ignores the reported values and proposes
 * its own, the version students often write from memory). Both break agreement.
 */
export type PaxosBug = 'none' | 'acceptorForgetsAccepted' | 'proposerKeepsOwnValue';

/** Configuration of a Paxos-lite cluster. */
export interface PaxosLiteOptions {
  /** Proposer ids, in ballot order (the i-th proposer uses ballots i+1, i+1+P, i+1+2P…). */
  readonly proposers: readonly NodeId[];
  /** Acceptor ids. */
  readonly acceptors: readonly NodeId[];
  /** The value each proposer proposes when free to choose (default `v-<id>`). */
  readonly values?: ReadonlyMap<NodeId, string>;
  /** A seeded bug (default `'none'`). */
  readonly bug?: PaxosBug;
}

/** A Paxos-lite node: a proposer or an acceptor, depending on its id. */
export class PaxosLiteNode implements ProtocolNode<PaxosMessage> {
  readonly id: NodeId;
  readonly role: 'proposer' | 'acceptor';
  // Acceptor, persistent (Paxos Made Simple §2.3: an acceptor must remember what it promised and accepted).
  /** The highest ballot promised (0: none). */
  promised = 0;
  /** The highest-ballot proposal accepted (ballot 0: none). */
  acceptedBallot = 0;
  acceptedValue: string | null = null;
  // Proposer: its ballot is persistent (never reused across lives); the rest is volatile.
  /** This life's ballot (0 for an acceptor). */
  ballot = 0;
  /** Acceptors that promised this ballot. */
  readonly promisedBy = new Set<NodeId>();
  /** The highest-ballot proposal reported in the promises so far. */
  highestBallot = 0;
  highestValue: string | null = null;
  /** The value sent in phase 2, once a majority promised. */
  proposed: string | null = null;
  private readonly durable: DurableStore;

  constructor(context: NodeContext, private readonly options: PaxosLiteOptions) {
    this.id = context.id;
    this.durable = context.durable;
    this.role = options.proposers.includes(context.id) ? 'proposer' : 'acceptor';
    this.promised = this.durable.get<number>('promised') ?? 0;
    this.acceptedBallot = this.durable.get<number>('acceptedBallot') ?? 0;
    this.acceptedValue = this.durable.get<string | null>('acceptedValue') ?? null;
  }

  start(): Effect<PaxosMessage>[] {
    if (this.role === 'acceptor') return [];
    // A new life takes the next ballot of this proposer and saves it before using it.
    const round = (this.durable.get<number>('round') ?? 0) + 1;
    this.durable.set('round', round);
    this.ballot = (round - 1) * this.options.proposers.length + this.options.proposers.indexOf(this.id) + 1;
    return this.options.acceptors.map((a) => send<PaxosMessage>(a, { type: 'Prepare', ballot: this.ballot }));
  }

  step(input: Input<PaxosMessage>): Effect<PaxosMessage>[] {
    if (input.type !== 'message') return [];
    const message = input.message;
    switch (message.type) {
      case 'Prepare':
        return this.onPrepare(input.from, message.ballot);
      case 'Promise':
        return this.onPromise(input.from, message);
      case 'Accept':
        return this.onAccept(message.ballot, message.value);
      default:
        return assertNever(message);
    }
  }

  private onPrepare(from: NodeId, ballot: number): Effect<PaxosMessage>[] {
    if (this.role !== 'acceptor' || ballot <= this.promised) return [];
    this.promised = ballot;
    this.durable.set('promised', ballot);
    const forget = this.options.bug === 'acceptorForgetsAccepted';
    return [send(from, { type: 'Promise', ballot, acceptedBallot: forget ? 0 : this.acceptedBallot, acceptedValue: forget ? null : this.acceptedValue })];
  }

  private onPromise(from: NodeId, promise: Extract<PaxosMessage, { type: 'Promise' }>): Effect<PaxosMessage>[] {
    if (this.role !== 'proposer' || promise.ballot !== this.ballot || this.proposed !== null) return [];
    this.promisedBy.add(from);
    if (promise.acceptedBallot > this.highestBallot) {
      this.highestBallot = promise.acceptedBallot;
      this.highestValue = promise.acceptedValue;
    }
    if (this.promisedBy.size <= this.options.acceptors.length / 2) return [];
    // Paxos Made Simple §2.2, P2c: propose the value of the highest-ballot proposal reported, if any.
    const own = this.options.values?.get(this.id) ?? `v-${this.id}`;
    const value = this.options.bug === 'proposerKeepsOwnValue' ? own : this.highestValue ?? own;
    this.proposed = value;
    return [output('propose', { ballot: this.ballot, value }), ...this.options.acceptors.map((a) => send<PaxosMessage>(a, { type: 'Accept', ballot: this.ballot, value }))];
  }

  private onAccept(ballot: number, value: string): Effect<PaxosMessage>[] {
    if (this.role !== 'acceptor' || ballot < this.promised) return [];
    this.promised = ballot;
    this.acceptedBallot = ballot;
    this.acceptedValue = value;
    this.durable.set('promised', ballot);
    this.durable.set('acceptedBallot', ballot);
    this.durable.set('acceptedValue', value);
    return [output('accepted', { ballot, value })];
  }
}

/** A factory for {@link PaxosLiteNode}s over `options` (proposer and acceptor ids, values, bug). */
export function paxosLite(options: PaxosLiteOptions): (context: NodeContext) => PaxosLiteNode {
  return (context) => new PaxosLiteNode(context, options);
}

/**
 * Paxos's safety property, agreement: at most one value is chosen, where a value is chosen
 * once a majority of the `acceptorCount` acceptors accepted it in the same ballot (read from the
 * acceptors' `accepted` outputs, so a later overwrite does not hide it).
 *
 * @example
 * explore({ nodeIds, createNode: paxosLite({ proposers, acceptors }), checkers: [paxosAgreement(3)] });
 */
export function paxosAgreement(acceptorCount: number): (cluster: ClusterView<unknown>) => string | undefined {
  return function agreement(cluster: ClusterView<unknown>): string | undefined {
    const votes = new Map<string, Set<NodeId>>();
    const chosen = new Map<string, number>();
    for (const out of cluster.outputs) {
      if (out.label !== 'accepted') continue;
      const { ballot, value } = out.data as { ballot: number; value: string };
      const key = `${ballot}\u0000${value}`;
      let voters = votes.get(key);
      if (voters === undefined) votes.set(key, (voters = new Set()));
      voters.add(out.node);
      if (voters.size > acceptorCount / 2 && !chosen.has(value)) chosen.set(value, ballot);
    }
    if (chosen.size <= 1) return undefined;
    const list = [...chosen].map(([value, ballot]) => `${value} (ballot ${ballot})`);
    return `se eligieron ${chosen.size} valores distintos: ${list.join(' y ')}`;
  };
}
