/**
 * A partitioned, append-only log with consumer groups (Kafka's model). Records are never
 * removed by reading: each group remembers, per partition, the offset of the next record
 * to read (its committed offset). Order is guaranteed within a partition, not across them.
 */

/** One record of the log. */
export interface LogRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: string;
}

/** FNV-1a, 32 bits: a stable key → partition hash, the same on every run and machine. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A topic split into partitions. A key always maps to the same partition, so the records
 * of one key (one account, one user) keep their order.
 *
 * @example
 * const log = new PartitionedLog({ partitions: 3 });
 * log.append('cuenta-7', 'ingreso 10');  // { partition: 1, offset: 0 } (for example)
 * log.append('cuenta-7', 'retiro 4');    // same partition, next offset
 */
export class PartitionedLog {
  private readonly partitions: LogRecord[][];

  constructor(options: { partitions: number }) {
    if (!Number.isInteger(options.partitions) || options.partitions < 1) throw new RangeError('partitions debe ser un entero ≥ 1');
    this.partitions = Array.from({ length: options.partitions }, () => []);
  }

  /** Number of partitions. */
  get partitionCount(): number {
    return this.partitions.length;
  }

  /** The partition a key goes to. */
  partitionFor(key: string): number {
    return hashKey(key) % this.partitions.length;
  }

  /** Appends a record at the end of its key's partition. */
  append(key: string, value: string): LogRecord {
    const partition = this.partitionFor(key);
    const records = this.partitions[partition]!;
    const record: LogRecord = { partition, offset: records.length, key, value };
    records.push(record);
    return record;
  }

  /** The offset the next appended record of `partition` will get. */
  endOffset(partition: number): number {
    return this.partitions[partition]?.length ?? 0;
  }

  /** Up to `max` records of `partition` from `offset` on. */
  read(partition: number, offset: number, max = Infinity): LogRecord[] {
    const records = this.partitions[partition] ?? [];
    return records.slice(offset, Math.min(records.length, offset + max));
  }
}

/**
 * A consumer group over a log: each partition is owned by exactly one member at a time
 * (range assignment over the sorted member ids); a member reads from its position and
 * commits offsets. When membership changes, partitions move and the new owner resumes
 * from the last committed offset, so records read but not committed are read again.
 *
 * @example
 * const group = new ConsumerGroup(log, 'facturación');
 * group.join('c1'); group.join('c2');
 * const batch = group.poll('c1', 10);
 * group.commit('c1');            // the group will not hand these out again
 */
export class ConsumerGroup {
  private readonly members: string[] = [];
  /** Per partition: the next offset to read after a rebalance (the durable part). */
  readonly committed = new Map<number, number>();
  /** Per partition: how far the current owner has read (volatile, lost on rebalance). */
  private readonly position = new Map<number, number>();
  private owners = new Map<number, string>();
  /** How many rebalances happened (each membership change is one). */
  generation = 0;

  constructor(readonly log: PartitionedLog, readonly groupId: string) {}

  /** Adds a member and rebalances. */
  join(memberId: string): void {
    if (this.members.includes(memberId)) return;
    this.members.push(memberId);
    this.rebalance();
  }

  /** Removes a member (it left or crashed) and rebalances; its uncommitted reads are lost. */
  leave(memberId: string): void {
    const at = this.members.indexOf(memberId);
    if (at === -1) return;
    this.members.splice(at, 1);
    this.rebalance();
  }

  /** The partitions `memberId` owns, ascending. */
  assignment(memberId: string): number[] {
    const mine: number[] = [];
    for (const [partition, owner] of this.owners) if (owner === memberId) mine.push(partition);
    return mine.sort((a, b) => a - b);
  }

  /** Reads up to `max` records from the member's partitions, advancing its position. */
  poll(memberId: string, max = Infinity): LogRecord[] {
    const out: LogRecord[] = [];
    for (const partition of this.assignment(memberId)) {
      if (out.length >= max) break;
      const from = this.position.get(partition) ?? 0;
      const records = this.log.read(partition, from, max - out.length);
      this.position.set(partition, from + records.length);
      out.push(...records);
    }
    return out;
  }

  /** Commits the member's current position on every partition it owns. */
  commit(memberId: string): void {
    for (const partition of this.assignment(memberId)) this.committed.set(partition, this.position.get(partition) ?? 0);
  }

  /** Records not yet committed, summed over partitions (the group's lag). */
  lag(): number {
    let lag = 0;
    for (let p = 0; p < this.log.partitionCount; p++) lag += this.log.endOffset(p) - (this.committed.get(p) ?? 0);
    return lag;
  }

  private rebalance(): void {
    this.generation++;
    const sorted = [...this.members].sort();
    const owners = new Map<number, string>();
    const n = this.log.partitionCount;
    // Kafka's range assignor: contiguous ranges, the first members get one extra partition.
    const per = sorted.length === 0 ? 0 : Math.floor(n / sorted.length);
    const extra = sorted.length === 0 ? 0 : n % sorted.length;
    let partition = 0;
    sorted.forEach((member, i) => {
      const count = per + (i < extra ? 1 : 0);
      for (let k = 0; k < count; k++) owners.set(partition++, member);
    });
    this.owners = owners;
    // Positions are volatile: every partition restarts from the committed offset.
    this.position.clear();
    for (let p = 0; p < n; p++) this.position.set(p, this.committed.get(p) ?? 0);
  }
}
