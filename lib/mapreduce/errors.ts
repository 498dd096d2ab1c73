/**
 * Spanish for the socket errors Node reports in English, for the coordinator's reports
 * (lib/p2p translates its own; chapters do not import each other's modules).
 */

// Node's socket errors in English, as Spanish phrases; addresses and ports are dropped (they change every run).
const NODE_ERRORS: readonly [RegExp, string][] = [
  [/ECONNREFUSED/, 'conexión rechazada: nadie escucha en ese puerto'],
  [/socket hang up/i, 'el trabajador cerró la conexión sin responder'],
  [/ECONNRESET/, 'el trabajador reinició la conexión'],
  [/EPIPE/, 'el trabajador cerró la conexión mientras se le escribía'],
  [/ETIMEDOUT/, 'la conexión no se estableció a tiempo'],
  [/EHOSTUNREACH|ENETUNREACH/, 'no hay ruta hasta el trabajador'],
];

/**
 * A transport error's message (e.g. `conexión cortada: socket hang up`, `no se pudo conectar:
 * connect ECONNREFUSED 127.0.0.1:43005`) in Spanish and without the address and port, which
 * change every run, so that a report reads the same each time.
 *
 * @example
 * spanishTransportDetail('no se pudo conectar: connect ECONNREFUSED 127.0.0.1:43005');
 * // 'no se pudo conectar: conexión rechazada: nadie escucha en ese puerto'
 */
export function spanishTransportDetail(message: string): string {
  const colon = message.indexOf(': ');
  const head = colon < 0 ? '' : message.slice(0, colon);
  const tail = colon < 0 ? message : message.slice(colon + 2);
  const known = NODE_ERRORS.find(([pattern]) => pattern.test(tail));
  const body = known?.[1] ?? tail.replace(/\b\d{1,3}(?:\.\d{1,3}){3}:\d+\b/g, '').replace(/\s+/g, ' ').trim();
  return head === '' ? body : `${head}: ${body}`;
}
