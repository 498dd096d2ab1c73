/**
 * The interpreter at the heart of the simulator: the event queue, the nodes' slots, and the
 * rules that turn each effect a node returns into events (deliveries, timers, outputs).
 * {@link Simulation} adds the scenario API on top.
 */
import { createRng } from '../random/index';
import type { Rng } from '../random/index';
import { PERFECT_CLOCK, randomClockModel, readClock, trueDuration } from '../clocks/physical';
import type { ClockModel } from '../clocks/physical';
import type { Checker, ClusterView, OutputRecord, Violation } from './checkers';
import { checkerName, InvariantViolationError } from './checkers';
import { copyPlain, MemoryDurableStore } from './durable';
import { EventQueue } from './event-queue';
import { LinkTable, linkKey, sampleLatency } from './network';
import type { ExternalDelivery, SimulationOptions, SimulationStats } from './options';
import { formatMessage } from './trace';
import type { DropReason, MessageFormatter, TraceEvent } from './trace';
import { TraceLog } from './trace-log';
import type { Effect, Input, NodeFactory, NodeId, ProtocolNode } from './types';

/** Queued event kind: a message arriving. */
export const DELIVER = 0;
/** Queued event kind: a timer firing. */
export const TIMER = 1;
/** Queued event kind: a scenario action (a fault, a scheduled call). */
export const ACTION = 2;

/**
 * A pending event. One object shape for every kind keeps the hot loop monomorphic: a delivery
 * uses every field; a timer stores its name in `from` and its node in `to`; an action only `action`.
 */
export interface QueuedEvent<M> {
  timeMs: number;
  seq: number;
  kind: number;
  from: NodeId;
  to: NodeId;
  /** The slot of `to`, looked up once when the event is queued (`undefined` for an id outside the cluster or an action). */
  target: NodeSlot<unknown> | undefined;
  message: M | undefined;
  messageId: number;
  duplicate: boolean;
  action: (() => void) | undefined;
}

/** What the simulator keeps per node: the live object (none while crashed), timers, clock, disk. */
export interface NodeSlot<N> {
  readonly id: NodeId;
  node: N | undefined;
  readonly timers: Map<string, number>;
  readonly durable: MemoryDurableStore;
  readonly clock: ClockModel;
  readonly perfectClock: boolean;
  readonly rng: Rng;
  /** The node id's code in the trace log (-1 when tracing is off). */
  readonly traceCode: number;
  lives: number;
}

/** The state and the effect interpreter shared by every simulation (see {@link Simulation}). */
export abstract class SimulationCore<M, N extends ProtocolNode<M>> {
  /** The seed, as a string. */
  readonly seed: string;
  /** Node ids in display order. */
  readonly nodeIds: readonly NodeId[];
  /** Every output so far. */
  readonly outputs: OutputRecord[] = [];
  /** Counters of the run. */
  readonly stats: SimulationStats = { events: 0, sent: 0, delivered: 0, dropped: 0, duplicated: 0, timersFired: 0 };
  /** The first broken invariant, if any; the run stops there. */
  violation: Violation | undefined;

  protected now = 0;
  protected seq = 0;
  protected messageIds = 0;
  protected readonly queue = new EventQueue<QueuedEvent<M>>();
  protected readonly slots = new Map<NodeId, NodeSlot<N>>();
  protected readonly live = new Map<NodeId, N>();
  protected readonly down = new Set<NodeId>();
  /** Active partitions by id, each with the directed links it blocks. */
  protected readonly partitions = new Map<number, ReadonlySet<string>>();
  /** How many active partitions block each directed link (a link is blocked while > 0). */
  protected readonly partitionBlocks = new Map<string, number>();
  /** How many active cuts block each directed link (a link is cut while > 0). */
  protected readonly cutBlocks = new Map<string, number>();
  protected partitionIds = 0;
  protected readonly links: LinkTable;
  protected readonly networkRng: Rng;
  protected readonly createNode: NodeFactory<M, N>;
  protected readonly checkers: readonly Checker<N>[];
  protected readonly tracing: boolean;
  /** The columnar trace; `undefined` when tracing is off. */
  protected readonly log: TraceLog<M> | undefined;
  private readonly noTrace: TraceEvent<M>[] = [];
  protected readonly copying: boolean;
  protected readonly throwOnViolation: boolean;
  protected readonly formatter: MessageFormatter<M>;
  protected readonly external = new Map<NodeId, ExternalDelivery<M>[]>();
  protected readonly view: ClusterView<N>;
  protected readonly faultRng: Rng;

