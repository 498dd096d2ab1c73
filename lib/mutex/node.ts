/**
 * What every mutual-exclusion node shares: a workload (think, ask, use the critical section
 * for `criticalMs`, release, think again) and the outputs the checkers and plots read
 * (`request`, `enterCritical`, `exitCritical`, `rejected`). Each algorithm says only how to
 * ask, how to release and how to handle its messages.
 */
import type { Rng } from '../random/index';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { output, setTimer } from '../sim/types';

/** The workload of a mutual-exclusion node. */
export interface MutexWorkload {
  /** Mean think time between uses of the critical section (exponential; default 200 ms). */
  readonly thinkMsMean?: number;
  /** Time inside the critical section (default 10 ms). */
  readonly criticalMs?: number;
  /** Stop asking after this many entries (default: never stop). */
  readonly maxEntries?: number;
  /** The nodes that want the critical section (default: all, but a dedicated coordinator). */
  readonly requesters?: readonly NodeId[];
}

/** The lecture's three states of a process (Coulouris's RELEASED, WANTED, HELD). */
export type MutexPhase = 'RELEASED' | 'WANTED' | 'HELD';

/** The base class: the workload and the bookkeeping, with the algorithm left abstract. */
export abstract class MutexNode<M> implements ProtocolNode<M> {
  readonly id: NodeId;
  phase: MutexPhase = 'RELEASED';
  /** Critical sections completed by this node (in this life). */
  entries = 0;
  /** Messages refused (unknown sender, stale, malformed, a release without a hold). */
  rejected = 0;
  protected readonly nodeIds: readonly NodeId[];
  protected readonly peers: readonly NodeId[];
  private readonly rng: Rng;
  private readonly thinkMsMean: number;
  private readonly criticalMs: number;
  private readonly maxEntries: number;
  private readonly wants: boolean;

  constructor(context: NodeContext, workload: MutexWorkload, requestersByDefault: readonly NodeId[] = context.nodeIds) {
    this.id = context.id;
    this.nodeIds = context.nodeIds;
    this.peers = context.nodeIds.filter((id) => id !== context.id);
    this.rng = context.rng;
    this.thinkMsMean = workload.thinkMsMean ?? 200;
    this.criticalMs = workload.criticalMs ?? 10;
    this.maxEntries = workload.maxEntries ?? Number.POSITIVE_INFINITY;
    this.wants = (workload.requesters ?? requestersByDefault).includes(context.id);
    if (!(this.thinkMsMean > 0) || !(this.criticalMs > 0)) throw new RangeError('mutex: thinkMsMean y criticalMs deben ser > 0');
  }

  /** True while inside the critical section (what `mutualExclusion` checks). */
  get inCriticalSection(): boolean {
    return this.phase === 'HELD';
  }

  start(nowMs: number): Effect<M>[] {
    const effects = this.onStart(nowMs);
    return this.wants && this.maxEntries > 0 ? [...effects, this.think()] : effects;
  }

  step(input: Input<M>, nowMs: number): Effect<M>[] {
    if (input.type === 'timer') {
      if (input.name === 'think') return this.onThinkTimeout(nowMs);
      if (input.name === 'critical') return this.onCriticalTimeout(nowMs);
      return this.onTimer(input.name, nowMs);
    }
    if (!this.nodeIds.includes(input.from)) return this.reject(input.from, input.message, `${input.from} no es un nodo del grupo`);
    if (typeof input.message !== 'object' || input.message === null) return this.reject(input.from, input.message, 'mensaje mal formado');
    return this.onMessage(input.from, input.message, nowMs);
  }

  /** Boot (and restart): the coordinator's or token holder's initial state. */
  protected onStart(_nowMs: number): Effect<M>[] {
    return [];
  }

  /** Ask for the critical section (phase is already WANTED). */
  protected abstract requestAccess(nowMs: number): Effect<M>[];
  /** Leave it (phase is already RELEASED). */
  protected abstract releaseAccess(nowMs: number): Effect<M>[];
  /** A message from a known node. */
  protected abstract onMessage(from: NodeId, message: M, nowMs: number): Effect<M>[];

  /** An algorithm's own timers (the token ring's pass delay). */
  protected onTimer(_name: string, _nowMs: number): Effect<M>[] {
    return [];
  }

  /** Enter the critical section (call when the algorithm's condition holds). */
  protected enter(): Effect<M>[] {
    this.phase = 'HELD';
    return [output('enterCritical'), setTimer('critical', this.criticalMs)];
  }

  protected reject(from: NodeId, message: unknown, reason: string): Effect<M>[] {
    this.rejected++;
    const type = typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string' ? (message as { type: string }).type : '?';
    return [output('rejected', { from, type, reason })];
  }

  private think(): Effect<M> {
    return setTimer('think', this.rng.exponential(this.thinkMsMean));
  }

  private onThinkTimeout(nowMs: number): Effect<M>[] {
    if (this.phase !== 'RELEASED') return [];
    this.phase = 'WANTED';
    return [output('request'), ...this.requestAccess(nowMs)];
  }

  private onCriticalTimeout(nowMs: number): Effect<M>[] {
    if (this.phase !== 'HELD') return [];
    this.phase = 'RELEASED';
    this.entries++;
    const effects: Effect<M>[] = [output('exitCritical'), ...this.releaseAccess(nowMs)];
    if (this.entries < this.maxEntries) effects.push(this.think());
    return effects;
  }
}

/** Numeric field `name` of an untrusted message, or `undefined` if it is not a safe integer ≥ 0. */
export function intField(message: unknown, name: string): number | undefined {
  const value = (message as Record<string, unknown>)[name];
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
