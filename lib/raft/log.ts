/**
 * A Raft server's log with a snapshot prefix (§7): entries after `snapshotIndex` in memory, and
 * the same on the durable store. The durable log is append-only, so compaction writes the
 * remaining suffix to a fresh log (`log.1`, `log.2`, …) and then points the `snapshot` record at
 * it; the caller's `fsync` makes both durable together.
 */
import type { DurableStore, ReadonlyDurableStore } from '../sim/types';
import type { LogEntry, Snapshot, SnapshotState } from './messages';

/** What the `snapshot` key of the durable store holds. */
interface SnapshotRecord extends Snapshot {
  readonly logName: string;
  readonly generation: number;
}

/** The log of one server; indexes are the paper's (1-based, absolute across snapshots). */
export class RaftLog {
  /** Entries after the snapshot: `entries[k]` has index `snapshotIndex + 1 + k`. */
  entries: LogEntry[];
  snapshotIndex = 0;
  snapshotTerm = 0;
  snapshotState: SnapshotState | undefined;
  private logName = 'log';
  private generation = 0;

  constructor(private readonly durable: DurableStore) {
    const record = durable.get<SnapshotRecord>('snapshot');
    if (record !== undefined) {
      this.snapshotIndex = record.lastIncludedIndex;
      this.snapshotTerm = record.lastIncludedTerm;
      this.snapshotState = record.state;
      this.logName = record.logName;
      this.generation = record.generation;
    }
    this.entries = durable.readLog<LogEntry>(this.logName);
  }

  /** What a disk holds (a crashed server's, for checkers): its snapshot's last index and term and the entries after it. */
  static read(store: ReadonlyDurableStore): { readonly snapshotIndex: number; readonly snapshotTerm: number; readonly entries: LogEntry[] } {
    const record = store.get<SnapshotRecord>('snapshot');
    return { snapshotIndex: record?.lastIncludedIndex ?? 0, snapshotTerm: record?.lastIncludedTerm ?? 0, entries: store.readLog<LogEntry>(record?.logName ?? 'log') };
  }

  /** Index of the last entry (the snapshot's last index when no entry follows it). */
  get lastIndex(): number {
    return this.snapshotIndex + this.entries.length;
  }

  /** Term of the last entry. */
  get lastTerm(): number {
    return this.termAt(this.lastIndex);
  }

  /** Term of entry `index`: 0 for index 0, the snapshot's term at its last index, −1 when absent or compacted. */
  termAt(index: number): number {
    if (index === this.snapshotIndex) return this.snapshotTerm;
    if (index < this.snapshotIndex || index > this.lastIndex) return index === 0 ? 0 : -1;
    return (this.entries[index - this.snapshotIndex - 1] as LogEntry).term;
  }

  /** Entry `index`, or `undefined` when absent or compacted. */
  entry(index: number): LogEntry | undefined {
    return index <= this.snapshotIndex ? undefined : this.entries[index - this.snapshotIndex - 1];
  }

  /** Entries `[from, to)` (`from` must be after the snapshot). */
  slice(from: number, to: number): LogEntry[] {
    return this.entries.slice(from - this.snapshotIndex - 1, to - this.snapshotIndex - 1);
  }

  /** The first index of the run of entries of `term` that contains `index` (fast backup, §5.3). */
  firstIndexOfTerm(index: number): number {
    const term = this.termAt(index);
    let i = index;
    while (i - 1 > this.snapshotIndex && this.termAt(i - 1) === term) i--;
    return i;
  }

  /** The last index whose entry has `term`, or 0 if none (the leader's side of the fast backup). */
  lastIndexOfTerm(term: number): number {
    for (let i = this.lastIndex; i > this.snapshotIndex; i--) {
      const t = this.termAt(i);
      if (t === term) return i;
      if (t < term) return 0;
    }
    return this.snapshotTerm === term ? this.snapshotIndex : 0;
  }

  /** Appends entries at the end, in memory and on disk. */
  append(...entries: LogEntry[]): void {
    if (entries.length === 0) return;
    this.entries.push(...entries);
    this.durable.append(this.logName, ...entries);
  }

  /** Deletes entry `index` and every later one (a conflict, §5.3). */
  truncateFrom(index: number): void {
    const keep = Math.max(0, index - this.snapshotIndex - 1);
    if (keep >= this.entries.length) return;
    this.entries.length = keep;
    this.durable.truncateLog(this.logName, keep);
  }

  /** Compacts the log up to `index` (applied) into a snapshot of `state` (§7). */
  compact(index: number, state: SnapshotState): void {
    if (index <= this.snapshotIndex || index > this.lastIndex) return;
    const term = this.termAt(index);
    this.rewrite(index, term, state, this.entries.slice(index - this.snapshotIndex));
  }

  /**
   * Installs a leader's snapshot (§7, Figure 13): if an entry with the same index and term
   * exists, the entries after it are retained; otherwise the whole log is discarded.
   */
  install(index: number, term: number, state: SnapshotState): void {
    const keep = index < this.lastIndex && this.termAt(index) === term ? this.entries.slice(index - this.snapshotIndex) : [];
    this.rewrite(index, term, state, keep);
  }

  private rewrite(index: number, term: number, state: SnapshotState, suffix: LogEntry[]): void {
    const old = this.logName;
    this.generation += 1;
    this.logName = `log.${this.generation}`;
    this.durable.truncateLog(this.logName, 0);
    if (suffix.length > 0) this.durable.append(this.logName, ...suffix);
    const record: SnapshotRecord = { lastIncludedIndex: index, lastIncludedTerm: term, state, logName: this.logName, generation: this.generation };
    this.durable.set('snapshot', record);
    // The old log is dead once the record points past it; emptying it frees the space.
    this.durable.truncateLog(old, 0);
    this.snapshotIndex = index;
    this.snapshotTerm = term;
    this.snapshotState = state;
    this.entries = suffix;
  }
}
