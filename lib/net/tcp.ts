// @real-io: real TCP sockets on 127.0.0.1.
/**
 * Framed messages over real TCP sockets on 127.0.0.1: a server and a client connection
 * that send and receive whole messages. Real-I/O runtime.
 */
import * as net from 'node:net';
import { encodeFrame, FrameDecoder } from './framing';
import { listenOnLoopback, LOOPBACK } from './loopback';

/** Options of a framed connection. */
export interface FramedConnectionOptions {
  /** Largest frame accepted; a larger one closes the connection (default 16 MiB). */
  maxFrameBytes?: number;
  /** Called for each message instead of queueing it for `receive()`. */
  onMessage?: (message: string, connection: FramedConnection) => void;
  /** Called when `onMessage` throws; the connection is then destroyed. */
  onError?: (error: unknown, connection: FramedConnection) => void;
}

interface Waiter {
  resolve: (message: string) => void;
  reject: (error: Error) => void;
}

/** A TCP connection that sends and receives whole messages (UTF-8 strings). */
export class FramedConnection {
  private readonly decoder: FrameDecoder;
  private readonly waiting: Waiter[] = [];
  private readonly inbox: string[] = [];
  /** Why the connection failed (an oversized frame, a socket error, a handler exception). */
  private cause: Error | undefined;
  /** Set once the socket has closed: every later `receive()` rejects with it. */
  private closedError: Error | undefined;
  /** Raw `data` events seen, to show that reads do not match messages. */
  reads = 0;

  constructor(readonly socket: net.Socket, options: FramedConnectionOptions = {}) {
    this.decoder = new FrameDecoder({ maxFrameBytes: options.maxFrameBytes });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.reads++;
      let frames: Buffer[];
      try {
        frames = this.decoder.push(chunk);
      } catch (error) {
        this.fail(error);
        return;
      }
      for (const frame of frames) {
        if (socket.destroyed) return;
        const message = frame.toString('utf8');
        if (options.onMessage) {
          // An exception in the handler must not escape this listener: it would kill the process.
          try {
            options.onMessage(message, this);
          } catch (error) {
            this.fail(error);
            options.onError?.(error, this);
            return;
          }
        } else {
          const waiter = this.waiting.shift();
          if (waiter) waiter.resolve(message);
          else this.inbox.push(message);
        }
      }
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => {
      this.closedError = this.cause ?? new Error('conexión TCP cerrada: no llegarán más mensajes');
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.closedError);
    });
  }

  /** Records why the connection failed (the first cause wins) and destroys the socket. */
  private fail(error: unknown): void {
    this.cause ??= error instanceof Error ? error : new Error(String(error));
    this.socket.destroy();
  }

  /** Sends one message as one frame. */
  send(message: string): void {
    this.socket.write(encodeFrame(message));
  }

  /** Sends raw bytes as they are (to replay partial or coalesced writes in demos and tests). */
  sendRaw(bytes: Buffer): Promise<void> {
    return new Promise((resolve) => this.socket.write(bytes, () => resolve()));
  }

  /**
   * Resolves with the next message received. Messages that arrived before the connection
   * closed are still delivered; after that it rejects with the cause of the close.
   */
  receive(): Promise<string> {
    const ready = this.inbox.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
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
 * handler's return value (if a string) is sent back as one message. If the handler throws,
 * that connection is destroyed and the error goes to `onError` (by default it is printed);
 * the server keeps serving the other connections.
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
  /** Called when `onMessage` throws (default: print it with console.error). */
  onError?: (error: unknown) => void;
}): Promise<FramedServer> {
  const onError =
    options.onError ??
    ((error: unknown) =>
      console.error(`servidor TCP: el manejador lanzó una excepción y se cerró la conexión: ${error instanceof Error ? error.message : String(error)}`));
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
      onError: (error) => onError(error),
    });
  });
  const port = await listenOnLoopback(server, options.port ?? 0);
  return {
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Opens a framed connection to a server on 127.0.0.1. */
export function connectFramed(port: number, options: { maxFrameBytes?: number } = {}): Promise<FramedConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, LOOPBACK);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(new FramedConnection(socket, { maxFrameBytes: options.maxFrameBytes }));
    });
  });
}
