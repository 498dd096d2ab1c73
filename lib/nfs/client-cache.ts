/**
 * What an NFS client remembers between calls: names → handles, each file's attributes with
 * their timeout, and each file's data tagged with the change counter it had.
 */
import { nextAttributeTimeout } from './cache-policy';
import type { AttributeCacheEntry, CachePolicy } from './cache-policy';
import type { FileHandle, NfsAttributes } from './messages';

/** Cached attributes: the decision's entry plus the attributes themselves. */
export interface CachedAttributes extends AttributeCacheEntry {
  readonly attributes: NfsAttributes;
}

/** The client's three caches (volatile: a restarted client starts empty). */
export class ClientCache {
  /** Name in the root directory → handle (LOOKUP's answers). */
  readonly names = new Map<string, FileHandle>();
  private readonly attributes = new Map<FileHandle, CachedAttributes>();
  private readonly data = new Map<FileHandle, { data: string; change: number }>();

  constructor(private readonly policy: CachePolicy, private readonly clock: () => number) {}

  /** The cached attributes of a handle, if any. */
  attributesOf(handle: FileHandle): CachedAttributes | undefined {
    return this.attributes.get(handle);
  }

  /** The cached data of a handle if it was read at change counter `change`. */
  dataAt(handle: FileHandle, change: number): string | undefined {
    const cached = this.data.get(handle);
    return cached !== undefined && cached.change === change ? cached.data : undefined;
  }

  /** Stores data read at change counter `change`. */
  storeData(handle: FileHandle, data: string, change: number): void {
    this.data.set(handle, { data, change });
  }

  /**
   * Stores attributes that just arrived (GETATTR, or post-op attributes of LOOKUP, READ, WRITE,
   * CREATE), with the next timeout; a changed change counter drops the cached data.
   */
  remember(handle: FileHandle, attributes: NfsAttributes): void {
    const now = this.clock();
    const entry = this.attributes.get(handle);
    const changed = entry !== undefined && entry.change !== attributes.change;
    const timeoutMs = nextAttributeTimeout(entry, changed, now, this.policy);
    this.attributes.set(handle, { fetchedAtMs: now, timeoutMs, change: attributes.change, attributes });
    const cached = this.data.get(handle);
    if (cached !== undefined && cached.change !== attributes.change) this.data.delete(handle);
  }

  /** Forgets everything about a handle (removed, or found stale). */
  forget(handle: FileHandle): void {
    this.attributes.delete(handle);
    this.data.delete(handle);
    for (const [name, h] of this.names) if (h === handle) this.names.delete(name);
  }
}
