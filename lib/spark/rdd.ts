/**
 * A tiny RDD (Zaharia et al., NSDI 2012): a dataset split into partitions that are computed on
 * demand from their **lineage** — the parent RDDs and the transformation that made them — and
 * may be kept in memory with `cache()`. A lost cached partition is not restored from a copy: it
 * is recomputed from its lineage, and only that partition (RDD paper §2.1, §5.4 (checkpoint) and §6.3 (recovery)). Everything
 * runs in this process, one partition after another; the point is memory against files.
 */
import { partitionOf } from '../mapreduce/jobs';

/** A key–value record of a pair RDD. */
export type Pair<V> = readonly [string, V];

/** One partition computed by the context: which RDD, which partition, and whether it was a recomputation. */
export interface PartitionComputation {
  readonly rdd: string;
  readonly partition: number;
  /** A cached RDD computing again a partition it had computed (it was lost or unpersisted). */
  readonly recompute: boolean;
  /** Wall time of the computation, children included (0 without a clock). */
  readonly ms: number;
}

/** Options of {@link SparkContext}. */
export interface SparkContextOptions {
  /** Default partitions of `parallelize` and shuffles (e.g. 4). */
  readonly partitions: number;
  /** A clock for the timings of {@link PartitionComputation} (real I/O callers pass `performance.now`). */
  readonly now?: () => number;
}

/** The driver's entry point: makes RDDs and logs every partition computation. */
export class SparkContext {
  readonly partitions: number;
  /** Every partition computed so far, in order (cached or not). */
  readonly log: PartitionComputation[] = [];
  readonly now: () => number;
  private nextId = 0;

  constructor(options: SparkContextOptions) {
    if (!Number.isInteger(options.partitions) || options.partitions < 1) throw new RangeError(`partitions debe ser un entero ≥ 1, y es ${options.partitions}`);
    this.partitions = options.partitions;
    this.now = options.now ?? (() => 0);
  }

  /** A fresh RDD id. */
  newId(): number {
    return this.nextId++;
  }

  /** An RDD over `items` cut into `slices` contiguous ranges (like splits of an input file). */
  parallelize<T>(items: readonly T[], slices = this.partitions, name = 'parallelize'): Rdd<T> {
    const copy = [...items];
    const bounds = (p: number) => Math.floor((p * copy.length) / slices);
    return new Rdd<T>(this, name, slices, (p) => copy.slice(bounds(p), bounds(p + 1)), [], false);
  }

  /** The recomputations of cached partitions logged so far. */
  recomputations(): PartitionComputation[] {
    return this.log.filter((c) => c.recompute);
  }
}

/** A resilient distributed dataset: partitions, a compute function per partition, its parents. */
export class Rdd<T> {
  readonly id: number;
  private cachedPartitions: (T[] | undefined)[] | undefined;
  private readonly computedOnce: boolean[];
  /** For a shuffled RDD: forgets the kept map-side buckets (Spark's ContextCleaner). */
  releaseShuffle: () => void = () => undefined;

  /**
   * @param compute  computes one partition from the parents' partitions (narrow) or a shuffle (wide)
   * @param hashPartitioned  records are pairs placed by `partitionOf(key, numPartitions)`
   */
  constructor(
    readonly context: SparkContext,
    public name: string,
    readonly numPartitions: number,
    private readonly compute: (partition: number) => T[],
    readonly parents: readonly Rdd<unknown>[],
    readonly hashPartitioned: boolean,
    readonly wide = false,
  ) {
    this.id = context.newId();
    this.computedOnce = new Array<boolean>(numPartitions).fill(false);
  }

  /** Names this RDD (for the lineage and the log). */
  named(name: string): this {
    this.name = name;
    return this;
  }

  /** The records of partition `p`: from the cache if there, else computed (and cached if asked). */
  partition(p: number): T[] {
    const hit = this.cachedPartitions?.[p];
    if (hit !== undefined) return hit;
    const recompute = this.cachedPartitions !== undefined && this.computedOnce[p] === true;
    const start = this.context.now();
    const data = this.compute(p);
    this.context.log.push({ rdd: this.name, partition: p, recompute, ms: this.context.now() - start });
    if (this.cachedPartitions !== undefined) {
      this.cachedPartitions[p] = data;
      this.computedOnce[p] = true;
    }
    return data;
  }

