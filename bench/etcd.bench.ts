/**
 * Committed operations per second of a real 3-member etcd (Debian's etcd 3.4, on 127.0.0.1)
 * and of the kit's Raft as 3 real processes (lib/raft's `raftProcessThroughput`), measured in
 * the same run with the same load shape: `CLIENTS` closed-loop clients, one operation at a
 * time each, two writes for every read (linearizable reads), no faults. Prints both figures and
 * the ratio; beating etcd is not the goal, knowing the cost is. Skips etcd (with the install
 * command) when it is absent.
 *
 * Run: `npx tsx bench/etcd.bench.ts` (or `npm run bench -- etcd`). `ETCD_BENCH_MS` sets the load time (default 3,000).
 */
import { performance } from 'node:perf_hooks';
import { raftProcessThroughput } from '../lib/raft/processes';
import { etcdClient, ServiceMissing, startEtcdCluster } from '../lib/services/index';

const CLIENTS = 4;
const DURATION_MS = Number(process.env.ETCD_BENCH_MS ?? 3_000);

async function etcdThroughput(): Promise<{ opsPerSecond: number; committed: number } | string> {
  let cluster;
  try {
    cluster = await startEtcdCluster({ members: 3 });
  } catch (error) {
    if (error instanceof ServiceMissing) return error.message;
    throw error;
  }
  try {
    const endpoints = cluster.endpoints();
    let committed = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
      const client = etcdClient([endpoints[i % endpoints.length] as string], { timeoutMs: 2_000 });
      for (let k = 1; performance.now() - start < DURATION_MS; k++) {
        if (k % 3 === 0) await client.get(`k${k % 3}`);
        else await client.put(`k${k % 3}`, `c${i}.${k}`);
        committed++;
      }
    }));
    return { opsPerSecond: committed / ((performance.now() - start) / 1_000), committed };
  } finally {
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  const kit = await raftProcessThroughput({ nodes: 3, clients: CLIENTS, durationMs: DURATION_MS, raft: { electionTimeoutMs: [1_000, 2_000], heartbeatMs: 100 } });
  const etcd = await etcdThroughput();
  const f = (x: number) => x.toFixed(0).padStart(7);
  console.log(`kit Raft, 3 procesos, ${CLIENTS} clientes: ${f(kit.opsPerSecond)} ops/s comprometidas (${kit.committed} en ${kit.loadMs.toFixed(0)} ms, historia ${kit.verdict})`);
  if (typeof etcd === 'string') {
    console.log(`etcd: ${etcd}`);
    return;
  }
  console.log(`etcd 3.4, 3 miembros, ${CLIENTS} clientes: ${f(etcd.opsPerSecond)} ops/s comprometidas (${etcd.committed})`);
  console.log(`razón etcd / kit: ${(etcd.opsPerSecond / kit.opsPerSecond).toFixed(2)}× (mismo proceso, medidos uno tras otro)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
