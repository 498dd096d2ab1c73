/**
 * Primary-backup replication (the lecture's "Lectura/Escritura Primaria"): one primary orders
 * every write in its log and ships the log to the backups. When it answers the client is the
 * whole difference between the modes:
 * - `sync`: after every backup has the write (the lecture's synchronous replication);
 * - `semisync`: after `acks` backups have it (MySQL's semi-synchronous replication);
 * - `async`: at once, before any backup has it (MySQL's default: a crash loses the tail);
 * - `criticality`: the lecture's hybrid — `critical` writes wait for every backup, the others
 *   (audit logs) are asynchronous.
 * Failover is the operator's: {@link failover} promotes the most up-to-date live backup.
 */
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../sim/types';
import { assertNever, output, send, setTimer } from '../sim/types';
import type { LogEntry, PrimaryBackupMessage, ReplicationInput } from './messages';
import { commitIndexOf } from './rules';

/** When the primary answers a write. */
export type ReplicationMode = 'sync' | 'semisync' | 'async' | 'criticality';

/** Options of {@link primaryBackup}. */
export interface PrimaryBackupOptions {
  /** When a write is acknowledged (default 'sync'). */
  readonly mode?: ReplicationMode;
  /** Backups that must hold a write before a `semisync` primary answers (default 1). */
  readonly acks?: number;
  /** The first primary (default: the first node id). */
  readonly primary?: NodeId;
  /** Resend the log to lagging backups this often (default 25 ms). */
  readonly resendMs?: number;
  /** Backups answer reads from their own copy (the lecture's read scaling; may be stale). Default false. */
  readonly readsFromBackups?: boolean;
  /** The commit-point rule (exercise 05.2's signature); default: the kit's own. */
  readonly commitIndex?: (primaryIndex: number, backupMatch: readonly number[], k: number) => number;
}

type Request = Extract<PrimaryBackupMessage, { type: 'Request' }>;

/** A node of the primary-backup store: a primary or a backup. */
export class PrimaryBackupNode implements ProtocolNode<PrimaryBackupMessage> {
  readonly id: NodeId;
  /** 'primary' or 'backup'. */
  role: 'primary' | 'backup';
  /** The failover generation: a message from an older epoch is ignored. */
  epoch = 1;
  /** Who this node believes is the primary. */
  primaryId: NodeId;
  /** The replicated log, from index 1 (`log[i - 1]` is entry `i`). */
  readonly log: LogEntry[] = [];
  /** The primary's backups and how much of the log each holds. */
  readonly matchIndex = new Map<NodeId, number>();
  /** Writes waiting for acks: log index → the client to answer. */
  private readonly waiting = new Map<number, { client: NodeId; requestId: string }>();
  private readonly byRequest = new Map<string, number>();
  private readonly mode: ReplicationMode;
  private readonly acks: number;

  constructor(private readonly context: NodeContext, private readonly options: PrimaryBackupOptions) {
    this.id = context.id;
    this.mode = options.mode ?? 'sync';
    this.acks = options.acks ?? 1;
    if (!['sync', 'semisync', 'async', 'criticality'].includes(this.mode)) throw new Error(`primaryBackup: modo desconocido «${String(this.mode)}»`);
    if (!Number.isInteger(this.acks) || this.acks < 0) throw new RangeError(`primaryBackup: acks debe ser un entero >= 0, recibido ${this.acks}`);
    this.primaryId = options.primary ?? (context.nodeIds[0] as NodeId);
    this.role = this.primaryId === this.id ? 'primary' : 'backup';
    if (this.role === 'primary') for (const peer of context.nodeIds) if (peer !== this.id) this.matchIndex.set(peer, 0);
  }

  /** The current value of every key (the log applied in order). */
  values(): Map<string, string> {
    const values = new Map<string, string>();
    for (const entry of this.log) values.set(entry.key, entry.value);
    return values;
  }

  start(): Effect<PrimaryBackupMessage>[] {
    return [setTimer('resend', this.options.resendMs ?? 25)];
  }

  step(input: Input<PrimaryBackupMessage>): Effect<PrimaryBackupMessage>[] {
    if (input.type === 'timer') return input.name === 'resend' ? [...this.resend(), setTimer('resend', this.options.resendMs ?? 25)] : [];
    const m = input.message as PrimaryBackupMessage | undefined;
    if (typeof m !== 'object' || m === null || typeof (m as { type?: unknown }).type !== 'string') return [output('malformed', { from: input.from })];
    switch (m.type) {
      case 'Request':
        return this.onRequest(input.from, m);
      case 'Replicate':
        return this.onReplicate(input.from, m);
      case 'ReplicateAck':
        return this.onReplicateAck(input.from, m);
      case 'Promote':
        return this.onPromote(m);
      case 'Reply':
      case 'NotPrimary':
        return [];
      default:
        return [output('malformed', { from: input.from, type: (m as { type: string }).type })];
    }
  }