  /** Keeps partitions in memory once computed (`persist(MEMORY_ONLY)`). */
  cache(): this {
    this.cachedPartitions ??= new Array<T[] | undefined>(this.numPartitions).fill(undefined);
    return this;
  }

  /** Drops every cached partition and stops caching. */
  unpersist(): this {
    this.cachedPartitions = undefined;
    return this;
  }

  /** A fault: the cached copy of partition `p` is lost (its executor died); lineage will rebuild it. */
  losePartition(p: number): void {
    if (!Number.isInteger(p) || p < 0 || p >= this.numPartitions) throw new RangeError(`la partición ${p} no existe (hay ${this.numPartitions})`);
    if (this.cachedPartitions === undefined) throw new RangeError(`el RDD «${this.name}» no está en caché`);
    this.cachedPartitions[p] = undefined;
  }

  /** Whether partition `p` is in memory now. */
  isCached(p: number): boolean {
    return this.cachedPartitions?.[p] !== undefined;
  }

  /** Narrow: `f` on every record. */
  map<U>(f: (x: T) => U): Rdd<U> {
    return new Rdd<U>(this.context, `${this.name}.map`, this.numPartitions, (p) => this.partition(p).map(f), [this], false);
  }

  /** Narrow: every record to zero or more records. */
  flatMap<U>(f: (x: T) => readonly U[]): Rdd<U> {
    return new Rdd<U>(this.context, `${this.name}.flatMap`, this.numPartitions, (p) => {
      const out: U[] = [];
      for (const x of this.partition(p)) for (const y of f(x)) out.push(y);
      return out;
    }, [this], false);
  }

  /** Narrow: a whole partition at once (keeps the partitioning if `preservesPartitioning`). */
  mapPartitions<U>(f: (records: readonly T[], partition: number) => U[], preservesPartitioning = false): Rdd<U> {
    return new Rdd<U>(this.context, `${this.name}.mapPartitions`, this.numPartitions, (p) => f(this.partition(p), p), [this], preservesPartitioning && this.hashPartitioned);
  }

  /** Narrow on a pair RDD: `f` on every value; the partitioning is kept. */
  mapValues<V, W>(this: Rdd<Pair<V>>, f: (value: V, key: string) => W): Rdd<Pair<W>> {
    return new Rdd<Pair<W>>(this.context, `${this.name}.mapValues`, this.numPartitions, (p) => this.partition(p).map(([k, v]) => [k, f(v, k)] as const), [this], this.hashPartitioned);
  }

  /**
   * Wide on a pair RDD: a shuffle that sends each record to partition `partitionOf(key, n)`
   * (chapter 04's `fnv1a mod n`), combining the values of one key with `combine` if given
   * (map side first, like Hadoop's combiner, then on the reduce side in map-partition order).
   * The map side's buckets are kept (Spark's shuffle files), so recomputing one reduce-side
   * partition reads them again instead of rerunning every parent partition.
   */
  shuffle<V>(this: Rdd<Pair<V>>, n: number, combine?: (a: V, b: V) => V, name = 'shuffle'): Rdd<Pair<V>> {
    const buckets: (Pair<V>[][] | undefined)[] = new Array<Pair<V>[][] | undefined>(this.numPartitions).fill(undefined);
    const mapSide = (m: number): Pair<V>[][] => {
      const ready = buckets[m];
      if (ready !== undefined) return ready;
      const out: Pair<V>[][] = Array.from({ length: n }, () => []);
      if (combine === undefined) {
        for (const record of this.partition(m)) (out[partitionOf(record[0], n)] as Pair<V>[]).push(record);
      } else {
        const combined = new Map<string, V>();
        for (const [k, v] of this.partition(m)) {
          combined.set(k, combined.has(k) ? combine(combined.get(k) as V, v) : v);
        }
        for (const [k, v] of combined) (out[partitionOf(k, n)] as Pair<V>[]).push([k, v]);
      }
      buckets[m] = out;
      return out;
    };
    const shuffled = new Rdd<Pair<V>>(this.context, name, n, (q) => {
      if (combine === undefined) {
        const out: Pair<V>[] = [];
        for (let m = 0; m < this.numPartitions; m++) for (const r of mapSide(m)[q] as Pair<V>[]) out.push(r);
        return out;
      }
      const merged = new Map<string, V>();
      for (let m = 0; m < this.numPartitions; m++) {
        for (const [k, v] of mapSide(m)[q] as Pair<V>[]) {
          merged.set(k, merged.has(k) ? combine(merged.get(k) as V, v) : v);
        }
      }
      return [...merged];
    }, [this], true, true);
    shuffled.releaseShuffle = () => buckets.fill(undefined);
    return shuffled;
  }

