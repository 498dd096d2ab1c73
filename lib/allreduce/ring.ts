/**
 * The ring AllReduce schedule (Patarasuk & Yuan 2009; Baidu's "Bringing HPC techniques to deep
 * learning", 2017; Horovod, Sergeev & Del Balso 2018) as plain functions: how a vector is cut
 * into N chunks, which chunk node r sends and receives at each step, and an in-memory run of the
 * whole algorithm that the threads, the simulator and the tests compare against.
 */

/** The two phases of ring AllReduce. */
export type RingPhase = 'reduce-scatter' | 'all-gather';

/** `x mod n` in [0, n), also for negative x (JavaScript's `%` keeps the sign of x). */
export function mod(x: number, n: number): number {
  return ((x % n) + n) % n;
}

/**
 * The chunk boundaries `[start, end)` of a vector of `length` values cut into `n` chunks: the
 * first `length mod n` chunks get one value more. Chunks may be empty when `length < n`.
 */
export function chunkBounds(length: number, n: number): Array<readonly [number, number]> {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`la longitud del vector debe ser un entero ≥ 0 (recibí ${length})`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`el número de nodos debe ser un entero ≥ 1 (recibí ${n})`);
  const base = Math.floor(length / n);
  const extra = length % n;
  const bounds: Array<readonly [number, number]> = [];
  let start = 0;
  for (let c = 0; c < n; c++) {
    const size = base + (c < extra ? 1 : 0);
    bounds.push([start, start + size]);
    start += size;
  }
  return bounds;
}

/**
 * The chunk node `rank` sends to `rank + 1` at step `step` (0 … N − 2) of `phase`, and the one
 * it receives from `rank − 1`.
 * Reduce-scatter: sends (r − s) mod N and adds the received (r − 1 − s) mod N into its own copy;
 * after N − 1 steps node r holds the complete sum of chunk (r + 1) mod N.
 * All-gather: sends (r + 1 − s) mod N and overwrites its copy of (r − s) mod N with the received one.
 */
export function ringStepChunks(phase: RingPhase, n: number, rank: number, step: number): { send: number; receive: number } {
  if (phase === 'reduce-scatter') return { send: mod(rank - step, n), receive: mod(rank - 1 - step, n) };
  return { send: mod(rank + 1 - step, n), receive: mod(rank - step, n) };
}

/** Bytes each node sends in one ring AllReduce of `bytes` bytes over `n` nodes: 2(N − 1)/N · M. */
export function ringBytesPerNode(bytes: number, n: number): number {
  return (2 * (n - 1) * bytes) / n;
}

/**
 * Ring AllReduce run in memory, step by step, exactly as the threads run it: returns each node's
 * final vector (all equal). The sum of chunk c is formed in ring order starting at node c,
 * `((v_c + v_{c+1}) + v_{c+2}) + …`, so {@link ringOrderSum} reproduces it bit for bit.
 *
 * @example
 * ringAllReduceInMemory([new Float64Array([1, 2]), new Float64Array([10, 20])]); // both [11, 22]
 */
export function ringAllReduceInMemory(vectors: readonly Float64Array[]): Float64Array[] {
  const n = vectors.length;
  if (n === 0) throw new RangeError('hace falta al menos un vector (un nodo)');
  const length = (vectors[0] as Float64Array).length;
  if (vectors.some((v) => v.length !== length)) throw new RangeError('todos los vectores deben tener la misma longitud');
  const bounds = chunkBounds(length, n);
  const state = vectors.map((v) => Float64Array.from(v));
  for (const phase of ['reduce-scatter', 'all-gather'] as const) {
    for (let step = 0; step < n - 1; step++) {
      // Every node sends at the same step from the state before the step (a synchronous round).
      const sent = state.map((v, rank) => {
        const [a, b] = bounds[ringStepChunks(phase, n, rank, step).send] as readonly [number, number];
        return v.slice(a, b);
      });
      for (let rank = 0; rank < n; rank++) {
        const incoming = sent[mod(rank - 1, n)] as Float64Array;
        const [a] = bounds[ringStepChunks(phase, n, rank, step).receive] as readonly [number, number];
        const mine = state[rank] as Float64Array;
        for (let i = 0; i < incoming.length; i++) mine[a + i] = phase === 'reduce-scatter' ? (incoming[i] as number) + (mine[a + i] as number) : (incoming[i] as number);
      }
    }
  }
  return state;
}

/**
 * The sum of the vectors in ring AllReduce's order: for the values of chunk c, starting at node c
 * and going round the ring. Equal bit for bit to what ring AllReduce computes.
 */
export function ringOrderSum(vectors: readonly Float64Array[]): Float64Array {
  const n = vectors.length;
  const length = (vectors[0] as Float64Array).length;
  const out = new Float64Array(length);
  chunkBounds(length, n).forEach(([a, b], c) => {
    for (let i = a; i < b; i++) {
      let acc = (vectors[c] as Float64Array)[i] as number;
      for (let k = 1; k < n; k++) acc = ((vectors[(c + k) % n] as Float64Array)[i] as number) + acc;
      out[i] = acc;
    }
  });
  return out;
}

/** The plain sum, node 0 first: the reference a ring result is compared with (within rounding). */
export function plainSum(vectors: readonly Float64Array[]): Float64Array {
  const length = (vectors[0] as Float64Array).length;
  const out = new Float64Array(length);
  for (const v of vectors) for (let i = 0; i < length; i++) out[i] = (out[i] as number) + (v[i] as number);
  return out;
}
