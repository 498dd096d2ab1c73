/**
 * The simulator's public face: a cluster of protocol nodes on a faulty network, driven like a
 * scenario (run, partition, heal, crash, restart, inject), with simulated time only.
 */
import type { ClockModel } from '../clocks/physical';
import { readClock } from '../clocks/physical';
import { randomFaults } from './faults';
import type { Fault } from './faults';
import { ACTION, DELIVER, SimulationCore } from './interpreter';
import { copyPlain } from './durable';
import { linkKey } from './network';
import type { ExternalDelivery, SimulationOptions } from './options';
import { formatTrace } from './trace';
import type { NodeId, ProtocolNode } from './types';

export type { ExternalDelivery, SimulationOptions, SimulationStats } from './options';

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
export class Simulation<M, N extends ProtocolNode<M> = ProtocolNode<M>> extends SimulationCore<M, N> {
  constructor(options: SimulationOptions<M, N>) {
    super(options);
    this.schedule(options.faults ?? []);
    if (options.randomFaults) {
      const nodeIds = options.randomFaults.nodeIds ?? this.nodeIds;
      this.schedule(randomFaults(this.faultRng, { ...options.randomFaults, nodeIds }));
    }
    for (const id of this.nodeIds) this.boot(this.slot(id), 'start');
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

  /** Messages that nodes sent to ids outside the cluster (clients), in arrival order. */
  received(externalId: NodeId): readonly ExternalDelivery<M>[] {
    return this.external.get(externalId) ?? [];
  }

  /** The trace as readable lines (optionally only the last `tail`). */
  traceText(options: { tail?: number } = {}): string {
    return formatTrace(this.trace, { formatter: this.formatter, ...options });
  }

  // ---- Running -----------------------------------------------------------------------

  /** Processes the next event, if any; returns false when nothing is pending or the run stopped. */
  step(): boolean {
    if (this.violation || this.queue.size === 0) return false;
    this.processNext();
    return true;
  }

  /** Runs every event up to `now + durationMs`, then sets the clock there. */
  runFor(durationMs: number): this {
    return this.runUntilTime(this.now + durationMs);
  }

  /** Runs every event up to time `endMs` (inclusive), then sets the clock there. */
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

  // ---- Faults and scenario control ---------------------------------------------------

  /** Splits the cluster: nodes in different groups cannot talk until {@link heal}. */
  partition(...groups: NodeId[][]): this {
    for (let i = 0; i < groups.length; i++) {
      for (let j = 0; j < groups.length; j++) {
        if (i === j) continue;
        for (const a of groups[i] ?? []) for (const b of groups[j] ?? []) this.partitionBlocks.add(linkKey(a, b));
      }
    }
    this.record({ kind: 'partition', timeMs: this.now, groups: groups.map((g) => [...g]) });
    return this;
  }

  /** Removes every partition (cut links stay cut). */
  heal(): this {
    this.partitionBlocks.clear();
    this.record({ kind: 'heal', timeMs: this.now });
    return this;
  }

  /** Drops every message between `a` and `b` (both ways unless `oneWay`) until {@link restore}. */
  cut(a: NodeId, b: NodeId, options: { oneWay?: boolean } = {}): this {
    this.cutBlocks.add(linkKey(a, b));
    this.record({ kind: 'cut', timeMs: this.now, from: a, to: b });
    if (!options.oneWay) {
      this.cutBlocks.add(linkKey(b, a));
      this.record({ kind: 'cut', timeMs: this.now, from: b, to: a });
    }
    return this;
  }

  /** Restores a cut link (both ways unless `oneWay`). */
  restore(a: NodeId, b: NodeId, options: { oneWay?: boolean } = {}): this {
    this.cutBlocks.delete(linkKey(a, b));
    this.record({ kind: 'restore', timeMs: this.now, from: a, to: b });
    if (!options.oneWay) {
      this.cutBlocks.delete(linkKey(b, a));
      this.record({ kind: 'restore', timeMs: this.now, from: b, to: a });
    }
    return this;
  }

  /** Crashes `id`: its volatile state and timers are gone; messages to it are dropped. */
  crash(id: NodeId): this {
    const slot = this.slot(id);
    if (slot.node === undefined) return this;
    slot.node = undefined;
    slot.timers.clear();
    this.live.delete(id);
    this.down.add(id);
    this.record({ kind: 'crash', timeMs: this.now, node: id });
    this.runCheckers();
    return this;
  }

  /** Restarts a crashed node from its durable store (a new life: fresh volatile state). */
  restart(id: NodeId): this {
    const slot = this.slot(id);
    if (slot.node !== undefined) return this;
    this.down.delete(id);
    this.boot(slot, 'restart');
    return this;
  }

  /** Installs a fault schedule (times are absolute simulated ms and must not be in the past). */
  schedule(faults: readonly Fault[]): this {
    for (const f of faults) {
      switch (f.type) {
        case 'partition':
          this.at(f.atMs, () => this.partition(...f.groups.map((g) => [...g])));
          if (f.healAtMs !== undefined) this.at(f.healAtMs, () => this.heal());
          break;
        case 'crash':
          this.at(f.atMs, () => this.crash(f.node));
          if (f.restartAtMs !== undefined) this.at(f.restartAtMs, () => this.restart(f.node));
          break;
        case 'dropLink':
          this.at(f.atMs, () => this.cut(f.from, f.to, { oneWay: !f.bothWays }));
          if (f.untilMs !== undefined) this.at(f.untilMs, () => this.restore(f.from, f.to, { oneWay: !f.bothWays }));
          break;
      }
    }
    return this;
  }

  /** Runs `action` at simulated time `timeMs` (a scenario step: a crash, a client request…). */
  at(timeMs: number, action: () => void): this {
    if (timeMs < this.now) throw new RangeError(`cannot schedule in the past: ${timeMs} < ${this.now}`);
    this.push(timeMs, ACTION, '', '', undefined, -1, timeMs, false, action);
    return this;
  }

  /**
   * Delivers `message` to node `to` as if sent by `from` (default `'client'`), `afterMs` from
   * now (default 0), bypassing the network's faults: how a test or notebook starts an operation.
   */
  inject(to: NodeId, message: M, options: { from?: NodeId; afterMs?: number } = {}): this {
    const from = options.from ?? 'client';
    const messageId = this.messageIds++;
    const copy = this.copying ? copyPlain(message) : message;
    this.record({ kind: 'send', timeMs: this.now, from, to, message: copy, messageId });
    this.push(this.now + (options.afterMs ?? 0), DELIVER, from, to, copy, messageId, this.now, false, undefined);
    return this;
  }
}
