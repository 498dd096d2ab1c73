/**
 * The interpreter at the heart of the simulator: the event queue, the nodes' slots, and the
 * rules that turn each effect a node returns into events (deliveries, timers, outputs).
 * {@link Simulation} adds the scenario API on top.
 */
import { createRng } from '../random/index';
import type { Rng } from '../random/index';
import { readClock, trueDuration } from '../clocks/physical';
import type { ClusterView, OutputRecord, Violation } from './checkers';
import { InvariantViolationError } from './checkers';
import { copyPlain } from './durable';
import { EventQueue } from './event-queue';
import { HistoryRecorder } from './history-recorder';
import { LinkTable, linkKey, sampleLatency } from './network';
import type { NemesisControl } from './nemesis';
import { RunObserver } from './observer';
import type { DropFilter, ExternalDelivery, SimulationOptions, SimulationStats } from './options';
import type { Failure } from './run-checkers';
import { CheckerSet } from './run-checkers';
import { formatMessage } from './trace';
import type { DropReason, MessageFormatter, TraceEvent } from './trace';
import { TraceLog } from './trace-log';
import { checkRunOptions, createSlots } from './slots';
import type { NodeSlot, QueuedEvent } from './slots';
import type { Effect, Input, NodeFactory, NodeId, ProtocolNode } from './types';

// Local constants, not imports: the hot loop compares them on every event (an imported binding
// may compile to a property read through the module object).
/** Queued event kind: a message arriving. */
export const DELIVER = 0;
/** Queued event kind: a timer firing. */
export const TIMER = 1;
/** Queued event kind: a scenario action (a fault, a scheduled call). */
export const ACTION = 2;

