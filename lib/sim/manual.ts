/**
 * A simulation driven by hand: sends are held until the scenario releases them and timers fire
 * only when told to. It is how a schedule found by the explorer (`lib/explore`) replays in a
 * real {@link Simulation}, with its checkers, trace and pictures.
 *
 * This file is the explorer's only hook into the simulator; it extends `Simulation` and
 * touches nothing else (the interpreter's `push` is intercepted for deliveries and timers).
 */
import { copyPlain } from './durable';
import { DELIVER, TIMER } from './interpreter';
import type { NodeSlot, QueuedEvent } from './interpreter';
import type { SimulationOptions } from './options';
import { Simulation } from './simulation';
import type { NodeId, ProtocolNode } from './types';

/** A message sent but not yet released, as {@link ManualSimulation.held} lists it. */
export interface HeldMessage<M> {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly message: M;
  /** The id linking it to its send in the trace. */
  readonly messageId: number;
}

/**
 * A {@link Simulation} whose network and timers are manual: every send waits in
 * {@link held} until {@link deliverHeld} or {@link dropHeld} releases it, and an armed timer
 * fires only on {@link fireArmedTimer}. Each release advances simulated time by `stepMs` (1 ms), so
 * the trace is in order and draws with `spaceTimeDiagram`. Checkers run after each event, as
 * in any simulation. The link model (latency, loss…) and fault schedules are not used: crash
 * and restart nodes directly.
 *
 * @example
 * const sim = new ManualSimulation({ seed: 1, nodeIds: ['n1', 'n2'], createNode: pingPong(3) });
 * sim.deliverHeld(0);            // n1's first Ping reaches n2
 * sim.held.length;               // 1: n2's Pong, waiting
 */
export class ManualSimulation<M, N extends ProtocolNode<M> = ProtocolNode<M>> extends Simulation<M, N> {
  /** Held deliveries, in send order (declared, not initialised: nodes send from the base constructor). */
  declare private heldEvents: QueuedEvent<M>[] | undefined;
  /** Simulated ms each manual release advances the clock by. */
  readonly stepMs = 1;

  constructor(options: SimulationOptions<M, N>) {
    if ((options.faults?.length ?? 0) > 0 || options.randomFaults !== undefined) {
      throw new Error('ManualSimulation: fault schedules are not used in manual mode; call crash/restart between releases');
    }
    super(options);
  }

  /** Messages sent and not yet released, in send order. */
  get held(): readonly HeldMessage<M>[] {
    return (this.heldEvents ?? []).map((e) => ({ from: e.from, to: e.to, message: e.message as M, messageId: e.messageId }));
  }

  /** Names of the timers armed at node `id`, sorted (none while it is crashed). */
  armedTimers(id: NodeId): string[] {
    return [...this.slot(id).timers.keys()].sort();
  }

  /**
   * Delivers held message number `index` (as in {@link held}) one step later. With
   * `duplicate`, a copy is delivered (traced as a duplicate) and the original stays held.
   * A message to a crashed node is dropped, as the network would. Does nothing once a checker
   * failed (the run is stopped).
   */
  deliverHeld(index: number, options: { duplicate?: boolean } = {}): this {
    if (this.violation) return this;
    const event = this.takeHeld(index, options.duplicate === true);
    event.timeMs = this.now + this.stepMs;
    this.process(event);
    return this;
  }

  /** Loses held message number `index` (traced as a drop, reason `'loss'`) one step later. */
  dropHeld(index: number): this {
    if (this.violation) return this;
    const event = this.takeHeld(index, false);
    this.now += this.stepMs;
    event.timeMs = this.now;
    this.drop(event, 'loss');
    this.afterEvent();
    return this;
  }

  /** Fires node `id`'s armed timer `name` one step later; throws if it is not armed. */
  fireArmedTimer(id: NodeId, name: string): this {
    const slot = this.slot(id);
    const seq = slot.timers.get(name);
    if (seq === undefined) throw new Error(`ManualSimulation: timer "${name}" is not armed at ${id} (armed: ${this.armedTimers(id).join(', ') || 'none'})`);
    if (this.violation) return this;
    const timeMs = this.now + this.stepMs;
    this.process({ timeMs, seq, kind: TIMER, from: name, to: id, target: slot as NodeSlot<unknown>, message: undefined, messageId: -1, duplicate: false, action: undefined });
    return this;
  }

  /** Advances simulated time by one step with nothing happening (before a crash or restart). */
  tick(): this {
    this.now += this.stepMs;
    return this;
  }

  // Deliveries are held instead of queued; timers are armed (the slot keeps their sequence
  // number) but never queued, so only fireArmedTimer fires them. Actions go to the queue as usual.
  protected override push(
    timeMs: number,
    kind: number,
    from: NodeId,
    to: NodeId,
    target: NodeSlot<N> | undefined,
    message: M | undefined,
    messageId: number,
    duplicate: boolean,
    action: (() => void) | undefined,
  ): number {
    if (kind === DELIVER) {
      const seq = this.seq++;
      (this.heldEvents ??= []).push({ timeMs, seq, kind, from, to, target, message, messageId, duplicate, action });
      return seq;
    }
    if (kind === TIMER) return this.seq++;
    return super.push(timeMs, kind, from, to, target, message, messageId, duplicate, action);
  }

  private takeHeld(index: number, duplicate: boolean): QueuedEvent<M> {
    const held = this.heldEvents ?? [];
    const event = held[index];
    if (!Number.isInteger(index) || event === undefined) {
      throw new RangeError(`ManualSimulation: no held message number ${index} (${held.length} held)`);
    }
    if (!duplicate) {
      held.splice(index, 1);
      return event;
    }
    this.stats.duplicated++;
    return { ...event, seq: this.seq++, message: this.copying ? copyPlain(event.message) : event.message, duplicate: true };
  }
}
