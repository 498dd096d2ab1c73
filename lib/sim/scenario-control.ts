/**
 * The scenario calls of a simulation: partitions, heals, cuts, crashes, restarts, fault
 * schedules, message filters, link changes, scheduled actions and injected messages.
 * {@link Simulation} adds reading the state and running on top.
 */
import { copyPlain } from './durable';
import { validateFault } from './faults';
import type { Fault } from './faults';
import { ACTION, DELIVER, SimulationCore } from './interpreter';
import { linkKey } from './network';
import type { LinkModel } from './network';
import type { DropFilter } from './options';
import type { NodeId, ProtocolNode } from './types';

/** Faults and scenario control over the interpreter (see {@link Simulation}). */
export abstract class ScenarioControl<M, N extends ProtocolNode<M>> extends SimulationCore<M, N> {
  /**
   * Splits the cluster: nodes in different groups cannot talk until {@link heal}. Partitions
   * may overlap; a link stays blocked while any active partition blocks it. Every id must be
   * a node of the cluster.
   */
  partition(...groups: NodeId[][]): this {
    this.addPartition(groups);
    this.afterEvent();
    return this;
  }

  /** Removes every active partition, scheduled or not (cut links stay cut). */
  heal(): this {
    this.partitions.clear();
    this.partitionBlocks.clear();
    this.record({ kind: 'heal', timeMs: this.now });
    this.afterEvent();
    return this;
  }

  /**
   * Drops every message between `a` and `b` (both ways unless `oneWay`) until {@link restore}.
   * Cuts of the same link nest: a link cut twice needs both scheduled restores (or one
   * manual {@link restore}) to come back.
   */
  cut(a: NodeId, b: NodeId, options: { oneWay?: boolean } = {}): this {
    this.checkLink('cut', a, b);
    this.cutLink(a, b, +1);
    if (!options.oneWay) this.cutLink(b, a, +1);
    this.afterEvent();
    return this;
  }

  /** Restores a cut link (both ways unless `oneWay`), however many cuts were on it. */
  restore(a: NodeId, b: NodeId, options: { oneWay?: boolean } = {}): this {
    this.checkLink('restore', a, b);
    this.cutLink(a, b, 0);
    if (!options.oneWay) this.cutLink(b, a, 0);
    this.afterEvent();
    return this;
  }

  /**
   * Drops every message `filter` accepts (checked at its send, traced as a drop with reason
   * `'filtered'`) until the returned function is called: a message-level fault.
   *
   * @example
   * const stop = sim.dropIf(({ from, message }) => from === 'n1' && message.type === 'AppendEntries');
   * sim.runFor(500);
   * stop();
   */
  dropIf(filter: DropFilter<M>): () => void {
    if (typeof filter !== 'function') throw new TypeError('dropIf: filter must be a function');
    this.dropFilters.push(filter);
    return () => {
      const i = this.dropFilters.indexOf(filter);
      if (i >= 0) this.dropFilters.splice(i, 1);
    };
  }

  /**
   * Replaces the model of the link `from → to` (and `to → from` if `bothWays`) from now on;
   * fields left out take the network's default, and `undefined` returns the link to the
   * default. Messages already in flight keep their delay.
   */
  setLink(from: NodeId, to: NodeId, model: LinkModel | undefined, options: { bothWays?: boolean } = {}): this {
    this.checkLink('setLink', from, to);
    this.links.set(from, to, model);
    if (options.bothWays) this.links.set(to, from, model);
    return this;
  }

  /** Replaces the network's default link model from now on (per-link overrides stay). */
  setDefaultLink(model: LinkModel): this {
    this.links.setDefault(model);
    return this;
  }

  /** Crashes node `id`: its volatile state and timers are gone; messages to it are dropped. Clients cannot crash. */
  crash(id: NodeId): this {
    const slot = this.slot(id);
    if (slot.isClient) throw new Error(`crash: "${id}" is a client; clients do not crash`);
    if (slot.node === undefined) return this;
    slot.node = undefined;
    slot.timers.clear();
    slot.durable.crash();
    this.live.delete(id);
    this.down.add(id);
    this.record({ kind: 'crash', timeMs: this.now, node: id });
    this.afterEvent();
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
    for (const f of faults) validateFault(f, this.nodeIds, this.clientIds, this.now);
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
        // B5: a node in two groups still reaches itself.
        for (const a of groups[i] ?? []) for (const b of groups[j] ?? []) if (a !== b) links.add(linkKey(a, b));
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

  /** Throws a clear error unless `a` and `b` are known, distinct ids (nodes or clients). */
  protected checkLink(what: string, a: NodeId, b: NodeId): void {
    this.slot(a);
    this.slot(b);
    if (a === b) throw new Error(`${what}: "${a}" → "${a}" is not a link (a node always reaches itself)`);
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
    if (typeof from !== 'string') throw new TypeError(`inject: from must be an id, got ${String(from)}`);
    const target = this.slots.get(to);
    if (target === undefined) throw new Error(`inject: unknown node "${to}" (${this.describeIds()})`);
    const messageId = this.messageIds++;
    if (this.log !== undefined) this.log.send(this.now, this.log.nodeCode(from), this.log.nodeCode(to), message, messageId);
    if (this.watching) this.watchSend(from, to, message, messageId);
    const copy = this.copying ? copyPlain(message) : message;
    this.push(this.now + afterMs, DELIVER, from, to, target, copy, messageId, false, undefined);
    this.afterEvent();
    return this;
  }
}
