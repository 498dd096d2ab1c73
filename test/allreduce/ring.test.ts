// The ring AllReduce schedule, the in-memory run, the bandwidth model, the data set, the
// parallelism table and the exercise's bad input: pure code, no threads.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bandwidthModel, chunkBounds, datasetToCsv, generateLogisticDataset, kitRoot, LOGISTIC_DATASET, loadLogisticDataset, parallelismTable,
  parameterServerMs, parseDatasetCsv, plainSum, ringAllReduceInMemory, ringAllReduceMs, ringOrderSum, ringStepChunks,
  trainDataParallelInMemory, trainLogistic, maxRelativeDifference, accuracy,
} from '../../lib/allreduce/index';
import { ringAllReduceChunk } from '../../lib/allreduce/exercises';
import { createRng } from '../../lib/random/index';

describe('ring schedule (Patarasuk & Yuan 2009, §3)', () => {
  it('cuts a vector into N chunks whose sizes differ by at most one, empty ones when length < N', () => {
    expect(chunkBounds(10, 4)).toEqual([[0, 3], [3, 6], [6, 8], [8, 10]]);
    expect(chunkBounds(2, 4)).toEqual([[0, 1], [1, 2], [2, 2], [2, 2]]);
    expect(() => chunkBounds(3, 0)).toThrow(RangeError);
  });

  it('at every step what node r receives is what node r − 1 sends', () => {
    for (let n = 2; n <= 9; n++) {
      for (const phase of ['reduce-scatter', 'all-gather'] as const) {
        for (let s = 0; s < n - 1; s++) {
          for (let r = 0; r < n; r++) expect(ringStepChunks(phase, n, r, s).receive).toBe(ringStepChunks(phase, n, (r - 1 + n) % n, s).send);
        }
      }
    }
  });

  it('in memory equals the ring-order sum bit for bit, and the plain sum within 1e-12 relative, absolute where |x| < 1 (N = 1…8, random vectors)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = createRng(`ring-memory/${seed}`);
      const n = rng.int(1, 8);
      const length = rng.int(0, 30);
      const vectors = Array.from({ length: n }, () => Float64Array.from({ length }, () => rng.normal(0, 1e3)));
      const exact = ringOrderSum(vectors);
      const plain = plainSum(vectors);
      for (const v of ringAllReduceInMemory(vectors)) {
        expect(Array.from(v), `seed ${seed}`).toEqual(Array.from(exact));
        expect(maxRelativeDifference(v, plain), `seed ${seed}`).toBeLessThan(1e-12);
      }
    }
  });
});

describe('α–β bandwidth model', () => {
  it('ring: 2(N − 1) messages of M/N; parameter server: N · M in and out of one link', () => {
    const link = { latencyUs: 0, bandwidthGbps: 8 }; // 1 byte per ns
    expect(ringAllReduceMs(1e6, 4, link)).toBeCloseTo(2 * 3 * (1e6 / 4) / 1e6, 9);
    expect(parameterServerMs(1e6, 4, link)).toBeCloseTo(2 * 4, 9);
    const rows = bandwidthModel(1e6, [2, 4, 16, 64]);
    expect(rows.map((r) => r.ringBytesPerNode)).toEqual([1e6, 1.5e6, 1.875e6, 1.96875e6]);
    expect(rows.every((r) => r.ringMs < r.serverMs)).toBe(true);
    expect(() => ringAllReduceMs(-1, 2)).toThrow(RangeError);
    expect(() => parameterServerMs(10, 0)).toThrow(RangeError);
  });
});

describe('the data set datasets/logistic/logistic.csv', () => {
  it('regenerates byte for byte from its seed (same sha256), and parses back to the same numbers', () => {
    const csv = datasetToCsv(generateLogisticDataset({ seed: LOGISTIC_DATASET.seed }));
    const committed = readFileSync(join(kitRoot(), LOGISTIC_DATASET.file), 'utf8');
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(sha(csv)).toBe(sha(committed));
    expect(committed.length).toBeLessThan(1_000_000);
    const parsed = parseDatasetCsv(committed);
    expect(parsed.rows).toBe(8000);
    expect(parsed.features).toBe(8);
    expect(() => parseDatasetCsv('x1,y\n1,2\n')).toThrow(RangeError);
    expect(() => parseDatasetCsv('a,b\n')).toThrow(RangeError);
    expect(() => generateLogisticDataset({ seed: 1, rows: 0 })).toThrow(RangeError);
  });

  it('data-parallel training in memory equals single-worker training within 1e-12 (relative, absolute where |w| < 1) for N = 1…4', () => {
    const data = loadLogisticDataset();
    const single = trainLogistic(data, { iterations: 30 });
    expect(accuracy(data, single.weights)).toBeGreaterThan(0.75);
    for (let n = 1; n <= 4; n++) expect(maxRelativeDifference(trainDataParallelInMemory(data, n, { iterations: 30 }).weights, single.weights), `N = ${n}`).toBeLessThan(1e-12);
    expect(() => trainLogistic(data, { learningRate: 0 })).toThrow(RangeError);
    expect(() => trainDataParallelInMemory(data, 0)).toThrow(RangeError);
  });
});

describe('the lecture: data parallelism is not "each node trains a part of the model"', () => {
  it('in data parallelism every worker holds all the layers and a part of the rows', () => {
    const table = parallelismTable(2, 100, 4);
    expect(table.filter((r) => r.scheme === 'datos').map((r) => [r.rows, r.layers])).toEqual([['0–49', 'todas (1–4)'], ['50–99', 'todas (1–4)']]);
    expect(table.filter((r) => r.scheme === 'tubería').map((r) => r.layers)).toEqual(['1–2', '3–4']);
    expect(() => parallelismTable(3, 2, 4)).toThrow(RangeError);
  });
});

describe('exercise 12.4: bad input is rejected before the student region', () => {
  it.each([
    ['n no entero', 2.5, 0, 0, TypeError], ['rank texto', 4, '1', 0, TypeError], ['n = 0', 0, 0, 0, RangeError],
    ['rank = n', 4, 4, 0, RangeError], ['rank negativo', 4, -1, 0, RangeError], ['step = 2(n − 1)', 4, 0, 6, RangeError],
    ['step negativo', 4, 0, -1, RangeError], ['n = 1', 1, 0, 0, RangeError],
  ])('%s', (_name, n, rank, step, error) => {
    expect(() => ringAllReduceChunk(n as number, rank as number, step as number)).toThrow(error as ErrorConstructor);
  });
});
