// @real-io: reads (and regenerates) the committed comments dataset file.
/**
 * The committed comments dataset, `datasets/comments/comments.jsonl`: 5000 generated comments
 * (seed 2026) with three malformed lines at fixed places, so a run shows how they are
 * reported. `buildCommentsDatasetLines()` regenerates it byte for byte (a test checks it).
 */
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commentsToLines, generateComments } from './comments';

/** Where the dataset lives and how it was made. */
export const COMMENTS_DATASET = {
  // The real folder: a notebook may load lib through a symlink (notebooks/lib → ../lib).
  path: join(realpathSync(__dirname), '..', '..', 'datasets', 'comments', 'comments.jsonl'),
  seed: 2026,
  count: 5000,
  /** Malformed lines inserted (0-based index in the final file → line text; line 1235, 2719 and 4243 in an editor). */
  malformed: [
    [1234, '{"id": 1234, "user": "u17", "text": "me encanta pero el JSON se cortó'],
    [2718, '{"id": 2718, "user": "u3"}'],
    [4242, '"solo un texto, no un objeto"'],
  ] as const,
};

/** The dataset's lines as the generator makes them (what the committed file must hold). */
export function buildCommentsDatasetLines(): string[] {
  const lines = commentsToLines(generateComments({ seed: COMMENTS_DATASET.seed, count: COMMENTS_DATASET.count }));
  for (const [position, text] of COMMENTS_DATASET.malformed) lines.splice(position, 0, text);
  return lines;
}

/** Rewrites the dataset file from the generator. */
export function writeCommentsDataset(): void {
  writeFileSync(COMMENTS_DATASET.path, `${buildCommentsDatasetLines().join('\n')}\n`);
}

/**
 * The committed dataset's lines (JSON comments, three of them malformed on purpose).
 *
 * @example
 * const lines = loadCommentsDataset(); // 5003 lines
 */
export function loadCommentsDataset(): string[] {
  return readFileSync(COMMENTS_DATASET.path, 'utf8').replace(/\n$/, '').split('\n');
}
