// Chapter 07's real election: three processes campaign on an etcd cluster of 3 members on
// 127.0.0.1 with 2 s leases; the leader is frozen past its lease (SIGSTOP), the next candidate
// leads with a higher key revision, and the fenced store refuses the frozen leader's late write.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etcdElectionExperiment } from '../../lib/lease/etcd-election';
import { etcdBinary, startEtcdCluster } from '../../lib/services/etcd';
import type { EtcdCluster } from '../../lib/services/etcd';
import { findBinary } from '../../lib/services/process';

const missing = etcdBinary() === undefined ? 'etcd no está instalado (sudo apt-get install etcd-server)' : findBinary('etcdctl') === undefined ? 'etcdctl no está instalado (sudo apt-get install etcd-client)' : undefined;
let cluster: EtcdCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
});

/** Command lines of live processes matching `pattern` (pgrep -f), without this pgrep itself. */
function live(pattern: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', pattern], { encoding: 'utf8' }).split('\n').filter((l) => l.trim() !== '' && !l.includes('pgrep'));
  } catch {
    return []; // pgrep exits with 1 when nothing matches
  }
}

describe.skipIf(missing !== undefined)(`etcd election with a frozen leader${missing === undefined ? '' : ` (saltado: ${missing})`}`, () => {
  it('B leads after A\'s lease expires, with a higher revision; A\'s late write is refused; no process is left', async () => {
    cluster = await startEtcdCluster({ members: 3 });
    let outcome: Awaited<ReturnType<typeof etcdElectionExperiment>> | undefined;
    let failure: unknown;
    try {
      outcome = await etcdElectionExperiment({ endpoints: cluster.endpoints(), ttlSeconds: 2, candidates: 3 });
    } catch (error) {
      failure = error;
    }
    // Checked even when the experiment failed: it must have stopped what it started.
    expect(live('etcdctl elect'), 'an etcdctl elect process is still alive').toEqual([]);
    expect(live('cap07-eleccion'), 'a candidate process is still alive').toEqual([]);
    if (failure !== undefined) throw failure;
    const r = outcome as NonNullable<typeof outcome>;
    expect(r.leaders.map((l) => l.who)).toEqual(['A', 'B']);
    const [first, second] = r.leaders;
    expect(second?.revision ?? 0).toBeGreaterThan(first?.revision ?? Infinity);
    expect(r.reportedLeader).toEqual(second);
    expect(r.observed).toContain('B');
    expect(r.observed.indexOf('B')).toBeGreaterThan(r.observed.indexOf('A'));
    expect(r.writes.map((w) => [w.who, w.accepted])).toEqual([['B', true], ['A', false]]);
    expect(r.fencedValue).toBe(`B@${second?.revision}`);
    expect(r.unfencedValue).toBe(`A@${first?.revision}`);
  }, 40_000);

  it('a run that cannot finish in time fails with a clear error and still stops every process', async () => {
    if (cluster === undefined) throw new Error('no cluster');
    // 800 ms is less than A's 2 s lease: B cannot become leader before the deadline.
    await expect(etcdElectionExperiment({ endpoints: cluster.endpoints(), ttlSeconds: 2, candidates: 2, timeoutMs: 800, electionName: 'cap07-eleccion-corta' })).rejects.toThrow(/no llegó en/);
    expect(live('etcdctl elect'), 'an etcdctl elect process is still alive').toEqual([]);
    expect(live('cap07-eleccion'), 'a candidate process is still alive').toEqual([]);
  }, 20_000);

  it('refuses bad options with a clear error, starting nothing', async () => {
    await expect(etcdElectionExperiment({ endpoints: ['http://127.0.0.1:1'], candidates: 5 })).rejects.toThrow(/candidates debe ser 2 o 3/);
    await expect(etcdElectionExperiment({ endpoints: ['http://127.0.0.1:1'], ttlSeconds: 0 })).rejects.toThrow(/ttlSeconds/);
    await expect(etcdElectionExperiment({ endpoints: ['http://10.0.0.1:2379'] })).rejects.toThrow(/127\.0\.0\.1/);
  });
});
