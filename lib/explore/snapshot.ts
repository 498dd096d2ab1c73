/**
 * How the explorer copies and fingerprints a node's state without help from the node.
 *
 * A state is whatever a node object holds in its own enumerable fields (class fields, private
 * in the TypeScript sense included), recursively: primitives, arrays, plain objects, class
 * instances (copied with their prototype, so methods keep working), `Map`, `Set`, typed arrays
 * (an `Rng`'s state lives in one) and `Date`. Shared references and cycles are preserved by one
 * memo per copy, so a node holding its `context.durable` keeps pointing at its own copied disk.
 * Functions are shared, not copied: a closure that captures mutable state, or a JavaScript
 * `#private` field, is invisible to the explorer (keep protocol state in fields; see README).
 */

/** Deep-copies `value` (a whole graph: shared references stay shared, via `memo`). */
export function cloneGraph<T>(value: T, memo: Map<object, unknown> = new Map()): T {
  return cloneValue(value, memo) as T;
}

function cloneValue(value: unknown, memo: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const seen = memo.get(value);
  if (seen !== undefined) return seen;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    memo.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = cloneValue(value[i], memo);
    return out;
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    memo.set(value, out);
    for (const [k, v] of value) out.set(cloneValue(k, memo), cloneValue(v, memo));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    memo.set(value, out);
    for (const v of value) out.add(cloneValue(v, memo));
    return out;
  }
  if (ArrayBuffer.isView(value)) {
    const out = value instanceof DataView ? new DataView(value.buffer.slice(0)) : (value as unknown as Uint8Array).slice();
    memo.set(value, out);
    return out;
  }
  if (value instanceof Date) {
    const out = Reflect.construct(Date, [value.getTime()]) as Date; // a copy of a date held in state, not a clock read
    memo.set(value, out);
    return out;
  }
  const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  memo.set(value, out);
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) out[key] = cloneValue(source[key], memo);
  return out;
}

/**
 * The canonical text of a state: equal states give equal text. Objects list their own
 * enumerable fields in insertion order (with the class name); `Map` entries and `Set`
 * elements are sorted by their text, so two sets built in a different order are the same
 * state (the explorer's one assumption: a node's behaviour does not depend on the insertion
 * order of its maps and sets). `labels` names objects shared across nodes (their disks) so
 * they are written once; a cycle prints as `^`.
 */
export function canonical(value: unknown, labels?: ReadonlyMap<object, string>): string {
  return canon(value, labels, new Set());
}

function canon(value: unknown, labels: ReadonlyMap<object, string> | undefined, path: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'bigint':
      return `${value}n`;
    case 'function':
      return `fn:${value.name}`;
    case 'symbol':
      return `sym:${String(value.description)}`;
  }
  if (value === null) return 'n';
  const object = value as object;
  const label = labels?.get(object);
  if (label !== undefined) return label;
  if (path.has(object)) return '^';
  path.add(object);
  let text: string;
  if (Array.isArray(object)) {
    text = '[';
    for (let i = 0; i < object.length; i++) text += (i === 0 ? '' : ',') + canon(object[i], labels, path);
    text += ']';
  } else if (object instanceof Map) {
    const entries: string[] = [];
    for (const [k, v] of object) entries.push(`${canon(k, labels, path)}:${canon(v, labels, path)}`);
    text = `M{${entries.sort().join(',')}}`;
  } else if (object instanceof Set) {
    const elements: string[] = [];
    for (const v of object) elements.push(canon(v, labels, path));
    text = `S{${elements.sort().join(',')}}`;
  } else if (ArrayBuffer.isView(object)) {
    const bytes = new Uint8Array(object.buffer, object.byteOffset, object.byteLength);
    text = `B[${bytes.join(',')}]`;
  } else if (object instanceof Date) {
    text = `D${object.getTime()}`;
  } else {
    const source = object as Record<string, unknown>;
    const keys = Object.keys(source);
    const name = (object as { constructor?: { name?: string } }).constructor?.name ?? '';
    text = `${name}{`;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      text += `${i === 0 ? '' : ','}${key}=${canon(source[key], labels, path)}`;
    }
    text += '}';
  }
  path.delete(object);
  return text;
}

/**
 * A 53-bit fingerprint of a string (cyrb53: two multiplicative 32-bit hashes mixed), exact as a
 * JavaScript number. With n states the chance that two collide is about n²/2⁵⁴ (10⁻⁵ for a
 * million), the same trade TLC makes with its 64-bit fingerprints.
 */
export function fingerprint(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The objects reachable from more than one of `roots` (walking fields, arrays, maps and sets;
 * `stop` objects are not entered). Nodes are separate processes and share nothing mutable, so
 * what several nodes reach is configuration (the options object, `context.nodeIds`): the
 * explorer neither copies nor re-encodes it.
 */
export function sharedObjects(roots: readonly unknown[], stop: ReadonlySet<object>): Set<object> {
  const counts = new Map<object, number>();
  for (const root of roots) {
    const seen = new Set<object>();
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const value = stack.pop();
      if (typeof value !== 'object' || value === null || seen.has(value) || stop.has(value)) continue;
      seen.add(value);
      if (value instanceof Map) for (const [k, v] of value) stack.push(k, v);
      else if (value instanceof Set) for (const v of value) stack.push(v);
      else if (!ArrayBuffer.isView(value)) for (const key of Object.keys(value)) stack.push((value as Record<string, unknown>)[key]);
    }
    for (const object of seen) counts.set(object, (counts.get(object) ?? 0) + 1);
  }
  const shared = new Set<object>();
  for (const [object, count] of counts) if (count > 1) shared.add(object);
  return shared;
}

