// The transcoding ladder on real worker threads: renditions byte-identical to the serial
// reference for 1, 2 and 3 workers and when a worker dies mid-segment; no thread left behind.
// Small source (8 s) so the whole file stays well under a second of work. No timing assertions.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ladderTasks, liveWorkerThreads, NETFLIX_LADDER, transcodeLadder, transcodeSerially, validateLadder } from '../../lib/streaming/index';
import type { SourceVideo } from '../../lib/streaming/index';

const source: SourceVideo = { seed: 'prueba-12', durationS: 8, fps: 6 };
const reference = transcodeSerially(source, NETFLIX_LADDER, 4);
const hashes = (r: { sha256: string }[]) => r.map((x) => x.sha256);

afterEach(() => {
  expect(liveWorkerThreads(), 'a worker thread was left running').toBe(0);
});
afterAll(async () => {
  await new Promise((r) => setImmediate(r));
  expect(liveWorkerThreads()).toBe(0);
});

describe('the ladder as tasks', () => {
  it('has one task per (segment, rung), biggest first, each rung at its own synthetic size', () => {
    const tasks = ladderTasks(source, NETFLIX_LADDER, 4);
    expect(tasks).toHaveLength(2 * 4);
    expect(tasks.map((t) => t.work)).toEqual([...tasks.map((t) => t.work)].sort((a, b) => b - a));
    expect(tasks[0]?.rung).toBe(3);
    expect(new Set(tasks.map((t) => `${t.rung}/${t.segment.index}`)).size).toBe(8);
  });
  it('renditions grow with the rung (more pixels, more bytes) and are deterministic', () => {
    expect(reference.map((r) => r.rung)).toEqual(['480p', '720p', '1080p', '4K']);
    for (let i = 1; i < reference.length; i++) expect(reference[i]!.bytes).toBeGreaterThan(reference[i - 1]!.bytes);
    expect(hashes(transcodeSerially(source, NETFLIX_LADDER, 4))).toEqual(hashes(reference));
  });
  it('rejects an empty or unsorted ladder in Spanish', () => {
    expect(() => validateLadder([])).toThrow(/no vacía/);
    expect(() => validateLadder([NETFLIX_LADDER[1]!, NETFLIX_LADDER[0]!])).toThrow(/creciente/);
  });
});

describe('on real worker threads', () => {
  it('1, 2 and 3 workers give the serial renditions byte for byte', async () => {
    for (const workers of [1, 2, 3]) {
      const run = await transcodeLadder({ workers, source, segmentS: 4 });
      expect(hashes(run.renditions), `${workers} workers`).toEqual(hashes(reference));
      expect(run.redone).toEqual([]);
      expect(run.tries.filter((t) => t.outcome === 'ok')).toHaveLength(8);
    }
    const oneAtATime = await transcodeLadder({ workers: 2, source, segmentS: 4, prefetch: 1 });
    expect(hashes(oneAtATime.renditions)).toEqual(hashes(reference));
  });
  it.each(['throw', 'terminate', 'hang'] as const)('a worker that dies mid-segment (%s): the segment is redone, output identical', async (kind) => {
    // A short silence deadline only for the hang; on a loaded machine a healthy worker could
    // also miss it (then it is replaced too, and the output must still be the same).
    const run = await transcodeLadder({ workers: 2, source, segmentS: 4, faults: [{ segment: 1, rung: 3, kind }], timeoutMs: kind === 'hang' ? 400 : 5000 });
    expect(hashes(run.renditions)).toEqual(hashes(reference));
    expect(run.redone.map((r) => [r.segment, r.rung])).toContainEqual([1, '4K']);
    expect(run.threadsStarted).toBeGreaterThanOrEqual(3);
    expect(run.tries.filter((t) => t.outcome === 'muerto').length).toBe(run.redone.length);
  });
  it('bad options are a clear Spanish error, and nothing is left running', async () => {
    await expect(transcodeLadder({ workers: 0 })).rejects.toThrow(/workers debe ser/);
    await expect(transcodeLadder({ workers: 1, prefetch: 0 })).rejects.toThrow(/prefetch debe ser/);
    await expect(transcodeLadder({ workers: 1, source, faults: [{ segment: 9, rung: 0, kind: 'throw' }] })).rejects.toThrow(/fallo no válido/);
  });
});
