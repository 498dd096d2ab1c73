/**
 * Actor addresses: where a message goes. An address names the host (a simulated node or a
 * worker thread) and the path of the actor from its top-level ancestor, like Akka's
 * `akka://sistema@host/user/cocina/cocinero`, written here as `cocina/jefe/cocinero`.
 */

/** An actor's address: `host/name/child/…` (e.g. `'cocina/jefe/cocinero'`). */
export type ActorAddress = string;

/** An address split into its host and its path of names. */
export interface ParsedAddress {
  readonly host: string;
  readonly path: readonly string[];
}

const NAME = /^[\p{L}\p{N}_-]{1,64}$/u;

/** True when `name` can name a host or an actor: letters, digits, `_` or `-`, at most 64. */
export function isValidName(name: unknown): name is string {
  return typeof name === 'string' && NAME.test(name);
}

/**
 * Builds the address of an actor on `host` with the given path of names.
 *
 * @example
 * actorAddress('cocina', 'jefe', 'cocinero'); // 'cocina/jefe/cocinero'
 */
export function actorAddress(host: string, ...path: string[]): ActorAddress {
  for (const part of [host, ...path]) {
    if (!isValidName(part)) throw new TypeError(`nombre de actor no válido: ${JSON.stringify(part)} (letras, dígitos, _ o -)`);
  }
  if (path.length === 0) throw new TypeError(`una dirección necesita al menos un actor tras el host ${host}`);
  return [host, ...path].join('/');
}

/** Parses an address, or returns a Spanish reason why it is not one. */
export function parseAddress(address: unknown): ParsedAddress | string {
  if (typeof address !== 'string') return `la dirección no es un texto: ${describeValue(address)}`;
  const parts = address.split('/');
  if (parts.length < 2) return `dirección sin actor: ${JSON.stringify(address)} (se espera host/actor)`;
  const bad = parts.find((part) => !isValidName(part));
  if (bad !== undefined) return `dirección mal formada: ${JSON.stringify(address)}`;
  const [host = '', ...path] = parts;
  return { host, path };
}

/** The host part of a valid address (`'cocina'` for `'cocina/jefe'`). */
export function hostOf(address: ActorAddress): string {
  const slash = address.indexOf('/');
  return slash < 0 ? address : address.slice(0, slash);
}

/** A short description of any value for an error message (never the whole value). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `una lista de ${value.length}`;
  if (typeof value === 'object') return 'un objeto';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
