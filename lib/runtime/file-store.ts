// @real-io: a durable store on real files (write, fsync, rename), for node processes.
/**
 * The durable store of a node process, on files that survive `kill -9`.
 *
 * Layout of a node's folder: `manifest.json` holds every key's value and, for each log, the
 * file holding its entries and how many of them (and bytes) are committed; each log is a
 * `log-…jsonl` file, one entry per line. A persist appends new log entries (or, after a
 * truncation, writes a new log file), fsyncs them, then replaces the manifest atomically
 * (write `manifest.json.tmp`, fsync, rename, fsync the folder). The rename is the commit
 * point: a crash at any moment leaves either the previous state or the new one, never a mix,
 * and bytes appended after the last commit are cut off when the store is opened again.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DurableStore, ReadonlyDurableStore } from '../sim/types';
import { decodeValue, encodeValue } from './codec';

/** A log's committed state on disk. */
interface LogFile {
  readonly file: string;
  readonly length: number;
  readonly bytes: number;
}

/** The manifest: the commit record of the whole store. */
interface Manifest {
  readonly format: 1;
  readonly values: [string, string][];
  readonly logs: Record<string, LogFile>;
  readonly nextFile: number;
}

const MANIFEST = 'manifest.json';

/** The read side of a node's durable files (what a checker or a test may look at on any node's disk). */
export interface ReadonlyFileStore extends ReadonlyDurableStore {
  /** Names of the logs that exist (even empty ones). */
  logNames(): string[];
}

/**
 * The full durable store of INTERFACES §2 (`get`, `set`, `keys`, `delete`, `append`, `readLog`,
 * `logLength`, `truncateLog`) kept in memory as encoded text and written to `dir` by
 * {@link FileDurableStore.persist}. Values are copied in and out (plain data only: a class
 * instance or function throws a `TypeError` on `set`/`append`), as a write to disk would.
 *
 * @example
 * const store = new FileDurableStore('/tmp/n1');
 * store.set('term', 3);
 * store.append('log', { term: 3, command: 'x' });
 * store.persist();                               // now it survives kill -9
 * new FileDurableStore('/tmp/n1').get('term');   // 3
 */
export class FileDurableStore implements DurableStore, ReadonlyFileStore {
  private readonly values = new Map<string, string>();
  private readonly logs = new Map<string, string[]>();
  /** What the last commit left on disk, per log. */
  private committedLogs = new Map<string, LogFile>();
  /** Per log, the shortest length it had since the last commit (below the committed length: rewrite). */
  private readonly shortest = new Map<string, number>();
  private valuesDirty = false;
  private nextFile = 0;

  /** Opens (or creates) the store in `dir`; `readOnly` never creates, truncates or writes anything. */
  constructor(readonly dir: string, private readonly options: { readOnly?: boolean } = {}) {
    if (!options.readOnly) mkdirSync(dir, { recursive: true });
    // A reader may race the node's own commit (a log file replaced after a truncation): retry.
    for (let attempt = 1; ; attempt++) {
      try {
        this.load();
        return;
      } catch (error) {
        if (!options.readOnly || attempt === 3 || (error as { code?: string }).code !== 'ENOENT') throw error;
        this.values.clear();
        this.logs.clear();
      }
    }
  }

  get<T>(key: string): T | undefined {
    const text = this.values.get(key);
    return text === undefined ? undefined : (decodeValue(text) as T);
  }

