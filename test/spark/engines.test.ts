// PageRank: the reference, the Spark-style RDD engine and the MapReduce-style file engine agree;
// lost partitions are recomputed from lineage (only those); the file engine fsyncs and cleans up.
import * as nodeFs from 'node:fs';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitBuildRoot } from '../../lib/mapreduce/index';
import { createRng } from '../../lib/random/index';
import { loadGraphDataset, maxAbsDifference, pageRank, pageRankMapReduce, pageRankSpark, SparkContext } from '../../lib/spark/index';
import type { CachedPartitionLoss, DurableFs, Pair } from '../../lib/spark/index';
import { randomGraph } from './helpers';

// The seed sweeps skip the disk flush (fsync is a no-op) to stay within the test budget on a busy
// machine; the same engine writes, renames and reads real files, and the durability tests below
// use the real fsync and check every call.
const noFlushFs: DurableFs = { ...nodeFs, fsyncSync: () => undefined };
const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
// Other test files may run the engine in parallel: only folders are checked, build/spark may hold theirs.
const sparkDirs = () => (existsSync(join(kitBuildRoot(), 'spark')) ? readdirSync(join(kitBuildRoot(), 'spark')) : []);

describe('reference PageRank (Brin & Page 1998, dangling mass spread uniformly)', () => {
  it('a 2-cycle stays at 1/2 each; a node with no in-links gets (1 − d)/N + d·D/N', () => {
    expect([...pageRank(new Map([['a', ['b']], ['b', ['a']]]), { iterations: 7 }).values()]).toEqual([0.5, 0.5]);
    // a → b, b dangling: after one step from (1/2, 1/2), D = 1/2.
    const r = pageRank(new Map([['a', ['b']], ['b', []]]), { iterations: 1, damping: 0.8 });
    expect(r.get('a')).toBeCloseTo(0.1 + 0.8 * 0.25, 15);
    expect(r.get('b')).toBeCloseTo(0.1 + 0.8 * (0.5 + 0.25), 15);
  });

  it('a single dangling node keeps rank 1; damping 0 gives the uniform vector', () => {
    expect(pageRank(new Map([['solo', []]]), { iterations: 3 }).get('solo')).toBe(1);
    const uniform = pageRank(randomGraph(3), { damping: 0, iterations: 2 });
    for (const v of uniform.values()) expect(v).toBeCloseTo(1 / uniform.size, 15);
  });

  it('ranks sum to 1 on 40 random graphs (dangling, self-loops, repeated links)', () => {
    for (let seed = 0; seed < 40; seed++) expect(Math.abs(sum(pageRank(randomGraph(seed), { iterations: 15 })) - 1), `seed ${seed}`).toBeLessThan(1e-12);
  });

  it('bad input gets clear Spanish errors', () => {
    expect(() => pageRank(new Map())).toThrow(/vacío/);
    expect(() => pageRank(new Map([['a', ['z']]]))).toThrow(/«z», que no es un nodo/);
    expect(() => pageRank(new Map([['a', []]]), { damping: Number.NaN })).toThrow(/damping debe ser/);
    expect(() => pageRank(new Map([['a', []]]), { damping: 1.5 })).toThrow(RangeError);
    expect(() => pageRank(new Map([['a', []]]), { iterations: -1 })).toThrow(/iterations/);
    expect(() => pageRank({} as never)).toThrow(TypeError);
    expect(() => pageRankSpark(new Map())).toThrow(/vacío/);
    expect(() => pageRankMapReduce(new Map([['a', ['b']]]))).toThrow(/no es un nodo/);
    expect(() => pageRankMapReduce(new Map([['a b', []]]))).toThrow(/espacios o comas/);
    expect(() => pageRankMapReduce(new Map([['a', []]]), { dir: '/tmp/fuera' })).toThrow(/no está dentro de build/);
    expect(() => pageRankSpark(new Map([['a', []]]), { iterations: 2, losses: [{ iteration: 3, rdd: 'links', partition: 0 }] })).toThrow(/iteración de 1 a 2/);
    expect(() => pageRankMapReduce(new Map([['a', []]]), { iterations: 2, losses: [{ iteration: 1, partition: 0 }] })).toThrow(/de 2 a 2/);
    expect(sparkDirs()).toEqual([]);
  });
});

