// The master on real worker threads: the output is byte-identical to the single-thread
// reference with and without crashes, over several seeds; bad input is reported, never a hang;
// no thread is left behind by any test. No timing assertions (speed is in the bench).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import {
  FAULT_KINDS, LECTURE_MODULE, liveWorkerThreads, poolMap, renderSerially, runMasterWorker,
} from '../../lib/master-worker/index';
import type { FaultKind, MasterWorkerRun, PlantedFault, VideoSpec } from '../../lib/master-worker/index';

/** A small video: 6 fragments of 1 s, a few milliseconds of work each. */
const video = (seed: string): VideoSpec => ({ seed, durationS: 6, fps: 6, width: 32, height: 20 });
const TIMEOUT_MS = 1000;

function threadResources(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;
}
const resourcesBefore = threadResources();

afterEach(() => {
  expect(liveWorkerThreads(), 'a worker thread was left running').toBe(0);
});
afterAll(async () => {
  await new Promise((r) => setImmediate(r));
  expect(liveWorkerThreads()).toBe(0);
  expect(threadResources(), `thread handles left: ${process.getActiveResourcesInfo().join(', ')}`).toBeLessThanOrEqual(resourcesBefore);
});

/** A seed's faults: one or two fragments, each with a fault kind drawn from the seed. */
function faultsFor(seed: string, kinds: readonly FaultKind[]): PlantedFault[] {
  const rng = createRng(`faults:${seed}`);
  const fragments = rng.sample([0, 1, 2, 3, 4, 5], rng.int(1, 2));
  return fragments.map((fragment) => ({ fragment, kind: rng.choice(kinds) }));
}

