/**
 * The seeds of a sweep: a count or a list (numbers or strings), and shards of it, so one sweep
 * can be split across processes or machines (`--shard i/n`).
 */
import type { Seed } from '../random/index';

/** A slice of a sweep: the seeds at positions `index`, `index + count`, … (0-based `index`). */
export interface SweepShard {
  readonly index: number;
  readonly count: number;
}

/** The seed list of a sweep: a count means seeds 1…count. */
export function sweepSeeds<S extends Seed>(seeds: number | readonly S[]): readonly S[] {
  if (typeof seeds === 'number') {
    if (!Number.isInteger(seeds) || seeds < 0) throw new RangeError(`sweep: seeds must be a count >= 0 or a list, got ${seeds}`);
    return Array.from({ length: seeds }, (_, i) => (i + 1) as S);
  }
  for (const seed of seeds) {
    if (typeof seed === 'number' ? !Number.isFinite(seed) : typeof seed !== 'string') throw new TypeError(`sweep: a seed must be a finite number or a string, got ${String(seed)}`);
  }
  return seeds;
}

/** The positions of a shard among `total` seeds; throws a clear error for a bad shard. */
export function shardPositions(total: number, shard: SweepShard | undefined): number[] {
  const { index, count } = shard ?? { index: 0, count: 1 };
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`sweep: shard must be { index, count } with 0 <= index < count, got ${JSON.stringify(shard)}`);
  }
  const positions: number[] = [];
  for (let p = index; p < total; p += count) positions.push(p);
  return positions;
}

/** Parses `"i/n"` (1-based, as on a command line: `--shard 2/4`) into a {@link SweepShard}. */
export function parseShard(text: string): SweepShard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const i = Number(match?.[1]);
  const n = Number(match?.[2]);
  if (match === null || !(n >= 1) || !(i >= 1 && i <= n)) throw new RangeError(`--shard must be i/n with 1 <= i <= n (e.g. 1/2), got "${text}"`);
  return { index: i - 1, count: n };
}