  set<T>(key: string, value: T): void {
    this.writable();
    this.values.set(key, encodeValue(value, `durable store: cannot save key "${key}"`));
    this.valuesDirty = true;
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  delete(key: string): boolean {
    this.writable();
    const existed = this.values.delete(key);
    if (existed) this.valuesDirty = true;
    return existed;
  }

  append<T>(log: string, ...entries: T[]): number {
    this.writable();
    const lines = entries.map((e, i) => encodeValue(e, `durable store: cannot append entry ${i} to log "${log}"`));
    const list = this.logList(log);
    list.push(...lines);
    return list.length;
  }

  readLog<T>(log: string, from = 0, to?: number): T[] {
    checkIndex(from, 'from');
    if (to !== undefined) checkIndex(to, 'to');
    return (this.logs.get(log) ?? []).slice(from, to).map((line) => decodeValue(line) as T);
  }

  logLength(log: string): number {
    return this.logs.get(log)?.length ?? 0;
  }

  truncateLog(log: string, length: number): void {
    this.writable();
    checkIndex(length, 'length');
    const list = this.logs.get(log);
    if (list === undefined || length >= list.length) return;
    list.length = length;
    this.shortest.set(log, Math.min(this.shortest.get(log) ?? Infinity, length));
  }

  logNames(): string[] {
    return [...this.logs.keys()];
  }

  /** True when something changed since the last {@link persist}. */
  get dirty(): boolean {
    if (this.valuesDirty || this.shortest.size > 0) return true;
    for (const [name, list] of this.logs) if (list.length !== (this.committedLogs.get(name)?.length ?? -1)) return true;
    return false;
  }

  /**
   * Makes every change so far durable (log bytes fsynced, then the manifest replaced
   * atomically). Returns false, writing nothing, when nothing changed.
   */
  persist(): boolean {
    this.writable();
    if (!this.dirty) return false;
    const committed = new Map<string, LogFile>();
    const obsolete: string[] = [];
    for (const [name, list] of this.logs) {
      const before = this.committedLogs.get(name);
      const shortest = this.shortest.get(name) ?? Infinity;
      if (before !== undefined && shortest >= before.length) {
        committed.set(name, list.length === before.length ? before : this.appendLines(before, list.slice(before.length)));
      } else {
        // A truncation below the committed length (or a new log): a fresh file, so the
        // committed one stays intact until the manifest names the new one.
        const file = `log-${name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${this.nextFile++}.jsonl`;
        committed.set(name, this.appendLines({ file, length: 0, bytes: 0 }, list));
        if (before !== undefined) obsolete.push(before.file);
      }
    }
    const manifest: Manifest = { format: 1, values: [...this.values], logs: Object.fromEntries(committed), nextFile: this.nextFile };
    const temp = join(this.dir, `${MANIFEST}.tmp`);
    writeDurably(temp, JSON.stringify(manifest));
    renameSync(temp, join(this.dir, MANIFEST));
    fsyncFolder(this.dir);
    this.committedLogs = committed;
    this.shortest.clear();
    this.valuesDirty = false;
    for (const file of obsolete) rmSync(join(this.dir, file), { force: true });
    return true;
  }

  /** Forgets every change since the last commit (what a crash does to a process's memory). */
  discardUncommitted(): void {
    this.values.clear();
    this.logs.clear();
    this.shortest.clear();
    this.load();
  }

  private appendLines(log: LogFile, lines: readonly string[]): LogFile {
    if (lines.length === 0 && log.bytes > 0) return log;
    const text = lines.map((line) => `${line}\n`).join('');
    // A fresh file ('w'): bytes a crashed persist may have left under this name are not ours.
    const fd = openSync(join(this.dir, log.file), log.bytes === 0 ? 'w' : 'a');
    try {
      if (text.length > 0) writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return { file: log.file, length: log.length + lines.length, bytes: log.bytes + Buffer.byteLength(text) };
  }

  private load(): void {
    this.valuesDirty = false;
    const path = join(this.dir, MANIFEST);
    if (!existsSync(path)) {
      this.committedLogs = new Map();
      return;
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
      if (manifest.format !== 1 || !Array.isArray(manifest.values)) throw new Error('unknown format');
    } catch (error) {
      throw new Error(`durable store ${this.dir}: ${MANIFEST} is unreadable (${error instanceof Error ? error.message : String(error)})`);
    }
    for (const [key, text] of manifest.values) this.values.set(key, text);
    this.nextFile = manifest.nextFile;
    this.committedLogs = new Map(Object.entries(manifest.logs));
    for (const [name, log] of this.committedLogs) {
      const file = join(this.dir, log.file);
      // Bytes after the committed ones belong to a persist that a crash interrupted.
      if (!this.options.readOnly) truncateSync(file, log.bytes);
      const text = log.bytes === 0 ? '' : readFileSync(file).subarray(0, log.bytes).toString('utf8');
      const lines = text === '' ? [] : text.slice(0, -1).split('\n');
      if (lines.length !== log.length) throw new Error(`durable store ${this.dir}: log "${name}" has ${lines.length} entries on disk, the manifest says ${log.length}`);
      this.logs.set(name, lines);
    }
  }

  private logList(log: string): string[] {
    let list = this.logs.get(log);
    if (list === undefined) {
      list = [];
      this.logs.set(log, list);
    }
    return list;
  }

  private writable(): void {
    if (this.options.readOnly) throw new Error(`durable store ${this.dir} is open read-only`);
  }
}

function checkIndex(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`durable log: ${name} must be an integer >= 0, got ${value}`);
}

/** Writes `text` to `path` (replacing it) and fsyncs it before returning. */
function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Fsyncs a folder, so a rename in it is durable; a no-op where folders cannot be opened (Windows). */
function fsyncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some platforms refuse fsync on a directory; the rename is still atomic there.
  } finally {
    closeSync(fd);
  }
}