  private onRequest(client: NodeId, m: Request): Effect<PrimaryBackupMessage>[] {
    if (typeof m.requestId !== 'string') return [output('malformed', { from: client, type: 'Request', reason: 'sin requestId' })];
    const invalid = invalidInput(m.input);
    const readHere = invalid === undefined && this.options.readsFromBackups === true && (m.input as ReplicationInput).f === 'read';
    if (this.role !== 'primary' && !readHere) return [send(client, { type: 'NotPrimary', requestId: m.requestId, primary: this.primaryId })];
    if (invalid !== undefined) return [send(client, { type: 'Reply', requestId: m.requestId, output: { error: invalid } })];
    const input = m.input as ReplicationInput;
    if (input.f === 'read') return [send(client, { type: 'Reply', requestId: m.requestId, output: this.values().get(input.key) ?? null })];
    // A retried request (same id) is not appended twice: it waits for the entry it already has.
    const known = this.byRequest.get(m.requestId);
    const index = known ?? this.append({ index: this.log.length + 1, key: input.key, value: input.value, requestId: m.requestId, critical: input.critical === true });
    const effects: Effect<PrimaryBackupMessage>[] = [];
    if (known === undefined) for (const backup of this.matchIndex.keys()) effects.push(send(backup, { type: 'Replicate', epoch: this.epoch, entries: [this.log[index - 1] as LogEntry] }));
    this.waiting.set(index, { client, requestId: m.requestId });
    return [...effects, ...this.answerCommitted()];
  }

  private append(entry: LogEntry): number {
    this.log.push(entry);
    this.byRequest.set(entry.requestId, entry.index);
    return entry.index;
  }

  /** How many backups an entry needs before its client is answered. */
  private needed(entry: LogEntry): number {
    const backups = this.matchIndex.size;
    switch (this.mode) {
      case 'sync':
        return backups;
      case 'semisync':
        return Math.min(this.acks, backups);
      case 'async':
        return 0;
      case 'criticality':
        return entry.critical ? backups : 0;
      default:
        return assertNever(this.mode);
    }
  }

  private answerCommitted(): Effect<PrimaryBackupMessage>[] {
    const effects: Effect<PrimaryBackupMessage>[] = [];
    const match = [...this.matchIndex.values()];
    const rule = this.options.commitIndex ?? commitIndexOf;
    for (const [index, waiter] of this.waiting) {
      const entry = this.log[index - 1] as LogEntry;
      if (rule(this.log.length, match, this.needed(entry)) < index) continue;
      this.waiting.delete(index);
      effects.push(send(waiter.client, { type: 'Reply', requestId: waiter.requestId, output: true }), output('acked', { index, value: entry.value, critical: entry.critical }));
    }
    return effects;
  }

  private resend(): Effect<PrimaryBackupMessage>[] {
    if (this.role !== 'primary') return [];
    const effects: Effect<PrimaryBackupMessage>[] = [];
    for (const [backup, match] of this.matchIndex) {
      // Also an empty Replicate: it tells a backup who the primary of this epoch is.
      if (match < this.log.length || match === 0) effects.push(send(backup, { type: 'Replicate', epoch: this.epoch, entries: this.log.slice(match, match + 64) }));
    }
    return effects;
  }

  private onReplicate(from: NodeId, m: Extract<PrimaryBackupMessage, { type: 'Replicate' }>): Effect<PrimaryBackupMessage>[] {
    if (!Number.isInteger(m.epoch) || !Array.isArray(m.entries)) return [output('malformed', { from, type: 'Replicate', reason: 'epoch o entries no válidos' })];
    const bad = m.entries.findIndex((e) => !validEntry(e));
    if (bad >= 0) return [output('malformed', { from, type: 'Replicate', reason: `entrada ${bad} no válida` })];
    if (m.epoch < this.epoch) return [];
    if (m.epoch > this.epoch || this.role === 'primary') {
      this.epoch = m.epoch;
      this.becomeBackup(from);
    }
    this.primaryId = from;
    for (const entry of m.entries) {
      if (entry.index > this.log.length + 1) break; // A gap: wait for the resend.
      if (entry.index <= this.log.length) {
        const mine = this.log[entry.index - 1] as LogEntry;
        if (mine.requestId === entry.requestId) continue;
        // A different entry at this index (a new primary's log wins): drop ours from here on.
        for (const dropped of this.log.splice(entry.index - 1)) this.byRequest.delete(dropped.requestId);
      }
      this.append({ ...entry, critical: entry.critical === true });
    }
    return [send(from, { type: 'ReplicateAck', epoch: this.epoch, matchIndex: this.log.length })];
  }

