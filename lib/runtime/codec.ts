/**
 * Plain data as JSON text and back, without losing what JSON cannot say: `Map`, `Set`,
 * `undefined`, `NaN`, `±Infinity`, `-0` and `bigint`. Messages, outputs and durable values
 * of the real-process runtime cross process boundaries and disks in this form.
 */

/** The tag of a non-JSON value in the encoding: `{ "$t": tag, "v": payload }`. */
type Tag = 'map' | 'set' | 'undefined' | 'number' | 'bigint' | 'object';

const TAG = '$t';

/**
 * Encodes plain data as a JSON-compatible value. Plain objects whose own keys include `"$t"`
 * are wrapped, so decoding never mistakes data for a tag. A class instance, function or
 * symbol throws a `TypeError` naming `what` and the path inside the value.
 */
export function toJsonValue(value: unknown, what = 'value', path = ''): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // NaN, ±Infinity and -0 have no JSON form: String() names them and Number() reads them back.
      return Number.isFinite(value) && !Object.is(value, -0) ? value : tagged('number', Object.is(value, -0) ? '-0' : String(value));
    case 'undefined':
      return tagged('undefined', 0);
    case 'bigint':
      return tagged('bigint', value.toString());
    case 'function':
    case 'symbol':
      throw new TypeError(`${what}: cannot encode a ${typeof value} at ${path || 'the top level'} (send plain data)`);
  }
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v, i) => toJsonValue(v, what, `${path}[${i}]`));
  if (value instanceof Map) return tagged('map', [...value].map(([k, v]) => [toJsonValue(k, what, `${path}<key>`), toJsonValue(v, what, `${path}.get(${String(k)})`)]));
  if (value instanceof Set) return tagged('set', [...value].map((v) => toJsonValue(v, what, `${path}<element>`)));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name || 'anonymous class';
    throw new TypeError(`${what}: ${path || 'the value'} is an instance of ${name}, not plain data (use plain objects, arrays, Map, Set or primitives)`);
  }
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) out[key] = toJsonValue(record[key], what, `${path}.${key}`);
  return Object.prototype.hasOwnProperty.call(out, TAG) ? tagged('object', out) : out;
}

function tagged(tag: Tag, v: unknown): Record<string, unknown> {
  return { [TAG]: tag, v };
}

/** Decodes a value made by {@link toJsonValue} (already parsed from JSON) into fresh plain data. */
export function fromJsonValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(fromJsonValue);
  const record = value as Record<string, unknown>;
  const tag = record[TAG];
  if (tag === undefined) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) out[key] = fromJsonValue(record[key]);
    return out;
  }
  const v = record['v'];
  switch (tag) {
    case 'undefined':
      return undefined;
    case 'number':
      return v === '-0' ? -0 : Number(v);
    case 'bigint':
      return BigInt(String(v));
    case 'map':
      return new Map((v as unknown[][]).map(([k, x]) => [fromJsonValue(k), fromJsonValue(x)]));
    case 'set':
      return new Set((v as unknown[]).map(fromJsonValue));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v as Record<string, unknown>)) out[key] = fromJsonValue((v as Record<string, unknown>)[key]);
      return out;
    }
    default:
      throw new SyntaxError(`unknown value tag ${JSON.stringify(tag)}`);
  }
}

/** Plain data as one line of JSON text (no newline inside). */
export function encodeValue(value: unknown, what?: string): string {
  return JSON.stringify(toJsonValue(value, what));
}

/** Parses a line made by {@link encodeValue}; throws `SyntaxError` on malformed text. */
export function decodeValue(text: string): unknown {
  return fromJsonValue(JSON.parse(text));
}