describe('both engines equal the reference', () => {
  it('on the committed 20 000-node graph (2 iterations): Spark = MapReduce exactly, both = reference within 1e-12', () => {
    const links = loadGraphDataset();
    const reference = pageRank(links, { iterations: 2 });
    const spark = pageRankSpark(links, { iterations: 2, partitions: 4 });
    const mr = pageRankMapReduce(links, { iterations: 2, partitions: 4 });
    expect(maxAbsDifference(spark.ranks, mr.ranks)).toBe(0);
    expect(maxAbsDifference(reference, spark.ranks)).toBeLessThan(1e-12);
    expect([...spark.ranks.keys()]).toEqual([...links.keys()]);
    expect(Math.abs(sum(mr.ranks) - 1)).toBeLessThan(1e-12);
  });

  it('on 30 random graphs, 1–6 partitions, 0–8 iterations', () => {
    for (let seed = 0; seed < 30; seed++) {
      const rng = createRng(`engines-${seed}`);
      const links = randomGraph(seed);
      const options = { partitions: rng.int(1, 6), iterations: rng.int(0, 8), damping: rng.choice([0.85, 0.5, 1, 0]) };
      const reference = pageRank(links, options);
      const spark = pageRankSpark(links, options);
      const mr = pageRankMapReduce(links, { ...options, fs: noFlushFs });
      expect(maxAbsDifference(reference, spark.ranks), `seed ${seed}`).toBeLessThan(1e-12);
      expect(maxAbsDifference(spark.ranks, mr.ranks), `seed ${seed}`).toBe(0);
    }
    expect(sparkDirs(), 'no work folder left').toEqual([]);
  });
});

describe('faults: a lost cached partition is recomputed from lineage (RDD paper §2.1), a lost job output reruns the job', () => {
  it('30 seeds: random losses at random iterations give the same ranks and recompute exactly the lost partitions', () => {
    for (let seed = 0; seed < 30; seed++) {
      const rng = createRng(`losses-${seed}`);
      const links = randomGraph(seed + 100);
      const partitions = rng.int(1, 5);
      const iterations = rng.int(2, 8);
      const losses: CachedPartitionLoss[] = Array.from({ length: rng.int(1, 4) }, () => ({ iteration: rng.int(1, iterations), rdd: rng.choice(['links', 'ranks'] as const), partition: rng.int(0, partitions - 1) }));
      const clean = pageRankSpark(links, { partitions, iterations });
      const faulty = pageRankSpark(links, { partitions, iterations, losses });
      expect(maxAbsDifference(clean.ranks, faulty.ranks), `seed ${seed}`).toBe(0);
      // Each distinct (iteration, rdd, partition) is recomputed once, in the iteration that needed it;
      // a lost `ranks` partition belongs to the previous iteration's ranks.
      const expected = [...new Set(losses.map((l) => `${l.iteration} ${l.rdd === 'links' ? 'links' : `ranks_${l.iteration - 1}`} ${l.partition}`))].sort();
      expect(faulty.recomputed.map((c) => `${c.iteration} ${c.rdd} ${c.partition}`).sort(), `seed ${seed}`).toEqual(expected);
      const mrLosses = losses.filter((l) => l.iteration >= 2).map(({ iteration, partition }) => ({ iteration, partition }));
      const mr = pageRankMapReduce(links, { partitions, iterations, losses: mrLosses, fs: noFlushFs });
      expect(maxAbsDifference(clean.ranks, mr.ranks), `seed ${seed}`).toBe(0);
      expect(mr.reruns.map((r) => r.iteration), `seed ${seed}`).toEqual([...new Set(mrLosses.map((l) => l.iteration - 1))].sort((a, b) => a - b));
    }
    expect(sparkDirs()).toEqual([]);
  });

  it('a lost partition is the only one recomputed; the others come from the cache', () => {
    const sc = new SparkContext({ partitions: 4 });
    const base = sc.parallelize<Pair<number>>(Array.from({ length: 100 }, (_, i) => [`k${i}`, i] as const)).partitionBy().named('base').cache();
    const doubled = base.mapValues((v) => 2 * v).named('doubled').cache();
    const first = doubled.collect();
    doubled.losePartition(2);
    base.losePartition(2);
    expect(doubled.isCached(2)).toBe(false);
    expect(doubled.collect()).toEqual(first);
    expect(sc.recomputations().map((c) => `${c.rdd}[${c.partition}]`)).toEqual(['base[2]', 'doubled[2]']);
    expect(doubled.lineage()).toMatch(/doubled .* en caché\n\s+└─ \(4\) base/);
    expect(() => doubled.losePartition(9)).toThrow(/no existe/);
    expect(() => sc.parallelize<Pair<number>>([['a', 1]]).join(base)).toThrow(/particionados por clave/);
  });
});

