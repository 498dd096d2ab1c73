// @real-io: reads and writes (and fsyncs) every iteration's files, and times each iteration.
/**
 * PageRank MapReduce-style, as Hadoop runs an iterative job: every iteration is a separate job
 * whose input is the previous job's output on "disk" — one record per node with its rank **and
 * its out-links**, because a job keeps nothing in memory — and whose output is written, fsynced
 * and renamed into place before the next job may start. The same partitioned algorithm as
 * `pageRankSpark`, on the same partitions, in this process: what differs is files against memory.
 */
import * as nodeFs from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { partitionOf } from '../mapreduce/jobs';
import { kitBuildRoot, workDirProblem } from '../mapreduce/workdir';
import type { Links } from './graph';
import { checkPageRankInput } from './pagerank';
import type { PageRankOptions } from './pagerank';

/** The file operations the engine uses (tests inject a counting one). */
export type DurableFs = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'readFileSync' | 'mkdirSync' | 'mkdtempSync' | 'rmSync' | 'rmdirSync' | 'existsSync'>;

/** A fault: just before iteration `iteration` (1-based, ≥ 2) runs, one part of its input is lost. */
export interface OutputLoss {
  readonly iteration: number;
  readonly partition: number;
}

/** Options of {@link pageRankMapReduce}. */
export interface MapReducePageRankOptions extends PageRankOptions {
  /** Map tasks = reduce tasks = partitions (default 4). */
  readonly partitions?: number;
  /**
   * Parent of the work folder, strictly inside the kit's `build/` (default `build/spark`). The
   * engine creates a fresh, uniquely named subfolder in it (`pagerank-XXXXXX`) and removes only
   * that; the parent itself is removed at the end only if it is empty and this run created it
   * (or it is the default `build/spark`).
   */
  readonly dir?: string;
  readonly fs?: DurableFs;
  readonly losses?: readonly OutputLoss[];
}

/** A finished MapReduce-style run. */
export interface MapReducePageRankRun {
  readonly ranks: Map<string, number>;
  /** Writing the graph as the first job's input, in ms. */
  readonly loadMs: number;
  /** Each iteration's job in ms (a rerun of the previous job included, where one was needed). */
  readonly iterationMs: readonly number[];
  /** Jobs rerun because their output was lost: which iteration's job, and how long the rerun took. */
  readonly reruns: readonly { iteration: number; ms: number }[];
  readonly fsyncCalls: number;
  /** Wall time spent inside fsync calls, in ms (loading included). */
  readonly fsyncMs: number;
  readonly bytesWritten: number;
  readonly bytesRead: number;
}

/**
 * Runs PageRank as one MapReduce job per iteration over files. Its ranks equal
 * `pageRankSpark`'s exactly (same partitions, same summation order).
 *
 * @example
 * const run = pageRankMapReduce(loadGraphDataset(), { partitions: 4, iterations: 10 });
 * run.iterationMs; // ≈ 10 numbers, each a whole job over files
 */
