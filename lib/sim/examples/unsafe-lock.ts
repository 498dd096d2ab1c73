/**
 * A deliberately unsafe lock: each node, when it wants the critical section, just waits a
 * little (to "check nobody is using it") and walks in, with no messages at all. Two nodes
 * whose waits overlap end up inside together; the {@link mutualExclusion} checker catches it.
 * Chapter 07 replaces it with a central coordinator and Ricart–Agrawala.
 */
import type { ClusterView } from '../checkers';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../types';
import type { Rng } from '../../random/index';

/** The unsafe lock needs no messages. */
export type UnsafeLockMessage = never;

/** Timing of the unsafe lock, in ms. */
export interface UnsafeLockOptions {
  /** Mean think time between uses of the critical section (exponential; default 400). */
  readonly thinkMsMean?: number;
  /** Time spent inside the critical section (default 20). */
  readonly criticalMs?: number;
}

/** A node that enters the critical section without asking anyone. */
export class UnsafeLockNode implements ProtocolNode<UnsafeLockMessage> {
  readonly id: NodeId;
  /** True while the node believes it holds the lock. */
  inCriticalSection = false;
  /** Critical sections completed. */
  entries = 0;
  private readonly rng: Rng;
  private readonly thinkMsMean: number;
  private readonly criticalMs: number;

  constructor(context: NodeContext, options: UnsafeLockOptions = {}) {
    this.id = context.id;
    this.rng = context.rng;
    this.thinkMsMean = options.thinkMsMean ?? 400;
    this.criticalMs = options.criticalMs ?? 20;
  }

  start(): Effect<UnsafeLockMessage>[] {
    return [{ type: 'setTimer', name: 'think', afterMs: this.rng.exponential(this.thinkMsMean) }];
  }

  step(input: Input<UnsafeLockMessage>): Effect<UnsafeLockMessage>[] {
    if (input.type !== 'timer') return [];
    if (input.name === 'think') return this.onThinkTimeout();
    return this.onCriticalTimeout();
  }

  private onThinkTimeout(): Effect<UnsafeLockMessage>[] {
    // The bug: nothing is asked of the other nodes before entering.
    this.inCriticalSection = true;
    this.entries++;
    return [{ type: 'output', label: 'enterCritical' }, { type: 'setTimer', name: 'critical', afterMs: this.criticalMs }];
  }

  private onCriticalTimeout(): Effect<UnsafeLockMessage>[] {
    this.inCriticalSection = false;
    return [{ type: 'output', label: 'exitCritical' }, { type: 'setTimer', name: 'think', afterMs: this.rng.exponential(this.thinkMsMean) }];
  }
}

/** A factory for {@link UnsafeLockNode}s. */
export function unsafeLock(options: UnsafeLockOptions = {}): (context: NodeContext) => UnsafeLockNode {
  return (context) => new UnsafeLockNode(context, options);
}

/**
 * The mutual-exclusion invariant: at most one live node is in its critical section.
 *
 * @example
 * new Simulation({ seed, nodeIds, createNode: unsafeLock(), checkers: [mutualExclusion] });
 */
export function mutualExclusion(cluster: ClusterView<{ readonly id: NodeId; readonly inCriticalSection: boolean }>): string | undefined {
  const inside: NodeId[] = [];
  for (const node of cluster.nodes.values()) if (node.inCriticalSection) inside.push(node.id);
  return inside.length > 1 ? `${inside.join(' y ')} están a la vez en la sección crítica` : undefined;
}
