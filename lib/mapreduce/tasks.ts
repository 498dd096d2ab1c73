// @real-io: a worker's map and reduce tasks read and write files and measure their own time.
/**
 * What a worker does for one task (MIT 6.5840 lab 1): a map task reads its input split,
 * maps and combines, and writes one intermediate file per reduce task, `mr-<m>-<r>.json`; a
 * reduce task reads `mr-*-<r>.json` and writes `mr-out-<r>.json`. Every file is written to a
 * temporary name and renamed into place, so a reader sees the whole file or none: a worker
 * killed mid-write leaves at most a `*.tmp-*` file, and a re-executed task just renames an
 * identical file over the first one.
 */
import { readFileSync, renameSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mapLines, partitionOf, sortedEntries } from './jobs';
import type { JobName } from './jobs';
import type { MalformedLine } from './comments';

/** Parameters of the `map` RPC. */
export interface MapTaskParams {
  job: JobName;
  task: number;
  inputPath: string;
  /** How many input lines come before this split (its malformed lines are numbered from `firstLine + 1`). */
  firstLine: number;
  nReduce: number;
  dir: string;
  attempt: number;
  /** Wait this long half-way through writing (to kill a worker mid-task, in experiments). */
  delayMs?: number;
}

/** Parameters of the `reduce` RPC. */
export interface ReduceTaskParams {
  job: JobName;
  task: number;
  nMap: number;
  dir: string;
  attempt: number;
  delayMs?: number;
}

/** Result of the `map` RPC. */
export interface MapTaskResult {
  kind: 'map';
  task: number;
  records: number;
  /** The first malformed lines (at most 20) and how many there were. */
  malformed: MalformedLine[];
  malformedCount: number;
  keys: number;
  /** Time the worker spent on the task (read, map, write), in ms. */
  workMs: number;
}

/** Result of the `reduce` RPC. */
export interface ReduceTaskResult {
  kind: 'reduce';
  task: number;
  keys: number;
  workMs: number;
}

/** Name of map task `m`'s intermediate file for reduce task `r`. */
export function intermediateName(m: number, r: number): string {
  return `mr-${m}-${r}.json`;
}

/** Name of reduce task `r`'s output file. */
export function outputName(r: number): string {
  return `mr-out-${r}.json`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Writes `text` to `path` atomically: a temporary file in the same folder, then `rename`.
 * With `delayMs`, waits after writing half the text, so a kill then leaves a partial temp file.
 */
export async function writeAtomically(path: string, text: string, delayMs = 0): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${Math.floor(performance.now() * 1000)}`;
  if (delayMs > 0) {
    const fd = openSync(temp, 'w');
    try {
      const half = Math.floor(text.length / 2);
      writeSync(fd, text.slice(0, half));
      await sleep(delayMs);
      writeSync(fd, text.slice(half));
    } finally {
      closeSync(fd);
    }
  } else {
    writeFileSync(temp, text);
  }
  renameSync(temp, path);
}

/** Runs one map task: read the split, map and combine, write nReduce intermediate files. */
export async function runMapTask(p: MapTaskParams): Promise<MapTaskResult> {
  const started = performance.now();
  const text = readFileSync(p.inputPath, 'utf8');
  const lines = text.length === 0 ? [] : text.replace(/\n$/, '').split('\n');
  const out = mapLines(p.job, lines, p.firstLine);
  const buckets: [string, number][][] = Array.from({ length: p.nReduce }, () => []);
  for (const entry of sortedEntries(out.counts)) buckets[partitionOf(entry[0], p.nReduce)]!.push(entry);
  for (let r = 0; r < p.nReduce; r++) {
    // Only the first file waits: one pause is enough to be killed in the middle of a write.
    await writeAtomically(join(p.dir, intermediateName(p.task, r)), JSON.stringify(buckets[r]), r === 0 ? p.delayMs : 0);
  }
  return {
    kind: 'map', task: p.task, records: out.records, malformed: out.malformed.slice(0, 20), malformedCount: out.malformed.length,
    keys: out.counts.size, workMs: performance.now() - started,
  };
}

/** Runs one reduce task: read every map task's file for this partition, sum, write the output. */
export async function runReduceTask(p: ReduceTaskParams): Promise<ReduceTaskResult> {
  const started = performance.now();
  const counts = new Map<string, number>();
  for (let m = 0; m < p.nMap; m++) {
    const path = join(p.dir, intermediateName(m, p.task));
    let pairs: unknown;
    try {
      pairs = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`no puedo leer el fichero intermedio ${intermediateName(m, p.task)}: ${(error as Error).message}`);
    }
    for (const [key, count] of pairs as [string, number][]) counts.set(key, (counts.get(key) ?? 0) + count);
  }
  const entries = sortedEntries(counts);
  await writeAtomically(join(p.dir, outputName(p.task)), JSON.stringify(entries), p.delayMs);
  return { kind: 'reduce', task: p.task, keys: entries.length, workMs: performance.now() - started };
}
