/**
 * Sweep throughput: seeds per second of the 5-node, 10 s Raft-lite scenario (swarm faults, the
 * nemesis, a client request every 100 ms, the four incremental checkers), in this process and
 * on 1 and 2 worker processes, each next to a reference measured in the same run: the bare
 * simulator running the same nodes with no checkers and no nemesis. A naive all-pairs Log
 * Matching checker (every log against every other after every event) shows what the
 * incremental ones save.
 *
 * In-process cases run in rounds (bare, checkers, full, one after another; the median round is
 * reported), as the machine's speed drifts over seconds. Worker figures include starting the
 * workers (tsx compiles the scenario in each), as a real sweep pays it.
 *
 * Run: `npx tsx bench/sweep.bench.ts` (or `npm run bench -- sweep`); `BENCH_SWEEP_SEEDS=2000`
 * for longer runs.
 */
import { checker, raftLiteScenario, sweep, sweepParallel } from '../lib/sim/index';
import type { RaftLiteMessage, RaftLiteNode, RaftLiteScenarioOptions } from '../lib/sim/index';
import { raftLiteCheckers } from '../lib/sim/examples/raft-lite-checkers';
import { Simulation } from '../lib/sim/simulation';
import { raftLite } from '../lib/sim/examples/raft-lite';

const seeds = Number(process.env['BENCH_SWEEP_SEEDS'] ?? 300);
const rounds = 3;

/** Runs `count` seeds of a scenario in this process; returns seeds/s and µs/event. */
function inProcess(options: RaftLiteScenarioOptions, count: number, first = 1): { seedsPerSecond: number; usPerEvent: number; events: number } {
  const scenario = raftLiteScenario(options);
  let events = 0;
  const started = performance.now();
  for (let seed = first; seed < first + count; seed++) {
    const sim = scenario.setup(seed, { trace: false });
    scenario.run(sim);
    events += sim.stats.events;
  }
  const ms = performance.now() - started;
  return { seedsPerSecond: (count * 1000) / ms, usPerEvent: (ms * 1000) / events, events: events / count };
}

/** The naive reference for Log Matching: after every event, every pair of live logs, every index. */
const naiveLogMatching = checker<RaftLiteMessage, RaftLiteNode>('naiveLogMatching', () => ({
  onEvent: (_event, cluster) => {
    const logs = [...cluster.nodes.values()].map((n) => n.log);
    for (const a of logs) {
      for (const b of logs) {
        for (let i = 0; i < Math.min(a.length, b.length); i++) {
          if (a[i]?.term !== b[i]?.term) continue;
          for (let j = 0; j <= i; j++) if (a[j]?.term !== b[j]?.term || a[j]?.command !== b[j]?.command) return `log ${i + 1}`;
        }
      }
    }
    return undefined;
  },
}));

function checkerCost(kind: 'incremental' | 'naive', count: number): number {
  const started = performance.now();
  for (let seed = 1; seed <= count; seed++) {
    const checkers = kind === 'naive' ? [naiveLogMatching] : [raftLiteCheckers()[1]!];
    const sim = new Simulation<RaftLiteMessage, RaftLiteNode>({ seed, trace: false, nodeIds: ['n1', 'n2', 'n3', 'n4', 'n5'], createNode: raftLite(), checkers });
    for (let t = 100, k = 1; t < 3_000; t += 100, k++) {
      sim.at(t, () => {
        for (const node of sim.nodes.values()) if (node.role === 'leader') sim.inject(node.id, { type: 'ClientRequest', command: `c${k}` });
      });
    }
    sim.runFor(3_000);
  }
  return (performance.now() - started) / count;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (x: number) => x.toFixed(0).padStart(5);

async function main(): Promise<void> {
  console.log(`Raft-lite sweep: 5 nodes, 10 s simulated, ${seeds} seeds per case (${rounds} rounds in process)`);
  inProcess({}, 20, 100_000); // warm-up
  const bare: number[] = [];
  const checkers: number[] = [];
  const full: number[] = [];
  let shape = { bare: 0, full: 0, usBare: 0, usFull: 0 };
  for (let r = 0; r < rounds; r++) {
    const b = inProcess({ checkers: false, nemesis: false }, seeds);
    const c = inProcess({ nemesis: false }, seeds);
    const f = inProcess({}, seeds);
    bare.push(b.seedsPerSecond);
    checkers.push(c.seedsPerSecond);
    full.push(f.seedsPerSecond);
    shape = { bare: b.events, full: f.events, usBare: b.usPerEvent, usFull: f.usPerEvent };
  }
  const ref = median(bare);
  console.log(`  reference: bare simulator (swarm faults, no checkers, no nemesis) ${fmt(ref)} seeds/s  (${shape.bare.toFixed(0)} events/seed, ${shape.usBare.toFixed(2)} µs/event)`);
  console.log(`  + 4 incremental checkers                                         ${fmt(median(checkers))} seeds/s  ×${(ref / median(checkers)).toFixed(2)} the reference's time per seed`);
  console.log(`  + nemesis (full scenario; crashes end some runs' traffic early)   ${fmt(median(full))} seeds/s  (${shape.full.toFixed(0)} events/seed, ${shape.usFull.toFixed(2)} µs/event)`);
  const local = sweep({ seeds, scenario: raftLiteScenario(), replays: 0 });
  console.log(`  sweep() in this process (full scenario)                          ${fmt(local.seedsPerSecond)} seeds/s`);
  const module = { module: 'lib/sim/examples/raft-lite-scenario.ts', export: 'raftLiteScenario', args: [{}] };
  for (const workers of [1, 2]) {
    const before = inProcess({ checkers: false, nemesis: false }, Math.max(20, seeds / 5)).seedsPerSecond;
    const result = await sweepParallel({ scenario: module, seeds: seeds * 2, workers, replays: 0 });
    console.log(
      `  sweepParallel, ${workers} worker${workers > 1 ? 's' : ' '} (${seeds * 2} seeds, startup included)       ${fmt(result.seedsPerSecond)} seeds/s  ` +
        `(bare reference just before: ${fmt(before)}); 10,000 seeds would take ${(10_000 / result.seedsPerSecond).toFixed(0)} s`,
    );
  }
  const few = Math.max(2, Math.round(seeds / 100));
  const incremental = checkerCost('incremental', few);
  const naive = checkerCost('naive', few);
  console.log(`  Log Matching alone (no faults, 3 s runs), ${few} seeds: incremental ${incremental.toFixed(1)} ms/seed, naive all-pairs ${naive.toFixed(1)} ms/seed (×${(naive / incremental).toFixed(1)})`);
}

void main();
