/**
 * The teacher's own versions of the rules the exercises ask for: the nodes use these by default,
 * so the protocols run even in the student edition, where the exercise functions throw until
 * they are solved.
 */
import type { Version, Versioned } from './messages';

/** The highest log index at least `k` backups hold (capped at `primaryIndex`; `k = 0`: `primaryIndex`). */
export function commitIndexOf(primaryIndex: number, backupMatch: readonly number[], k: number): number {
  if (k <= 0) return primaryIndex;
  const sorted = backupMatch.map((m) => Math.min(m, primaryIndex)).sort((a, b) => b - a);
  return sorted[k - 1] ?? 0;
}

/** Negative, 0 or positive as version `a` is older than, equal to or newer than `b` (counter, then id). */
export function compareVersions(a: Version, b: Version): number {
  if (a.counter !== b.counter) return a.counter - b.counter;
  return a.by < b.by ? -1 : a.by > b.by ? 1 : 0;
}

/** The newest item of a quorum read and the replicas that answered something older. */
export function planReadRepair(replies: readonly { readonly node: string; readonly item: Versioned | null }[]): { newest: Versioned | null; stale: string[] } {
  let newest: Versioned | null = null;
  for (const r of replies) if (r.item !== null && (newest === null || compareVersions(r.item.version, newest.version) > 0)) newest = r.item;
  if (newest === null) return { newest: null, stale: [] };
  const best = newest;
  return { newest: best, stale: replies.filter((r) => r.item === null || compareVersions(r.item.version, best.version) !== 0).map((r) => r.node) };
}
