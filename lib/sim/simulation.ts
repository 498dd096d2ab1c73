/**
 * The discrete-event simulator: simulated time only, one seeded random stream, events
 * ordered by `(timeMs, seq)`. It interprets the effects protocol nodes return.
 */
import { createRng } from '../random/index';
import type { Rng, Seed } from '../random/index';
import { PERFECT_CLOCK, randomClockModel, readClock, trueDuration } from '../clocks/physical';
import type { ClockModel } from '../clocks/physical';
import type { Checker, ClusterView, OutputRecord, Violation } from './checkers';
import { checkerName, InvariantViolationError } from './checkers';
import { copyPlain, MemoryDurableStore } from './durable';
import { EventQueue } from './event-queue';
import { randomFaults } from './faults';
import type { Fault, RandomFaultOptions } from './faults';
import { LinkTable, linkKey, sampleLatency } from './network';
import type { NetworkModel } from './network';
import { formatMessage, formatTrace } from './trace';
import type { DropReason, MessageFormatter, TraceEvent } from './trace';
import type { Effect, Input, NodeFactory, NodeId, ProtocolNode } from './types';

/** Options of a {@link Simulation}. */
export interface SimulationOptions<M, N extends ProtocolNode<M>> {
  /** The seed: the same seed gives the same run, event for event. */
  readonly seed: Seed;
  /** The cluster's node ids, in display order. */
  readonly nodeIds: readonly NodeId[];
  /** Builds a node (at boot and after each restart). */
  readonly createNode: NodeFactory<M, N>;
  /** Latency, loss, duplication and reordering, per link or for all (default: uniform 5–15 ms, no faults). */
  readonly network?: NetworkModel;
  /** A declarative fault schedule. */
  readonly faults?: readonly Fault[];
  /** A fault schedule drawn from the seed (node ids default to the cluster's). */
  readonly randomFaults?: Omit<RandomFaultOptions, 'nodeIds'> & { readonly nodeIds?: readonly NodeId[] };
  /** Hardware clocks per node, or bounds to draw them from the seed (default: perfect clocks). */
  readonly clocks?: ReadonlyMap<NodeId, ClockModel> | { readonly maxOffsetMs?: number; readonly maxDriftPpm?: number };
  /** Invariants checked after every event. */
  readonly checkers?: readonly Checker<N>[];
  /** On a violation: stop the run and set `violation` (default) or throw. */
  readonly onViolation?: 'stop' | 'throw';
  /** Record the trace (default true); off for fast sweeps and benchmarks. */
  readonly trace?: boolean;
  /** How trace lines print messages (default {@link formatMessage}). */
  readonly formatMessage?: MessageFormatter<M>;
  /** Deep-copy messages at the network boundary (default true). */
  readonly copyMessages?: boolean;
}

/** Counters of a run; always kept, even with the trace off. */
export interface SimulationStats {
  events: number;
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  timersFired: number;
}

/** A message that reached an id outside the cluster (a client). */
export interface ExternalDelivery<M> {
  readonly timeMs: number;
  readonly from: NodeId;
  readonly message: M;
}

const DELIVER = 0;
const TIMER = 1;
const ACTION = 2;

// One object shape for every queued event keeps the hot loop monomorphic.
interface QueuedEvent<M> {
  timeMs: number;
  seq: number;
  kind: number;
  from: NodeId;
  to: NodeId;
  message: M | undefined;
  messageId: number;
  sentAtMs: number;
  duplicate: boolean;
  action: (() => void) | undefined;
}

interface NodeSlot<N> {
  readonly id: NodeId;
  node: N | undefined;
  readonly timers: Map<string, number>;
  readonly durable: MemoryDurableStore;
  readonly clock: ClockModel;
  readonly perfectClock: boolean;
  readonly rng: Rng;
  lives: number;
}

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
export class Simulation<M, N extends ProtocolNode<M> = ProtocolNode<M>> {
  /** The seed, as a string. */
  readonly seed: string;
  /** Node ids in display order. */
  readonly nodeIds: readonly NodeId[];
  /** Every event so far (empty when tracing is off). */
  readonly trace: TraceEvent<M>[] = [];
  /** Every output so far. */
  readonly outputs: OutputRecord[] = [];
  /** Counters of the run. */
  readonly stats: SimulationStats = { events: 0, sent: 0, delivered: 0, dropped: 0, duplicated: 0, timersFired: 0 };
  /** The first broken invariant, if any; the run stops there. */
  violation: Violation | undefined;

