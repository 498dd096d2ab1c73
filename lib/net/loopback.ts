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

/** A server `listenOnLoopback` can start: node:net's and node:http's both qualify. */
export interface LoopbackListenable {
  listen(port: number, host: string, callback: () => void): unknown;
  address(): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Starts `server` listening on 127.0.0.1 and resolves with its port (`port` 0, the default, asks
 * the OS for a free one); rejects with the listen error (a port in use, say) instead of leaving
 * it unhandled.
 *
 * @example
 * const port = await listenOnLoopback(http.createServer(handler));
 */
export function listenOnLoopback(server: LoopbackListenable, port = 0): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null && 'port' in address ? Number((address as { port: unknown }).port) : port);
    });
  });
}

/** Closes an HTTP server and every connection it still holds (keep-alive ones too); resolves once closed. */
export function closeHttpServer(server: { close(callback: () => void): unknown; closeAllConnections(): void }): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
