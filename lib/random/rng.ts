import seedrandom from 'seedrandom';

/** A seed: any string or finite number. The same seed always yields the same sequence. */
export type Seed = string | number;

/**
 * A seeded pseudo-random number generator: the only source of chance in the kit.
 *
 * Built on seedrandom's Alea generator (seeded by seedrandom, then stepped inline, which
 * yields exactly `seedrandom.alea(seed)`'s sequence, only faster), so a seed reproduces the
 * same sequence on every machine and Node version. Draws have 32 bits of resolution. Protocol code never calls `Math.random`; it takes
 * an `Rng` and hands `rng.fork()` to each child (node, network, workload) so that
 * adding draws in one place does not shift the draws of another.
 *
 * @example
 * const rng = createRng(42);
 * rng.uniform();          // a float in [0, 1)
 * rng.int(1, 6);          // a die roll, 1..6 inclusive
 * const net = rng.fork(); // an independent child stream
 */
export interface Rng {
  /** The seed this stream was created from (children get a derived seed). */
  readonly seed: string;
  /** A float in [0, 1). */
  next(): number;
  /** A float in [min, max); `uniform()` is [0, 1). */
  uniform(min?: number, max?: number): number;
  /** An integer in [min, max], both ends inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  bernoulli(p: number): boolean;
  /** An exponential variate with the given mean (mean = 1 / rate). */
  exponential(mean: number): number;
  /** A normal variate (Box–Muller) with the given mean and standard deviation. */
  normal(mean?: number, stdDev?: number): number;
  /** One element of a non-empty array, uniformly. */
  choice<T>(items: readonly T[]): T;
  /** `k` distinct elements of `items`, in random order, without replacement. */
  sample<T>(items: readonly T[], k: number): T[];
  /** A shuffled copy of `items` (Fisher–Yates); the input is not modified. */
  shuffle<T>(items: readonly T[]): T[];
  /** An independent child stream whose seed is derived from this one's next draw. */
  fork(label?: string): Rng;
}

/**
 * Creates a seeded random stream.
 *
 * @example
 * const a = createRng('clase-1');
 * const b = createRng('clase-1');
 * a.uniform() === b.uniform(); // true: same seed, same sequence
 */
export function createRng(seed: Seed): Rng {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new RangeError(`seed must be a finite number or a string, got ${seed}`);
  }
  return new SeededRng(String(seed));
}

/** The state of seedrandom's Alea generator. */
interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

class SeededRng implements Rng {
  readonly seed: string;
  private forks = 0;
  // Alea's state [c, s0, s1, s2] in a Float64Array: unboxed doubles, so the hot `next()` is a
  // few inlinable float operations that allocate nothing.
  private readonly state = new Float64Array(4);

  constructor(seed: string) {
    this.seed = seed;
    // seedrandom does the seeding (its Mash hash); the recurrence below is Alea's `next`.
    const state = (seedrandom.alea(seed, { state: true }) as unknown as { state(): AleaState }).state();
    this.state[0] = state.c;
    this.state[1] = state.s0;
    this.state[2] = state.s1;
    this.state[3] = state.s2;
  }

  next(): number {
    return this.prng();
  }

  /** One step of Alea, identical to `seedrandom.alea(seed)()`. */
  private prng(): number {
    const s = this.state;
    const t = 2091639 * (s[1] as number) + (s[0] as number) * 2.3283064365386963e-10; // 2^-32
    const c = t | 0;
    const next = t - c;
    s[0] = c;
    s[1] = s[2] as number;
    s[2] = s[3] as number;
    s[3] = next;
    return next;
  }

  uniform(min = 0, max = 1): number {
    if (!(max >= min)) throw new RangeError(`uniform: need min <= max, got [${min}, ${max})`);
    return min + (max - min) * this.prng();
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int: need integers min <= max, got [${min}, ${max}]`);
    }
    return min + Math.floor(this.prng() * (max - min + 1));
  }

  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli: p must be in [0, 1], got ${p}`);
    return this.prng() < p;
  }

  exponential(mean: number): number {
    if (!(mean > 0)) throw new RangeError(`exponential: mean must be > 0, got ${mean}`);
    // Inverse CDF; 1 - u is in (0, 1], so the log is finite.
    return -mean * Math.log(1 - this.prng());
  }

  normal(mean = 0, stdDev = 1): number {
    if (!(stdDev >= 0)) throw new RangeError(`normal: stdDev must be >= 0, got ${stdDev}`);
    // Box–Muller; one variate per call keeps the stream easy to reason about.
    const u1 = 1 - this.prng();
    const u2 = this.prng();
    return mean + stdDev * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice: the array is empty');
    return items[Math.floor(this.prng() * items.length)] as T;
  }

  sample<T>(items: readonly T[], k: number): T[] {
    if (!Number.isInteger(k) || k < 0 || k > items.length) {
      throw new RangeError(`sample: k must be an integer in [0, ${items.length}], got ${k}`);
    }
    // Partial Fisher–Yates: only the first k positions are drawn.
    const pool = items.slice();
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.prng() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
    }
    return pool.slice(0, k);
  }

  shuffle<T>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }

  fork(label?: string): Rng {
    this.forks += 1;
    // The child's seed mixes a draw from this stream, so forking consumes one draw and
    // two forks of the same parent are independent; the label only aids debugging.
    const draw = Math.floor(this.prng() * 2 ** 32).toString(16);
    return new SeededRng(`${this.seed}/${label ?? this.forks}:${draw}`);
  }
}
