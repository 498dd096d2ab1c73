import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { launchCluster, runtimeProcesses } from '../../lib/runtime/index';
import type { Cluster, LaunchOptions } from '../../lib/runtime/index';
import { spaceTimeDiagram } from '../../lib/sim/index';
import type { TestMessage } from './fixtures/nodes';

const ROOT = resolve(__dirname, '..', '..');
const NODES = join(__dirname, 'fixtures', 'nodes');
const running = new Set<Cluster<never>>();

/** Launches a cluster that afterEach stops, whatever the test's outcome. */
async function launch<M>(options: LaunchOptions): Promise<Cluster<M>> {
  const cluster = await launchCluster<M>(options);
  running.add(cluster as Cluster<never>);
  return cluster;
}

afterEach(async () => {
  await Promise.all([...running].map((c) => c.stop()));
  running.clear();
});

afterAll(() => {
  // No node process of this file may survive it (Linux: scanned in /proc).
  expect(runtimeProcesses(`${process.pid}.`) ?? []).toEqual([]);
});

const delivered = (c: Cluster<unknown>) => c.trace().filter((e) => e.kind === 'deliver');

describe('lib/sim examples as OS processes', () => {
  it('runs ping-pong unchanged: 4 round trips, in order, drawn by spaceTimeDiagram', async () => {
    const cluster = await launch({ module: join(ROOT, 'lib', 'sim', 'examples', 'ping-pong'), factory: 'pingPong', args: [4], nodeIds: ['n1', 'n2'] });
    await cluster.waitFor((c) => delivered(c).length >= 8);
    const messages = delivered(cluster).map((e) => e.kind === 'deliver' && `${e.to}←${e.from} ${JSON.stringify(e.message)}`);
    expect(messages).toEqual([1, 2, 3, 4].flatMap((seq) => [`n2←n1 {"type":"Ping","seq":${seq}}`, `n1←n2 {"type":"Pong","seq":${seq}}`]));
    const pids = new Set(cluster.nodeIds.map((id) => cluster.pid(id)));
    expect(pids.size).toBe(2);
    expect(pids.has(process.pid)).toBe(false);
    const figure = spaceTimeDiagram(cluster.trace()) as { data: unknown[] };
    expect(figure.data.length).toBeGreaterThan(2);
  });

  it('runs all-to-all broadcast unchanged: 3 nodes, 3 rounds, every Hello delivered once', async () => {
    const cluster = await launch({ module: join(ROOT, 'lib', 'sim', 'examples', 'broadcast'), factory: 'allToAll', args: [3], nodeIds: ['a', 'b', 'c'] });
    await cluster.waitFor((c) => delivered(c).length >= 18);
    const deliveries = delivered(cluster);
    expect(deliveries).toHaveLength(18);
    for (const id of cluster.nodeIds) {
      const rounds = deliveries.flatMap((e) => (e.kind === 'deliver' && e.to === id ? [(e.message as { round: number }).round] : []));
      expect(rounds.sort(), id).toEqual([1, 1, 2, 2, 3, 3]);
    }
    // Every delivery matches a send with the same messageId, sent earlier.
    const trace = cluster.trace();
    for (const d of deliveries) {
      const send = trace.find((e) => e.kind === 'send' && d.kind === 'deliver' && e.messageId === d.messageId);
      expect(send && send.timeMs <= d.timeMs).toBe(true);
    }
  });
});

describe('effects on a real clock', () => {
  it('fires real timers in order and a cancelled timer never', async () => {
    const cluster = await launch<TestMessage>({ module: NODES, factory: 'timers', nodeIds: ['t'] });
    await cluster.waitFor((c) => c.outputs.some((o) => o.label === 'done'));
    expect(cluster.outputs.map((o) => o.label)).toEqual(['keep', 'done']);
    expect(cluster.trace().filter((e) => e.kind === 'timer').map((e) => e.kind === 'timer' && e.name)).toEqual(['keep', 'done']);
  });
});