  constructor(options: SimulationOptions<M, N>) {
    const root = createRng(options.seed);
    this.seed = root.seed;
    this.nodeIds = [...options.nodeIds];
    if (new Set(this.nodeIds).size !== this.nodeIds.length) throw new Error('node ids must be distinct');
    this.networkRng = root.fork('network');
    const clockRng = root.fork('clocks');
    const nodeRng = root.fork('nodes');
    this.faultRng = root.fork('faults');
    this.links = new LinkTable(options.network);
    this.createNode = options.createNode;
    this.checkers = options.checkers ?? [];
    this.tracing = options.trace ?? true;
    this.log = this.tracing ? new TraceLog<M>() : undefined;
    this.copying = options.copyMessages ?? true;
    this.throwOnViolation = options.onViolation === 'throw';
    this.formatter = options.formatMessage ?? (formatMessage as MessageFormatter<M>);
    this.view = { nowMs: 0, nodes: this.live, crashed: this.down, outputs: this.outputs };

    const clocks = options.clocks;
    for (const id of this.nodeIds) {
      const clock = isClockMap(clocks) ? clocks.get(id) ?? PERFECT_CLOCK : clocks ? randomClockModel(clockRng, clocks) : PERFECT_CLOCK;
      const perfectClock = clock.offsetMs === 0 && clock.driftPpm === 0;
      const traceCode = this.log === undefined ? -1 : this.log.nodeCode(id);
      this.slots.set(id, { id, node: undefined, timers: new Map(), durable: new MemoryDurableStore(), clock, perfectClock, rng: nodeRng.fork(id), traceCode, lives: 0 });
    }
  }

  /** Every event so far (empty when tracing is off); built from the columnar log on first read. */
  get trace(): TraceEvent<M>[] {
    return this.log === undefined ? this.noTrace : this.log.toArray();
  }

