/**
 * A lock with leases, as in Kleppmann's "How to do distributed locking": the lock service
 * grants the lock for `leaseMs` and then considers it free, whether or not the holder is done,
 * so a crashed holder cannot block the others for ever. Each grant comes with a fencing token,
 * one more than the previous grant. The client checks its lease, and then may be paused (a GC
 * pause, a page fault, a SIGSTOP) for longer than the lease before it writes: it still believes
 * it holds the lock. Only the storage, checking tokens, can refuse that write.
 */
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { output, send, setTimer } from '../sim/types';
import type { LeaseMessage } from './messages';
import { LOCK_SERVICE, STORAGE } from './messages';

function tokenOf(message: unknown): number | undefined {
  const t = (message as { token?: unknown }).token;
  return typeof t === 'number' && Number.isSafeInteger(t) && t >= 1 ? t : undefined;
}

/** The lock service: one lock, leases of `leaseMs`, a growing fencing token. */
export class LockServiceNode implements ProtocolNode<LeaseMessage> {
  readonly id: NodeId;
  /** The last fencing token granted (0: none yet). */
  token = 0;
  holder: { readonly client: NodeId; readonly token: number; readonly expiresAtMs: number } | undefined;
  rejected = 0;
  private readonly leaseMs: number;
  private readonly nodeIds: readonly NodeId[];

  constructor(context: NodeContext, leaseMs: number) {
    this.id = context.id;
    this.nodeIds = context.nodeIds;
    this.leaseMs = leaseMs;
  }

  start(): Effect<LeaseMessage>[] {
    return [];
  }

  step(input: Input<LeaseMessage>, nowMs: number): Effect<LeaseMessage>[] {
    if (input.type === 'timer') return [];
    const { from, message } = input;
    if (!this.nodeIds.includes(from)) return this.reject(from, `${from} no es un cliente conocido`);
    if (message.type === 'Acquire') {
      // An expired lease frees the lock: the service does not wait for the holder.
      if (this.holder !== undefined && nowMs < this.holder.expiresAtMs && this.holder.client !== from) return [send(from, { type: 'Busy' })];
      this.token++;
      this.holder = { client: from, token: this.token, expiresAtMs: nowMs + this.leaseMs };
      return [output('granted', { client: from, token: this.token }), send(from, { type: 'Granted', token: this.token, leaseMs: this.leaseMs })];
    }
    if (message.type === 'Release') {
      const token = tokenOf(message);
      if (this.holder === undefined || this.holder.token !== token) return this.reject(from, `liberación sin permiso: el token ${String(token)} no es el del cerrojo`);
      this.holder = undefined;
      return [];
    }
    return this.reject(from, 'tipo de mensaje desconocido');
  }

  private reject(from: NodeId, reason: string): Effect<LeaseMessage>[] {
    this.rejected++;
    return [output('rejected', { from, reason })];
  }
}

/** How a client pauses: before its k-th write (1-based), for `ms`. */
export interface LeasePause {
  readonly beforeWrite: number;
  readonly ms: number;
}

/** Options of a {@link LeaseClientNode}. */
export interface LeaseClientOptions {
  /** When it first asks for the lock (default 0). */
  readonly startMs?: number;
  /** Time between getting the lock and checking the lease before the write (default 20 ms). */
  readonly workMs?: number;
  /** Retry interval while the lock is busy (default 30 ms). */
  readonly retryMs?: number;
  /** Writes before stopping (default 1). */
  readonly writes?: number;
  /** Think time between rounds (default 50 ms). */
  readonly thinkMs?: number;
  /** Its GC pauses. */
  readonly pauses?: readonly LeasePause[];
}

/** A client: acquire, work, check the lease, (maybe pause), write with the token, release. */
export class LeaseClientNode implements ProtocolNode<LeaseMessage> {
  readonly id: NodeId;
  token: number | undefined;
  /** Local time until which it believes its lease holds. */
  leaseUntilMs = 0;
  writesDone = 0;
  private readonly options: LeaseClientOptions;

  constructor(context: NodeContext, options: LeaseClientOptions) {
    this.id = context.id;
    this.options = options;
  }

  start(): Effect<LeaseMessage>[] {
    return [setTimer('acquire', this.options.startMs ?? 0)];
  }

  step(input: Input<LeaseMessage>, nowMs: number): Effect<LeaseMessage>[] {
    if (input.type === 'timer') {
      if (input.name === 'acquire') return [send(LOCK_SERVICE, { type: 'Acquire' })];
      if (input.name === 'work') return this.onWorkTimeout(nowMs);
      if (input.name === 'write') return this.write();
      return [];
    }
    const { message } = input;
    switch (message.type) {
      case 'Granted':
        this.token = message.token;
        this.leaseUntilMs = nowMs + message.leaseMs;
        return [setTimer('work', this.options.workMs ?? 20)];
      case 'Busy':
        return [setTimer('acquire', this.options.retryMs ?? 30)];
      case 'WriteAccepted':
      case 'WriteRejected':
        return [output(message.type === 'WriteAccepted' ? 'writeAccepted' : 'writeRejected', { token: message.token })];
      default:
        return [output('rejected', { from: input.from, reason: 'mensaje inesperado' })];
    }
  }

  /** The lease check happens here; a pause after it goes unnoticed. */
  private onWorkTimeout(nowMs: number): Effect<LeaseMessage>[] {
    if (this.token === undefined) return [];
    if (nowMs >= this.leaseUntilMs) {
      this.token = undefined;
      return [output('leaseExpired'), setTimer('acquire', this.options.retryMs ?? 30)];
    }
    const pause = (this.options.pauses ?? []).find((p) => p.beforeWrite === this.writesDone + 1);
    if (pause === undefined) return this.write();
    return [output('gcPause', { ms: pause.ms }), setTimer('write', pause.ms)];
  }

  private write(): Effect<LeaseMessage>[] {
    const token = this.token;
    if (token === undefined) return [];
    this.writesDone++;
    this.token = undefined;
    const effects: Effect<LeaseMessage>[] = [
      output('write', { token }),
      send(STORAGE, { type: 'Write', token, value: `${this.id}#${this.writesDone}` }),
      send(LOCK_SERVICE, { type: 'Release', token }),
    ];
    if (this.writesDone < (this.options.writes ?? 1)) effects.push(setTimer('acquire', this.options.thinkMs ?? 50));
    return effects;
  }
}

export { tokenOf };

/** Options of {@link leaseLock}: the lease, and each client's timing and pauses. */
export interface LeaseLockOptions {
  /** Lease length (default 100 ms). */
  readonly leaseMs?: number;
  /** Per client id. */
  readonly clients?: ReadonlyMap<NodeId, LeaseClientOptions>;
  /** Storage node factory (see `storage.ts`); given by {@link leaseExperiment}. */
  readonly createStorage: (context: NodeContext) => ProtocolNode<LeaseMessage>;
}

/**
 * The node factory of the experiment: `lock` is the lock service, `storage` the storage,
 * every other id a client.
 */
export function leaseLock(options: LeaseLockOptions): NodeFactory<LeaseMessage, ProtocolNode<LeaseMessage>> {
  return (context) => {
    if (context.id === LOCK_SERVICE) return new LockServiceNode(context, options.leaseMs ?? 100);
    if (context.id === STORAGE) return options.createStorage(context);
    return new LeaseClientNode(context, options.clients?.get(context.id) ?? {});
  };
}
