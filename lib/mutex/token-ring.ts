/**
 * Token ring mutual exclusion: one TOKEN travels the logical ring (the order of `nodeIds`);
 * only its holder may enter, and it passes the token to its successor when it leaves, or
 * after `passDelayMs` if it does not want it. Safe as long as there is exactly one token:
 * each pass numbers it, so a duplicated copy is recognised and dropped. Messages per entry
 * range from 1 (everyone waiting) to unbounded (nobody wants it, the token keeps going round);
 * a lost token (its holder crashes, or the message is lost) stops everybody.
 */
import type { Effect, NodeContext, NodeFactory, NodeId } from '../sim/types';
import { cancelTimer, send, setTimer } from '../sim/types';
import type { TokenRingMessage } from './messages';
import { intField, MutexNode } from './node';
import type { MutexWorkload } from './node';

/** Options of {@link tokenRing}. */
export interface TokenRingOptions extends MutexWorkload {
  /** How long an idle holder keeps the token before passing it (default 1 ms). */
  readonly passDelayMs?: number;
  /** Who holds the token at the start (default: the first node id). */
  readonly firstHolder?: NodeId;
}

/** A token-ring node. */
export class TokenRingNode extends MutexNode<TokenRingMessage> {
  /** True while this node holds the token. */
  hasToken = false;
  /** The number of the last token this node accepted (a copy with a lower or equal number is a duplicate). */
  lastSeq = 0;
  private readonly successor: NodeId;
  private readonly passDelayMs: number;
  private readonly firstHolder: NodeId;

  constructor(context: NodeContext, options: TokenRingOptions) {
    super(context, options);
    const i = context.nodeIds.indexOf(context.id);
    this.successor = context.nodeIds[(i + 1) % context.nodeIds.length] as NodeId;
    this.passDelayMs = options.passDelayMs ?? 1;
    this.firstHolder = options.firstHolder ?? (context.nodeIds[0] as NodeId);
  }

  /** The first holder creates the token at boot (a restarted node does not remember it). */
  protected override onStart(): Effect<TokenRingMessage>[] {
    if (this.id !== this.firstHolder) return [];
    this.hasToken = true;
    return [setTimer('pass', this.passDelayMs)];
  }

  protected requestAccess(): Effect<TokenRingMessage>[] {
    return this.hasToken ? [cancelTimer('pass'), ...this.enter()] : [];
  }

  protected releaseAccess(): Effect<TokenRingMessage>[] {
    return this.pass();
  }

  protected override onTimer(name: string): Effect<TokenRingMessage>[] {
    return name === 'pass' && this.hasToken && this.phase === 'RELEASED' ? this.pass() : [];
  }

  protected onMessage(from: NodeId, message: TokenRingMessage): Effect<TokenRingMessage>[] {
    if (message.type !== 'Token') return this.reject(from, message, 'tipo de mensaje desconocido');
    const seq = intField(message, 'seq');
    if (seq === undefined) return this.reject(from, message, 'TOKEN sin número');
    if (seq <= this.lastSeq || this.hasToken) return this.reject(from, message, `TOKEN duplicado o antiguo (n.º ${seq})`);
    this.lastSeq = seq;
    this.hasToken = true;
    return this.phase === 'WANTED' ? this.enter() : [setTimer('pass', this.passDelayMs)];
  }

  private pass(): Effect<TokenRingMessage>[] {
    if (!this.hasToken || this.successor === this.id) return [];
    this.hasToken = false;
    this.lastSeq++;
    return [send(this.successor, { type: 'Token', seq: this.lastSeq })];
  }
}

/**
 * A factory of {@link TokenRingNode}s.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: tokenRing(), checkers: [mutualExclusion] });
 * sim.runFor(5_000);
 */
export function tokenRing(options: TokenRingOptions = {}): NodeFactory<TokenRingMessage, TokenRingNode> {
  return (context) => new TokenRingNode(context, options);
}
