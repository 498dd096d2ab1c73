/**
 * The simulator's public face: a cluster of protocol nodes on a faulty network, driven like a
 * scenario (run, partition, heal, crash, restart, inject), with simulated time only.
 */
import type { ClockModel } from '../clocks/physical';
import { readClock } from '../clocks/physical';
import type { History } from '../linearizability/history';
import type { Violation } from './checkers';
import { randomFaults } from './faults';
import { ScenarioControl } from './scenario-control';
import type { NemesisControl } from './nemesis';
import type { ExternalDelivery, SimulationOptions } from './options';
import { formatTrace } from './trace';
import type { TraceTextOptions } from './trace';
import type { NodeId, ProtocolNode, ReadonlyDurableStore } from './types';

export type { ClientOptions, DropFilter, ExternalDelivery, MessageInFlight, SimulationOptions, SimulationStats } from './options';

/**
 * A deterministic simulation of a cluster of protocol nodes on a faulty network.
 *
 * @example
 * const sim = new Simulation({ seed: 7, nodeIds: ['n1', 'n2', 'n3'], createNode, network: { latency: latency.uniform(5, 15) } });
 * sim.runFor(1_000);
 * sim.partition(['n1'], ['n2', 'n3']);
 * sim.runUntil(() => leaders(sim).length === 1, { limitMs: 5_000 });
 * console.log(sim.traceText({ tail: 20 }));
 */
export class Simulation<M, N extends ProtocolNode<M> = ProtocolNode<M>> extends ScenarioControl<M, N> implements NemesisControl<M> {
  private finished = false;

  constructor(options: SimulationOptions<M, N>) {
    super(options);
    this.schedule(options.faults ?? []);
    if (options.randomFaults) {
      const nodeIds = options.randomFaults.nodeIds ?? this.nodeIds;
      this.schedule(randomFaults(this.faultRng, { ...options.randomFaults, nodeIds }));
    }
    for (const id of this.nodeIds) this.boot(this.slot(id), 'start');
    for (const id of this.clientIds) this.boot(this.slot(id), 'start');
  }

  // ---- Reading the state -------------------------------------------------------------

  /** Current simulated (true) time in ms. */
  get nowMs(): number {
    return this.now;
  }

  /** The live node `id`, or `undefined` while it is crashed. */
  node(id: NodeId): N | undefined {
    return this.live.get(id);
  }

  /** Live nodes by id. */
  get nodes(): ReadonlyMap<NodeId, N> {
    return this.live;
  }

  /** True unless `id` is crashed. */
  isUp(id: NodeId): boolean {
    return !this.down.has(id);
  }

  /** What node `id`'s hardware clock reads now. */
  localTimeMs(id: NodeId): number {
    return readClock(this.slot(id).clock, this.now);
  }

  /** The hardware clock model of node `id`. */
  clockOf(id: NodeId): ClockModel {
    return this.slot(id).clock;
  }

  /** Number of pending events (messages in flight, armed timers, scheduled faults). */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Messages that nodes sent to ids that are neither nodes nor client actors, in arrival order. */
  received(externalId: NodeId): readonly ExternalDelivery<M>[] {
    return this.external.get(externalId) ?? [];
  }

  /** The client actor `id` (see `SimulationOptions.clients`). */
  client<C extends ProtocolNode<M> = ProtocolNode<M>>(id: NodeId): C {
    const client = this.liveClients.get(id);
    if (client === undefined) throw new Error(`unknown client "${id}" (clients: ${this.clientIds.join(', ') || 'none'})`);
    return client as C;
  }

  /**
   * The clients' operations so far, in invoke order (the `History` of lib/linearizability):
   * one still in flight, timed out or abandoned shows as `'info'` (outcome unknown).
   */
  get history(): History {
    return this.recorder.history;
  }

  /** A read-only view of node `id`'s disk, crashed or not. */
  durable(id: NodeId): ReadonlyDurableStore {
    return this.slot(id).durable.readOnly();
  }

  /** The trace as readable lines: all of it, or filtered (nodes, message types, a time window, `around` an event) and/or only the last `tail`. */
  traceText(options: Omit<TraceTextOptions<M>, 'formatter'> = {}): string {
    return formatTrace(this.trace, { formatter: this.formatter, ...options });
  }

  // ---- Running -----------------------------------------------------------------------

  /**
   * Ends the run's checking: the run-level checkers' `atEnd` (e.g. the history is
   * linearizable), the `eventually` checks whose deadline passed, and the plain checkers once
   * more. Returns the run's violation (the first one, also if found earlier), and sets
   * `violation`. Calling it again returns the same answer.
   */
  finish(): Violation | undefined {
    if (this.violation !== undefined || this.finished) return this.violation;
    this.finished = true;
    this.afterEvent();
    if (this.violation !== undefined) return this.violation;
    const failure = this.observer.atEnd(this.now);
    if (failure !== undefined) this.fail(failure);
    return this.violation;
  }

  /** Processes the next event, if any; returns false when nothing is pending or the run stopped. */
  step(): boolean {
    if (this.violation || this.queue.size === 0) return false;
    this.processNext();
    return true;
  }

  /**
   * Runs every event up to `now + durationMs`, then sets the clock there. After a checker
   * found a violation the run is stopped: this returns at once and time does not advance.
   */
  runFor(durationMs: number): this {
    return this.runUntilTime(this.now + durationMs);
  }

  /**
   * Runs every event up to time `endMs` (inclusive), then sets the clock there. After a
   * checker found a violation (`violation` is set) the run is stopped: it returns at once,
   * leaving the clock at the violation, so a caller looping on time must check `violation`.
   */
  runUntilTime(endMs: number): this {
    for (;;) {
      if (this.violation) return this;
      if (!(this.queue.peekTime() <= endMs)) break;
      this.processNext();
    }
    if (endMs > this.now) this.now = endMs;
    return this;
  }

  /**
   * Runs until `predicate` holds (checked before the first event and after each one) or
   * `limitMs` of simulated time pass. Returns whether the predicate held.
   */
  runUntil(predicate: (sim: this) => boolean, options: { limitMs: number }): boolean {
    const deadline = this.now + options.limitMs;
    if (predicate(this)) return true;
    for (;;) {
      if (this.violation) return false;
      if (!(this.queue.peekTime() <= deadline)) break;
      this.processNext();
      if (predicate(this)) return true;
    }
    this.now = Math.max(this.now, deadline);
    return false;
  }

  /**
   * Runs until nothing is pending (no message in flight, no armed timer, no scheduled action)
   * or `limitMs` of simulated time pass, whichever comes first. Returns whether the cluster went
   * quiet; a protocol with periodic timers (heartbeats) never does, and stops at the limit. The
   * clock is left at the last event when quiet, at the limit otherwise.
   */
  runUntilIdle(options: { limitMs: number }): boolean {
    const deadline = this.now + options.limitMs;
    for (;;) {
      if (this.violation) return false;
      if (this.queue.size === 0) return true;
      if (!(this.queue.peekTime() <= deadline)) break;
      this.processNext();
    }
    this.now = Math.max(this.now, deadline);
    return false;
  }
}
