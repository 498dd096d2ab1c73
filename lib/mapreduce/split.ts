/**
 * Splitting the input into batches: the lecture's `distribute_and_reduce` split, reproduced
 * with its bug, and the kit's split, which loses nothing.
 */

/**
 * The lecture's split, line by line: `batch_size = len(comments) // len(workers)`, batches
 * `comments[i:i + batch_size]` for `i in range(0, len(comments), batch_size)`, then
 * `zip(batches, workers)`. When the count is not divisible there are more batches than
 * workers and `zip` silently drops the extra ones; with fewer comments than workers
 * `batch_size` is 0 and Python's `range` raises, as this does.
 */
export function lectureSplit<T>(comments: readonly T[], workers: readonly string[]): { worker: string; batch: T[] }[] {
  const batchSize = Math.floor(comments.length / workers.length);
  if (batchSize === 0) throw new RangeError('ValueError: range() arg 3 must not be zero (batch_size = 0: hay menos comentarios que trabajadores)');
  const batches: T[][] = [];
  for (let i = 0; i < comments.length; i += batchSize) batches.push(comments.slice(i, i + batchSize));
  const zipped: { worker: string; batch: T[] }[] = [];
  for (let k = 0; k < Math.min(batches.length, workers.length); k++) zipped.push({ worker: workers[k]!, batch: batches[k]! });
  return zipped;
}

/** The items a split left out: those of `items` in no batch (by position). */
export function lostItems<T>(items: readonly T[], batches: readonly (readonly T[])[]): T[] {
  const covered = batches.reduce((n, b) => n + b.length, 0);
  return items.slice(covered);
}

/**
 * The kit's split: exactly `parts` consecutive batches covering every item in order, sizes
 * differing by at most one, the larger ones first (empty batches when items are fewer).
 */
export function splitEvenly<T>(items: readonly T[], parts: number): T[][] {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`parts debe ser un entero ≥ 1, es ${parts}`);
  const base = Math.floor(items.length / parts);
  const extra = items.length % parts;
  const out: T[][] = [];
  let start = 0;
  for (let k = 0; k < parts; k++) {
    const size = base + (k < extra ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}
