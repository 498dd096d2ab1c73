import { describe, expect, it } from 'vitest';
import { raftLiteScenario, sweep, sweepParallel } from '../../lib/sim/index';

const scenario = { module: 'lib/sim/examples/raft-lite-scenario.ts', export: 'raftLiteScenario', args: [{ raft: { unpersistedVotes: true }, durationMs: 2_000 }] };
// Seed 13 of this short scenario fails (two leaders in one term); the others pass.
const local = (options: { seeds: number; replays?: number; stopAtFirst?: boolean }) => sweep({ scenario: raftLiteScenario({ raft: { unpersistedVotes: true }, durationMs: 2_000 }), ...options });

/** Resolves once process `pid` no longer exists (or rejects after `limitMs`). */
async function gone(pid: number, limitMs = 5_000): Promise<void> {
  for (let waited = 0; waited < limitMs; waited += 50) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`worker ${pid} is still running`);
}

const strip = (r: { seedsRun: number; seedsFailed: number; events: number; violationsByChecker: object; failures: readonly { seed: unknown; violation: unknown; explanation?: { report: string } }[] }) => ({
  seedsRun: r.seedsRun,
  seedsFailed: r.seedsFailed,
  events: r.events,
  byChecker: r.violationsByChecker,
  failures: r.failures.map((f) => [f.seed, f.violation, f.explanation?.report]),
});

describe('parallel sweeps', () => {
  it('give the same counts, failing seeds and reports with 1 and 2 workers as in one process, and leave no process behind', async () => {
    const pids: number[] = [];
    const seeds = 16;
    const one = await sweepParallel({ scenario, seeds, workers: 1, batchSize: 5, replays: 2, onWorkerStart: (pid) => pids.push(pid) });
    const two = await sweepParallel({ scenario, seeds, workers: 2, batchSize: 5, replays: 2, onWorkerStart: (pid) => pids.push(pid) });
    const inProcess = local({ seeds, replays: 2 });
    expect(one.seedsFailed).toBeGreaterThan(0);
    expect(strip(one)).toEqual(strip(inProcess));
    expect(strip(two)).toEqual(strip(inProcess));
    expect(pids).toHaveLength(3);
    for (const pid of pids) await gone(pid);
  }, 60_000);

  it('stop at the first failing seed deterministically, and split into shards', async () => {
    const first = await sweepParallel({ scenario, seeds: 16, workers: 2, batchSize: 4, stopAtFirst: true });
    expect(first.seedsFailed).toBe(1);
    expect(strip(first)).toEqual(strip(local({ seeds: 16, stopAtFirst: true })));
    const shard = await sweepParallel({ scenario, seeds: 16, workers: 1, shard: { index: 0, count: 2 }, replays: 0 });
    expect(shard.seedsRun).toBe(8);
    expect(shard.failures.map((f) => f.seed)).toEqual([13]);
  }, 60_000);

  it('rejects with a clear error for a module without that export, leaving no worker behind', async () => {
    const pids: number[] = [];
    await expect(sweepParallel({ scenario: { module: scenario.module, export: 'nope' }, seeds: 4, workers: 1, onWorkerStart: (pid) => pids.push(pid) })).rejects.toThrow(/has no export "nope"/);
    for (const pid of pids) await gone(pid);
  }, 60_000);
});
