import { describe, expect, it } from 'vitest';
import { ConsumerGroup, hashKey, IdempotentConsumer, PartitionedLog } from '../../lib/messaging/index';

describe('a partitioned log with consumer groups (Kafka)', () => {
  it('a key always goes to the same partition; offsets grow per partition', () => {
    const log = new PartitionedLog({ partitions: 4 });
    const a = log.append('cuenta-7', 'uno');
    const b = log.append('cuenta-7', 'dos');
    expect(b.partition).toBe(a.partition);
    expect(b.offset).toBe(a.offset + 1);
    expect(hashKey('abc')).toBe(hashKey('abc'));
    expect(hashKey('')).toBe(0x811c9dc5);
  });

  it('each partition is owned by exactly one member (range assignment)', () => {
    const log = new PartitionedLog({ partitions: 5 });
    const group = new ConsumerGroup(log, 'g');
    for (const m of ['c2', 'c1', 'c3']) group.join(m);
    expect([group.assignment('c1'), group.assignment('c2'), group.assignment('c3')]).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('keeps order within a partition for every key', () => {
    const log = new PartitionedLog({ partitions: 3 });
    for (let i = 0; i < 30; i++) log.append(`k${i % 5}`, String(i));
    const group = new ConsumerGroup(log, 'g');
    group.join('c1');
    const seen = new Map<string, number[]>();
    for (const r of group.poll('c1')) seen.set(r.key, [...(seen.get(r.key) ?? []), Number(r.value)]);
    for (const values of seen.values()) expect(values).toEqual([...values].sort((x, y) => x - y));
    expect([...seen.values()].flat()).toHaveLength(30);
  });

  it('after a member leaves, its partitions resume from the committed offset: uncommitted reads repeat', () => {
    const log = new PartitionedLog({ partitions: 2 });
    for (let i = 0; i < 10; i++) log.append(`k${i}`, String(i));
    const group = new ConsumerGroup(log, 'g');
    group.join('c1');
    group.join('c2');
    const firstRead = group.poll('c1');
    group.commit('c1');
    // New records on c1's partition, read by c1 but never committed.
    const key = Array.from({ length: 50 }, (_, i) => `nuevo${i}`).find((k) => group.assignment('c1').includes(log.partitionFor(k)))!;
    log.append(key, 'nuevo');
    const uncommitted = group.poll('c1');
    group.leave('c1');
    const afterRebalance = group.poll('c2');
    expect(group.assignment('c2')).toEqual([0, 1]);
    expect(uncommitted).toHaveLength(1);
    for (const r of uncommitted) expect(afterRebalance).toContainEqual(r);
    for (const r of firstRead) expect(afterRebalance).not.toContainEqual(r);
  });

  it('two groups read the same log independently; lag counts what a group has not committed', () => {
    const log = new PartitionedLog({ partitions: 2 });
    for (let i = 0; i < 6; i++) log.append(`k${i}`, String(i));
    const billing = new ConsumerGroup(log, 'facturación');
    const audit = new ConsumerGroup(log, 'auditoría');
    billing.join('b');
    audit.join('a');
    expect(billing.poll('b')).toHaveLength(6);
    billing.commit('b');
    expect(audit.poll('a')).toHaveLength(6);
    expect([billing.lag(), audit.lag()]).toEqual([0, 6]);
  });

  it('an idempotent consumer applies each message id once', () => {
    let total = 0;
    const consumer = new IdempotentConsumer<number>((amount) => (total += amount));
    expect([consumer.handle('p1', 10), consumer.handle('p1', 10), consumer.handle('p2', 5)]).toEqual([true, false, true]);
    expect([total, consumer.duplicates, consumer.hasProcessed('p1')]).toEqual([15, 1, true]);
  });
});
