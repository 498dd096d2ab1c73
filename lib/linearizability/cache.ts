/**
 * Lowe's memoisation for the search, with subsumption for operations of unknown outcome.
 *
 * A configuration is (set of linearized operations, model state). Porcupine skips a
 * configuration seen before. Here a configuration is also skipped when one seen before has
 * the same ok operations linearized, an equal state, and a SUBSET of its info operations
 * linearized: an info operation may stay unlinearized forever, so every way to finish from
 * the larger set also finishes from the smaller one. Without this, k pending info operations
 * make 2^k configurations that differ only in which of them took effect.
 * @packageDocumentation
 */

/**
 * A configuration's key. The linearized ok operations are all those below `okLow` plus those
 * in `[okLow, okHighest]` not listed in `okPending`; the linearized info operations are the
 * bits of `infoBits` (one bit per info operation, in invoke order: few of them, so a few words).
 */
export interface ConfigKey {
  readonly okLow: number;
  readonly okHighest: number;
  /** Unlinearized ok operations in `(okLow, okHighest)`, ascending. */
  readonly okPending: Int32Array;
  readonly infoBits: Uint32Array;
}

interface Entry<S> {
  readonly key: ConfigKey;
  readonly state: S;
  readonly stateHash: string | number;
}

/** The set of configurations reached so far, bucketed by a hash of (ok set, state). */
export class ConfigCache<S> {
  private readonly buckets = new Map<number, Entry<S>[]>();
  private size = 0;

  /**
   * `exact`: skip only a configuration seen before with the very same info set (porcupine's
   * plain memo, no subsumption), so that every reachable configuration is visited once.
   */
  constructor(private readonly equal: ((a: S, b: S) => boolean) | undefined, private readonly exact = false) {}

  /** How many configurations are stored. */
  get entries(): number {
    return this.size;
  }

  /**
   * Whether a configuration that subsumes this one was reached before; if not, records it.
   * `bucket` must depend only on the ok set and the state.
   */
  seenOrAdd(bucket: number, key: ConfigKey, state: S, stateHash: string | number): boolean {
    let entries = this.buckets.get(bucket);
    if (entries !== undefined) {
      for (const e of entries) {
        if (e.key.okHighest !== key.okHighest || e.key.okLow !== key.okLow || !same(e.key.okPending, key.okPending)) continue;
        if (!(this.equal ? this.equal(e.state, state) : e.stateHash === stateHash)) continue;
        if (this.exact ? same(e.key.infoBits, key.infoBits) : isSubset(e.key.infoBits, key.infoBits)) return true; // e's info set ⊆ this one's
      }
    } else {
      entries = [];
      this.buckets.set(bucket, entries);
    }
    entries.push({ key, state, stateHash });
    this.size += 1;
    return false;
  }
}

function same(a: Int32Array | Uint32Array, b: Int32Array | Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Whether the bits of `a` are a subset of those of `b` (same length). */
function isSubset(a: Uint32Array, b: Uint32Array): boolean {
  for (let k = 0; k < a.length; k++) if (((a[k] as number) & ~(b[k] as number)) !== 0) return false;
  return true;
}

/**
 * Builds the key of the configuration where `linearized` marks the linearized operations:
 * a scan of the ok operations between the lowest unlinearized one and the highest linearized
 * one (the window of concurrent operations, not the history), and a copy of the info bits.
 */
export function configKey(linearized: Uint8Array, unknown: Uint8Array, okLow: number, okHighest: number, infoBits: Uint32Array): ConfigKey {
  const okPending: number[] = [];
  for (let i = okLow + 1; i < okHighest; i++) if (linearized[i] === 0 && unknown[i] === 0) okPending.push(i);
  return { okLow, okHighest, okPending: Int32Array.from(okPending), infoBits: infoBits.slice() };
}
