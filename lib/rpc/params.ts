/**
 * Declared method parameters and their binding: positional (§4.2 by-position) or named
 * (§4.2 by-name) params become one arguments object, or a reason for -32602.
 */

/** The JSON type a parameter must have. `integer` is a number with no fractional part. */
export type ParamType = 'number' | 'integer' | 'string' | 'boolean' | 'array' | 'object' | 'null' | 'any';

/** One declared parameter of a method: its name (for by-name calls), position is its index. */
export interface ParamSpec {
  readonly name: string;
  readonly type?: ParamType;
  /** An optional parameter may be left out (trailing positions, or missing names). */
  readonly optional?: boolean;
}

type TypeOf<T> = T extends 'number' | 'integer'
  ? number
  : T extends 'string'
    ? string
    : T extends 'boolean'
      ? boolean
      : T extends 'array'
        ? unknown[]
        : T extends 'object'
          ? Record<string, unknown>
          : T extends 'null'
            ? null
            : unknown;

/** The arguments object a handler receives for a parameter list `P`. */
export type ArgsOf<P extends readonly ParamSpec[]> = {
  [K in P[number] as K['name']]: K extends { optional: true }
    ? TypeOf<K['type']> | undefined
    : TypeOf<K['type']>;
};

/** The outcome of binding: arguments by name, or a Spanish reason for the -32602 `data`. */
export type BindResult = { ok: true; args: Record<string, unknown> } | { ok: false; reason: string };

function typeMatches(type: ParamType, value: unknown): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'null':
      return value === null;
  }
}

function checkType(spec: ParamSpec, value: unknown): string | undefined {
  const type = spec.type ?? 'any';
  if (typeMatches(type, value)) return undefined;
  return `el parámetro "${spec.name}" debe ser de tipo ${type}`;
}

/**
 * Binds raw `params` to a declared parameter list. Positional params fill the list in
 * order; named params must use declared names only. Missing required parameters, extra
 * parameters and wrong types are all Invalid params (§5.1, -32602).
 */
export function bindParams(specs: readonly ParamSpec[], params: unknown): BindResult {
  // Only declared names are ever set, so a plain object is safe (and faster than a null-prototype one).
  const args: Record<string, unknown> = {};
  if (params === undefined) params = [];
  if (Array.isArray(params)) {
    if (params.length > specs.length) {
      return { ok: false, reason: `se esperaban como mucho ${specs.length} parámetros, llegaron ${params.length}` };
    }
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]!;
      if (i >= params.length) {
        if (!spec.optional) return { ok: false, reason: `falta el parámetro "${spec.name}"` };
        continue;
      }
      const problem = checkType(spec, params[i]);
      if (problem !== undefined) return { ok: false, reason: problem };
      args[spec.name] = params[i];
    }
    return { ok: true, args };
  }
  const named = params as Record<string, unknown>;
  let known = 0;
  for (const spec of specs) if (Object.prototype.hasOwnProperty.call(named, spec.name)) known++;
  if (known !== Object.keys(named).length) {
    const unknown = Object.keys(named).find((key) => !specs.some((spec) => spec.name === key));
    return { ok: false, reason: `parámetro desconocido "${unknown}"` };
  }
  for (const spec of specs) {
    if (!Object.prototype.hasOwnProperty.call(named, spec.name)) {
      if (!spec.optional) return { ok: false, reason: `falta el parámetro "${spec.name}"` };
      continue;
    }
    const value = named[spec.name];
    const problem = checkType(spec, value);
    if (problem !== undefined) return { ok: false, reason: problem };
    args[spec.name] = value;
  }
  return { ok: true, args };
}
