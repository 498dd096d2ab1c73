// @real-io: real TCP sockets on 127.0.0.1 to replay the lecture's single-read server.
/**
 * The lecture's peer server, as written: accept a connection, read **once** up to 1024 bytes
 * (`conn.recv(1024)`), print it as one message, close. TCP is a byte stream and promises no
 * message boundaries, so on real sockets one read can hold half a message, two messages, or
 * the first 1024 bytes of a longer one. The same three sends to a framed server (lib/net's
 * 4-byte length prefix) give back exactly the messages sent.
 */
import * as net from 'node:net';
import { encodeFrame, FrameDecoder } from '../net/framing';
import { LOOPBACK } from '../net/loopback';

/** One case of the demo: what the client sent and what each server took as messages. */
export interface RecvCase {
  /** Spanish name of the case. */
  readonly name: string;
  /** The messages the client meant to send. */
  readonly sent: string[];
  /** What the lecture's server printed (one `recv(1024)` per connection). */
  readonly lecture: string[];
  /** What the framed server decoded. */
  readonly framed: string[];
  /** `data` events the framed server saw (reads), next to the messages. */
  readonly framedReads: number;
}

type Sender = (socket: net.Socket, bytes: Buffer[], firstReadSeen: () => Promise<void>) => Promise<void>;

interface Listener {
  readonly port: number;
  /** Resolves after the server's next `data` event. */
  nextRead(): Promise<void>;
  readonly messages: string[];
  reads: number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1: `lecture` reads once and closes; `framed` decodes frames. */
async function listen(kind: 'lecture' | 'framed'): Promise<Listener> {
  const sockets = new Set<net.Socket>();
  const waiters: (() => void)[] = [];
  const state: { messages: string[]; reads: number } = { messages: [], reads: 0 };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const decoder = new FrameDecoder();
    const onData = (chunk: Buffer) => {
      state.reads++;
      if (kind === 'lecture') {
        // message = conn.recv(1024).decode(); print(...); conn.close()
        state.messages.push(chunk.subarray(0, 1024).toString('utf8'));
        socket.destroy();
      } else {
        for (const frame of decoder.push(chunk)) state.messages.push(frame.toString('utf8'));
      }
      for (const wake of waiters.splice(0)) wake();
    };
    if (kind === 'lecture') socket.once('data', onData);
    else socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    nextRead: () => new Promise<void>((resolve) => waiters.push(resolve)),
    get messages() {
      return state.messages;
    },
    get reads() {
      return state.reads;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Connects, lets `send` write, and resolves once the connection is closed by either side. */
async function connectAndSend(port: number, bytes: Buffer[], send: Sender, nextRead: () => Promise<void>): Promise<void> {
  const socket = net.connect(port, LOOPBACK);
  socket.setNoDelay(true);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => socket.destroy()); // EPIPE/ECONNRESET once the lecture's server has hung up
  socket.resume();
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  await send(socket, bytes, nextRead);
  socket.end();
  await closed;
}

const write = (socket: net.Socket, bytes: Buffer) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.write(bytes, () => resolve())));

/** Splits the bytes in two writes and waits until the server has read the first half. */
const split: Sender = async (socket, bytes, nextRead) => {
  const all = Buffer.concat(bytes);
  const half = Math.floor(all.length / 2);
  const read = nextRead();
  await write(socket, all.subarray(0, half));
  await read;
  await write(socket, all.subarray(half));
};

/** Writes every message in one go (`cork`): one segment, one read. */
const together: Sender = async (socket, bytes) => {
  socket.cork();
  const written = bytes.map((b) => write(socket, b));
  socket.uncork();
  await Promise.all(written);
};

const CASES: { name: string; sent: string[]; send: Sender }[] = [
  { name: 'un mensaje partido en dos lecturas', sent: ['Hola, soy p1: ¿alguien quiere quedar para comer?'], send: split },
  { name: 'dos mensajes en una sola lectura', sent: ['hola', '¿qué tal?'], send: together },
  { name: 'un mensaje de 3000 bytes', sent: ['x'.repeat(2_999) + '!'], send: together },
];

/**
 * Replays three sends against the lecture's single-read server and against a framed one,
 * over real TCP on 127.0.0.1. Both servers are closed at the end, also on failure.
 *
 * @example
 * for (const c of await recvDemo()) console.log(c.name, c.lecture, c.framed);
 */
export async function recvDemo(): Promise<RecvCase[]> {
  const results: RecvCase[] = [];
  for (const c of CASES) {
    const lecture = await listen('lecture');
    try {
      const framed = await listen('framed');
      try {
        await connectAndSend(lecture.port, c.sent.map((m) => Buffer.from(m, 'utf8')), c.send, lecture.nextRead);
        await connectAndSend(framed.port, c.sent.map((m) => encodeFrame(m)), c.send, framed.nextRead);
        results.push({ name: c.name, sent: c.sent, lecture: [...lecture.messages], framed: [...framed.messages], framedReads: framed.reads });
      } finally {
        await framed.close();
      }
    } finally {
      await lecture.close();
    }
  }
  return results;
}