  /** Wide: hash-partitions a pair RDD into `n` partitions (keys stay as they are, no combining). */
  partitionBy<V>(this: Rdd<Pair<V>>, n = this.context.partitions): Rdd<Pair<V>> {
    return this.shuffle(n, undefined, `${this.name}.partitionBy`);
  }

  /** Wide: one record per key, its values combined with `f` (map-side combine first). */
  reduceByKey<V>(this: Rdd<Pair<V>>, f: (a: V, b: V) => V, n = this.context.partitions): Rdd<Pair<V>> {
    return this.shuffle(n, f, `${this.name}.reduceByKey`);
  }

  /**
   * Narrow join of two RDDs hash-partitioned the same way (Spark avoids the shuffle then: RDD
   * paper §3.2.2, "co-partitioned"): for each record of `this` whose key is in `other`, a
   * record `[key, [mine, theirs]]`, in this RDD's order.
   */
  join<V, W>(this: Rdd<Pair<V>>, other: Rdd<Pair<W>>): Rdd<Pair<readonly [V, W]>> {
    if (!this.hashPartitioned || !other.hashPartitioned || this.numPartitions !== other.numPartitions) {
      throw new RangeError('join: los dos RDD deben estar particionados por clave con el mismo número de particiones (usa partitionBy)');
    }
    return new Rdd<Pair<readonly [V, W]>>(this.context, `${this.name}.join(${other.name})`, this.numPartitions, (p) => {
      const theirs = new Map<string, W>(other.partition(p));
      const out: Pair<readonly [V, W]>[] = [];
      for (const [k, v] of this.partition(p)) {
        if (theirs.has(k)) out.push([k, [v, theirs.get(k) as W]]);
      }
      return out;
    }, [this, other], true);
  }

  /** Action: every record, partitions in order. */
  collect(): T[] {
    const out: T[] = [];
    for (let p = 0; p < this.numPartitions; p++) for (const x of this.partition(p)) out.push(x);
    return out;
  }

  /** Action: how many records (computes, and caches if asked, every partition). */
  count(): number {
    let n = 0;
    for (let p = 0; p < this.numPartitions; p++) n += this.partition(p).length;
    return n;
  }

  /**
   * The lineage as Spark's `toDebugString` prints it: this RDD, then its parents indented; a
   * cached parent's own lineage is not repeated (only `maxDepth` levels are shown).
   */
  lineage(maxDepth = 12): string {
    const lines: string[] = [];
    const walk = (rdd: Rdd<unknown>, depth: number) => {
      if (depth > maxDepth) {
        lines.push(`${'  '.repeat(depth)}└─ …`);
        return;
      }
      lines.push(`${'  '.repeat(depth)}${depth > 0 ? '└─ ' : ''}(${rdd.numPartitions}) ${rdd.name} [${rdd.id}]${rdd.cachedPartitions ? ' en caché' : ''}${rdd.wide ? ' ← barajado' : ''}`);
      if (depth === 0 || rdd.cachedPartitions === undefined) for (const parent of rdd.parents) walk(parent, depth + 1);
    };
    walk(this as Rdd<unknown>, 0);
    return lines.join('\n');
  }
}
