/**
 * Raft (lib/raft) speed, each figure next to a reference measured in the same run:
 * - sweep seeds per second of `raftSweep()` (5 servers, 3 KV clients, 5 s, swarm faults, the
 *   nemesis, four incremental safety checkers and the end-of-run linearizability check) in this
 *   process and on 1 and 2 worker processes (worker figures include starting the workers),
 *   against the bare simulator running the same servers, clients, swarm faults and nemesis with
 *   no checkers, and against lib/sim's raft-lite scenario (no clients, no history);
 * - committed KV operations per second of the kit's Raft as real processes (5 servers, 3
 *   clients), against the same clients on a single-server "cluster" (no replication).
 *
 * Run: `npx tsx bench/raft.bench.ts` (or `npm run bench -- raft`); `BENCH_RAFT_SEEDS=500` for longer.
 */
import { cpus, loadavg } from 'node:os';
import { raftSweep } from '../lib/raft/scenario';
import { raftProcessThroughput } from '../lib/raft/processes';
import { raftLiteScenario, sweepParallel } from '../lib/sim/index';

const seeds = Number(process.env['BENCH_RAFT_SEEDS'] ?? 100);

function inProcess(make: () => { setup(seed: number, o: { trace: boolean }): { stats: { events: number }; finish(): unknown }; run(sim: never): void }, count: number): { seedsPerSecond: number; events: number } {
  const scenario = make();
  let events = 0;
  const started = performance.now();
  for (let seed = 1; seed <= count; seed++) {
    const sim = scenario.setup(seed, { trace: false });
    scenario.run(sim as never);
    sim.finish();
    events += sim.stats.events;
  }
  return { seedsPerSecond: (count * 1000) / (performance.now() - started), events: events / count };
}

async function main(): Promise<void> {
  console.log(`máquina: ${cpus().length} núcleos, carga ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${seeds} semillas por caso`);
  const bare = inProcess(() => raftSweep({ safety: false, linearizability: false }) as never, seeds);
  const full = inProcess(() => raftSweep() as never, seeds);
  const lite = inProcess(() => raftLiteScenario({ durationMs: 5_000 }) as never, seeds);
  console.log(`en proceso: raftSweep ${full.seedsPerSecond.toFixed(1)} semillas/s (${full.events.toFixed(0)} eventos/semilla); ` +
    `simulador desnudo ${bare.seedsPerSecond.toFixed(1)} (×${(bare.seedsPerSecond / full.seedsPerSecond).toFixed(1)}); raft-lite 5 s ${lite.seedsPerSecond.toFixed(1)} (×${(lite.seedsPerSecond / full.seedsPerSecond).toFixed(1)})`);
  const module = { module: `${__dirname}/../lib/raft/scenario.ts`, export: 'raftSweep', args: [{}] };
  for (const workers of [1, 2]) {
    const r = await sweepParallel({ scenario: module, seeds, workers, replays: 0 });
    console.log(`${workers} proceso(s): ${r.seedsPerSecond.toFixed(1)} semillas/s (${r.seedsFailed} con violación), ×${(r.seedsPerSecond / full.seedsPerSecond).toFixed(2)} del caso en proceso; carga ${loadavg()[0]?.toFixed(1)}`);
  }
  const single = await raftProcessThroughput({ nodes: 1, clients: 3, durationMs: 3_000 });
  const five = await raftProcessThroughput({ nodes: 5, clients: 3, durationMs: 3_000 });
  console.log(`procesos reales: 5 servidores ${five.opsPerSecond.toFixed(0)} ops/s comprometidas (${five.committed} en ${(five.loadMs / 1000).toFixed(1)} s, ${five.verdict}); ` +
    `1 servidor ${single.opsPerSecond.toFixed(0)} ops/s (×${(five.opsPerSecond / single.opsPerSecond).toFixed(2)}); carga ${loadavg()[0]?.toFixed(1)}`);
}

void main();
