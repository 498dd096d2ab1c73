/**
 * Byzantine replicas: protocol nodes that lie (the simulator injects no Byzantine faults; a
 * traitor is just code). An equivocating primary orders different requests under the same
 * sequence number for different backups; a backup with wrong digests votes for requests
 * nobody sent; a silent replica says nothing; an accomplice backs an equivocating primary by
 * confirming to each honest replica the version it received. Against f of them in
 * n = 3f + 1, PBFT stays safe and live; with f + 1 (the primary and its accomplice), honest
 * replicas execute different requests.
 */
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { send } from '../sim/types';
import type { OrderedRequest, PbftMessage } from './messages';
import { digestOf, hashText } from './messages';
import { PbftReplica } from './replica';
import type { PbftOptions } from './replica';

/** The kinds of lie the kit's traitors tell. */
export type ByzantineBehaviour = 'equivocate' | 'wrongDigest' | 'silent' | 'accomplice';

/** The honest replicas split in two halves by an equivocating coalition: the first gets version A. */
function halves(replicas: readonly NodeId[], traitors: readonly NodeId[]): [NodeId[], NodeId[]] {
  const honest = replicas.filter((r) => !traitors.includes(r));
  const cut = Math.ceil(honest.length / 2);
  return [honest.slice(0, cut), honest.slice(cut)];
}

/**
 * When primary, sends the real request to the first half of the honest backups and the null
 * request to the rest, with the same sequence number, and a COMMIT to each half for its
 * version (its own PREPARE would not count); otherwise honest.
 */
export class EquivocatingReplica extends PbftReplica {
  constructor(context: NodeContext, options: PbftOptions, private readonly traitors: readonly NodeId[]) {
    super(context, options);
  }

  protected override sendPrePrepare(seq: number, request: OrderedRequest): Effect<PbftMessage>[] {
    const [a, b] = halves(this.replicas, this.traitors);
    const versions: [NodeId[], OrderedRequest][] = [[a, request], [b, null]];
    const effects: Effect<PbftMessage>[] = [];
    for (const [group, version] of versions) {
      const digest = digestOf(version);
      for (const r of group) {
        effects.push(send(r, { type: 'PrePrepare', view: this.view, seq, digest, request: version }));
        effects.push(send(r, { type: 'Commit', view: this.view, seq, digest }));
      }
    }
    for (const r of this.traitors) if (r !== this.id) effects.push(send(r, { type: 'PrePrepare', view: this.view, seq, digest: digestOf(request), request }));
    return effects;
  }
}

/** An accomplice backup: for each version the equivocating primary sent, PREPARE and COMMIT it to the half that got it. */
export class AccompliceReplica extends PbftReplica {
  constructor(context: NodeContext, options: PbftOptions, private readonly traitors: readonly NodeId[]) {
    super(context, options);
  }

  protected override onPrePrepare(from: NodeId, view: number, seq: number, digest: string, request: OrderedRequest): Effect<PbftMessage>[] {
    if (from !== this.primaryOf(view) || !this.traitors.includes(from)) return super.onPrePrepare(from, view, seq, digest, request);
    const [a, b] = halves(this.replicas, this.traitors);
    const effects: Effect<PbftMessage>[] = [];
    for (const [group, version] of [[a, request], [b, null]] as [NodeId[], OrderedRequest][]) {
      for (const r of group) {
        effects.push(send(r, { type: 'Prepare', view, seq, digest: digestOf(version) }));
        effects.push(send(r, { type: 'Commit', view, seq, digest: digestOf(version) }));
      }
    }
    return effects;
  }
}

/** A backup that votes (PREPARE, COMMIT, CHECKPOINT) with digests of nothing anyone sent. */
export class WrongDigestReplica extends PbftReplica {
  protected override sendVote(type: 'Prepare' | 'Commit', view: number, seq: number, digest: string): Effect<PbftMessage>[] {
    return this.multicast({ type, view, seq, digest: hashText(`mentira ${digest}`) });
  }

  protected override sendCheckpoint(seq: number, digest: string): Effect<PbftMessage>[] {
    return this.multicast({ type: 'Checkpoint', seq, stateDigest: hashText(`mentira ${digest}`) });
  }
}

/** A replica that receives everything and sends nothing (a crash is the same to the others, but it never recovers). */
export class SilentReplica implements ProtocolNode<PbftMessage> {
  readonly view = 0;
  constructor(readonly id: NodeId) {}
  start(): Effect<PbftMessage>[] {
    return [];
  }
  step(_input: Input<PbftMessage>): Effect<PbftMessage>[] {
    return [];
  }
}
