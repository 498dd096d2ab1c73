/**
 * What survives a crash: a per-node durable store, and the copy made of every message at the
 * network boundary (so a sender cannot mutate a message after sending it).
 */
import type { DurableStore } from './types';

/** True for an object literal or a null-prototype object: what the simulator copies key by key as plain data. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ctor = (value as { constructor?: unknown }).constructor;
  return ctor === Object || ctor === undefined;
}

/**
 * A fast deep copy of plain data: objects, arrays, `Map`, `Set`, primitives. Other class
 * instances are passed through unchanged (messages should be plain data).
 */
export function copyPlain<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  // Fast path first: most messages are small object literals.
  if (isPlainObject(value)) {
    // Spread then patch nested values: much faster in V8 than building the copy key by key.
    const out = { ...(value as unknown as Record<string, unknown>) };
    for (const key in out) {
      const field = out[key];
      if (typeof field === 'object' && field !== null) out[key] = copyPlain(field);
    }
    return out as T;
  }
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
  return value;
}

/**
 * A strict deep copy for the durable store: plain objects, arrays, `Map`, `Set` and
 * primitives are copied; anything else (a class instance, a function) throws a `TypeError`
 * naming `key`, the path inside the value and the class, because a live object kept "on
 * disk" would let volatile state survive a crash.
 */
export function copyDurable<T>(value: T, key: string): T {
  return copyStrict(value, key, '') as T;
}

function copyStrict(value: unknown, key: string, path: string): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new TypeError(`durable store: cannot save key "${key}": ${typeof value} at ${path || 'the top level'} (save plain data)`);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v, i) => copyStrict(v, key, `${path}[${i}]`));
  if (value instanceof Map) {
    const out = new Map();
    for (const [k, v] of value) out.set(copyStrict(k, key, `${path}<key>`), copyStrict(v, key, `${path}.get(${String(k)})`));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    for (const v of value) out.add(copyStrict(v, key, `${path}<element>`));
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name || 'anonymous class';
    throw new TypeError(
      `durable store: cannot save key "${key}": ${path ? `${path} is` : 'the value is'} an instance of ${name}, not plain data ` +
        '(save plain objects, arrays, Map, Set or primitives, so nothing volatile survives a crash)',
    );
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = copyStrict((value as Record<string, unknown>)[k], key, `${path}.${k}`);
  return out;
}

/**
 * A durable store in memory: values are deep-copied in and out, like a write to disk. Only
 * plain data can be saved: `set` throws a `TypeError` for class instances and functions.
 */
export class MemoryDurableStore implements DurableStore {
  private readonly data = new Map<string, unknown>();

  get<T>(key: string): T | undefined {
    return this.data.has(key) ? copyPlain(this.data.get(key) as T) : undefined;
  }

  set<T>(key: string, value: T): void {
    this.data.set(key, copyDurable(value, key));
  }

  keys(): string[] {
    return [...this.data.keys()];
  }
}
