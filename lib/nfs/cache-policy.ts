/**
 * The client's attribute cache rules, as pure functions: when a cached copy of a file's
 * attributes may be used without asking the server (close-to-open consistency plus an
 * acregmin/acregmax timeout, as Linux's NFS client does), and how the timeout adapts.
 */

/** What the client remembers about one file's attributes. */
export interface AttributeCacheEntry {
  /** Client time at which the attributes arrived (ms). */
  readonly fetchedAtMs: number;
  /** How long they count as fresh from then (ms). */
  readonly timeoutMs: number;
  /** The server's change counter in those attributes. */
  readonly change: number;
}

/** What the application is doing when the client consults the cache. */
export type CacheEvent = 'open' | 'read' | 'stat';

/** The decision: use the cached attributes, or ask the server with GETATTR. */
export type CacheDecision = 'cache' | 'getattr';

/** Mount options that shape the cache (`mount -o acregmin=3,acregmax=60,cto`). */
export interface CachePolicy {
  /** Shortest attribute timeout, ms (Linux: acregmin=3 s). */
  readonly acregminMs: number;
  /** Longest attribute timeout, ms (Linux: acregmax=60 s). */
  readonly acregmaxMs: number;
  /** Close-to-open: every open asks the server (Linux default; `nocto` turns it off). */
  readonly cto: boolean;
}

/** Linux's defaults for regular files (nfs(5)): acregmin=3, acregmax=60, cto. */
export const LINUX_DEFAULTS: CachePolicy = { acregminMs: 3_000, acregmaxMs: 60_000, cto: true };

/** `noac`: no attribute caching at all (every access asks the server). */
export const NOAC: CachePolicy = { acregminMs: 0, acregmaxMs: 0, cto: true };

/** A fixed timeout `actimeo=s` (acregmin = acregmax), with close-to-open. */
export function actimeo(seconds: number, cto = true): CachePolicy {
  return { acregminMs: seconds * 1_000, acregmaxMs: seconds * 1_000, cto };
}

/**
 * The client's decision (the kit's own implementation; exercise 10.4 asks for the same
 * contract). An entry is fresh in [fetchedAtMs, fetchedAtMs + timeoutMs), as Linux's
 * `nfs_attribute_timeout` tests with `time_in_range_open`; a clock that went back counts as
 * expired. With close-to-open, an open always asks.
 */
export function cacheDecision(entry: AttributeCacheEntry | null, event: CacheEvent, nowMs: number, policy: CachePolicy): CacheDecision {
  if (entry === null) return 'getattr';
  if (event === 'open' && policy.cto) return 'getattr';
  const fresh = nowMs >= entry.fetchedAtMs && nowMs < entry.fetchedAtMs + entry.timeoutMs;
  return fresh ? 'cache' : 'getattr';
}

/**
 * The timeout to give attributes that just arrived. Linux (`nfs_update_inode`): back to
 * acregmin when the file changed; doubled, up to acregmax, when it had not changed and the old
 * timeout had run out; unchanged otherwise. The first fetch starts at acregmin.
 */
export function nextAttributeTimeout(entry: AttributeCacheEntry | undefined, changed: boolean, nowMs: number, policy: CachePolicy): number {
  if (entry === undefined || changed) return policy.acregminMs;
  const expired = !(nowMs >= entry.fetchedAtMs && nowMs < entry.fetchedAtMs + entry.timeoutMs);
  if (!expired) return entry.timeoutMs;
  return Math.min(Math.max(entry.timeoutMs * 2, policy.acregminMs), policy.acregmaxMs);
}

/** Rejects a malformed policy with a Spanish reason (RangeError). */
export function checkPolicy(policy: CachePolicy): CachePolicy {
  const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (typeof policy !== 'object' || policy === null || !ok(policy.acregminMs) || !ok(policy.acregmaxMs) || typeof policy.cto !== 'boolean') {
    throw new RangeError('política de caché no válida: acregminMs y acregmaxMs deben ser números ≥ 0 y cto un booleano');
  }
  if (policy.acregminMs > policy.acregmaxMs) throw new RangeError(`acregmin (${policy.acregminMs} ms) no puede superar acregmax (${policy.acregmaxMs} ms)`);
  return policy;
}
