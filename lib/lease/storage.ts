/**
 * The storage service of the lease experiment: it applies writes, and with fencing refuses a
 * write whose token is lower than one it has already accepted. The `staleWrite` checker is the
 * corruption it prevents: a write accepted after a write with a newer token.
 */
import type { CheckerFactory } from '../sim/checkers';
import { checker } from '../sim/checkers';
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../sim/types';
import { output, send } from '../sim/types';
import type { FencedStorage, FencedWrite } from './exercises';
import { tokenOf } from './lease';
import type { LeaseMessage } from './messages';

/** Options of {@link StorageNode}. */
export interface StorageOptions {
  /** Check fencing tokens (default true). Without it every write is applied. */
  readonly fencing?: boolean;
  /** The fencing check (exercise 07.3's signature). Default: the node's own rule. */
  readonly accept?: (storage: FencedStorage, write: FencedWrite) => { storage: FencedStorage; accepted: boolean };
}

/** The storage node. */
export class StorageNode implements ProtocolNode<LeaseMessage> {
  readonly id: NodeId;
  state: FencedStorage = { value: null, highestToken: 0 };
  /** Every write applied, in order. */
  readonly applied: { readonly token: number; readonly value: string }[] = [];
  private readonly fencing: boolean;
  private readonly accept: StorageOptions['accept'];

  constructor(context: NodeContext, options: StorageOptions = {}) {
    this.id = context.id;
    this.fencing = options.fencing ?? true;
    this.accept = options.accept;
  }

  start(): Effect<LeaseMessage>[] {
    return [];
  }

  step(input: Input<LeaseMessage>): Effect<LeaseMessage>[] {
    if (input.type === 'timer') return [];
    const { from, message } = input;
    const token = tokenOf(message);
    if (message.type !== 'Write' || token === undefined || typeof message.value !== 'string') return [output('rejected', { from, reason: 'escritura mal formada' })];
    const write = { token, value: message.value };
    let accepted: boolean;
    if (!this.fencing) {
      accepted = true;
      this.state = { value: write.value, highestToken: Math.max(this.state.highestToken, token) };
    } else if (this.accept !== undefined) {
      const result = this.accept(this.state, write);
      accepted = result.accepted;
      this.state = result.storage;
    } else {
      accepted = token >= this.state.highestToken;
      if (accepted) this.state = { value: write.value, highestToken: token };
    }
    if (!accepted) return [output('refused', { from, token, highestToken: this.state.highestToken }), send(from, { type: 'WriteRejected', token, highestToken: this.state.highestToken })];
    this.applied.push(write);
    return [output('applied', { from, token, value: write.value }), send(from, { type: 'WriteAccepted', token })];
  }
}

/**
 * The corruption fencing prevents: the storage applied a write whose token is lower than that of
 * a write it had already applied (a holder whose lease had expired overwrote the new holder).
 */
export const staleWrite: CheckerFactory<unknown, unknown> = checker<unknown, unknown>('staleWrite', () => {
  let highest = 0;
  let by: NodeId = '';
  return {
    onEvent(event) {
      if (event.kind !== 'output' || event.label !== 'applied') return undefined;
      const { from, token } = event.data as { from: NodeId; token: number };
      if (token < highest) return { message: `el almacenamiento aplicó la escritura de ${from} con token ${token} después de la de ${by} con token ${highest}: datos corrompidos`, nodes: [from, by] };
      if (token > highest) {
        highest = token;
        by = from;
      }
      return undefined;
    },
  };
});
