/**
 * Messages between actors: immutable plain data. The lecture says messages are immutable and
 * asynchronous; here every message is checked to be plain JSON data and deep-frozen when it is
 * sent, so a sender cannot change it after `tell` and a receiver cannot change it at all
 * (in strict mode a write throws a `TypeError`). Between hosts it crosses as a {@link Deliver}
 * envelope and is frozen again on arrival.
 */
import { describeValue, parseAddress } from './address';
import type { ActorAddress } from './address';

/** The wire message between hosts: one actor message for the actor at `to`. */
export interface Deliver {
  readonly type: 'Deliver';
  readonly to: ActorAddress;
  /** The sending actor, when there is one (a reply goes there). */
  readonly from?: ActorAddress;
  readonly message: unknown;
}

/** What actor hosts send each other. */
export type ActorWire = Deliver;

const MAX_DEPTH = 32;

/**
 * Why `value` is not a valid actor message (plain JSON: objects, arrays, strings, finite
 * numbers, booleans, null), or `undefined` if it is.
 */
export function messageProblem(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `el mensaje anida más de ${MAX_DEPTH} niveles`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `el mensaje lleva un número no finito (${String(value)})`;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = messageProblem(item, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return 'el mensaje lleva un objeto que no es un objeto plano (Map, Set, fecha o clase): usa datos JSON';
    for (const item of Object.values(value as Record<string, unknown>)) {
      const problem = messageProblem(item, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  return `el mensaje lleva un valor que no es JSON (${typeof value})`;
}

/**
 * Checks that `value` is plain JSON data, copies it and deep-freezes the copy: what `tell`
 * does to every message (Erlang copies a message into the receiver's heap too). Throws a
 * `TypeError` with a Spanish reason for anything else.
 *
 * @example
 * const m = sealMessage({ type: 'Pedido', platos: ['paella'] });
 * Object.isFrozen(m.platos); // true
 */
export function sealMessage<T>(value: T): T {
  const problem = messageProblem(value);
  if (problem !== undefined) throw new TypeError(problem);
  return freezeMessage(copyJson(value));
}

function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => copyJson(item)) as unknown as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) copy[key] = copyJson(item);
  return copy as T;
}

/**
 * Deep-freezes plain data in place and returns it: the message can be shared between actors
 * without copying, since nobody can change it.
 *
 * @example
 * const m = freezeMessage({ type: 'Pedido', platos: ['paella'] });
 * Object.isFrozen(m.platos); // true
 */
export function freezeMessage<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value as Record<string, unknown>)) freezeMessage(item);
  }
  return value;
}

/** The `type` field of a message, for traces and plots (`'?'` when it has none). */
export function messageType(message: unknown): string {
  if (message !== null && typeof message === 'object' && !Array.isArray(message)) {
    const type = (message as { type?: unknown }).type;
    if (typeof type === 'string') return type;
  }
  return typeof message === 'string' ? 'texto' : typeof message === 'boolean' ? 'booleano' : '?';
}

/** Validates a wire message from another host: a {@link Deliver}, or a Spanish reason. */
export function parseWire(wire: unknown): Deliver | string {
  if (wire === null || typeof wire !== 'object' || Array.isArray(wire)) return `sobre mal formado: ${describeValue(wire)}`;
  const w = wire as Record<string, unknown>;
  if (w.type !== 'Deliver') return `sobre de tipo desconocido: ${describeValue(w.type)}`;
  const to = parseAddress(w.to);
  if (typeof to === 'string') return `sobre con destino no válido: ${to}`;
  if (w.from !== undefined && typeof parseAddress(w.from) === 'string') return `sobre con remitente no válido: ${describeValue(w.from)}`;
  if (!('message' in w)) return 'sobre sin mensaje';
  const problem = messageProblem(w.message);
  if (problem !== undefined) return problem;
  return { type: 'Deliver', to: w.to as string, ...(w.from === undefined ? {} : { from: w.from as string }), message: w.message };
}