describe('the render on real worker threads', () => {
  it('without faults, 1 and 3 workers give the single-thread reference, byte for byte', async () => {
    const v = video('limpio');
    const reference = renderSerially(v, 1);
    const [one, three] = await Promise.all([1, 3].map((workers) => runMasterWorker({ video: v, fragmentS: 1, workers, timeoutMs: TIMEOUT_MS, keepOutput: true })));
    for (const run of [one!, three!]) {
      expect(run.sha256).toBe(reference.sha256);
      expect(Buffer.from(run.output!).equals(Buffer.from(reference.bytes))).toBe(true);
      expect(run.problems).toEqual([]);
      expect(run.events.filter((e) => e.kind === 'result').map((e) => e.fragment).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    }
    expect(three!.threadsStarted).toBe(3);
  });

  const seeds = ['s1', 's2', 's3', 's4', 's5'];
  it(`with a worker that crashes mid-fragment (throws, hangs or is terminated), the output is identical: seeds ${seeds.join(', ')}`, async () => {
    const runs = await Promise.all(seeds.map(async (seed) => {
      const faults = faultsFor(seed, ['throw', 'hang', 'terminate']);
      const run = await runMasterWorker({ video: video(seed), fragmentS: 1, workers: 2, timeoutMs: TIMEOUT_MS, faults });
      return { seed, faults, run };
    }));
    for (const { seed, faults, run } of runs) {
      const text = `seed ${seed}, faults ${JSON.stringify(faults)}`;
      expect(run.sha256, text).toBe(renderSerially(video(seed), 1).sha256);
      for (const fault of faults) {
        // The master noticed by the deadline and handed the fragment to another thread.
        expect(run.events.some((e) => e.kind === 'timeout' && e.fragment === fault.fragment), text).toBe(true);
        expect(run.reassigned.some((r) => r.fragment === fault.fragment && r.reason === 'plazo vencido'), text).toBe(true);
        expect(run.attempts[fault.fragment], text).toBeGreaterThanOrEqual(2);
        const accepted = run.events.filter((e) => e.kind === 'result' && e.fragment === fault.fragment);
        expect(accepted, text).toHaveLength(1);
      }
      expect(run.threadsStarted, text).toBeGreaterThanOrEqual(2 + faults.length);
    }
  });

  it('a worker answering garbage or bytes that fail their hash is reported, replaced, and the output is still identical', async () => {
    const v = video('basura');
    const faults: PlantedFault[] = [{ fragment: 1, kind: 'garbage' }, { fragment: 4, kind: 'corrupt' }];
    const run: MasterWorkerRun = await runMasterWorker({ video: v, fragmentS: 1, workers: 2, timeoutMs: TIMEOUT_MS, faults });
    expect(run.sha256).toBe(renderSerially(v, 1).sha256);
    expect(run.problems.some((p) => /mensaje no válido del trabajador/.test(p)), run.problems.join(' | ')).toBe(true);
    expect(run.problems.some((p) => /no coinciden con su sha256/.test(p)), run.problems.join(' | ')).toBe(true);
    expect(run.reassigned.filter((r) => r.reason === 'respuesta no válida').map((r) => r.fragment).sort()).toEqual([1, 4]);
  });

  it('a fragment that kills every worker it is given ends the render with a clear error, and no thread is left', async () => {
    const faults: PlantedFault[] = [1, 2, 3].map((attempt) => ({ fragment: 2, kind: 'corrupt' as const, attempt }));
    await expect(runMasterWorker({ video: video('veneno'), fragmentS: 1, workers: 2, timeoutMs: TIMEOUT_MS, faults, maxAttempts: 3 }))
      .rejects.toThrow(/el fragmento 2 falló 3 veces/);
    expect(liveWorkerThreads()).toBe(0);
  });

  it('a planner that loses a fragment is reported instead of hanging', async () => {
    const losing = (state: { pending: readonly number[]; running: readonly never[]; idle: readonly string[] }) => ({ pending: [], running: [], idle: [...state.idle], assigned: [], timedOut: [] });
    await expect(runMasterWorker({ video: video('planificador'), fragmentS: 1, workers: 1, timeoutMs: TIMEOUT_MS, plan: losing as never }))
      .rejects.toThrow(/perdió o inventó fragmentos/);
  });

  it.each([
    ['0 workers', { workers: 0 }, /workers debe ser un entero entre 1 y 32/],
    ['2.5 workers', { workers: 2.5 }, /workers/],
    ['a negative deadline', { workers: 1, timeoutMs: -5 }, /timeoutMs/],
    ['an unknown fault kind', { workers: 1, faults: [{ fragment: 0, kind: 'explode' }] }, /kind debe ser uno de/],
    ['a fault on a fragment that does not exist', { workers: 1, faults: [{ fragment: 99, kind: 'throw' }] }, /no existe/],
    ['a bad video', { workers: 1, video: { seed: 1, durationS: -1, fps: 1, width: 8, height: 8 } }, /durationS/],
    ['maxAttempts 0', { workers: 1, maxAttempts: 0 }, /maxAttempts/],
  ])('rejects bad parameters before starting any thread: %s', async (_name, options, message) => {
    await expect(runMasterWorker({ video: video('malo'), fragmentS: 1, ...(options as object) } as never)).rejects.toThrow(message);
    expect(liveWorkerThreads()).toBe(0);
  });

  it('knows every fault kind it is told about', () => {
    expect([...FAULT_KINDS].sort()).toEqual(['corrupt', 'garbage', 'hang', 'terminate', 'throw']);
  });
});

describe("the lecture's Pool(5).map, in TypeScript", () => {
  it('returns the results in the items’ order and uses all five threads', async () => {
    const items = Array.from({ length: 100 }, (_, i) => i + 1);
    const { results, ranOn } = await poolMap<number, string>({ workers: 5, module: LECTURE_MODULE, fn: 'renderFrame', items });
    expect(results).toEqual(items.map((i) => `Frame ${i} processed`));
    expect(new Set(ranOn).size).toBeGreaterThanOrEqual(2);
  });

  it('reports an unknown function and a bad pool size clearly', async () => {
    await expect(poolMap({ workers: 2, module: LECTURE_MODULE, fn: 'noExiste', items: [1] })).rejects.toThrow(/no exporta una función noExiste/);
    await expect(poolMap({ workers: 0, module: LECTURE_MODULE, fn: 'renderFrame', items: [1] })).rejects.toThrow(/workers/);
  });
});
