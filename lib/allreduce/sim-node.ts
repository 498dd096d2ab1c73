/**
 * Ring AllReduce as a lib/sim protocol node, for a network that loses, duplicates and reorders
 * messages: every chunk carries its global step number t (0 … 2(N − 1) − 1), is acknowledged
 * by the receiver and retransmitted until it is; a node applies each step's chunk once and in
 * step order, buffering chunks that arrive early. Its bug catalogue (the sweep must find each):
 * `acceptDuplicates` (a duplicated or retransmitted chunk is added twice), `wrongChunk`
 * (reduce-scatter sends chunk (r + s) mod N instead of (r − s) mod N), and `noRetransmit`
 * (a lost chunk is never sent again: the operation cannot finish).
 */
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { assertNever, output, send, setTimer } from '../sim/types';
import { chunkBounds, mod, ringStepChunks } from './ring';

/** The messages of the simulated ring: a chunk of step t and its acknowledgement. */
export type RingMessage =
  | { readonly type: 'Chunk'; readonly t: number; readonly values: number[] }
  | { readonly type: 'ChunkAck'; readonly t: number };

/** The seeded bugs of the catalogue (all off by default). */
export interface RingNodeOptions {
  readonly acceptDuplicates?: boolean;
  readonly wrongChunk?: boolean;
  readonly noRetransmit?: boolean;
  /** How often unacknowledged chunks are sent again (default 40 ms). */
  readonly retransmitMs?: number;
}

/** One ring member: its rank among `nodeIds`, its vector, and where it is in the 2(N − 1) steps. */
export class RingAllReduceNode implements ProtocolNode<RingMessage> {
  readonly id: NodeId;
  readonly rank: number;
  readonly n: number;
  /** The node's vector: its input at first, the sum at the end. */
  readonly vector: number[];
  /** The vector the node output when it finished (undefined before). */
  outputVector: number[] | undefined;
  /** The next global step to complete (2(N − 1) when done). */
  position = 0;
  /** Chunks received for steps not applied yet (they arrived early). */
  private readonly early = new Map<number, number[]>();
  /** Chunks sent and not acknowledged yet, by step. */
  private readonly unacked = new Map<number, number[]>();
  private readonly bounds: Array<readonly [number, number]>;
  private readonly next: NodeId;

  constructor(context: NodeContext, input: readonly number[], private readonly options: RingNodeOptions = {}) {
    this.id = context.id;
    this.rank = context.nodeIds.indexOf(context.id);
    this.n = context.nodeIds.length;
    this.vector = [...input];
    this.bounds = chunkBounds(input.length, this.n);
    this.next = context.nodeIds[mod(this.rank + 1, this.n)] as NodeId;
  }

  /** Total steps: N − 1 of reduce-scatter, then N − 1 of all-gather. */
  get steps(): number {
    return 2 * (this.n - 1);
  }

  get done(): boolean {
    return this.position >= this.steps;
  }

  private phaseStep(t: number): { phase: 'reduce-scatter' | 'all-gather'; step: number } {
    return t < this.n - 1 ? { phase: 'reduce-scatter', step: t } : { phase: 'all-gather', step: t - (this.n - 1) };
  }

  private chunkToSend(t: number): number {
    const { phase, step } = this.phaseStep(t);
    if (this.options.wrongChunk && phase === 'reduce-scatter') return mod(this.rank + step, this.n);
    return ringStepChunks(phase, this.n, this.rank, step).send;
  }

  start(): Effect<RingMessage>[] {
    if (this.done) return [this.finished()];
    return this.sendStep();
  }

  private finished(): Effect<RingMessage> {
    this.outputVector = [...this.vector];
    return output('allReduced', { vector: [...this.vector] });
  }

  /** Sends this node's chunk of step `position` (and arms the retransmission timer). */
  private sendStep(): Effect<RingMessage>[] {
    const [a, b] = this.bounds[this.chunkToSend(this.position)] as readonly [number, number];
    const values = this.vector.slice(a, b);
    if (!this.options.noRetransmit) this.unacked.set(this.position, values);
    return [send(this.next, { type: 'Chunk', t: this.position, values }), setTimer('retransmit', this.options.retransmitMs ?? 40)];
  }

  step(input: Input<RingMessage>): Effect<RingMessage>[] {
    if (input.type === 'timer') return this.onRetransmitTimeout();
    const message = input.message;
    switch (message.type) {
      case 'Chunk':
        return this.onChunk(input.from, message.t, message.values);
      case 'ChunkAck':
        this.unacked.delete(message.t);
        return [];
      default:
        return assertNever(message);
    }
  }

  private apply(t: number, values: readonly number[]): void {
    const { phase, step } = this.phaseStep(t);
    const [c] = this.bounds[ringStepChunks(phase, this.n, this.rank, step).receive] as readonly [number, number];
    values.forEach((v, i) => (this.vector[c + i] = phase === 'reduce-scatter' ? v + (this.vector[c + i] as number) : v));
  }

  private onChunk(from: NodeId, t: number, values: number[]): Effect<RingMessage>[] {
    // Always acknowledge, duplicates too: our first ack may have been the message that was lost.
    const effects: Effect<RingMessage>[] = [send(from, { type: 'ChunkAck', t })];
    if (t < this.position) {
      if (this.options.acceptDuplicates) this.apply(t, values); // the bug: a step applied twice
      return effects;
    }
    this.early.set(t, values);
    // Apply every step we now hold, in order, sending the next step's chunk after each.
    while (!this.done && this.early.has(this.position)) {
      const got = this.early.get(this.position) as number[];
      this.early.delete(this.position);
      this.apply(this.position, got);
      this.position += 1;
      if (this.done) effects.push(this.finished());
      else effects.push(...this.sendStep());
    }
    return effects;
  }

  private onRetransmitTimeout(): Effect<RingMessage>[] {
    if (this.unacked.size === 0) return [];
    const effects: Effect<RingMessage>[] = [];
    for (const [t, values] of this.unacked) effects.push(send(this.next, { type: 'Chunk', t, values }));
    effects.push(setTimer('retransmit', this.options.retransmitMs ?? 40));
    return effects;
  }
}

/** A node factory: node `id` starts with `inputs.get(id)`. */
export function ringAllReduceNode(inputs: ReadonlyMap<NodeId, readonly number[]>, options: RingNodeOptions = {}): (context: NodeContext) => RingAllReduceNode {
  return (context) => new RingAllReduceNode(context, inputs.get(context.id) ?? [], options);
}

/** Formats a ring message for the trace: `Chunk t=3 [4,−2]`, `ChunkAck t=3`. */
export function formatRingMessage(message: RingMessage): string {
  return message.type === 'Chunk' ? `Chunk t=${message.t} [${message.values.join(',')}]` : `ChunkAck t=${message.t}`;
}
