// A seeded sweep of the engine with in-process workers (fast): 60 random datasets, and in 24 of them
// a worker "crashes" mid-task (its server closes every connection) while its handler finishes later,
// as a zombie worker would: the atomic rename makes the late, duplicate write harmless.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runMapReduce, runSequential } from '../../lib/mapreduce/index';
import { createRng } from '../../lib/random/index';
import { randomCase, Servers, tcpHandles, workDir } from './helpers';

const servers = new Servers();
const baselineTcp = tcpHandles();

afterAll(async () => {
  await servers.closeAll();
  for (let i = 0; i < 50 && tcpHandles() > baselineTcp; i++) await new Promise((r) => setTimeout(r, 20));
  expect(tcpHandles()).toBeLessThanOrEqual(baselineTcp);
});

describe('MapReduce sweep, in-process workers', () => {
  it('equals the single-process reference on 60 seeds, 24 of them with a worker crashing mid-task', async () => {
    let crashes = 0;
    for (let seed = 100; seed < 160; seed++) {
      const c = randomCase(seed);
      const expected = runSequential(c.job, c.lines);
      const workers = [await servers.worker('w1'), await servers.worker('w2'), await servers.worker('w3')];
      const rng = createRng(`crash-${seed}`);
      const crash = seed % 5 < 2;
      const victim = crash ? (rng.bernoulli(0.5) ? `map ${rng.int(0, c.nMap - 1)}` : `reduce ${rng.int(0, c.nReduce - 1)}`) : '';
      const run = await runMapReduce({
        ...c, workers, dir: workDir(`sweep-${seed}`),
        delayMs: (task, attempt) => (task === victim && attempt === 1 ? 40 : 0),
        onAttemptStart: ({ task, worker, attempt }) => {
          if (task !== victim || attempt !== 1) return;
          setTimeout(() => void workers.find((w) => w.id === worker)!.server.close(), 10);
        },
      });
      expect(run.result, `seed ${seed} (victim ${victim || 'none'})`).toEqual(expected.result);
      expect(run.records, `seed ${seed}`).toBe(expected.records);
      if (crash) {
        crashes += 1;
        expect(run.attempts.filter((a) => a.outcome !== 'ok').map((a) => a.task), `seed ${seed}`).toEqual([victim]);
        expect(run.attempts.some((a) => a.task === victim && a.outcome === 'ok' && a.attempt === 2), `seed ${seed}`).toBe(true);
      } else {
        expect(run.reports, `seed ${seed}`).toEqual([]);
      }
      expect(existsSync(workDir(`sweep-${seed}`)), `seed ${seed}`).toBe(false);
      await servers.closeAll();
    }
    expect(crashes).toBe(24);
    // Let the zombie handlers' last timers run out before the leak check.
    await new Promise((r) => setTimeout(r, 100));
  }, 40_000);
});
