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

  // ---- Faults and scenario control ---------------------------------------------------

  /**
   * Splits the cluster: nodes in different groups cannot talk until {@link heal}. Partitions
   * may overlap; a link stays blocked while any active partition blocks it. Every id must be
   * a node of the cluster.
   */
  partition(...groups: NodeId[][]): this {
    this.addPartition(groups);
    return this;
  }

  /** Removes every active partition, scheduled or not (cut links stay cut). */
  heal(): this {
    this.partitions.clear();
    this.partitionBlocks.clear();
    this.record({ kind: 'heal', timeMs: this.now });
    return this;
  }

  /**
   * Drops every message between `a` and `b` (both ways unless `oneWay`) until {@link restore}.
   * Cuts of the same link nest: a link cut twice needs both scheduled restores (or one
   * manual {@link restore}) to come back.
   */
  cut(a: NodeId, b: NodeId, options: { oneWay?: boolean } = {}): this {
    this.cutLink(a, b, +1);
    if (!options.oneWay) this.cutLink(b, a, +1);
    return this;
  }

  /** Restores a cut link (both ways unless `oneWay`), however many cuts were on it. */
  restore(a: NodeId, b: NodeId, options: { oneWay?: boolean } = {}): this {
    this.cutLink(a, b, 0);
    if (!options.oneWay) this.cutLink(b, a, 0);
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

  /** Restarts a crashed node from its durable store (a new life: fresh volatile state and no old timers). */
  restart(id: NodeId): this {
    const slot = this.slot(id);
    if (slot.node !== undefined) return this;
    this.down.delete(id);
    this.boot(slot, 'restart');
    return this;
  }

  /**
   * Installs a fault schedule (times are absolute simulated ms and must not be in the past).
   * Each entry is checked now, not when it fires: an end before its start (`healAtMs`,
   * `restartAtMs`, `untilMs` < `atMs`) or an unknown node in a partition or crash throws.
   * A scheduled partition heals only itself, and a scheduled cut restores only itself.
   */
  schedule(faults: readonly Fault[]): this {
    for (const f of faults) validateFault(f, this.nodeIds, this.now);
    for (const f of faults) {
      switch (f.type) {
        case 'partition': {
          let id = -1;
          this.at(f.atMs, () => {
            id = this.addPartition(f.groups);
          });
          if (f.healAtMs !== undefined) this.at(f.healAtMs, () => this.healPartition(id));
          break;
        }
        case 'crash':
          this.at(f.atMs, () => this.crash(f.node));
          if (f.restartAtMs !== undefined) this.at(f.restartAtMs, () => this.restart(f.node));
          break;
        case 'dropLink':
          this.at(f.atMs, () => {
            this.cutLink(f.from, f.to, +1);
            if (f.bothWays) this.cutLink(f.to, f.from, +1);
          });
          if (f.untilMs !== undefined) {
            this.at(f.untilMs, () => {
              this.cutLink(f.from, f.to, -1);
              if (f.bothWays) this.cutLink(f.to, f.from, -1);
            });
          }
          break;
      }
    }
    return this;
  }

  /** Blocks the links between groups; returns the partition's id (for {@link healPartition}). */
  protected addPartition(groups: readonly (readonly NodeId[])[]): number {
    for (const group of groups) for (const id of group) this.slot(id);
    const links = new Set<string>();
    for (let i = 0; i < groups.length; i++) {
      for (let j = 0; j < groups.length; j++) {
        if (i === j) continue;
        for (const a of groups[i] ?? []) for (const b of groups[j] ?? []) links.add(linkKey(a, b));
      }
    }
    const id = this.partitionIds++;
    this.partitions.set(id, links);
    for (const key of links) this.partitionBlocks.set(key, (this.partitionBlocks.get(key) ?? 0) + 1);
    this.record({ kind: 'partition', timeMs: this.now, groups: groups.map((g) => [...g]) });
    return id;
  }

  /** Ends partition `id` only; links other active partitions block stay blocked. No-op if already healed. */
  protected healPartition(id: number): void {
    const links = this.partitions.get(id);
    if (links === undefined) return;
    this.partitions.delete(id);
    for (const key of links) {
      const count = (this.partitionBlocks.get(key) ?? 0) - 1;
      if (count > 0) this.partitionBlocks.set(key, count);
      else this.partitionBlocks.delete(key);
    }
    this.record({ kind: 'heal', timeMs: this.now });
  }

  /** Adds (+1) or removes (−1) one cut of the link `from → to`; 0 clears every cut of it. */
  protected cutLink(from: NodeId, to: NodeId, change: 1 | -1 | 0): void {
    const key = linkKey(from, to);
    const before = this.cutBlocks.get(key) ?? 0;
    const after = change === 0 ? 0 : Math.max(0, before + change);
    if (after > 0) this.cutBlocks.set(key, after);
    else this.cutBlocks.delete(key);
    if (change > 0) this.record({ kind: 'cut', timeMs: this.now, from, to });
    else if (before > 0 || change === 0) this.record({ kind: 'restore', timeMs: this.now, from, to });
  }

  /** Runs `action` at simulated time `timeMs` (a scenario step: a crash, a client request…). */
  at(timeMs: number, action: () => void): this {
    if (Number.isNaN(timeMs)) throw new RangeError('cannot schedule at NaN');
    if (timeMs < this.now) throw new RangeError(`cannot schedule in the past: ${timeMs} < ${this.now}`);
    this.push(timeMs, ACTION, '', '', undefined, undefined, -1, false, action);
    return this;
  }

  /**
   * Delivers `message` to node `to` as if sent by `from` (default `'client'`), exactly
   * `afterMs` from now (default 0): how a test or notebook starts an operation. The message
   * skips the link model (no latency, loss, duplication or reordering), but not the faults in
   * force when it arrives: it is dropped if `to` is crashed or if the link `from → to` is
   * partitioned or cut then. The trace records it as a send by `from`, so `from` (even an id
   * outside the cluster, like `'client'`) appears in the causality of the trace and gets its
   * own entry in vector timestamps. `from` may be a crashed node: that models what its host
   * or the network sends on its behalf, like the TCP reset a broker sees when a consumer dies.
   */
  inject(to: NodeId, message: M, options: { from?: NodeId; afterMs?: number } = {}): this {
    const from = options.from ?? 'client';
    const afterMs = options.afterMs ?? 0;
    if (!(afterMs >= 0) || !Number.isFinite(afterMs)) throw new RangeError(`inject: afterMs must be a finite number >= 0, got ${afterMs}`);
    const messageId = this.messageIds++;
    const target = this.slots.get(to);
    if (this.log !== undefined) this.log.send(this.now, this.log.nodeCode(from), this.log.nodeCode(to), message, messageId);
    const copy = this.copying ? copyPlain(message) : message;
    this.push(this.now + afterMs, DELIVER, from, to, target, copy, messageId, false, undefined);
    return this;
  }
}

/** Throws a clear error for a fault that can never make sense, before anything is scheduled. */
function validateFault(f: Fault, nodeIds: readonly NodeId[], nowMs: number): void {
  const known = (id: NodeId, what: string) => {
    if (!nodeIds.includes(id)) throw new Error(`${what}: unknown node "${id}" (nodes: ${nodeIds.join(', ')})`);
  };
  const times = (end: number | undefined, endName: string) => {
    if (!Number.isFinite(f.atMs)) throw new RangeError(`${f.type}: atMs must be a finite number, got ${f.atMs}`);
    if (f.atMs < nowMs) throw new RangeError(`${f.type}: cannot schedule in the past: atMs=${f.atMs} < now=${nowMs}`);
    if (end !== undefined && !(end >= f.atMs)) throw new RangeError(`${f.type}: ${endName}=${end} is before atMs=${f.atMs}`);
  };
  switch (f.type) {
    case 'partition':
      times(f.healAtMs, 'healAtMs');
      for (const group of f.groups) for (const id of group) known(id, 'partition');
      break;
    case 'crash':
      times(f.restartAtMs, 'restartAtMs');
      known(f.node, 'crash');
      break;
    case 'dropLink':
      times(f.untilMs, 'untilMs');
      break;
  }
}