describe('durable state across kill -9', () => {
  it("keeps exactly the fsynced state in 'fsync' mode: 7 increments, synced every 3, survive as 6", async () => {
    const cluster = await launch<TestMessage>({ module: NODES, factory: 'counter', args: [3], nodeIds: ['n1'], durability: 'fsync' });
    for (let i = 0; i < 7; i++) cluster.inject('n1', { type: 'Inc' });
    await cluster.waitFor((c) => c.outputs.some((o) => o.label === 'count' && o.data === 7));
    await cluster.kill('n1');
    expect(cluster.status('n1')).toBe('crashed');
    expect(cluster.durable('n1').get('count')).toBe(6);
    expect(cluster.durable('n1').readLog('log')).toEqual([1, 2, 3, 4, 5, 6]);
    await cluster.restart('n1');
    await cluster.waitFor((c) => c.outputs.filter((o) => o.label === 'boot').length === 2);
    expect(cluster.outputs.filter((o) => o.label === 'boot').map((o) => o.data)).toEqual([
      { count: 0, log: [] },
      { count: 6, log: [1, 2, 3, 4, 5, 6] },
    ]);
    // The new life goes on from the synced state, and a truncation survives the next crash.
    cluster.inject('n1', { type: 'Inc' });
    cluster.inject('n1', { type: 'Truncate', length: 2 });
    await cluster.waitFor((c) => c.outputs.some((o) => o.label === 'truncated'));
    await cluster.kill('n1');
    expect(cluster.durable('n1').readLog('log')).toEqual([1, 2]);
    expect(cluster.durable('n1').get('count')).toBe(7);
  });

  it("keeps every step's writes in 'immediate' mode", async () => {
    const cluster = await launch<TestMessage>({ module: NODES, factory: 'counter', args: [0], nodeIds: ['n1'] });
    for (let i = 0; i < 5; i++) cluster.inject('n1', { type: 'Inc' });
    await cluster.waitFor((c) => c.outputs.some((o) => o.label === 'count' && o.data === 5));
    await cluster.kill('n1');
    await cluster.restart('n1');
    await cluster.waitFor((c) => c.outputs.filter((o) => o.label === 'boot').length === 2);
    expect(cluster.outputs.filter((o) => o.label === 'boot')[1]?.data).toEqual({ count: 5, log: [1, 2, 3, 4, 5] });
  });

  it('never leaves a mix of two states when killed in the middle of writing', async () => {
    const cluster = await launch<TestMessage>({ module: NODES, factory: 'writer', nodeIds: ['w'] });
    for (let round = 0; round < 2; round++) {
      const seen = cluster.outputs.length;
      await cluster.waitFor((c) => c.outputs.length > seen);
      await cluster.kill('w');
      const disk = cluster.durable('w');
      const count = disk.get<number>('count') ?? 0;
      expect(count, `round ${round}`).toBeGreaterThan(0);
      expect(disk.logLength('log'), `round ${round}`).toBe(2 * count);
      expect(disk.readLog('log', 2 * count - 2), `round ${round}`).toEqual([count, count]);
      await cluster.restart('w');
    }
  });
});

describe('faults on real processes', () => {
  it('partition drops messages both ways until heal; replies reach an outside client', async () => {
    const cluster = await launch<TestMessage>({ module: NODES, factory: 'relay', nodeIds: ['a', 'b'] });
    await cluster.partition(['a'], ['b']);
    cluster.inject('a', { type: 'Forward', to: 'b', text: 'uno' });
    cluster.inject('b', { type: 'Forward', to: 'a', text: 'dos' });
    await cluster.waitFor((c) => c.trace().filter((e) => e.kind === 'drop' && e.reason === 'partition').length === 2);
    expect(cluster.outputs.filter((o) => o.label === 'got')).toEqual([]);
    await cluster.heal();
    cluster.inject('a', { type: 'Forward', to: 'b', text: 'tres' });
    await cluster.waitFor((c) => c.external.length === 1);
    expect(cluster.outputs.filter((o) => o.label === 'got').map((o) => o.data)).toEqual([{ from: 'a', text: 'tres' }]);
    expect(cluster.external[0]).toMatchObject({ from: 'b', to: 'client', message: { type: 'Hello', text: 'ack tres' } });
    const kinds = cluster.trace().map((e) => e.kind);
    expect(kinds).toContain('partition');
    expect(kinds).toContain('heal');
  });

  it('pause holds a node (SIGSTOP) and resume lets its queued messages in', async () => {
    const cluster = await launch<TestMessage>({ module: NODES, factory: 'relay', nodeIds: ['a', 'b'] });
    cluster.pause('b');
    expect(cluster.status('b')).toBe('paused');
    cluster.inject('a', { type: 'Forward', to: 'b', text: 'hola' });
    await cluster.waitFor((c) => c.records.some((r) => r.kind === 'send' && r.from === 'a'));
    await new Promise((r) => setTimeout(r, 100));
    expect(cluster.outputs).toEqual([]);
    cluster.resume('b');
    await cluster.waitFor((c) => c.outputs.some((o) => o.label === 'got'));
    expect(cluster.status('b')).toBe('running');
  });

  it('a message to a killed node is dropped; a node restarted inside a partition stays cut off until heal', async () => {
    const cluster = await launch<TestMessage>({ module: NODES, factory: 'relay', nodeIds: ['a', 'b'] });
    await cluster.kill('b');
    cluster.inject('a', { type: 'Forward', to: 'b', text: 'perdido' });
    cluster.inject('b', { type: 'Hello', text: 'nadie' });
    await cluster.waitFor((c) => c.trace().filter((e) => e.kind === 'drop' && e.reason === 'crashed').length === 2);
    await cluster.partition(['a'], ['b']);
    await cluster.restart('b');
    cluster.inject('a', { type: 'Forward', to: 'b', text: 'cortado' });
    await cluster.waitFor((c) => c.trace().some((e) => e.kind === 'drop' && e.reason === 'partition'));
    await cluster.heal();
    cluster.inject('a', { type: 'Forward', to: 'b', text: 'otra vez' });
    await cluster.waitFor((c) => c.outputs.some((o) => o.label === 'got'));
    expect(cluster.outputs.map((o) => o.data)).toEqual([{ from: 'a', text: 'otra vez' }]);
    expect(cluster.trace().filter((e) => e.kind === 'crash' || e.kind === 'restart').map((e) => e.kind)).toEqual(['crash', 'restart']);
  });
});