describe('the MapReduce-style engine writes durably and cleans up', () => {
  /** A real fs that records fsync, rename and open calls in order. */
  function recordingFs(failAtFsync = Infinity): { fs: DurableFs; calls: string[] } {
    const calls: string[] = [];
    const paths = new Map<number, string>();
    let fsyncs = 0;
    const fs: DurableFs = {
      ...nodeFs,
      openSync: ((path: string, flags: string) => { const fd = nodeFs.openSync(path, flags); paths.set(fd, String(path)); return fd; }) as DurableFs['openSync'],
      fsyncSync: (fd: number) => {
        if (++fsyncs >= failAtFsync) throw new Error('disco lleno (simulado)');
        calls.push(`fsync ${paths.get(fd)}`);
        nodeFs.fsyncSync(fd);
      },
      renameSync: (from: nodeFs.PathLike, to: nodeFs.PathLike) => { calls.push(`rename ${String(from)} ${String(to)}`); nodeFs.renameSync(from, to); },
    };
    return { fs, calls };
  }

  it('fsyncs every file before renaming it, and each folder after (P + 4 to load, P² + P + 6 per job, 1 per removed job output)', () => {
    const { fs, calls } = recordingFs();
    const links = randomGraph(7);
    const run = pageRankMapReduce(links, { partitions: 3, iterations: 4, fs, losses: [{ iteration: 3, partition: 1 }] });
    const jobs = 4 + 1; // one rerun
    expect(run.fsyncCalls).toBe(3 + 4 + jobs * (9 + 3 + 6) + 3 + 1);
    expect(calls.filter((c) => c.startsWith('fsync'))).toHaveLength(run.fsyncCalls);
    calls.forEach((c, i) => {
      if (!c.startsWith('rename')) return;
      const temp = c.split(' ')[1] as string;
      expect(calls[i - 1], 'the temp file was fsynced right before its rename').toBe(`fsync ${temp}`);
    });
    // Each rename into a folder is followed by an fsync of that folder; a committed job folder was fsynced before its rename.
    calls.forEach((c, i) => {
      if (!c.startsWith('rename')) return;
      const [, from, to] = c.split(' ') as [string, string, string];
      const folder = to.slice(0, to.lastIndexOf('/'));
      expect(calls.slice(i + 1).some((d) => d === `fsync ${folder}`), `fsync ${folder} after ${c}`).toBe(true);
      if (from.endsWith('.tmp') && !from.split('/').pop()?.startsWith('.')) expect(calls[i - 1]).toBe(`fsync ${from}`);
    });
    expect(maxAbsDifference(run.ranks, pageRank(links, { iterations: 4 }))).toBeLessThan(1e-12);
    expect(sparkDirs()).toEqual([]);
  });

  it('a failing disk: the error reaches the caller and the work folder is still removed', () => {
    const { fs } = recordingFs(10);
    expect(() => pageRankMapReduce(randomGraph(8), { partitions: 2, iterations: 3, fs })).toThrow(/disco lleno/);
    expect(sparkDirs()).toEqual([]);
  });

  it('dir is a parent: a fresh subfolder is made in it and only that one is removed', () => {
    const parent = join(kitBuildRoot(), `spark-dir-test-${process.pid}`);
    nodeFs.mkdirSync(parent, { recursive: true });
    nodeFs.writeFileSync(join(parent, 'keep.txt'), 'no me borres');
    try {
      pageRankMapReduce(randomGraph(9), { partitions: 2, iterations: 2, dir: parent, fs: noFlushFs });
      expect(readdirSync(parent)).toEqual(['keep.txt']);
    } finally {
      nodeFs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