  private onReplicateAck(from: NodeId, m: Extract<PrimaryBackupMessage, { type: 'ReplicateAck' }>): Effect<PrimaryBackupMessage>[] {
    if (this.role !== 'primary' || m.epoch !== this.epoch || !this.matchIndex.has(from) || !Number.isInteger(m.matchIndex)) return [];
    this.matchIndex.set(from, Math.max(this.matchIndex.get(from) ?? 0, Math.min(m.matchIndex, this.log.length)));
    return this.answerCommitted();
  }

  private onPromote(m: Extract<PrimaryBackupMessage, { type: 'Promote' }>): Effect<PrimaryBackupMessage>[] {
    if (!Number.isInteger(m.epoch) || !Array.isArray(m.backups) || !m.backups.every((b) => typeof b === 'string')) return [output('malformed', { type: 'Promote', reason: 'epoch o backups no válidos' })];
    if (!(m.epoch > this.epoch)) return [];
    this.epoch = m.epoch;
    this.role = 'primary';
    this.primaryId = this.id;
    this.matchIndex.clear();
    for (const backup of m.backups) if (backup !== this.id) this.matchIndex.set(backup, 0);
    return [output('promoted', { epoch: this.epoch, logLength: this.log.length }), ...this.resend()];
  }

  private becomeBackup(primary: NodeId): void {
    this.role = 'backup';
    this.primaryId = primary;
    this.matchIndex.clear();
    this.waiting.clear();
  }
}

/** A log entry as a `Replicate` must carry it: positive integer index, string key, value and request id. */
function validEntry(e: unknown): e is LogEntry {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as Record<string, unknown>;
  return Number.isInteger(x['index']) && (x['index'] as number) >= 1 && typeof x['key'] === 'string' && typeof x['value'] === 'string' && typeof x['requestId'] === 'string';
}

function invalidInput(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return 'petición sin operación';
  const i = input as Record<string, unknown>;
  if (typeof i['key'] !== 'string' || i['key'] === '') return 'falta la clave (key)';
  if (i['f'] === 'read') return undefined;
  if (i['f'] !== 'write') return `operación desconocida «${String(i['f'])}»`;
  return typeof i['value'] === 'string' ? undefined : 'el valor (value) debe ser un texto';
}

/**
 * Factory of {@link PrimaryBackupNode}s.
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: primaryBackup({ mode: 'semisync', acks: 1 }), … });
 */
export function primaryBackup(options: PrimaryBackupOptions = {}): NodeFactory<PrimaryBackupMessage, PrimaryBackupNode> {
  return (context) => new PrimaryBackupNode(context, options);
}

/** The cluster a failover looks at: a simulation of primary-backup nodes. */
export interface FailoverTarget {
  readonly nodes: ReadonlyMap<NodeId, PrimaryBackupNode>;
  isUp(id: NodeId): boolean;
  inject(to: NodeId, message: PrimaryBackupMessage, options?: { from?: NodeId }): unknown;
}

/**
 * The operator's failover: promotes the live backup with the longest log (the most up-to-date)
 * to primary of a new epoch, with the other live nodes as its backups. Returns the new
 * primary, or `undefined` if no node is alive. With `target`, that node is promoted instead
 * (a careless operator's choice; throws if it is unknown or down).
 */
export function failover(sim: FailoverTarget, target?: NodeId): NodeId | undefined {
  const live = [...sim.nodes.values()].filter((n) => sim.isUp(n.id));
  if (target !== undefined && !live.some((n) => n.id === target)) throw new Error(`failover: el nodo «${target}» no existe o está caído`);
  if (live.length === 0) return undefined;
  const best = target !== undefined ? (live.find((n) => n.id === target) as PrimaryBackupNode) : live.reduce((a, b) => (b.log.length > a.log.length ? b : a));
  const epoch = Math.max(...live.map((n) => n.epoch)) + 1;
  sim.inject(best.id, { type: 'Promote', epoch, backups: live.map((n) => n.id).filter((id) => id !== best.id) }, { from: 'operator' });
  return best.id;
}
