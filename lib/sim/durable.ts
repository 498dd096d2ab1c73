/**
 * What survives a crash: a per-node durable store, and the copy made of every message at the
 * network boundary (so a sender cannot mutate a message after sending it).
 */
import type { DurableStore, ReadonlyDurableStore } from './types';

/** True for an object literal or a null-prototype object: what the simulator copies key by key as plain data. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ctor = (value as { constructor?: unknown }).constructor;
  return ctor === Object || ctor === undefined;
}

/**
 * A fast deep copy of plain data: objects, arrays, `Map`, `Set`, primitives. Other class
 * instances are passed through unchanged (messages should be plain data).
 */
export function copyPlain<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  // Fast path first: most messages are small object literals.
  if (isPlainObject(value)) {
    // Spread then patch nested values: much faster in V8 than building the copy key by key.
    const out = { ...(value as unknown as Record<string, unknown>) };
    for (const key in out) {
      const field = out[key];
      if (typeof field === 'object' && field !== null) out[key] = copyPlain(field);
    }
    return out as T;
  }
  if (Array.isArray(value)) return value.map(copyPlain) as unknown as T;
  if (value instanceof Map) {
    const out = new Map();
    for (const [k, v] of value) out.set(k, copyPlain(v));
    return out as unknown as T;
  }
  if (value instanceof Set) {
    const out = new Set();
    for (const v of value) out.add(copyPlain(v));
    return out as unknown as T;
  }
  return value;
}

/**
 * A strict deep copy for the durable store: plain objects, arrays, `Map`, `Set` and
 * primitives are copied; anything else (a class instance, a function) throws a `TypeError`
 * naming `key`, the path inside the value and the class, because a live object kept "on
 * disk" would let volatile state survive a crash.
 */
export function copyDurable<T>(value: T, key: string): T {
  return copyStrict(value, key, '') as T;
}

function copyStrict(value: unknown, key: string, path: string): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new TypeError(`durable store: cannot save key "${key}": ${typeof value} at ${path || 'the top level'} (save plain data)`);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v, i) => copyStrict(v, key, `${path}[${i}]`));
  if (value instanceof Map) {
    const out = new Map();
    for (const [k, v] of value) out.set(copyStrict(k, key, `${path}<key>`), copyStrict(v, key, `${path}.get(${String(k)})`));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    for (const v of value) out.add(copyStrict(v, key, `${path}<element>`));
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name || 'anonymous class';
    throw new TypeError(
      `durable store: cannot save key "${key}": ${path ? `${path} is` : 'the value is'} an instance of ${name}, not plain data ` +
        '(save plain objects, arrays, Map, Set or primitives, so nothing volatile survives a crash)',
    );
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = copyStrict((value as Record<string, unknown>)[k], key, `${path}.${k}`);
  return out;
}

/** When durable writes survive a crash: at once, or only after an `fsync` effect completes. */
export type DurabilityMode = 'immediate' | 'fsync';

/** One durable write not yet synced (fsync mode), replayed onto the synced state by an fsync. */
type Write =
  | { readonly kind: 'set'; readonly key: string; readonly value: unknown }
  | { readonly kind: 'delete'; readonly key: string }
  | { readonly kind: 'append'; readonly log: string; readonly entries: readonly unknown[] }
  | { readonly kind: 'truncate'; readonly log: string; readonly length: number };

/** The values and logs of a disk. Stored values are never mutated in place, so two states may share them. */
interface DiskState {
  readonly values: Map<string, unknown>;
  readonly logs: Map<string, unknown[]>;
}

/**
 * A durable store in memory: values and log entries are deep-copied in and out, like a write
 * to disk. Only plain data can be saved: `set` and `append` throw a `TypeError` for class
 * instances and functions. In `'fsync'` mode it also keeps the synced state (what a crash
 * leaves) and a journal of the writes since; the simulator commits the journal when an
 * `fsync` effect completes and rolls back to the synced state on a crash.
 */
export class MemoryDurableStore implements DurableStore {
  private current: DiskState = { values: new Map(), logs: new Map() };
  private readonly synced: DiskState | undefined;
  private readonly journal: Write[] = [];
  /** Absolute index of `journal[0]` among every write ever journaled. */
  private journalStart = 0;
  private readOnlyView: ReadonlyDurableStore | undefined;

