// Plain data as JSON text and back, for the grading bridge: the arguments of an exercise
// call go from the teacher's checks to the sandbox, and the result (plus the arguments'
// state after the call, for exercises that update a ledger or a map in place) comes back.
// Loaded on both sides (the teacher's vitest and the sandboxed runner), so it is plain
// CommonJS with no dependency.
//
// What JSON cannot say is tagged as { "$t": tag, "v": payload }: Map, Set, undefined
// (also as an object member or array element, so hasOwnProperty and toStrictEqual see it),
// NaN, ±Infinity, -0 and bigint. Decoding is for untrusted text: it is bounded in size and
// depth, builds fresh plain objects with Object.prototype, and a "__proto__" key becomes an
// own data property, never a prototype.
'use strict';

const TAG = '$t';
/** Deepest nesting either side accepts. */
const MAX_DEPTH = 200;

class PlainDataError extends TypeError {}

function tagged(tag, v) {
  return { [TAG]: tag, v };
}

/**
 * A JSON-compatible form of `value`. Throws a PlainDataError for a function, a symbol, a
 * class instance or nesting deeper than MAX_DEPTH (a cycle ends there too).
 */
function toJson(value, path = 'el valor', depth = 0) {
  if (depth > MAX_DEPTH) throw new PlainDataError(`${path}: anidado a más de ${MAX_DEPTH} niveles (¿un ciclo?)`);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : tagged('number', Object.is(value, -0) ? '-0' : String(value));
    case 'undefined':
      return tagged('undefined', 0);
    case 'bigint':
      return tagged('bigint', value.toString());
    case 'function':
    case 'symbol':
      throw new PlainDataError(`${path}: es un ${typeof value === 'function' ? 'function' : 'symbol'}, no un dato`);
  }
  if (value === null) return null;
  const next = depth + 1;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toJson(value[i], `${path}[${i}]`, next);
    return out;
  }
  if (value instanceof Map) return tagged('map', [...value].map(([k, v]) => [toJson(k, `${path} (clave)`, next), toJson(v, `${path}.get(…)`, next)]));
  if (value instanceof Set) return tagged('set', [...value].map((v) => toJson(v, `${path} (elemento)`, next)));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    let name = 'una clase';
    try {
      name = String(value.constructor && value.constructor.name) || name;
    } catch {
      // A hostile constructor getter: keep the generic name.
    }
    throw new PlainDataError(`${path}: es una instancia de ${name}, no un dato (usa objetos, arrays, Map, Set o primitivos)`);
  }
  const out = {};
  for (const key of Object.keys(value)) define(out, key, toJson(value[key], `${path}.${key}`, next));
  return Object.prototype.hasOwnProperty.call(out, TAG) ? tagged('object', out) : out;
}

function define(target, key, value) {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Decodes what {@link toJson} made (already parsed) into fresh plain data. */
function fromJson(value, depth = 0) {
  if (depth > MAX_DEPTH) throw new PlainDataError(`anidado a más de ${MAX_DEPTH} niveles`);
  if (typeof value !== 'object' || value === null) return value;
  const next = depth + 1;
  if (Array.isArray(value)) return value.map((v) => fromJson(v, next));
  if (!Object.prototype.hasOwnProperty.call(value, TAG)) return plainObject(value, next);
  const tag = value[TAG];
  const v = value.v;
  switch (tag) {
    case 'undefined':
      return undefined;
    case 'number':
      return v === '-0' ? -0 : Number(v);
    case 'bigint':
      if (typeof v !== 'string' || !/^-?\d{1,4000}$/.test(v)) throw new PlainDataError('bigint mal formado');
      return BigInt(v);
    case 'map':
      if (!Array.isArray(v)) throw new PlainDataError('Map mal formado');
      return new Map(v.map((entry) => {
        if (!Array.isArray(entry) || entry.length !== 2) throw new PlainDataError('entrada de Map mal formada');
        return [fromJson(entry[0], next), fromJson(entry[1], next)];
      }));
    case 'set':
      if (!Array.isArray(v)) throw new PlainDataError('Set mal formado');
      return new Set(v.map((x) => fromJson(x, next)));
    case 'object':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new PlainDataError('objeto mal formado');
      return plainObject(v, next);
    default:
      throw new PlainDataError(`etiqueta desconocida ${JSON.stringify(String(tag)).slice(0, 40)}`);
  }
}

function plainObject(record, depth) {
  const out = {};
  for (const key of Object.keys(record)) define(out, key, fromJson(record[key], depth));
  return out;
}

/** `value` as one line of JSON (JSON.stringify never emits a raw newline). */
function encode(value, what) {
  return JSON.stringify(toJson(value, what));
}

/** Parses one line made by {@link encode}, refusing more than `maxBytes` characters. */
function decode(text, maxBytes = 16 * 1024 * 1024) {
  if (typeof text !== 'string') throw new PlainDataError('no es texto');
  if (text.length > maxBytes) throw new PlainDataError(`respuesta demasiado grande (${text.length} caracteres, máximo ${maxBytes})`);
  return fromJson(JSON.parse(text));
}

const kind = (v) => (v instanceof Map ? 'map' : v instanceof Set ? 'set' : Array.isArray(v) ? 'array' : v !== null && typeof v === 'object' ? 'object' : 'other');

/**
 * Makes `target` (an argument the checks passed in) hold `state` (what the sandbox says
 * the argument became), keeping the identity of `target` and of nested objects of the same
 * kind, as an in-place update in the same process would. Frozen targets are left alone.
 */
function syncInto(target, state, depth = 0) {
  if (depth > MAX_DEPTH || Object.isFrozen(target)) return;
  const k = kind(target);
  if (k !== kind(state)) return;
  const merged = (old, fresh) => {
    if (kind(old) !== 'other' && kind(old) === kind(fresh) && !Object.isFrozen(old)) {
      syncInto(old, fresh, depth + 1);
      return old;
    }
    return fresh;
  };
  if (k === 'map') {
    const old = new Map(target);
    target.clear();
    for (const [key, value] of state) target.set(key, old.has(key) ? merged(old.get(key), value) : value);
  } else if (k === 'set') {
    target.clear();
    for (const value of state) target.add(value);
  } else if (k === 'array') {
    const old = target.slice();
    target.length = state.length;
    for (let i = 0; i < state.length; i++) target[i] = i < old.length ? merged(old[i], state[i]) : state[i];
  } else if (k === 'object') {
    for (const key of Object.keys(target)) if (!Object.prototype.hasOwnProperty.call(state, key)) delete target[key];
    for (const key of Object.keys(state)) {
      const own = Object.prototype.hasOwnProperty.call(target, key);
      define(target, key, own ? merged(target[key], state[key]) : state[key]);
    }
  }
}

module.exports = { encode, decode, toJson, fromJson, syncInto, PlainDataError, MAX_DEPTH };