export type { NodeSlot, QueuedEvent } from './slots';

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
  protected readonly createClient: NodeFactory<M, ProtocolNode<M>> | undefined;
  /** Client ids, in the order given. */
  readonly clientIds: readonly NodeId[];
  /** Live client actors by id (never in `live`, which checkers see as the cluster). */
  protected readonly liveClients = new Map<NodeId, ProtocolNode<M>>();
  /** Checkers, nemesis and cluster view of the run, and the events waiting for them. */
  protected readonly observer: RunObserver<M, N>;
  /** True when events must be built for run-level checkers or the nemesis, even with the trace off. */
  protected readonly watching: boolean;
  /** True when after each event something must run (checkers, the nemesis). */
  protected readonly afterEachEvent: boolean;
  protected readonly recorder = new HistoryRecorder();
  protected readonly dropFilters: DropFilter<M>[] = [];
  protected readonly fsyncMs: number;
  protected readonly tracing: boolean;
  /** The columnar trace; `undefined` when tracing is off. */
  protected readonly log: TraceLog<M> | undefined;
  private readonly noTrace: TraceEvent<M>[] = [];
  protected readonly copying: boolean;
  protected readonly throwOnViolation: boolean;
  /** See {@link SimulationOptions.maxEvents}. */
  protected readonly maxEvents: number;
  protected readonly formatter: MessageFormatter<M>;
  protected readonly external = new Map<NodeId, ExternalDelivery<M>[]>();
  /** What checkers see. */
  protected readonly view: ClusterView<N>;
  protected readonly faultRng: Rng;
  /** The nemesis's own random stream (forked last, so it shifts no other stream). */
  readonly nemesisRng: Rng;

  constructor(options: SimulationOptions<M, N>) {
    const root = createRng(options.seed);
    this.seed = root.seed;
    this.nodeIds = [...options.nodeIds];
    const clientIds = [...(options.clients?.ids ?? [])];
    const { durability, fsyncMs } = checkRunOptions(options, this.nodeIds, clientIds);
    this.networkRng = root.fork('network');
    const clockRng = root.fork('clocks');
    const nodeRng = root.fork('nodes');
    this.faultRng = root.fork('faults');
    this.nemesisRng = root.fork('nemesis');
    this.links = new LinkTable(options.network);
    this.createNode = options.createNode;
    this.createClient = options.clients?.createClient;
    this.clientIds = clientIds;
    this.fsyncMs = fsyncMs;
    this.tracing = options.trace ?? true;
    this.log = this.tracing ? new TraceLog<M>() : undefined;
    this.copying = options.copyMessages ?? true;
    this.throwOnViolation = options.onViolation === 'throw';
    this.maxEvents = checkMaxEvents(options.maxEvents);
    this.formatter = options.formatMessage ?? (formatMessage as MessageFormatter<M>);
    this.observer = new RunObserver<M, N>(new CheckerSet<M, N>(options.checkers ?? []), options.nemesis, {
      live: this.live,
      down: this.down,
      outputs: this.outputs,
      clientIds: this.clientIds,
      recorder: this.recorder,
      disk: (id) => this.slot(id).durable,
      stopped: () => this.violation !== undefined,
      fail: (failure) => this.fail(failure),
      control: this as unknown as NemesisControl<M>,
    });
    this.watching = this.observer.watching;
    this.afterEachEvent = this.observer.active;
    this.view = this.observer.view;

    createSlots<M, N>(this.slots, options, { nodeIds: this.nodeIds, clientIds: this.clientIds }, { clockRng, nodeRng }, this.log, durability);
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
        break;
    }
    if (this.afterEachEvent) this.afterEvent();
  }

  protected deliver(event: QueuedEvent<M>): void {
    const { from, to } = event;
    const slot = event.target as NodeSlot<N> | undefined;
    if (slot === undefined) {
      // Faults apply when a message arrives, whoever the receiver is (B6).
      if (this.isBlocked(from, to)) return this.drop(event, this.partitionBlocks.has(linkKey(from, to)) ? 'partition' : 'link');
      let inbox = this.external.get(to);
      if (inbox === undefined) this.external.set(to, (inbox = []));
      inbox.push({ timeMs: this.now, from, message: event.message as M });
      this.stats.delivered++;
      this.recordDelivery(event);
      return;
    }
    const node = slot.node as ProtocolNode<M> | undefined;
    if (node === undefined) return this.drop(event, 'crashed');
    if (this.isBlocked(from, to)) return this.drop(event, this.partitionBlocks.has(linkKey(from, to)) ? 'partition' : 'link');
    this.stats.delivered++;
    this.recordDelivery(event);
    const input: Input<M> = { type: 'message', from, message: event.message as M };
    try {
      this.apply(slot, node.step(input, this.localNowMs(slot)));
    } catch (error) {
      this.protocolException(slot, error, 'step');
    }
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
    if (this.watching) this.observer.buffer.push({ kind: 'timer', timeMs: this.now, node: slot.id, name });
    const input: Input<M> = { type: 'timer', name };
    try {
      this.apply(slot, (slot.node as ProtocolNode<M>).step(input, this.localNowMs(slot)));
    } catch (error) {
      this.protocolException(slot, error, 'step');
    }
  }

  /**
   * Interprets `effects` in order from index `from`. In `'fsync'` durability an `fsync` stops
   * here: the rest runs when the disk acknowledges, `fsyncMs` later (if the node is still in
   * the same life). A malformed effect throws a clear error (reported as a protocol exception).
   */
  protected apply(slot: NodeSlot<N>, effects: readonly Effect<M>[], from = 0): void {
    for (let i = from; i < effects.length; i++) {
      const effect = effects[i] as Effect<M>;
      switch (effect.type) {
        case 'send':
          this.send(slot, effect.to, effect.message);
          break;
        case 'setTimer': {
          const afterMs = effect.afterMs;
          // B1: NaN, undefined, negative or infinite delays would run time backwards or never fire.
          if (!(afterMs >= 0 && afterMs !== Infinity)) {
            throw new RangeError(`setTimer("${effect.name}"): afterMs debe ser un número finito >= 0, recibido ${String(afterMs)}`);
          }
          const delayMs = slot.perfectClock ? afterMs : trueDuration(slot.clock, afterMs);
          const seq = this.push(this.now + Math.max(0, delayMs), TIMER, effect.name, slot.id, slot, undefined, -1, false, undefined);
          slot.timers.set(effect.name, seq);
          break;
        }
        case 'cancelTimer':
          slot.timers.delete(effect.name);
          break;
        case 'output':
          this.recordOutput(slot, effect.label, effect.data);
          break;
        case 'fsync':
          if (slot.durable.durability === 'fsync') return this.startFsync(slot, effects, i + 1);
          break;
        default:
          throw new TypeError(`efecto desconocido: ${JSON.stringify(effect)}`);
      }
    }
  }

  /** An output: copied (B2: later mutation must not rewrite history), recorded, and fed to the history. */
  private recordOutput(slot: NodeSlot<N>, label: string, data: unknown): void {
    if (typeof label !== 'string') throw new TypeError(`output: label debe ser un texto, recibido ${String(label)}`);
    const record: OutputRecord = data === undefined ? { timeMs: this.now, node: slot.id, label } : { timeMs: this.now, node: slot.id, label, data: copyPlain(data) };
    if (HistoryRecorder.isOperationLabel(label)) this.recorder.record(slot.id, label, record.data, this.now);
    this.outputs.push(record);
    if (this.log !== undefined || this.watching) {
      const event: TraceEvent<M> = { kind: 'output', ...record };
      if (this.log !== undefined) this.log.record(event);
      if (this.watching) this.observer.buffer.push(event);
    }
  }

  /** Starts an fsync covering the writes so far; the effects after it wait for it to complete. */
  private startFsync(slot: NodeSlot<N>, effects: readonly Effect<M>[], next: number): void {
    const mark = slot.durable.syncMark();
    const life = slot.lives;
    this.push(this.now + this.fsyncMs, ACTION, '', '', undefined, undefined, -1, false, () => {
      if (slot.lives !== life || slot.node === undefined) return; // crashed meanwhile: the writes are lost
      slot.durable.commitSync(mark);
      try {
        this.apply(slot, effects, next);
      } catch (error) {
        this.protocolException(slot, error, 'step');
      }
    });
  }

  protected send(sender: NodeSlot<N>, to: NodeId, original: M): void {
    const from = sender.id;
    if (typeof to !== 'string') throw new TypeError(`send: el destino debe ser un id (texto), recibido ${String(to)}`);
    const target = this.slots.get(to);
    const messageId = this.messageIds++;
    this.stats.sent++;
    // The trace keeps an encoded snapshot (immune to later mutation by sender or receiver);
    // the receiver gets its own copy (and a duplicate another one).
    if (this.log !== undefined) {
      this.log.send(this.now, sender.traceCode, target === undefined ? this.log.nodeCode(to) : target.traceCode, original, messageId);
    }
    if (this.watching) this.watchSend(from, to, original, messageId);
    const link = this.links.get(from, to);
    const rng = this.networkRng;
    if (this.isBlocked(from, to)) {
      return this.dropAtSend(messageId, this.partitionBlocks.has(linkKey(from, to)) ? 'partition' : 'link', from, to, original);
    }
    if (this.dropFilters.length > 0 && this.filtered(from, to, original)) return this.dropAtSend(messageId, 'filtered', from, to, original);
    if (link.loss > 0 && rng.next() < link.loss) return this.dropAtSend(messageId, 'loss', from, to, original);
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

  /** Records a send for the run-level checkers and the nemesis. */
  protected watchSend(from: NodeId, to: NodeId, message: M, messageId: number): void {
    this.observer.sendTimes[messageId] = this.now;
    this.observer.buffer.push({ kind: 'send', timeMs: this.now, from, to, message, messageId });
  }

  /** True if a `dropIf` filter drops this message. */
  private filtered(from: NodeId, to: NodeId, message: M): boolean {
    const candidate = { timeMs: this.now, from, to, message };
    for (const filter of this.dropFilters) if (filter(candidate)) return true;
    return false;
  }

  protected isBlocked(from: NodeId, to: NodeId): boolean {
    if (this.partitionBlocks.size === 0 && this.cutBlocks.size === 0) return false;
    const key = linkKey(from, to);
    return this.partitionBlocks.has(key) || this.cutBlocks.has(key);
  }

  protected dropAtSend(messageId: number, reason: DropReason, from: NodeId, to: NodeId, message: M): void {
    this.stats.dropped++;
    if (this.log !== undefined) this.log.drop(this.now, messageId, reason);
    if (this.watching) this.observer.buffer.push({ kind: 'drop', timeMs: this.now, from, to, message, messageId, sentAtMs: this.now, reason });
  }

  protected drop(event: QueuedEvent<M>, reason: DropReason): void {
    this.stats.dropped++;
    if (this.log !== undefined) this.log.drop(event.timeMs, event.messageId, reason);
    if (this.watching) {
      const { timeMs, from, to, messageId } = event;
      this.observer.buffer.push({ kind: 'drop', timeMs, from, to, message: event.message as M, messageId, sentAtMs: this.observer.sendTimes[messageId] ?? timeMs, reason });
    }
  }

  protected recordDelivery(event: QueuedEvent<M>): void {
    if (this.log !== undefined) this.log.deliver(event.timeMs, event.messageId, event.duplicate);
    if (this.watching) {
      const { timeMs, from, to, messageId, duplicate } = event;
      this.observer.buffer.push({ kind: 'deliver', timeMs, from, to, message: event.message as M, messageId, sentAtMs: this.observer.sendTimes[messageId] ?? timeMs, duplicate });
    }
  }

  protected boot(slot: NodeSlot<N>, kind: 'start' | 'restart'): void {
    slot.lives++;
    const context = { id: slot.id, nodeIds: this.nodeIds, rng: slot.rng.fork(`life${slot.lives}`), durable: slot.durable };
    try {
      if (slot.isClient) {
        const client = (this.createClient as NodeFactory<M, ProtocolNode<M>>)(context);
        slot.node = client as unknown as N;
        this.liveClients.set(slot.id, client);
      } else {
        const node = this.createNode(context);
        slot.node = node;
        this.live.set(slot.id, node);
      }
      this.record({ kind, timeMs: this.now, node: slot.id });
      this.apply(slot, (slot.node as N).start(this.localNowMs(slot)));
    } catch (error) {
      this.protocolException(slot, error, kind);
    }
    this.afterEvent();
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
    if (this.stats.events >= this.maxEvents) {
      this.fail({
        checker: 'eventBudget',
        message: `la ejecución llegó al límite de ${this.maxEvents} eventos (maxEvents) con ${this.queue.size} pendientes: ¿un protocolo cuyos eventos se multiplican sin fin?`,
      });
      return;
    }
    this.process(this.queue.pop() as QueuedEvent<M>);
  }

  protected record(event: TraceEvent<M>): void {
    if (this.log !== undefined) this.log.record(event);
    if (this.watching) this.observer.buffer.push(event);
  }

  /** After an event or a scenario call: run-level checkers and nemesis on its events, then plain checkers. */
  protected afterEvent(): void {
    this.observer.afterEvent(this.now);
  }

  /** Records a violation (the run stops), or throws it with `onViolation: 'throw'`. */
  protected fail(failure: Failure, cause?: unknown): void {
    const violation: Violation = { ...failure, timeMs: this.now, eventCount: this.stats.events, seed: this.seed };
    this.violation = violation;
    if (this.throwOnViolation) {
      const error = new InvariantViolationError(violation);
      if (cause !== undefined) (error as { cause?: unknown }).cause = cause;
      throw error;
    }
  }

  /** An exception in protocol code becomes a violation naming the node and carrying the seed. */
  protected protocolException(slot: NodeSlot<N>, error: unknown, during: string): void {
    if (error instanceof InvariantViolationError) throw error;
    if (this.violation !== undefined) return;
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.fail({ checker: 'protocolException', message: `${slot.id} lanzó una excepción en ${during}: ${text}`, nodes: [slot.id] }, error);
  }

  protected slot(id: NodeId): NodeSlot<N> {
    const slot = this.slots.get(id);
    if (slot === undefined) throw new Error(`unknown node "${id}" (${this.describeIds()})`);
    return slot;
  }

  /** The known ids, for error messages. */
  protected describeIds(): string {
    const clients = this.clientIds.length > 0 ? `; clients: ${this.clientIds.join(', ')}` : '';
    return `nodes: ${this.nodeIds.join(', ')}${clients}`;
  }
}

/** The default event budget of a run (see {@link SimulationOptions.maxEvents}). */
export const DEFAULT_MAX_EVENTS = 10_000_000;

/** Validates `maxEvents`: a whole number ≥ 1, or Infinity for no budget. */
function checkMaxEvents(maxEvents: number | undefined): number {
  if (maxEvents === undefined) return DEFAULT_MAX_EVENTS;
  if (maxEvents === Infinity || (Number.isInteger(maxEvents) && maxEvents >= 1)) return maxEvents;
  throw new RangeError(`maxEvents must be a whole number >= 1 (or Infinity), got ${maxEvents}`);
}