  private now = 0;
  private seq = 0;
  private messageIds = 0;
  private readonly queue = new EventQueue<QueuedEvent<M>>();
  private readonly slots = new Map<NodeId, NodeSlot<N>>();
  private readonly live = new Map<NodeId, N>();
  private readonly down = new Set<NodeId>();
  private readonly partitionBlocks = new Set<string>();
  private readonly cutBlocks = new Set<string>();
  private readonly links: LinkTable;
  private readonly networkRng: Rng;
  private readonly createNode: NodeFactory<M, N>;
  private readonly checkers: readonly Checker<N>[];
  private readonly tracing: boolean;
  private readonly copying: boolean;
  private readonly throwOnViolation: boolean;
  private readonly formatter: MessageFormatter<M>;
  private readonly external = new Map<NodeId, ExternalDelivery<M>[]>();
  private readonly view: ClusterView<N>;

  constructor(options: SimulationOptions<M, N>) {
    const root = createRng(options.seed);
    this.seed = root.seed;
    this.nodeIds = [...options.nodeIds];
    if (new Set(this.nodeIds).size !== this.nodeIds.length) throw new Error('node ids must be distinct');
    this.networkRng = root.fork('network');
    const clockRng = root.fork('clocks');
    const nodeRng = root.fork('nodes');
    const faultRng = root.fork('faults');
    this.links = new LinkTable(options.network);
    this.createNode = options.createNode;
    this.checkers = options.checkers ?? [];
    this.tracing = options.trace ?? true;
    this.copying = options.copyMessages ?? true;
    this.throwOnViolation = options.onViolation === 'throw';
    this.formatter = options.formatMessage ?? (formatMessage as MessageFormatter<M>);
    this.view = { nowMs: 0, nodes: this.live, crashed: this.down, outputs: this.outputs };

    const clocks = options.clocks;
    for (const id of this.nodeIds) {
      const clock = isClockMap(clocks) ? clocks.get(id) ?? PERFECT_CLOCK : clocks ? randomClockModel(clockRng, clocks) : PERFECT_CLOCK;
      const perfectClock = clock.offsetMs === 0 && clock.driftPpm === 0;
      this.slots.set(id, { id, node: undefined, timers: new Map(), durable: new MemoryDurableStore(), clock, perfectClock, rng: nodeRng.fork(id), lives: 0 });
    }
    this.schedule(options.faults ?? []);
    if (options.randomFaults) {
      const nodeIds = options.randomFaults.nodeIds ?? this.nodeIds;
      this.schedule(randomFaults(faultRng, { ...options.randomFaults, nodeIds }));
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
    if (this.violation) return false;
    const event = this.queue.pop();
    if (event === undefined) return false;
    this.process(event);
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
      const next = this.queue.peek();
      if (next === undefined || next.timeMs > endMs) break;
      this.queue.pop();
      this.process(next);
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
      const next = this.queue.peek();
      if (next === undefined || next.timeMs > deadline) break;
      this.queue.pop();
      this.process(next);
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

  // ---- The interpreter ---------------------------------------------------------------

  private process(event: QueuedEvent<M>): void {
    this.now = event.timeMs;
    this.stats.events++;
    switch (event.kind) {
      case DELIVER:
        this.deliver(event);
        break;
      case TIMER:
        this.fireTimer(event);
        break;
      default:
        event.action?.();
        return; // actions run their own checkers
    }
    if (this.checkers.length > 0) this.runCheckers();
  }

  private deliver(event: QueuedEvent<M>): void {
    const { from, to } = event;
    const message = event.message as M;
    const slot = this.slots.get(to);
    if (slot === undefined) {
      let inbox = this.external.get(to);
      if (inbox === undefined) this.external.set(to, (inbox = []));
      inbox.push({ timeMs: this.now, from, message });
      this.stats.delivered++;
      this.recordDelivery(event);
      return;
    }
    if (slot.node === undefined) return this.drop(event, 'crashed');
    if (this.isBlocked(from, to)) return this.drop(event, this.partitionBlocks.has(linkKey(from, to)) ? 'partition' : 'link');
    this.stats.delivered++;
    this.recordDelivery(event);
    const input: Input<M> = { type: 'message', from, message };
    this.apply(slot, slot.node.step(input, slot.perfectClock ? this.now : readClock(slot.clock, this.now)));
  }

  private fireTimer(event: QueuedEvent<M>): void {
    const slot = this.slots.get(event.to);
    const name = event.from;
    if (slot === undefined || slot.node === undefined || slot.timers.get(name) !== event.seq) return;
    slot.timers.delete(name);
    this.stats.timersFired++;
    if (this.tracing) this.trace.push({ kind: 'timer', timeMs: this.now, node: slot.id, name });
    const input: Input<M> = { type: 'timer', name };
    this.apply(slot, slot.node.step(input, slot.perfectClock ? this.now : readClock(slot.clock, this.now)));
  }

  private apply(slot: NodeSlot<N>, effects: readonly Effect<M>[]): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'send':
          this.send(slot.id, effect.to, effect.message);
          break;
        case 'setTimer': {
          const delayMs = slot.perfectClock ? effect.afterMs : trueDuration(slot.clock, effect.afterMs);
          const seq = this.push(this.now + Math.max(0, delayMs), TIMER, effect.name, slot.id, undefined, -1, this.now, false, undefined);
          slot.timers.set(effect.name, seq);
          break;
        }
        case 'cancelTimer':
          slot.timers.delete(effect.name);
          break;
        case 'output': {
          const record: OutputRecord =
            effect.data === undefined
              ? { timeMs: this.now, node: slot.id, label: effect.label }
              : { timeMs: this.now, node: slot.id, label: effect.label, data: effect.data };
          this.outputs.push(record);
          if (this.tracing) this.trace.push({ kind: 'output', ...record });
          break;
        }
      }
    }
  }

  private send(from: NodeId, to: NodeId, original: M): void {
    const messageId = this.messageIds++;
    const message = this.copying ? copyPlain(original) : original;
    this.stats.sent++;
    if (this.tracing) this.trace.push({ kind: 'send', timeMs: this.now, from, to, message, messageId });
    const link = this.links.get(from, to);
    const rng = this.networkRng;
    if (this.isBlocked(from, to)) {
      return this.dropAtSend(from, to, message, messageId, this.partitionBlocks.has(linkKey(from, to)) ? 'partition' : 'link');
    }
    if (link.loss > 0 && rng.next() < link.loss) return this.dropAtSend(from, to, message, messageId, 'loss');
    let delayMs = sampleLatency(link.latency, rng);
    if (link.reorder > 0 && rng.next() < link.reorder) delayMs += rng.next() * link.reorderDelayMs;
    this.push(this.now + delayMs, DELIVER, from, to, message, messageId, this.now, false, undefined);
    if (link.duplicate > 0 && rng.next() < link.duplicate) {
      this.stats.duplicated++;
      const copy = this.copying ? copyPlain(message) : message;
      this.push(this.now + sampleLatency(link.latency, rng), DELIVER, from, to, copy, messageId, this.now, true, undefined);
    }
  }

  private isBlocked(from: NodeId, to: NodeId): boolean {
    if (this.partitionBlocks.size === 0 && this.cutBlocks.size === 0) return false;
    const key = linkKey(from, to);
    return this.partitionBlocks.has(key) || this.cutBlocks.has(key);
  }

  private dropAtSend(from: NodeId, to: NodeId, message: M, messageId: number, reason: DropReason): void {
    this.stats.dropped++;
    if (this.tracing) this.trace.push({ kind: 'drop', timeMs: this.now, from, to, message, messageId, sentAtMs: this.now, reason });
  }

  private drop(event: QueuedEvent<M>, reason: DropReason): void {
    this.stats.dropped++;
    if (!this.tracing) return;
    const { timeMs, from, to, messageId, sentAtMs } = event;
    this.trace.push({ kind: 'drop', timeMs, from, to, message: event.message as M, messageId, sentAtMs, reason });
  }

  private recordDelivery(event: QueuedEvent<M>): void {
    if (!this.tracing) return;
    const { timeMs, from, to, messageId, sentAtMs, duplicate } = event;
    this.trace.push({ kind: 'deliver', timeMs, from, to, message: event.message as M, messageId, sentAtMs, duplicate });
  }

  private boot(slot: NodeSlot<N>, kind: 'start' | 'restart'): void {
    slot.lives++;
    const node = this.createNode({ id: slot.id, nodeIds: this.nodeIds, rng: slot.rng.fork(`life${slot.lives}`), durable: slot.durable });
    slot.node = node;
    this.live.set(slot.id, node);
    this.record({ kind, timeMs: this.now, node: slot.id });
    this.apply(slot, node.start(slot.perfectClock ? this.now : readClock(slot.clock, this.now)));
    this.runCheckers();
  }

  private push(timeMs: number, kind: number, from: NodeId, to: NodeId, message: M | undefined, messageId: number, sentAtMs: number, duplicate: boolean, action: (() => void) | undefined): number {
    const seq = this.seq++;
    this.queue.push({ timeMs, seq, kind, from, to, message, messageId, sentAtMs, duplicate, action });
    return seq;
  }

  private record(event: TraceEvent<M>): void {
    if (this.tracing) this.trace.push(event);
  }

  private runCheckers(): void {
    if (this.checkers.length === 0 || this.violation) return;
    (this.view as { nowMs: number }).nowMs = this.now;
    for (const checker of this.checkers) {
      const message = checker(this.view);
      if (message) {
        this.violation = { checker: checkerName(checker as Checker<never>), message, timeMs: this.now, eventCount: this.stats.events, seed: this.seed };
        if (this.throwOnViolation) throw new InvariantViolationError(this.violation);
        return;
      }
    }
  }

  private slot(id: NodeId): NodeSlot<N> {
    const slot = this.slots.get(id);
    if (slot === undefined) throw new Error(`unknown node "${id}" (nodes: ${this.nodeIds.join(', ')})`);
    return slot;
  }
}

function isClockMap(value: unknown): value is ReadonlyMap<NodeId, ClockModel> {
  return value instanceof Map;
}
