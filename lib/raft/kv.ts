/**
 * The replicated state machine: a key-value store of strings with client sessions (§8, and
 * the 6.5840 KV service): each client numbers its requests, and the store remembers per client
 * the last sequence number applied and its output, so a retried request is answered, not
 * executed twice.
 */
import type { KvCommand, KvOperation, SnapshotState } from './messages';

/** What applying a command gave: its output, and whether it was a duplicate (not executed again). */
export interface KvResult {
  readonly output: string | null;
  readonly duplicate: boolean;
}

/** The KV store with its session table. */
export class KvStateMachine {
  readonly data = new Map<string, string>();
  readonly sessions = new Map<string, { seq: number; output: string | null }>();

  /** Applies a command once per (client, seq): a repeat returns the remembered output. */
  apply(command: KvCommand): KvResult {
    const session = this.sessions.get(command.clientId);
    if (session !== undefined && command.seq <= session.seq) return { output: command.seq === session.seq ? session.output : null, duplicate: true };
    const output = this.execute(command.op);
    this.sessions.set(command.clientId, { seq: command.seq, output });
    return { output, duplicate: false };
  }

  /** Reads a key without the log (only the `readsWithoutLeadership` bug does this). */
  read(key: string): string {
    return this.data.get(key) ?? '';
  }

  /** The session of `clientId`, if any. */
  session(clientId: string): { readonly seq: number; readonly output: string | null } | undefined {
    return this.sessions.get(clientId);
  }

  /** The store and sessions as plain data, for a snapshot. */
  snapshot(): SnapshotState {
    return { data: [...this.data], sessions: [...this.sessions].map(([id, s]) => [id, { seq: s.seq, output: s.output }] as const) };
  }

  /** Replaces the state with a snapshot's. */
  restore(state: SnapshotState): void {
    this.data.clear();
    this.sessions.clear();
    for (const [key, value] of state.data) this.data.set(key, value);
    for (const [id, s] of state.sessions) this.sessions.set(id, { seq: s.seq, output: s.output });
  }

  private execute(op: KvOperation): string | null {
    switch (op.f) {
      case 'get':
        return this.data.get(op.key) ?? '';
      case 'put':
        this.data.set(op.key, op.value);
        return null;
      case 'append':
        this.data.set(op.key, (this.data.get(op.key) ?? '') + op.value);
        return null;
    }
  }
}

/** A readable one-line form of a command (what the checkers compare): `c1:3 append x "a"`. */
export function describeCommand(command: KvCommand | null): string {
  if (command === null) return 'no-op';
  const op = command.op;
  return `${command.clientId}:${command.seq} ${op.f} ${op.key}${op.f === 'get' ? '' : ` ${JSON.stringify(op.value)}`}`;
}

/**
 * Parses a client request into a command, or returns the Spanish reason it is malformed:
 * `requestId` must be `<clientId>:<seq>` with seq ≥ 1, and `op` a get, put or append with
 * string key (and value).
 */
export function parseClientRequest(requestId: unknown, op: unknown): KvCommand | string {
  if (typeof requestId !== 'string') return 'requestId no es una cadena';
  const colon = requestId.lastIndexOf(':');
  const clientId = requestId.slice(0, colon);
  const seq = Number(requestId.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(seq) || seq < 1) return `requestId «${requestId}» no tiene la forma cliente:secuencia`;
  if (op === null || typeof op !== 'object') return 'falta la operación';
  const o = op as Record<string, unknown>;
  if (typeof o.key !== 'string') return 'la operación no tiene una clave de texto';
  if (o.f === 'get') return { clientId, seq, op: { f: 'get', key: o.key } };
  if (o.f !== 'put' && o.f !== 'append') return `operación desconocida: ${JSON.stringify(o.f)}`;
  if (typeof o.value !== 'string') return `${o.f} necesita un valor de texto`;
  return { clientId, seq, op: { f: o.f, key: o.key, value: o.value } };
}
