/**
 * What survives a crash: a per-node durable store, and the copy made of every message at the
 * network boundary (so a sender cannot mutate a message after sending it).
 */
import type { DurableStore } from './types';

/**
 * A fast deep copy of plain data: objects, arrays, `Map`, `Set`, primitives. Other class
 * instances are passed through unchanged (messages should be plain data).
 */
export function copyPlain<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyPlain) as unknown as T;
  if (value instanceof Map) {
    const out = new Map();
    for (const [k, v] of value) out.set(k, copyPlain(v));
    return out as unknown as T;
  }
  if (value instanceof Set) {
    const out = new Set();
    for (const v of value) out.add(copyPlain(v));
    return out as unknown as T;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  const record = value as unknown as Record<string, unknown>;
  for (const key in record) out[key] = copyPlain(record[key]);
  return out as T;
}

/** A durable store in memory: values are deep-copied in and out, like a write to disk. */
export class MemoryDurableStore implements DurableStore {
  private readonly data = new Map<string, unknown>();

  get<T>(key: string): T | undefined {
    return this.data.has(key) ? copyPlain(this.data.get(key) as T) : undefined;
  }

  set<T>(key: string, value: T): void {
    this.data.set(key, copyPlain(value));
  }

  keys(): string[] {
    return [...this.data.keys()];
  }
}
