/**
 * Stop-the-world pauses (a garbage collector, a VM migration, a swapped-out process): the node
 * is alive but does nothing for a while. Messages and timers that arrive during a pause wait and
 * are handled, in order, when it ends, exactly what a paused JVM does. A failure detector cannot
 * tell this from a crash until the pause ends: the source of most false suspicions.
 */
import type { Rng } from '../random/index';
import type { Effect, Input, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { setTimer } from '../sim/types';

/** One pause: the node is frozen in `[startMs, endMs)` (simulated time). */
export interface Pause {
  readonly startMs: number;
  readonly endMs: number;
}

/** How pauses are drawn: on average one every `meanEveryMs`, lasting `meanDurationMs` (exponential). */
export interface PauseModel {
  readonly meanEveryMs: number;
  readonly meanDurationMs: number;
  /** Longest pause (default 20 × the mean). */
  readonly maxDurationMs?: number;
}

/**
 * Draws a pause schedule over `[0, durationMs)`: exponential gaps and exponential lengths.
 *
 * @example
 * drawPauses(createRng(1), { meanEveryMs: 60_000, meanDurationMs: 800 }, 600_000); // ≈ 10 pauses
 */
export function drawPauses(rng: Rng, model: PauseModel, durationMs: number): Pause[] {
  if (!(model.meanEveryMs > 0) || !(model.meanDurationMs >= 0)) {
    throw new RangeError(`drawPauses: meanEveryMs debe ser > 0 y meanDurationMs ≥ 0 (recibido ${JSON.stringify(model)})`);
  }
  const cap = model.maxDurationMs ?? 20 * model.meanDurationMs;
  const pauses: Pause[] = [];
  let t = rng.exponential(model.meanEveryMs);
  while (t < durationMs) {
    const length = Math.min(cap, rng.exponential(model.meanDurationMs));
    pauses.push({ startMs: t, endMs: t + length });
    t += length + rng.exponential(model.meanEveryMs);
  }
  return pauses;
}

const RESUME = '__pause-resume';

/** A node wrapped by {@link withPauses}: the inner node, frozen during its pauses. */
export class PausingNode<M, N extends ProtocolNode<M>> implements ProtocolNode<M> {
  readonly id: NodeId;
  private held: Input<M>[] = [];
  private next = 0;

  constructor(readonly inner: N, private readonly pauses: readonly Pause[]) {
    this.id = inner.id;
  }

  /** True when `nowMs` falls inside a pause. */
  pausedAt(nowMs: number): boolean {
    return this.pauseAt(nowMs) !== undefined;
  }

  start(nowMs: number): Effect<M>[] {
    const pause = this.pauseAt(nowMs);
    if (pause === undefined) return this.inner.start(nowMs);
    // Booting inside a pause: start when it ends.
    this.held.push({ type: 'timer', name: '__pause-start' });
    return [setTimer(RESUME, pause.endMs - nowMs)];
  }

  step(input: Input<M>, nowMs: number): Effect<M>[] {
    if (input.type === 'timer' && input.name === RESUME) return this.resume(nowMs);
    const pause = this.pauseAt(nowMs);
    if (pause !== undefined) {
      const first = this.held.length === 0;
      this.held.push(input);
      return first ? [setTimer(RESUME, pause.endMs - nowMs)] : [];
    }
    return this.inner.step(input, nowMs);
  }

  private resume(nowMs: number): Effect<M>[] {
    const held = this.held;
    this.held = [];
    const effects: Effect<M>[] = [];
    for (const input of held) {
      if (input.type === 'timer' && input.name === '__pause-start') effects.push(...this.inner.start(nowMs));
      else effects.push(...this.inner.step(input, nowMs));
    }
    return effects;
  }

  private pauseAt(nowMs: number): Pause | undefined {
    while (this.next < this.pauses.length && (this.pauses[this.next] as Pause).endMs <= nowMs) this.next++;
    const p = this.pauses[this.next];
    return p !== undefined && p.startMs <= nowMs ? p : undefined;
  }
}

/**
 * Wraps a node factory so that each node freezes during its own pauses (`pausesOf(id)`).
 *
 * @example
 * const createNode = withPauses(heartbeatSender({ monitor: 'm', intervalMs: 1_000 }), () => [{ startMs: 5_000, endMs: 9_000 }]);
 */
export function withPauses<M, N extends ProtocolNode<M>>(factory: NodeFactory<M, N>, pausesOf: (id: NodeId) => readonly Pause[]): NodeFactory<M, PausingNode<M, N>> {
  return (context) => new PausingNode<M, N>(factory(context), [...pausesOf(context.id)].sort((a, b) => a.startMs - b.startMs));
}
