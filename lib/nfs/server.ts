/**
 * The stateless NFS-style server: one JSON-RPC method per procedure over an {@link NfsStore},
 * plus an optional duplicate request cache (DRC) that answers a retransmitted CREATE, REMOVE or
 * WRITE from memory instead of running it again (as Linux's nfsd and most NFS servers do).
 */
import { createDispatcher, defineMethod } from '../rpc/dispatcher';
import type { Dispatcher, MaybePromise } from '../rpc/dispatcher';
import { RpcError } from '../rpc/messages';
import type { JsonRpcReply } from '../rpc/messages';
import type { ParamSpec } from '../rpc/params';
import { NfsError, NFS_PROCEDURES } from './messages';
import type { NfsProcedure } from './messages';
import type { NfsStore } from './store';

/** Largest READ count / WRITE length the server accepts in one call (NFS's rsize/wsize). */
export const MAX_TRANSFER = 65_536;

/** Procedures whose replies the DRC keeps (Linux nfsd caches these: RC_REPLBUFF / RC_REPLSTAT). */
export const CACHED_PROCEDURES: ReadonlySet<NfsProcedure> = new Set(['WRITE', 'CREATE', 'REMOVE']);

/** One call as the server saw it (for tables and tests). */
export interface ServerLogEntry {
  readonly procedure: NfsProcedure;
  readonly client: string;
  readonly xid: number;
  /** `ejecutada` (ran on the store), `caché` (answered from the DRC). */
  readonly how: 'ejecutada' | 'caché';
  /** `ok` or the NFS status / JSON-RPC error name. */
  readonly outcome: string;
  /** True when the fault injector dropped the reply after the call ran. */
  readonly replyLost: boolean;
}

/** The identity of one call, for a fault injector. */
export interface CallInfo {
  readonly procedure: NfsProcedure;
  readonly client: string;
  readonly xid: number;
  /** How many times the server has seen this (client, xid) before, this one excluded. */
  readonly seenBefore: number;
}

/** Options of an {@link NfsServer}. */
export interface NfsServerOptions {
  store: NfsStore;
  /** Keep a duplicate request cache (default false: the naive stateless server). */
  duplicateRequestCache?: boolean;
  /** Entries the DRC keeps before evicting the oldest (default 1024). */
  drcCapacity?: number;
  /** Fault injection: drop the reply of a call that matches, after running it. */
  loseReply?: (call: CallInfo) => boolean;
  /**
   * Distinct (client, xid, procedure) the server remembers for {@link CallInfo.seenBefore}
   * before forgetting the least recently seen (default 4096), so a long run does not grow it forever.
   */
  seenCapacity?: number;
}

// A string discriminant: tslab compiles notebooks without strictNullChecks, where `ok: true | false` does not narrow.
type Outcome = { kind: 'ok'; value: unknown } | { kind: 'error'; error: RpcError };

const common: readonly ParamSpec[] = [
  { name: 'client', type: 'string', optional: true },
  { name: 'xid', type: 'integer', optional: true },
];

/**
 * An NFS-style server. Stateless in the NFS sense: no call depends on an earlier one (no open
 * files, no sessions); everything a call needs is in its handle and arguments, so a restarted
 * server over the same store answers old handles. The DRC is the one piece of soft state.
 *
 * @example
 * const server = new NfsServer({ store: new NfsStore({ clock: () => 0 }), duplicateRequestCache: true });
 * const { reply } = server.handleText('{"jsonrpc":"2.0","method":"MNT","params":{},"id":1}');
 */
export class NfsServer {
  readonly store: NfsStore;
  readonly dispatcher: Dispatcher;
  /** Every call, in arrival order. */
  readonly log: ServerLogEntry[] = [];
  /** How many times each procedure actually ran on the store. */
  readonly executions = new Map<NfsProcedure, number>(NFS_PROCEDURES.map((p) => [p, 0]));
  /** Calls answered from the duplicate request cache. */
  drcHits = 0;
  private readonly drc: Map<string, Outcome> | undefined;
  private readonly drcCapacity: number;
  private readonly seen = new Map<string, number>();
  private readonly seenCapacity: number;
  private readonly loseReply: ((call: CallInfo) => boolean) | undefined;
  private lastLost = false;