export function pageRankMapReduce(links: Links, options: MapReducePageRankOptions = {}): MapReducePageRankRun {
  const { damping, iterations } = checkPageRankInput(links, options);
  const partitions = options.partitions ?? 4;
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions debe ser un entero ≥ 1, y es ${String(partitions)}`);
  for (const node of links.keys()) if (/[\s,]/.test(node) || node === '') throw new RangeError(`el motor MapReduce guarda los nodos en texto: «${node}» no puede estar vacío ni tener espacios o comas`);
  const losses = options.losses ?? [];
  if (losses.length > 0 && iterations < 2) throw new RangeError(`no se puede perder la salida de un trabajo con ${iterations} iteraciones: una pérdida ocurre antes de una iteración que lee la salida de otra, así que hacen falta al menos 2 iteraciones`);
  for (const loss of losses) {
    if (!Number.isInteger(loss.iteration) || loss.iteration < 2 || loss.iteration > iterations) throw new RangeError(`una pérdida de salida debe ocurrir antes de una iteración de 2 a ${iterations}, y es ${String(loss.iteration)}`);
    if (!Number.isInteger(loss.partition) || loss.partition < 0 || loss.partition >= partitions) throw new RangeError(`la partición perdida debe estar entre 0 y ${partitions - 1}, y es ${String(loss.partition)}`);
  }
  const defaultParent = join(kitBuildRoot(), 'spark');
  const parent = options.dir ?? defaultParent;
  const problem = workDirProblem(parent);
  if (problem !== undefined) throw new RangeError(`pageRankMapReduce: ${problem}`);
  const fs = options.fs ?? nodeFs;
  const stats = { fsyncCalls: 0, fsyncMs: 0, bytesWritten: 0, bytesRead: 0 };
  const n = links.size;
  const base = (1 - damping) / n;

  const fsyncFd = (fd: number) => {
    const t0 = performance.now();
    fs.fsyncSync(fd);
    stats.fsyncMs += performance.now() - t0;
    stats.fsyncCalls += 1;
  };
  const fsyncPath = (path: string) => {
    const fd = fs.openSync(path, 'r');
    try {
      fsyncFd(fd);
    } finally {
      fs.closeSync(fd);
    }
  };
  /** Writes a whole file and fsyncs it (inside a folder that is not visible yet, or before a rename). */
  const writeFsynced = (path: string, text: string) => {
    const fd = fs.openSync(path, 'w');
    try {
      stats.bytesWritten += fs.writeSync(fd, text);
      fsyncFd(fd);
    } finally {
      fs.closeSync(fd);
    }
  };
  /** Writes a file under a temporary name, fsyncs it and renames it into place (a reader sees all of it or nothing). */
  const writeDurably = (folder: string, name: string, text: string) => {
    const temp = join(folder, `.${name}.tmp`);
    writeFsynced(temp, text);
    fs.renameSync(temp, join(folder, name));
  };
  /** Creates or removes a folder and fsyncs its parent, so the change itself is on disk. */
  const mkdirDurably = (path: string) => {
    fs.mkdirSync(path);
    fsyncPath(dirname(path));
  };
  const rmDurably = (path: string) => {
    fs.rmSync(path, { recursive: true, force: true });
    fsyncPath(dirname(path));
  };
  /**
   * Commits a job's output as Hadoop's FileOutputCommitter does: every task wrote (and fsynced)
   * its file into `<out>.tmp/`; the folder is fsynced, renamed to `<out>` in one step, and the
   * parent fsynced. The next job sees the whole output or none of it.
   */
  const commitJob = (temp: string, out: string) => {
    fsyncPath(temp);
    fs.renameSync(temp, out);
    fsyncPath(dirname(out));
  };
  const read = (path: string): string => {
    const text = fs.readFileSync(path, 'utf8') as string;
    stats.bytesRead += Buffer.byteLength(text, 'utf8');
    return text;
  };
  const parentExisted = fs.existsSync(parent);
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(join(parent, 'pagerank-'));
  const iterDir = (k: number) => join(dir, `iter-${k}`);
  const partName = (p: number) => `part-${p}.tsv`;

  /** One job: iteration k reads iter-(k−1), writes iter-k; returns the new dangling mass (a counter). */
  const runJob = (k: number, dangling: number): number => {
    const shuffleDir = join(dir, `shuffle-${k}`);
    mkdirDurably(shuffleDir);
    // Map task p: records "node \t rank \t l1,l2,…" → per reduce task q, structure lines
    // "s \t node \t links" and combined contribution lines "c \t node \t sum" (Hadoop's combiner).
    for (let p = 0; p < partitions; p++) {
      const path = join(iterDir(k - 1), partName(p));
      if (!fs.existsSync(path)) throw new RangeError(`falta ${path}: la salida del trabajo ${k - 1} se perdió`);
      const structure: string[][] = Array.from({ length: partitions }, () => []);
      const combined = new Map<string, number>();
      for (const line of read(path).split('\n')) {
        if (line === '') continue;
        const [node, rankText, linkText] = line.split('\t') as [string, string, string];
        const rank = Number(rankText);
        const targets = linkText === '' ? [] : linkText.split(',');
        structure[partitionOf(node, partitions)]?.push(`s\t${node}\t${linkText}`);
        if (!combined.has(node)) combined.set(node, 0);
        const share = rank / targets.length;
        for (const t of targets) combined.set(t, combined.has(t) ? (combined.get(t) as number) + share : share);
      }
      const out = structure;
      for (const [node, sum] of combined) out[partitionOf(node, partitions)]?.push(`c\t${node}\t${sum}`);
      for (let q = 0; q < partitions; q++) writeDurably(shuffleDir, `map-${p}-${q}.tsv`, `${(out[q] as string[]).join('\n')}\n`);
    }
    fsyncPath(shuffleDir);
    // Reduce task q: every map task's file for q, in map order; the new rank of each node,
    // written into the job's temporary output folder.
    const outDir = `${iterDir(k)}.tmp`;
    mkdirDurably(outDir);
    let nextDangling = 0;
    for (let q = 0; q < partitions; q++) {
      const structure: [string, string][] = [];
      const sums = new Map<string, number>();
      for (let m = 0; m < partitions; m++) {
        for (const line of read(join(shuffleDir, `map-${m}-${q}.tsv`)).split('\n')) {
          if (line === '') continue;
          const [kind, node, value] = line.split('\t') as [string, string, string];
          if (kind === 's') structure.push([node, value]);
          else sums.set(node, sums.has(node) ? (sums.get(node) as number) + Number(value) : Number(value));
        }
      }
      const lines: string[] = [];
      let partial = 0;
      for (const [node, linkText] of structure) {
        const rank = base + damping * ((sums.get(node) ?? 0) + dangling / n);
        if (linkText === '') partial += rank;
        lines.push(`${node}\t${rank}\t${linkText}`);
      }
      nextDangling += partial;
      writeFsynced(join(outDir, partName(q)), `${lines.join('\n')}\n`);
    }
    commitJob(outDir, iterDir(k));
    rmDurably(shuffleDir);
    return nextDangling;
  };

  try {
    fsyncPath(parent);
    // The first job's input: the graph with ranks 1/N, hash-partitioned by node (as the
    // reduce tasks will write it), stored durably like a file in HDFS.
    const start = performance.now();
    mkdirDurably(`${iterDir(0)}.tmp`);
    const parts: string[][] = Array.from({ length: partitions }, () => []);
    const partialDangling = new Array<number>(partitions).fill(0);
    for (const [node, targets] of links) {
      const p = partitionOf(node, partitions);
      parts[p]?.push(`${node}\t${1 / n}\t${targets.join(',')}`);
      if (targets.length === 0) partialDangling[p] = (partialDangling[p] as number) + 1 / n;
    }
    parts.forEach((lines, p) => writeFsynced(join(`${iterDir(0)}.tmp`, partName(p)), `${lines.join('\n')}\n`));
    commitJob(`${iterDir(0)}.tmp`, iterDir(0));
    const loadMs = performance.now() - start;
    // Counters per job: the dangling mass of its output, for the next job's configuration.
    const danglingAfter: number[] = [partialDangling.reduce((a, b) => a + b, 0)];
    const iterationMs: number[] = [];
    const reruns: { iteration: number; ms: number }[] = [];
    for (let k = 1; k <= iterations; k++) {
      for (const loss of losses) if (loss.iteration === k) fs.rmSync(join(iterDir(k - 1), partName(loss.partition)), { force: true });
      const t0 = performance.now();
      const missing = Array.from({ length: partitions }, (_, p) => p).some((p) => !fs.existsSync(join(iterDir(k - 1), partName(p))));
      if (missing) {
        // Its output is gone: the previous job runs again, whole, from its own input.
        rmDurably(iterDir(k - 1));
        danglingAfter[k - 1] = runJob(k - 1, danglingAfter[k - 2] as number);
        reruns.push({ iteration: k - 1, ms: performance.now() - t0 });
      }
      danglingAfter[k] = runJob(k, danglingAfter[k - 1] as number);
      iterationMs.push(performance.now() - t0);
      // Keep one job back: the input of the job just run, in case its output is lost.
      if (k >= 2) rmDurably(iterDir(k - 2));
    }
    const all = new Map<string, number>();
    for (let p = 0; p < partitions; p++) {
      for (const line of read(join(iterDir(iterations), partName(p))).split('\n')) {
        if (line === '') continue;
        const [node, rank] = line.split('\t') as [string, string];
        all.set(node, Number(rank));
      }
    }
    const ranks = new Map<string, number>();
    for (const node of links.keys()) ranks.set(node, all.get(node) as number);
    return { ranks, loadMs, iterationMs, reruns, ...stats };
  } finally {
    // Scratch data: removing it needs no fsync. The parent goes too if it is now empty and is
    // ours (another run, maybe in another process, may be using it: then it stays).
    fs.rmSync(dir, { recursive: true, force: true });
    if (!parentExisted || parent === defaultParent) {
      try {
        fs.rmdirSync(parent);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw error;
      }
    }
  }
}
