/**
 * A gossip node on lib/sim: every `periodMs` (a round) it contacts `fanout` peers chosen at
 * random among the others (never itself). Push: an informed node sends the rumour. Pull: an
 * uninformed node asks, an informed one answers. Push–pull: every node calls, carrying the
 * rumour if it has it, and the callee answers with it if only the callee had it.
 */
import type { Rng } from '../random/index';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import { gossipMessageProblem } from './messages';
import type { GossipMessage, GossipMode } from './messages';

/** Options of {@link GossipNode}. */
export interface GossipNodeOptions {
  readonly mode: GossipMode;
  /** Peers contacted per round (default 1). */
  readonly fanout?: number;
  /** Round length in ms (default 100; keep it above the network's latency). */
  readonly periodMs?: number;
  /** The rumour this node knows from the start (the block it just mined). */
  readonly rumor?: string;
  /** The lecture's bug: the random peers may include the node itself (default false). */
  readonly mayPickSelf?: boolean;
}

/** A gossip node: see the module comment. */
export class GossipNode implements ProtocolNode<GossipMessage> {
  readonly id: NodeId;
  /** The rumour, once known. */
  rumor: string | undefined;
  /** The round at which the rumour arrived (0 for the origin). */
  informedRound: number | undefined;
  /** Rounds elapsed. */
  round = 0;
  /** Messages this node sent. */
  sent = 0;
  /** Refused inputs (malformed or from an unknown id), with the Spanish reason. */
  readonly rejected: string[] = [];
  private readonly nodeIds: readonly NodeId[];
  private readonly selfIndex: number;
  private readonly known: ReadonlySet<NodeId>;
  private readonly rng: Rng;
  private readonly fanout: number;
  private readonly periodMs: number;

  constructor(context: NodeContext, private readonly options: GossipNodeOptions) {
    this.id = context.id;
    this.rng = context.rng;
    this.known = idSet(context.nodeIds);
    this.nodeIds = context.nodeIds;
    this.selfIndex = context.nodeIds.indexOf(context.id);
    this.fanout = Math.min(options.fanout ?? 1, context.nodeIds.length - (options.mayPickSelf ? 0 : 1));
    this.periodMs = options.periodMs ?? 100;
    if (!Number.isInteger(this.fanout) || this.fanout < 1) throw new RangeError(`fanout debe ser un entero ≥ 1, no ${String(options.fanout)}`);
    if (options.rumor !== undefined) {
      this.rumor = options.rumor;
      this.informedRound = 0;
    }
  }

  start(): Effect<GossipMessage>[] {
    return [setTimer('round', this.periodMs)];
  }

  step(input: Input<GossipMessage>): Effect<GossipMessage>[] {
    if (input.type === 'timer') return input.name === 'round' ? this.onRoundTimeout() : [];
    const problem = this.known.has(input.from) ? gossipMessageProblem(input.message) : `mensaje de ${input.from}, que no es un nodo de la red`;
    if (problem !== undefined) {
      this.rejected.push(problem);
      return [output('rejected', { from: input.from, reason: problem })];
    }
    const m = input.message;
    switch (m.type) {
      case 'Push':
      case 'PullReply':
        return this.learn(m.rumor);
      case 'Pull': {
        const effects = m.rumor === null ? [] : this.learn(m.rumor);
        if (this.rumor !== undefined && m.rumor === null) {
          this.sent++;
          effects.push(send(input.from, { type: 'PullReply', rumor: this.rumor }));
        }
        return effects;
      }
    }
  }

  /** `fanout` distinct random peers, by index (O(fanout), not O(N): no copy of the id list). */
  private pickPeers(): NodeId[] {
    const n = this.nodeIds.length;
    const self = this.options.mayPickSelf ? -1 : this.selfIndex;
    const chosen = new Set<number>();
    while (chosen.size < this.fanout) {
      let i = this.rng.int(0, self < 0 ? n - 1 : n - 2);
      if (self >= 0 && i >= self) i++; // skip oneself
      chosen.add(i);
    }
    return [...chosen].map((i) => this.nodeIds[i] as NodeId);
  }

  private learn(rumor: string): Effect<GossipMessage>[] {
    if (this.rumor !== undefined) return [];
    this.rumor = rumor;
    this.informedRound = this.round;
    return [output('informed', { round: this.round })];
  }

  private onRoundTimeout(): Effect<GossipMessage>[] {
    this.round++;
    const effects: Effect<GossipMessage>[] = [setTimer('round', this.periodMs)];
    const informed = this.rumor !== undefined;
    const mode = this.options.mode;
    if ((mode === 'push' && !informed) || (mode === 'pull' && informed)) return effects;
    for (const peer of this.pickPeers()) {
      if (peer === this.id) continue; // the lecture's bug: a call to oneself is wasted
      this.sent++;
      effects.push(send(peer, mode === 'push' ? { type: 'Push', rumor: this.rumor as string } : { type: 'Pull', rumor: mode === 'push-pull' ? this.rumor ?? null : null }));
    }
    return effects;
  }
}

const ID_SETS = new WeakMap<readonly NodeId[], ReadonlySet<NodeId>>();

/** One shared set of ids per cluster (N nodes would otherwise build N sets of N ids). */
function idSet(ids: readonly NodeId[]): ReadonlySet<NodeId> {
  let set = ID_SETS.get(ids);
  if (set === undefined) {
    set = new Set(ids);
    ID_SETS.set(ids, set);
  }
  return set;
}

/**
 * A node factory for `Simulation`: `origin` starts with the rumour.
 *
 * @example
 * new Simulation({ seed: 1, nodeIds, createNode: gossipNode({ mode: 'push', origin: 'g0', rumor: 'bloque-1' }) });
 */
export function gossipNode(options: Omit<GossipNodeOptions, 'rumor'> & { readonly origin: NodeId; readonly rumor?: string }): (context: NodeContext) => GossipNode {
  return (context) => {
    const { origin, rumor, ...rest } = options;
    return new GossipNode(context, context.id === origin ? { ...rest, rumor: rumor ?? 'bloque' } : rest);
  };
}