  constructor(options: NfsServerOptions) {
    this.store = options.store;
    this.drc = options.duplicateRequestCache ? new Map() : undefined;
    this.drcCapacity = positiveCapacity('drcCapacity', options.drcCapacity ?? 1024);
    this.seenCapacity = positiveCapacity('seenCapacity', options.seenCapacity ?? 4096);
    this.loseReply = options.loseReply;
    const s = this.store;
    const method = (procedure: NfsProcedure, params: readonly ParamSpec[], idempotent: boolean, run: (a: Record<string, unknown>) => unknown) =>
      [procedure, defineMethod({ params: [...params, ...common], idempotent, handler: (args) => this.serve(procedure, args as Record<string, unknown>, run) })] as const;
    const handle: ParamSpec = { name: 'handle', type: 'string' };
    const dir: ParamSpec = { name: 'dir', type: 'string' };
    const name: ParamSpec = { name: 'name', type: 'string' };
    this.dispatcher = createDispatcher(new Map([
      method('MNT', [], true, () => ({ handle: s.rootHandle })),
      method('LOOKUP', [dir, name], true, (a) => s.lookup(a.dir, a.name)),
      method('GETATTR', [handle], true, (a) => s.getattr(a.handle)),
      method('READ', [handle, { name: 'offset', type: 'integer' }, { name: 'count', type: 'integer' }], true, (a) => {
        if ((a.count as number) > MAX_TRANSFER) throw new NfsError('NFS3ERR_INVAL', `count ${String(a.count)} supera el máximo por llamada (${MAX_TRANSFER})`);
        return s.read(a.handle, a.offset as number, a.count as number);
      }),
      method('WRITE', [handle, { name: 'offset', type: 'integer' }, { name: 'data', type: 'string' }], true, (a) => {
        if ((a.data as string).length > MAX_TRANSFER) throw new NfsError('NFS3ERR_INVAL', `WRITE de ${(a.data as string).length} caracteres supera el máximo por llamada (${MAX_TRANSFER})`);
        return s.write(a.handle, a.offset as number, a.data as string);
      }),
      method('CREATE', [dir, name, { name: 'mode', type: 'string', optional: true }], false, (a) => {
        const mode = a.mode ?? 'guarded';
        if (mode !== 'guarded' && mode !== 'unchecked') throw new NfsError('NFS3ERR_INVAL', `modo de CREATE desconocido: ${JSON.stringify(mode)} (guarded o unchecked)`);
        return s.create(a.dir, a.name, mode);
      }),
      method('REMOVE', [dir, name], false, (a) => ({ directory: s.remove(a.dir, a.name) })),
    ]));
  }

  /**
   * Handles one JSON-RPC body and says whether the fault injector drops its reply (the call
   * ran anyway). Transports use this instead of `dispatcher.handleText`.
   */
  handleText(text: string): { reply: MaybePromise<JsonRpcReply>; lost: boolean } {
    this.lastLost = false;
    const reply = this.dispatcher.handleText(text);
    const lost = this.lastLost;
    this.lastLost = false;
    return { reply, lost };
  }

  /** Entries the DRC holds now (0 without a DRC). */
  get drcSize(): number {
    return this.drc?.size ?? 0;
  }

  /** Distinct (client, xid, procedure) remembered now for `seenBefore` (at most `seenCapacity`). */
  get seenSize(): number {
    return this.seen.size;
  }

  private serve(procedure: NfsProcedure, args: Record<string, unknown>, run: (a: Record<string, unknown>) => unknown): unknown {
    const client = typeof args.client === 'string' ? args.client : 'anónimo';
    const xid = typeof args.xid === 'number' ? args.xid : -1;
    const key = `${client}#${xid}#${procedure}`;
    const seenBefore = this.seen.get(key) ?? 0;
    // Re-insert so the Map's order is "least recently seen first", then evict from the front.
    this.seen.delete(key);
    if (this.seen.size >= this.seenCapacity) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(key, seenBefore + 1);
    const lost = this.loseReply?.({ procedure, client, xid, seenBefore }) ?? false;
    if (lost) this.lastLost = true;
    const cacheable = this.drc !== undefined && CACHED_PROCEDURES.has(procedure) && xid >= 0;
    const cached = cacheable ? this.drc!.get(key) : undefined;
    let outcome: Outcome;
    if (cached !== undefined) {
      this.drcHits++;
      outcome = cached;
    } else {
      this.executions.set(procedure, (this.executions.get(procedure) ?? 0) + 1);
      try {
        outcome = { kind: 'ok', value: run(args) };
      } catch (error) {
        if (!(error instanceof RpcError)) throw error;
        outcome = { kind: 'error', error };
      }
      if (cacheable) this.remember(key, outcome);
    }
    this.log.push({ procedure, client, xid, how: cached !== undefined ? 'caché' : 'ejecutada', outcome: outcome.kind === 'ok' ? 'ok' : outcome.error.message, replyLost: lost });
    if (outcome.kind === 'error') throw outcome.error;
    return outcome.value;
  }

  private remember(key: string, outcome: Outcome): void {
    const drc = this.drc!;
    // Oldest first out: a retransmission later than capacity calls runs again, as in real servers.
    if (drc.size >= this.drcCapacity) drc.delete(drc.keys().next().value as string);
    drc.set(key, outcome);
  }
}

function positiveCapacity(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`NfsServer: ${name} debe ser un entero ≥ 1, no ${String(value)}`);
  return value;
}