  protected process(event: QueuedEvent<M>): void {
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

  protected deliver(event: QueuedEvent<M>): void {
    const { from, to } = event;
    const slot = event.target as NodeSlot<N> | undefined;
    if (slot === undefined) {
      let inbox = this.external.get(to);
      if (inbox === undefined) this.external.set(to, (inbox = []));
      inbox.push({ timeMs: this.now, from, message: event.message as M });
      this.stats.delivered++;
      this.recordDelivery(event);
      return;
    }
    if (slot.node === undefined) return this.drop(event, 'crashed');
    if (this.isBlocked(from, to)) return this.drop(event, this.partitionBlocks.has(linkKey(from, to)) ? 'partition' : 'link');
    this.stats.delivered++;
    this.recordDelivery(event);
    const input: Input<M> = { type: 'message', from, message: event.message as M };
    this.apply(slot, slot.node.step(input, this.localNowMs(slot)));
  }

  /** What the hardware clock of `slot` reads now (the simulated time itself for a perfect clock). */
  protected localNowMs(slot: NodeSlot<N>): number {
    return slot.perfectClock ? this.now : readClock(slot.clock, this.now);
  }

  protected fireTimer(event: QueuedEvent<M>): void {
    const slot = event.target as NodeSlot<N> | undefined;
    const name = event.from;
    if (slot === undefined || slot.node === undefined || slot.timers.get(name) !== event.seq) return;
    slot.timers.delete(name);
    this.stats.timersFired++;
    if (this.log !== undefined) this.log.timer(this.now, slot.traceCode, name);
    const input: Input<M> = { type: 'timer', name };
    this.apply(slot, slot.node.step(input, this.localNowMs(slot)));
  }

  protected apply(slot: NodeSlot<N>, effects: readonly Effect<M>[]): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'send':
          this.send(slot, effect.to, effect.message);
          break;
        case 'setTimer': {
          const delayMs = slot.perfectClock ? effect.afterMs : trueDuration(slot.clock, effect.afterMs);
          const seq = this.push(this.now + Math.max(0, delayMs), TIMER, effect.name, slot.id, slot, undefined, -1, false, undefined);
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
          if (this.log !== undefined) this.log.record({ kind: 'output', ...record });
          break;
        }
      }
    }
  }

  protected send(sender: NodeSlot<N>, to: NodeId, original: M): void {
    const from = sender.id;
    const target = this.slots.get(to);
    const messageId = this.messageIds++;
    this.stats.sent++;
    // The trace keeps an encoded snapshot (immune to later mutation by sender or receiver);
    // the receiver gets its own copy (and a duplicate another one).
    if (this.log !== undefined) {
      this.log.send(this.now, sender.traceCode, target === undefined ? this.log.nodeCode(to) : target.traceCode, original, messageId);
    }
    const link = this.links.get(from, to);
    const rng = this.networkRng;
    if (this.isBlocked(from, to)) {
      return this.dropAtSend(messageId, this.partitionBlocks.has(linkKey(from, to)) ? 'partition' : 'link');
    }
    if (link.loss > 0 && rng.next() < link.loss) return this.dropAtSend(messageId, 'loss');
    let delayMs = sampleLatency(link.latency, rng);
    if (link.reorder > 0 && rng.next() < link.reorder) delayMs += rng.next() * link.reorderDelayMs;
    const message = this.copying ? copyPlain(original) : original;
    this.push(this.now + delayMs, DELIVER, from, to, target, message, messageId, false, undefined);
    if (link.duplicate > 0 && rng.next() < link.duplicate) {
      this.stats.duplicated++;
      const copy = this.copying ? copyPlain(message) : message;
      this.push(this.now + sampleLatency(link.latency, rng), DELIVER, from, to, target, copy, messageId, true, undefined);
    }
  }

  protected isBlocked(from: NodeId, to: NodeId): boolean {
    if (this.partitionBlocks.size === 0 && this.cutBlocks.size === 0) return false;
    const key = linkKey(from, to);
    return this.partitionBlocks.has(key) || this.cutBlocks.has(key);
  }

  protected dropAtSend(messageId: number, reason: DropReason): void {
    this.stats.dropped++;
    if (this.log !== undefined) this.log.drop(this.now, messageId, reason);
  }

  protected drop(event: QueuedEvent<M>, reason: DropReason): void {
    this.stats.dropped++;
    if (this.log !== undefined) this.log.drop(event.timeMs, event.messageId, reason);
  }

  protected recordDelivery(event: QueuedEvent<M>): void {
    if (this.log !== undefined) this.log.deliver(event.timeMs, event.messageId, event.duplicate);
  }

  protected boot(slot: NodeSlot<N>, kind: 'start' | 'restart'): void {
    slot.lives++;
    const node = this.createNode({ id: slot.id, nodeIds: this.nodeIds, rng: slot.rng.fork(`life${slot.lives}`), durable: slot.durable });
    slot.node = node;
    this.live.set(slot.id, node);
    this.record({ kind, timeMs: this.now, node: slot.id });
    this.apply(slot, node.start(this.localNowMs(slot)));
    this.runCheckers();
  }

  protected push(
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
    const seq = this.seq++;
    this.queue.push({ timeMs, seq, kind, from, to, target, message, messageId, duplicate, action });
    return seq;
  }

  /** Pops and processes the earliest event (the queue must not be empty). */
  protected processNext(): void {
    this.process(this.queue.pop() as QueuedEvent<M>);
  }

  protected record(event: TraceEvent<M>): void {
    if (this.log !== undefined) this.log.record(event);
  }

  protected runCheckers(): void {
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

  protected slot(id: NodeId): NodeSlot<N> {
    const slot = this.slots.get(id);
    if (slot === undefined) throw new Error(`unknown node "${id}" (nodes: ${this.nodeIds.join(', ')})`);
    return slot;
  }
}

function isClockMap(value: unknown): value is ReadonlyMap<NodeId, ClockModel> {
  return value instanceof Map;
}
