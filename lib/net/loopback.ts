/**
 * The one network interface the kit ever binds or connects to.
 */

/**
 * The only interface the kit listens on or connects to: IPv4 loopback, never `0.0.0.0`.
 *
 * @example
 * server.listen(0, LOOPBACK); // a free port on 127.0.0.1 only
 */
export const LOOPBACK = '127.0.0.1';
