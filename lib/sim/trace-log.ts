/**
 * The trace as the simulator records it: columns, not objects. Recording a send or a delivery
 * writes a few numbers into a `Float64Array` and three references into one array, so tracing
 * allocates nothing per event; the {@link TraceEvent} objects are built on first read and
 * cached, so reading `sim.trace` twice returns the same objects.
 */
import type { DropReason, TraceEvent } from './trace';
import type { NodeId } from './types';

// Kind codes of the columnar records; every other kind is stored as a ready-made object.
const SEND = 0;
const DELIVER = 1;
const DELIVER_DUPLICATE = 2;
const DROP = 3;
const TIMER = 4;
const OBJECT = 5;

/** Numbers per record: kind, timeMs, messageId, sentAtMs. */
const NUMS = 4;
/** References per record: from (or node), to, message (or timer name, or the whole event). */
const REFS = 3;
/**
 * Records per chunk of references. Small chunks are born in the young generation together with
 * the messages they point to, so filling them needs no old-to-young write barrier and no chunk
 * is ever copied to grow (one huge array would be both).
 */
const CHUNK_SHIFT = 10;
const CHUNK = 1 << CHUNK_SHIFT;

/** An append-only, columnar trace with lazily built event objects. */
export class TraceLog<M> {
  private nums = new Float64Array(NUMS * 1024);
  private readonly chunks: unknown[][] = [];
  private chunk: unknown[] = [];
  /** Drop reasons, by record index (drops are rare: a Map keeps the hot columns small). */
  private readonly reasons = new Map<number, DropReason>();
  private count = 0;
  private readonly events: TraceEvent<M>[] = [];

  /** Number of recorded events. */
  get length(): number {
    return this.count;
  }

  /** Records a send. */
  send(timeMs: number, from: NodeId, to: NodeId, message: M, messageId: number): void {
    this.add(SEND, timeMs, messageId, timeMs, from, to, message);
  }

  /** Records a delivery. */
  deliver(timeMs: number, from: NodeId, to: NodeId, message: M, messageId: number, sentAtMs: number, duplicate: boolean): void {
    this.add(duplicate ? DELIVER_DUPLICATE : DELIVER, timeMs, messageId, sentAtMs, from, to, message);
  }

  /** Records a message the network did not deliver. */
  drop(timeMs: number, from: NodeId, to: NodeId, message: M, messageId: number, sentAtMs: number, reason: DropReason): void {
    this.reasons.set(this.count, reason);
    this.add(DROP, timeMs, messageId, sentAtMs, from, to, message);
  }

  /** Records a timer firing at `node`. */
  timer(timeMs: number, node: NodeId, name: string): void {
    this.add(TIMER, timeMs, -1, timeMs, node, '', name);
  }

  /** Records any other event, as given. */
  record(event: TraceEvent<M>): void {
    this.add(OBJECT, event.timeMs, -1, event.timeMs, '', '', event);
  }

  /** Every event so far, as objects; the same array (grown in place) on every call. */
  toArray(): TraceEvent<M>[] {
    const events = this.events;
    for (let i = events.length; i < this.count; i++) events.push(this.build(i));
    return events;
  }

  private add(kind: number, timeMs: number, messageId: number, sentAtMs: number, a: NodeId, b: NodeId, c: unknown): void {
    const base = this.count * NUMS;
    if (base === this.nums.length) {
      const nums = new Float64Array(this.nums.length * 2);
      nums.set(this.nums);
      this.nums = nums;
    }
    const nums = this.nums;
    nums[base] = kind;
    nums[base + 1] = timeMs;
    nums[base + 2] = messageId;
    nums[base + 3] = sentAtMs;
    let chunk = this.chunk;
    if (chunk.length === CHUNK * REFS) {
      chunk = this.chunk = [];
    }
    if (chunk.length === 0) this.chunks.push(chunk);
    chunk.push(a, b, c);
    this.count++;
  }

  private build(i: number): TraceEvent<M> {
    const nums = this.nums;
    const refs = this.chunks[i >> CHUNK_SHIFT] as unknown[];
    const r = (i & (CHUNK - 1)) * REFS;
    const kind = nums[i * NUMS] as number;
    const timeMs = nums[i * NUMS + 1] as number;
    const messageId = nums[i * NUMS + 2] as number;
    const sentAtMs = nums[i * NUMS + 3] as number;
    const from = refs[r] as NodeId;
    const to = refs[r + 1] as NodeId;
    const third = refs[r + 2];
    // Key order matches the literals the simulator used to push, so JSON of a trace is unchanged.
    switch (kind) {
      case SEND:
        return { kind: 'send', timeMs, from, to, message: third as M, messageId };
      case DELIVER:
      case DELIVER_DUPLICATE:
        return { kind: 'deliver', timeMs, from, to, message: third as M, messageId, sentAtMs, duplicate: kind === DELIVER_DUPLICATE };
      case DROP:
        return { kind: 'drop', timeMs, from, to, message: third as M, messageId, sentAtMs, reason: this.reasons.get(i) as DropReason };
      case TIMER:
        return { kind: 'timer', timeMs, node: from, name: third as string };
      default:
        return third as TraceEvent<M>;
    }
  }
}
