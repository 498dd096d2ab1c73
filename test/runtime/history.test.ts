import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkLinearizability, registerModel } from '../../lib/linearizability/index';
import { launchCluster, runtimeProcesses } from '../../lib/runtime/index';
import type { Cluster } from '../../lib/runtime/index';
import type { RegisterMessage } from './fixtures/nodes';

const NODES = join(__dirname, 'fixtures', 'nodes');
let cluster: Cluster<RegisterMessage> | undefined;

afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

afterAll(() => {
  expect(runtimeProcesses(`${process.pid}.`) ?? []).toEqual([]);
});

const write = (c: Cluster<RegisterMessage>, to: string, value: number, client: string) =>
  c.request(to, { type: 'Write', value }, { client, input: { f: 'write', value }, isReply: (m) => m.type === 'WriteOk', output: () => undefined });
const read = (c: Cluster<RegisterMessage>, to: string, client: string, timeoutMs?: number) =>
  c.request(to, { type: 'Read' }, { client, timeoutMs, input: { f: 'read' }, isReply: (m) => m.type === 'ReadOk', output: (m) => (m.type === 'ReadOk' ? m.value : undefined) });

describe('client histories of a real run, checked for linearizability', () => {
  it('records concurrent operations of three clients on one node: linearizable', async () => {
    cluster = await launchCluster<RegisterMessage>({ module: NODES, factory: 'lazyRegister', nodeIds: ['a'] });
    const c = cluster;
    await Promise.all(['c1', 'c2', 'c3'].map(async (client, i) => {
      for (let k = 0; k < 4; k++) {
        await write(c, 'a', 10 * i + k, client);
        await read(c, 'a', client);
      }
    }));
    const history = cluster.history();
    expect(history).toHaveLength(24);
    expect(history.every((op) => op.status === 'ok' && (op.completeMs as number) >= op.invokeMs)).toBe(true);
    expect(history.map((op) => op.id)).toEqual([...Array(24).keys()]);
    expect(checkLinearizability(registerModel(), history).verdict).toBe('ok');
  });

  it('catches a stale read from a partitioned replica, and records an unanswered request as info', async () => {
    cluster = await launchCluster<RegisterMessage>({ module: NODES, factory: 'lazyRegister', nodeIds: ['a', 'b'] });
    await cluster.partition(['a'], ['b']);
    await write(cluster, 'a', 1, 'c1');
    expect(await read(cluster, 'b', 'c2')).toEqual({ type: 'ReadOk', value: null });
    expect(checkLinearizability(registerModel(), cluster.history()).verdict).toBe('illegal');
    await cluster.kill('b');
    expect(await read(cluster, 'b', 'c2', 300)).toBeUndefined();
    expect(cluster.history()[2]).toMatchObject({ client: 'c2', status: 'info', input: { f: 'read' } });
    expect(cluster.history()[2]?.completeMs).toBeUndefined();
  });
});
