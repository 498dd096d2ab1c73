// Ring AllReduce and data-parallel training on real worker threads over MessagePorts: equal to
// the sum and to single-worker training, a dying or hanging thread fails the operation with a
// clear error (never a hang), and no thread is left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AllReducePool, generateLogisticDataset, liveAllReduceThreads, loadLogisticDataset, maxRelativeDifference, plainSum, ringOrderSum, trainDataParallelInMemory, trainLogistic,
} from '../../lib/allreduce/index';
import { createRng } from '../../lib/random/index';

let pool: AllReducePool;
beforeAll(async () => {
  pool = await AllReducePool.start(8);
});
afterAll(async () => {
  await pool.close();
  expect(liveAllReduceThreads(), 'an AllReduce thread was left running').toBe(0);
});

describe('ring AllReduce on worker threads', () => {
  it('equals the ring-order sum exactly and the plain sum within 1e-12 (relative, absolute where |x| < 1), N = 1…8, random vectors', async () => {
    for (let n = 1; n <= 8; n++) {
      for (const length of [1, n + 3, 257]) {
        const seed = `threads/${n}/${length}`;
        const rng = createRng(seed);
        const vectors = Array.from({ length: n }, () => Float64Array.from({ length }, () => rng.normal(0, 100)));
        const exact = ringOrderSum(vectors);
        const plain = plainSum(vectors);
        const { vectors: out, ringMs, ringMsByRank } = await pool.allReduce(vectors);
        expect(out.length).toBe(n);
        expect(ringMsByRank.length).toBe(n);
        expect(ringMs).toBe(Math.max(...ringMsByRank));
        for (const v of out) {
          expect(Array.from(v), `seed ${seed}`).toEqual(Array.from(exact));
          expect(maxRelativeDifference(v, plain), `seed ${seed}`).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('rejects bad input with a Spanish error', async () => {
    await expect(pool.allReduce([new Float64Array(3), new Float64Array(4)])).rejects.toThrow(/misma longitud/);
    await expect(pool.allReduce(Array.from({ length: 9 }, () => new Float64Array(2)))).rejects.toThrow(RangeError);
    await expect(pool.allReduce([[1, 2] as unknown as Float64Array])).rejects.toThrow(TypeError);
    await expect(AllReducePool.start(0)).rejects.toThrow(RangeError);
    // Impossible planted faults: a rank outside the ring, a step outside 0 … 2(k − 1) − 1, one node.
    const two = [new Float64Array(4), new Float64Array(4)];
    await expect(pool.allReduce(two, { fault: { rank: 2, atStep: 0, kind: 'exit' } })).rejects.toThrow(/fault.rank/);
    await expect(pool.allReduce(two, { fault: { rank: 0, atStep: 2, kind: 'exit' } })).rejects.toThrow(/fault.atStep/);
    await expect(pool.allReduce(two, { fault: { rank: 0, atStep: -1, kind: 'hang' } })).rejects.toThrow(RangeError);
    await expect(pool.allReduce([new Float64Array(4)], { fault: { rank: 0, atStep: 0, kind: 'exit' } })).rejects.toThrow(RangeError);
    expect(() => pool.kill(8)).toThrow(RangeError);
    expect(() => pool.kill(-1)).toThrow(RangeError);
    // The pool is still usable: nothing was sent.
    expect(Array.from((await pool.allReduce([new Float64Array([1]), new Float64Array([2])])).vectors[1] ?? [])).toEqual([3]);
  });

  it('operations called at once on one pool run one after another, each with its own result', async () => {
    const a = [new Float64Array([1, 2, 3]), new Float64Array([10, 20, 30])];
    const b = Array.from({ length: 4 }, (_, r) => new Float64Array([r, r, r, r, r]));
    const [ra, rb, rc] = await Promise.all([pool.allReduce(a), pool.allReduce(b), pool.allReduce(a)]);
    expect(ra.vectors.map((v) => Array.from(v))).toEqual([[11, 22, 33], [11, 22, 33]]);
    expect(rb.vectors.map((v) => Array.from(v))).toEqual(Array.from({ length: 4 }, () => [6, 6, 6, 6, 6]));
    expect(rc.vectors.map((v) => Array.from(v))).toEqual([[11, 22, 33], [11, 22, 33]]);
  });
});

describe('data-parallel training on threads', () => {
  it('ring AllReduce and parameter server give the single-worker model within 1e-9 (relative, absolute where |w| < 1), N = 1…4', async () => {
    const data = loadLogisticDataset();
    const single = trainLogistic(data, { iterations: 25 });
    for (let n = 1; n <= 4; n++) {
      const ring = await pool.trainRing(data, n, { iterations: 25 });
      const server = await pool.trainParameterServer(data, n, { iterations: 25 });
      expect(ring.identical && server.identical, `N = ${n}: every worker holds the same weights`).toBe(true);
      expect(maxRelativeDifference(ring.weights, single.weights), `ring N = ${n}`).toBeLessThan(1e-9);
      expect(maxRelativeDifference(server.weights, single.weights), `server N = ${n}`).toBeLessThan(1e-9);
      // The server adds the shard gradients in rank order, as the in-memory version does: bit for bit.
      expect(Array.from(server.weights), `server N = ${n}`).toEqual(Array.from(trainDataParallelInMemory(data, n, { iterations: 25 }).weights));
    }
  });

  it('a second data set on the same pool is trained on its own rows (two at once too), also with other features', async () => {
    const data = loadLogisticDataset();
    const other = generateLogisticDataset({ seed: 7, rows: 600 });
    const narrow = generateLogisticDataset({ seed: 8, rows: 500, features: 4 });
    const first = await pool.trainRing(data, 2, { iterations: 10 });
    const second = await pool.trainRing(other, 2, { iterations: 10 });
    const third = await pool.trainParameterServer(narrow, 2, { iterations: 10 });
    expect(maxRelativeDifference(first.weights, trainLogistic(data, { iterations: 10 }).weights)).toBeLessThan(1e-9);
    expect(maxRelativeDifference(second.weights, trainLogistic(other, { iterations: 10 }).weights)).toBeLessThan(1e-9);
    expect(third.weights.length).toBe(5);
    expect(maxRelativeDifference(third.weights, trainLogistic(narrow, { iterations: 10 }).weights)).toBeLessThan(1e-9);
    // Called at once: the pool runs them one after another, each on its own shards.
    const [x, y] = await Promise.all([pool.trainRing(other, 3, { iterations: 5 }), pool.trainRing(narrow, 3, { iterations: 5 })]);
    expect(maxRelativeDifference(x.weights, trainLogistic(other, { iterations: 5 }).weights)).toBeLessThan(1e-9);
    expect(maxRelativeDifference(y.weights, trainLogistic(narrow, { iterations: 5 }).weights)).toBeLessThan(1e-9);
    await expect(pool.trainRing({ ...data, rows: 3 }, 2)).rejects.toThrow(RangeError);
  });
});

describe('a thread that dies or hangs mid-AllReduce', () => {
  it.each([
    // The exit is seen at once; a generous timeout so a loaded machine cannot turn it into a timeout.
    ['exit', 5_000, /el hilo 2 terminó a mitad de la operación/],
    ['hang', 400, /no terminó en 400 ms/],
  ] as const)('%s: the operation fails with a clear error, all threads terminated', async (kind, timeoutMs, message) => {
    const small = await AllReducePool.start(3);
    try {
      const vectors = Array.from({ length: 3 }, () => new Float64Array(30).fill(1));
      await expect(small.allReduce(vectors, { fault: { rank: 2, atStep: 2, kind }, timeoutMs })).rejects.toThrow(message);
      await expect(small.allReduce(vectors)).rejects.toThrow(/ya falló/);
    } finally {
      await small.close();
    }
    expect(liveAllReduceThreads()).toBe(8);
  });

  it('a thread terminated from outside fails the pending operation', async () => {
    const small = await AllReducePool.start(2);
    try {
      const pending = small.allReduce([new Float64Array(1 << 18), new Float64Array(1 << 18)], { fault: { rank: 1, atStep: 1, kind: 'hang' }, timeoutMs: 5_000 });
      small.kill(0);
      await expect(pending).rejects.toThrow(/el hilo 0 terminó/);
    } finally {
      await small.close();
    }
  });

  it('close() rejects the pending operation with a Spanish error instead of leaving it waiting', async () => {
    const small = await AllReducePool.start(2);
    const outcome = (p: Promise<unknown>) => p.then(() => 'resolvió', (e: Error) => e.message);
    const pending = outcome(small.allReduce([new Float64Array(8), new Float64Array(8)], { fault: { rank: 1, atStep: 0, kind: 'hang' }, timeoutMs: 5_000 }));
    const queued = outcome(small.allReduce([new Float64Array(8), new Float64Array(8)]));
    await new Promise((resolve) => setImmediate(resolve));
    await small.close();
    expect(await pending).toMatch(/se cerró con la operación sin terminar/);
    expect(await queued).toMatch(/cerrado/);
  });
});
