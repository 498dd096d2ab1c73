// @real-io: real UDP sockets on 127.0.0.1 (receive timeouts).
/**
 * UDP datagrams on 127.0.0.1: no connection, no retransmission, message boundaries kept.
 * Real-I/O runtime.
 */
import * as dgram from 'node:dgram';
import { LOOPBACK } from './loopback';


/** One datagram received. */
export interface Datagram {
  message: string;
  fromPort: number;
}

/** A UDP socket bound to 127.0.0.1 that sends and receives datagrams. */
export interface UdpEndpoint {
  readonly port: number;
  /** Sends one datagram to a port on 127.0.0.1; resolves once handed to the kernel. */
  send(message: string, toPort: number): Promise<void>;
  /** Datagrams received so far, in arrival order. */
  readonly received: readonly Datagram[];
  /** Resolves once at least `count` datagrams have arrived, or after `timeoutMs` with what there is. */
  waitFor(count: number, timeoutMs?: number): Promise<readonly Datagram[]>;
  close(): Promise<void>;
}

/**
 * Binds a UDP endpoint on 127.0.0.1 (port 0: the system picks one).
 *
 * @example
 * const a = await bindUdp(); const b = await bindUdp();
 * await a.send('ping', b.port);
 * await b.waitFor(1); // [{ message: 'ping', fromPort: a.port }]
 * await a.close(); await b.close();
 */
export async function bindUdp(options: { onDatagram?: (datagram: Datagram, endpoint: UdpEndpoint) => void } = {}): Promise<UdpEndpoint> {
  const socket = dgram.createSocket('udp4');
  const received: Datagram[] = [];
  const waiters = new Set<() => void>();
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, LOOPBACK, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  // After binding, a socket error must not crash the process (a Jupyter kernel): report it.
  const port = socket.address().port;
  socket.on('error', (error) => console.error(`UDP: error en el socket del puerto ${port}: ${error.message}`));
  const endpoint: UdpEndpoint = {
    port,
    received,
    send: (message, toPort) =>
      new Promise((resolve, reject) => socket.send(message, toPort, LOOPBACK, (error) => (error ? reject(error) : resolve()))),
    waitFor: (count, timeoutMs = 1000) =>
      new Promise((resolve) => {
        if (received.length >= count) return resolve(received);
        const check = (): void => {
          if (received.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          resolve(received);
        }, timeoutMs);
        waiters.add(check);
      }),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (buffer, remote) => {
    const datagram = { message: buffer.toString('utf8'), fromPort: remote.port };
    received.push(datagram);
    options.onDatagram?.(datagram, endpoint);
    for (const waiter of [...waiters]) waiter();
  });
  return endpoint;
}
