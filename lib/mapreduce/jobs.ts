/**
 * The two jobs the engine runs, as map and reduce functions over comment lines: the lecture's
 * sentiment count and a word count. Both reduce by summing, so a map task combines its own
 * output first (the paper's combiner) and the result never depends on the order of tasks.
 */
import { parseCommentLine, sentimentOf, wordsOf } from './comments';
import type { MalformedLine } from './comments';

/** The jobs the engine knows. */
export type JobName = 'sentiment' | 'wordcount';

/** Every job the engine knows, for validating an RPC's params. */
export const JOB_NAMES: readonly JobName[] = ['sentiment', 'wordcount'];

/** The keys one comment emits, each with a count of 1. */
export function mapComment(job: JobName, text: string): string[] {
  return job === 'sentiment' ? [sentimentOf(text)] : wordsOf(text);
}

/** What a map over some lines produced: combined counts per key and the malformed lines. */
export interface MapOutput {
  readonly counts: Map<string, number>;
  readonly records: number;
  readonly malformed: MalformedLine[];
}

/**
 * Maps `lines` and combines the counts; `firstLine` is how many input lines come before
 * `lines[0]`. A malformed line is reported, with its line number counted from 1 (as an editor
 * shows it) and why, and skipped: the others still count.
 */
export function mapLines(job: JobName, lines: readonly string[], firstLine = 0): MapOutput {
  const counts = new Map<string, number>();
  const malformed: MalformedLine[] = [];
  let records = 0;
  lines.forEach((line, i) => {
    const parsed = parseCommentLine(line);
    if ('reason' in parsed) {
      malformed.push({ line: firstLine + i + 1, reason: parsed.reason });
      return;
    }
    records += 1;
    for (const key of mapComment(job, parsed.text)) counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return { counts, records, malformed };
}

/** Counts as `[key, count]` pairs sorted by key (code-unit order), the engine's output form. */
export function sortedEntries(counts: ReadonlyMap<string, number>): [string, number][] {
  return [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * The single-process reference: the same job as one loop over every line, no tasks, no
 * files, no RPC. The engine's result must equal it exactly.
 *
 * @example
 * runSequential('sentiment', commentsToLines(generateComments({ seed: 1, count: 100 }))).result;
 */
export function runSequential(job: JobName, lines: readonly string[]): { result: [string, number][]; records: number; malformed: MalformedLine[] } {
  const out = mapLines(job, lines);
  return { result: sortedEntries(out.counts), records: out.records, malformed: out.malformed };
}

/** FNV-1a, 32 bits, over the UTF-16 code units of `key`: the shuffle's hash. */
export function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The reduce task that owns `key`: `fnv1a(key) mod nReduce` (the paper's `hash(key) mod R`). */
export function partitionOf(key: string, nReduce: number): number {
  return fnv1a(key) % nReduce;
}
