/**
 * The trace as the simulator records it: columns, not objects. Each event is a row in typed
 * arrays; node ids and timer names are interned strings, and each
 * message is encoded once, at its send, by a {@link ValueCodec}. A delivery or a drop only
 * names the message: who sent it, to whom, when and what are read from its send. So a long
 * traced run keeps no object per event for the garbage collector to copy and scan. The
 * {@link TraceEvent} objects are built on first read and cached, so reading `sim.trace` twice
 * returns the same objects.
 */
import type { DropReason, TraceEvent } from './trace';
import type { NodeId } from './types';
import { ValueCodec } from './value-codec';

// Kind codes of the columnar records; every other kind is kept as a ready-made object.
const SEND = 0;
const DELIVER = 1;
const DELIVER_DUPLICATE = 2;
const DROP = 3;
const TIMER = 4;
const OBJECT = 5;

/** Records per page of the columns. Pages are never copied to grow: each byte is written once. */
const PAGE_SHIFT = 12;
const PAGE = 1 << PAGE_SHIFT;
const MASK = PAGE - 1;

/** Drop reasons as codes in the records (a `Record`, so a new reason must be given a code). */
const DROP_CODES: Record<DropReason, number> = { loss: 0, partition: 1, link: 2, crashed: 3, filtered: 4 };
const DROP_REASONS = (Object.keys(DROP_CODES) as DropReason[]).sort((a, b) => DROP_CODES[a] - DROP_CODES[b]);

/**
 * An append-only, columnar trace with lazily built event objects. Each record is a time and
 * three integers: the kind, the message id (a timer's interned node; a kept object's index),
 * and one more (a drop's reason, a timer's interned name). Each message keeps, by id, the
 * index of its send record, its interned `from` and `to`, and its position in the codec: 20
 * bytes per event, 16 per message plus its encoded content.
 */
export class TraceLog<M> {
  private readonly timePages: Float64Array[] = [];
  /** Per record: kind, id, extra (see the class comment). */
  private readonly recordPages: Int32Array[] = [];
  /** Per message id: send record, from, to, content position. */
  private readonly messagePages: Int32Array[] = [];
  private readonly codec = new ValueCodec();
  /** Events of the rarer kinds (start, output, crash, partition…), kept as given. */
  private readonly objects: TraceEvent<M>[] = [];
  private count = 0;
  private readonly events: TraceEvent<M>[] = [];

  /** Number of recorded events. */
  get length(): number {
    return this.count;
  }

  /**
   * Records the send of message `messageId` from and to the nodes with codes `from` and `to`
   * (see {@link nodeCode}), and snapshots its content: what the trace shows is
   * the message as sent, whatever happens to the object later. Message ids are dense from 0,
   * and each is sent (recorded here) before it is delivered or dropped.
   */
  send(timeMs: number, from: number, to: number, message: M, messageId: number): void {
    const page = messageId >> PAGE_SHIFT;
    while (this.messagePages.length <= page) this.messagePages.push(new Int32Array(4 * PAGE));
    const column = this.messagePages[page] as Int32Array;
    const at = 4 * (messageId & MASK);
    column[at] = this.count;
    column[at + 1] = from;
    column[at + 2] = to;
    column[at + 3] = this.codec.encode(message);
    this.add(SEND, timeMs, messageId, 0);
  }

  /** Records the delivery of message `messageId` (sent before). */
  deliver(timeMs: number, messageId: number, duplicate: boolean): void {
    this.add(duplicate ? DELIVER_DUPLICATE : DELIVER, timeMs, messageId, 0);
  }

  /** Records that the network did not deliver message `messageId` (sent before). */
  drop(timeMs: number, messageId: number, reason: DropReason): void {
    this.add(DROP, timeMs, messageId, DROP_CODES[reason]);
  }

  /** Records a timer firing at the node with code `node`. */
  timer(timeMs: number, node: number, name: string): void {
    this.add(TIMER, timeMs, node, this.codec.intern(name));
  }

  /** The code of node id `id`, for {@link send} and {@link timer} (the same id, the same code). */
  nodeCode(id: NodeId): number {
    return this.codec.intern(id);
  }

  /** Records any other event, as given. */
  record(event: TraceEvent<M>): void {
    this.add(OBJECT, event.timeMs, this.objects.length, 0);
    this.objects.push(event);
  }

  /** Every event so far, as objects; the same array (grown in place) on every call. */
  toArray(): TraceEvent<M>[] {
    const events = this.events;
    for (let i = events.length; i < this.count; i++) events.push(this.build(i));
    return events;
  }

  private add(kind: number, timeMs: number, id: number, extra: number): void {
    const i = this.count++;
    const at = i & MASK;
    if (at === 0) {
      this.timePages.push(new Float64Array(PAGE));
      this.recordPages.push(new Int32Array(3 * PAGE));
    }
    const page = i >> PAGE_SHIFT;
    (this.timePages[page] as Float64Array)[at] = timeMs;
    const records = this.recordPages[page] as Int32Array;
    records[3 * at] = kind;
    records[3 * at + 1] = id;
    records[3 * at + 2] = extra;
  }

  private build(i: number): TraceEvent<M> {
    const codec = this.codec;
    const timeMs = (this.timePages[i >> PAGE_SHIFT] as Float64Array)[i & MASK] as number;
    const records = this.recordPages[i >> PAGE_SHIFT] as Int32Array;
    const kind = records[3 * (i & MASK)] as number;
    const id = records[3 * (i & MASK) + 1] as number;
    const extra = records[3 * (i & MASK) + 2] as number;
    if (kind === OBJECT) return this.objects[id] as TraceEvent<M>;
    if (kind === TIMER) return { kind: 'timer', timeMs, node: codec.string(id), name: codec.string(extra) };
    // Sends, deliveries and drops: the message's details are kept once, by message id.
    const messageId = id;
    const column = this.messagePages[messageId >> PAGE_SHIFT] as Int32Array;
    const at = 4 * (messageId & MASK);
    const send = column[at] as number;
    const sentAtMs = (this.timePages[send >> PAGE_SHIFT] as Float64Array)[send & MASK] as number;
    const from = codec.string(column[at + 1] as number);
    const to = codec.string(column[at + 2] as number);
    const message = codec.decode(column[at + 3] as number) as M;
    // Key order matches the literals the simulator used to push, so JSON of a trace is unchanged.
    switch (kind) {
      case SEND:
        return { kind: 'send', timeMs, from, to, message, messageId };
      case DROP:
        return { kind: 'drop', timeMs, from, to, message, messageId, sentAtMs, reason: DROP_REASONS[extra] as DropReason };
      default:
        return { kind: 'deliver', timeMs, from, to, message, messageId, sentAtMs, duplicate: kind === DELIVER_DUPLICATE };
    }
  }
}