/**
 * One fingerprint for a sequence of fingerprints (order matters): each 53-bit value is fed to
 * two 32-bit multiplicative lanes, as {@link fingerprint} does with characters.
 */
export function combineFingerprints(values: readonly number[]): number {
  let h1 = 0x9e3779b9;
  let h2 = 0x85ebca6b;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    const lo = value >>> 0;
    const hi = Math.floor(value / 4294967296) >>> 0;
    h1 = Math.imul(h1 ^ lo, 2654435761);
    h2 = Math.imul(h2 ^ lo, 1597334677);
    h1 = Math.imul(h1 ^ hi, 2246822519);
    h2 = Math.imul(h2 ^ hi, 3266489917);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Mixes the 53-bit value `value` into the 53-bit accumulator `acc` (two 32-bit multiplicative lanes). */
export function mixFingerprint(acc: number, value: number): number {
  let h1 = (acc >>> 0) ^ 0x9e3779b9;
  let h2 = (Math.floor(acc / 4294967296) >>> 0) ^ 0x85ebca6b;
  const lo = value >>> 0;
  const hi = Math.floor(value / 4294967296) >>> 0;
  h1 = Math.imul(h1 ^ lo, 2654435761);
  h2 = Math.imul(h2 ^ lo, 1597334677);
  h1 = Math.imul(h1 ^ hi, 2246822519);
  h2 = Math.imul(h2 ^ hi, 3266489917);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
const TAG = { undefined: 1, null: 2, true: 3, false: 4, number: 5, string: 6, bigint: 7, fn: 8, symbol: 9, cycle: 10, array: 11, map: 12, set: 13, bytes: 14, date: 15, object: 16 };
const textHashes = new Map<string, number>();

/** The fingerprint of a short, often repeated text (field and class names), cached. */
function nameHash(text: string): number {
  let hash = textHashes.get(text);
  if (hash === undefined) {
    hash = fingerprint(text);
    if (textHashes.size < 100_000) textHashes.set(text, hash);
  }
  return hash;
}

/**
 * The fingerprint of a value's {@link canonical} form, computed without building the text:
 * equal canonical texts give equal fingerprints (maps and sets are combined from their
 * entries' fingerprints, sorted, so insertion order does not count). About the same collision
 * odds as {@link fingerprint}.
 */
export function fingerprintValue(value: unknown, labels?: ReadonlyMap<object, string>): number {
  return hashValue(value, labels, new Set());
}

function hashValue(value: unknown, labels: ReadonlyMap<object, string> | undefined, path: Set<object>): number {
  switch (typeof value) {
    case 'string':
      return mixFingerprint(TAG.string, fingerprint(value));
    case 'number':
      scratch[0] = value;
      return mixFingerprint(mixFingerprint(TAG.number, scratchWords[0] as number), scratchWords[1] as number);
    case 'boolean':
      return value ? TAG.true : TAG.false;
    case 'undefined':
      return TAG.undefined;
    case 'bigint':
      return mixFingerprint(TAG.bigint, fingerprint(String(value)));
    case 'function':
      return mixFingerprint(TAG.fn, nameHash(value.name));
    case 'symbol':
      return mixFingerprint(TAG.symbol, fingerprint(String(value.description)));
  }
  if (value === null) return TAG.null;
  const object = value as object;
  const label = labels?.get(object);
  if (label !== undefined) return nameHash(label);
  if (path.has(object)) return TAG.cycle;
  path.add(object);
  let acc: number;
  if (Array.isArray(object)) {
    acc = mixFingerprint(TAG.array, object.length);
    for (let i = 0; i < object.length; i++) acc = mixFingerprint(acc, hashValue(object[i], labels, path));
  } else if (object instanceof Map || object instanceof Set) {
    const entries: number[] = [];
    if (object instanceof Map) for (const [k, v] of object) entries.push(mixFingerprint(hashValue(k, labels, path), hashValue(v, labels, path)));
    else for (const v of object) entries.push(hashValue(v, labels, path));
    entries.sort((a, b) => a - b);
    acc = mixFingerprint(object instanceof Map ? TAG.map : TAG.set, entries.length);
    for (let i = 0; i < entries.length; i++) acc = mixFingerprint(acc, entries[i] as number);
  } else if (ArrayBuffer.isView(object)) {
    const bytes = new Uint8Array(object.buffer, object.byteOffset, object.byteLength);
    acc = mixFingerprint(TAG.bytes, bytes.length);
    for (let i = 0; i < bytes.length; i++) acc = mixFingerprint(acc, bytes[i] as number);
  } else if (object instanceof Date) {
    acc = mixFingerprint(TAG.date, hashValue(object.getTime(), labels, path));
  } else {
    const source = object as Record<string, unknown>;
    acc = mixFingerprint(TAG.object, nameHash((object as { constructor?: { name?: string } }).constructor?.name ?? ''));
    const keys = Object.keys(source);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      acc = mixFingerprint(mixFingerprint(acc, nameHash(key)), hashValue(source[key], labels, path));
    }
  }
  path.delete(object);
  return acc;
}