  constructor(readonly durability: DurabilityMode = 'immediate') {
    this.synced = durability === 'fsync' ? { values: new Map(), logs: new Map() } : undefined;
  }

  get<T>(key: string): T | undefined {
    const values = this.current.values;
    return values.has(key) ? copyPlain(values.get(key) as T) : undefined;
  }

  set<T>(key: string, value: T): void {
    const copy = copyDurable(value, key);
    this.current.values.set(key, copy);
    if (this.synced !== undefined) this.journal.push({ kind: 'set', key, value: copy });
  }

  delete(key: string): boolean {
    const existed = this.current.values.delete(key);
    if (existed && this.synced !== undefined) this.journal.push({ kind: 'delete', key });
    return existed;
  }

  keys(): string[] {
    return [...this.current.values.keys()];
  }

  append<T>(log: string, ...entries: T[]): number {
    const copies = entries.map((entry, i) => copyDurable(entry, `${log}[+${i}]`));
    let target = this.current.logs.get(log);
    if (target === undefined) this.current.logs.set(log, (target = []));
    for (const entry of copies) target.push(entry);
    if (this.synced !== undefined) this.journal.push({ kind: 'append', log, entries: copies });
    return target.length;
  }

  readLog<T>(log: string, from = 0, to?: number): T[] {
    const entries = this.current.logs.get(log) ?? [];
    checkIndex(from, 'from');
    if (to !== undefined) checkIndex(to, 'to');
    return entries.slice(from, to).map((entry) => copyPlain(entry as T));
  }

  logLength(log: string): number {
    return this.current.logs.get(log)?.length ?? 0;
  }

  truncateLog(log: string, length: number): void {
    checkIndex(length, 'length');
    const entries = this.current.logs.get(log);
    if (entries === undefined || entries.length <= length) return;
    entries.length = length;
    if (this.synced !== undefined) this.journal.push({ kind: 'truncate', log, length });
  }

  /** A view with only the reading methods (what checkers get). */
  readOnly(): ReadonlyDurableStore {
    if (this.readOnlyView === undefined) {
      const store = this;
      this.readOnlyView = {
        get: (key) => store.get(key),
        keys: () => store.keys(),
        readLog: (log, from, to) => store.readLog(log, from, to),
        logLength: (log) => store.logLength(log),
      };
    }
    return this.readOnlyView;
  }

  /** How many writes are not yet synced (always 0 in `'immediate'` mode). */
  get unsyncedWrites(): number {
    return this.journal.length;
  }

  /** Marks the writes done so far: an fsync starting now covers them (pass the mark to {@link commitSync}). */
  syncMark(): number {
    return this.journalStart + this.journal.length;
  }

  /** Makes the writes before `mark` durable (an fsync completed). Marks from before a crash do nothing. */
  commitSync(mark: number): void {
    const synced = this.synced;
    if (synced === undefined) return;
    let applied = 0;
    while (this.journalStart + applied < mark && applied < this.journal.length) {
      applyWrite(synced, this.journal[applied] as Write);
      applied++;
    }
    this.journal.splice(0, applied);
    this.journalStart += applied;
  }

  /** A crash: in `'fsync'` mode every write not yet synced is lost. */
  crash(): void {
    const synced = this.synced;
    if (synced === undefined) return;
    this.current = { values: new Map(synced.values), logs: new Map([...synced.logs].map(([log, entries]) => [log, entries.slice()])) };
    this.journalStart += this.journal.length;
    this.journal.length = 0;
  }
}

function applyWrite(state: DiskState, write: Write): void {
  switch (write.kind) {
    case 'set':
      state.values.set(write.key, write.value);
      break;
    case 'delete':
      state.values.delete(write.key);
      break;
    case 'append': {
      let entries = state.logs.get(write.log);
      if (entries === undefined) state.logs.set(write.log, (entries = []));
      for (const entry of write.entries) entries.push(entry);
      break;
    }
    case 'truncate': {
      const entries = state.logs.get(write.log);
      if (entries !== undefined && entries.length > write.length) entries.length = write.length;
      break;
    }
  }
}

function checkIndex(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`durable store: ${name} must be an integer >= 0, got ${value}`);
}
