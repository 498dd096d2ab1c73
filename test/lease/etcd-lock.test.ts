// Chapter 07's real coordination: two `etcdctl lock` processes on an etcd cluster of 3 members
// on 127.0.0.1; the holder is frozen past its lease (SIGSTOP), the other gets the lock with a
// higher revision, and the fenced store refuses the frozen holder's late write.
import { afterAll, describe, expect, it } from 'vitest';
import { etcdLockExperiment } from '../../lib/lease/etcd-lock';
import { etcdBinary, startEtcdCluster } from '../../lib/services/etcd';
import type { EtcdCluster } from '../../lib/services/etcd';
import { findBinary } from '../../lib/services/process';

const missing = etcdBinary() === undefined ? 'etcd no está instalado (sudo apt-get install etcd-server)' : findBinary('etcdctl') === undefined ? 'etcdctl no está instalado (sudo apt-get install etcd-client)' : undefined;
let cluster: EtcdCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
});

describe.skipIf(missing !== undefined)(`etcd lock with a frozen holder${missing === undefined ? '' : ` (saltado: ${missing})`}`, () => {
  it('the revision is a fencing token: B gets a higher one, A\'s late write is refused', async () => {
    cluster = await startEtcdCluster({ members: 3 });
    const result = await etcdLockExperiment({ endpoints: cluster.endpoints(), ttlSeconds: 2 });
    expect(result.tokenB).toBeGreaterThan(result.tokenA);
    expect(result.writes.map((w) => [w.who, w.accepted])).toEqual([['B', true], ['A', false]]);
    expect(result.fencedValue).toBe(`B@${result.tokenB}`);
    expect(result.unfencedValue).toBe(`A@${result.tokenA}`);
  }, 60_000);
});
