/**
 * Canonical serialisation and the hashes the chain uses. A hash covers bytes, not objects:
 * `JSON.stringify` writes keys in insertion order, so the same block built in another order
 * hashes differently. `canonicalJson` sorts keys at every level, so equal data always gives
 * equal bytes (the idea of RFC 8785, JSON Canonicalization Scheme, without its number rules:
 * the kit's blocks carry only integers and short strings).
 */
import { createHash } from 'node:crypto';

/** A JSON value the chain hashes: no `undefined`, functions, `NaN` or class instances. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * The canonical JSON of a value: keys sorted at every level, no spaces.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`no se puede serializar el número ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object).sort().map((key) => {
      const field = (value as Record<string, unknown>)[key];
      if (field === undefined) throw new TypeError(`el campo ${key} es undefined`);
      return `${JSON.stringify(key)}:${canonicalJson(field)}`;
    });
    return `{${entries.join(',')}}`;
  }
  throw new TypeError(`no se puede serializar un valor de tipo ${typeof value}`);
}

/** SHA-256 of a UTF-8 string or bytes, as 64 lowercase hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Bitcoin's double SHA-256 (`SHA256(SHA256(x))`), as raw bytes. */
export function doubleSha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
}

/** True if `text` is exactly 64 lowercase hexadecimal digits (a SHA-256 in hex). */
export function isHash(text: unknown): text is string {
  return typeof text === 'string' && /^[0-9a-f]{64}$/.test(text);
}

/** The all-zero hash: the previous hash of a genesis block. */
export const ZERO_HASH = '0'.repeat(64);
