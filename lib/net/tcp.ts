// @real-io: real TCP sockets on 127.0.0.1.
/**
 * Framed messages over real TCP sockets on 127.0.0.1: a server and a client connection
 * that send and receive whole messages. Real-I/O runtime.
 */
import * as net from 'node:net';
import { encodeFrame, FrameDecoder } from './framing';

/** The only interface the kit listens on. */
export const LOOPBACK = '127.0.0.1';

/** A TCP connection that sends and receives whole messages (UTF-8 strings). */
export class FramedConnection {
  private readonly decoder: FrameDecoder;
  private readonly waiting: ((message: string) => void)[] = [];
  private readonly inbox: string[] = [];
  /** Raw `data` events seen, to show that reads do not match messages. */
  reads = 0;

  constructor(readonly socket: net.Socket, options: { maxFrameBytes?: number; onMessage?: (message: string, connection: FramedConnection) => void } = {}) {
    this.decoder = new FrameDecoder({ maxFrameBytes: options.maxFrameBytes });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.reads++;
      let frames: Buffer[];
      try {
        frames = this.decoder.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        const message = frame.toString('utf8');
        if (options.onMessage) options.onMessage(message, this);
        else {
          const waiter = this.waiting.shift();
          if (waiter) waiter(message);
          else this.inbox.push(message);
        }
      }
    });
    socket.on('error', () => socket.destroy());
  }

  /** Sends one message as one frame. */
  send(message: string): void {
    this.socket.write(encodeFrame(message));
  }

  /** Sends raw bytes as they are (to replay partial or coalesced writes in demos and tests). */
  sendRaw(bytes: Buffer): Promise<void> {
    return new Promise((resolve) => this.socket.write(bytes, () => resolve()));
  }

  /** Resolves with the next message received. */
  receive(): Promise<string> {
    const ready = this.inbox.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Closes the connection and resolves once the socket is fully closed. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.end();
      this.socket.destroySoon?.();
    });
  }
}

/** A running framed TCP server. */
export interface FramedServer {
  readonly port: number;
  readonly server: net.Server;
  /** Closes the listener and every open connection. */
  close(): Promise<void>;
}

/**
 * Starts a TCP server on 127.0.0.1 that calls `onMessage` for each whole message; the
 * handler's return value (if a string) is sent back as one message.
 *
 * @example
 * const server = await startFramedServer({ onMessage: (m) => m.toUpperCase() });
 * const conn = await connectFramed(server.port);
 * conn.send('hola');
 * await conn.receive(); // 'HOLA'
 * await conn.close(); await server.close();
 */
export async function startFramedServer(options: {
  onMessage: (message: string) => string | undefined;
  port?: number;
  maxFrameBytes?: number;
}): Promise<FramedServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new FramedConnection(socket, {
      maxFrameBytes: options.maxFrameBytes,
      onMessage: (message, connection) => {
        const reply = options.onMessage(message);
        if (typeof reply === 'string' && !socket.destroyed) connection.send(reply);
      },
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Opens a framed connection to a server on 127.0.0.1. */
export function connectFramed(port: number): Promise<FramedConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, LOOPBACK);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(new FramedConnection(socket));
    });
  });
}
