// @real-io: real TCP sockets on 127.0.0.1 and polling timers with hard deadlines.
/**
 * The real-TCP runtime of a chat peer: a {@link P2PPeer} (the same pure node the simulator
 * runs) behind a TCP server on 127.0.0.1 (port from the OS) and one outgoing connection per
 * neighbour, every message one frame of lib/net's framing. Bytes that are not a valid frame or
 * message close only that connection, with a clear error; a neighbour that does not answer is
 * reported and forgotten; the peer carries on.
 */
import * as net from 'node:net';
import { encodeFrame, FrameDecoder, FrameTooLargeError } from '../net/framing';
import { LOOPBACK } from '../net/loopback';
import type { Effect, NodeId } from '../sim/types';
import { createRng } from '../random/index';
import { MalformedMessageError, parseEnvelope } from './messages';
import type { P2PMessage } from './messages';
import { P2PPeer } from './peer';
import type { Fanout, FloodRule } from './peer';

/** A problem a peer met and survived. */
export interface PeerError {
  readonly peer: NodeId;
  /**
   * `'malformed'`: bytes that are not a message; `'tooLarge'`: a frame over the limit;
   * `'deadPeer'`: a neighbour that does not answer; `'handler'`: the node's own code threw.
   */
  readonly kind: 'malformed' | 'tooLarge' | 'deadPeer' | 'handler';
  /** Spanish, without ports or OS error codes (so it reads the same on every run). */
  readonly text: string;
  /** The OS error code or the parser's reason. */
  readonly detail: string;
}

/** Options of {@link TcpPeer.start}. */
export interface TcpPeerOptions {
  readonly id: NodeId;
  /** Peers already in the chat: ids and ports on 127.0.0.1. */
  readonly bootstrap?: readonly { readonly id: NodeId; readonly port: number }[];
  readonly fanout?: Fanout;
  /** Largest frame accepted (default 64 KiB). */
  readonly maxFrameBytes?: number;
  /** The flood rule (exercise 04.2's cells pass the student's). */
  readonly onChat?: FloodRule;
  /** Seed of the fan-out choices (default the id). */
  readonly seed?: string;
}

/** A chat peer on real TCP. */
export class TcpPeer {
  readonly node: P2PPeer;
  readonly errors: PeerError[] = [];
  /** Every output of the node, in order (`deliver`, `duplicate`, `neighbour`, …). */
  readonly outputs: { label: string; data?: unknown }[] = [];
  /** Raw `data` events on incoming connections and frames decoded from them. */
  reads = 0;
  frames = 0;
  private readonly ports = new Map<NodeId, number>();
  private readonly outgoing = new Map<NodeId, net.Socket>();
  private readonly incoming = new Set<net.Socket>();
  /** Outgoing sockets given up but maybe not closed yet (so `close` can wait for them too). */
  private readonly closing = new Set<net.Socket>();
  private closed = false;

  private constructor(readonly options: TcpPeerOptions, private readonly server: net.Server, readonly port: number) {
    for (const b of options.bootstrap ?? []) this.ports.set(b.id, b.port);
    this.node = new P2PPeer(
      { id: options.id, nodeIds: [options.id], rng: createRng(options.seed ?? options.id), durable: undefined as never },
      { bootstrap: (options.bootstrap ?? []).map((b) => b.id), fanout: options.fanout ?? 'all', ...(options.onChat ? { onChat: options.onChat } : {}) },
    );
  }

  /**
   * Starts a peer: listens on 127.0.0.1 (port 0), then says `Join` to its bootstrap peers.
   *
   * @example
   * const p1 = await TcpPeer.start({ id: 'p1' });
   * const p2 = await TcpPeer.start({ id: 'p2', bootstrap: [{ id: 'p1', port: p1.port }] });
   * p2.post('hola');
   * await waitUntil(() => p1.shown().length === 1, { timeoutMs: 2_000, what: 'la entrega' });
   * await p2.close(); await p1.close();
   */
  static async start(options: TcpPeerOptions): Promise<TcpPeer> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, LOOPBACK, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const peer = new TcpPeer(options, server, (server.address() as net.AddressInfo).port);
    server.on('connection', (socket) => peer.accept(socket));
    peer.apply(peer.node.start());
    return peer;
  }

  get id(): NodeId {
    return this.options.id;
  }

  /** The chat lines this peer has shown, in order: `[id, text]`. */
  shown(): [string, string][] {
    return this.node.delivered.map((c) => [c.id, c.text]);
  }

  /** True while an outgoing connection to `peer` is open. */
  connectedTo(peer: NodeId): boolean {
    return this.outgoing.has(peer);
  }

  /** Sockets this peer holds open (incoming and outgoing) plus its listener: 0 after `close`. */
  get openHandles(): number {
    return this.incoming.size + this.outgoing.size + this.closing.size + (this.server.listening ? 1 : 0);
  }

  /** The local user writes a line; returns its id. */
  post(text: string): string {
    this.apply(this.node.step({ type: 'message', from: this.id, message: { type: 'Post', text } }));
    return this.node.delivered[this.node.delivered.length - 1]?.id ?? '';
  }

  /** Says `Leave` to every neighbour, waits for the bytes to go out, then closes everything. */
  async leave(): Promise<void> {
    this.apply(this.node.step({ type: 'timer', name: 'leave' }));
    const sockets = [...this.outgoing.values()];
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.write(Buffer.alloc(0), () => resolve())))));
    await this.close();
  }

  /** Dies without a word: closes the listener and destroys every socket (what a crash looks like from outside). */
  kill(): Promise<void> {
    return this.close();
  }

  /** Closes the listener and every socket; resolves when the listener is closed. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    const sockets = [...this.incoming, ...this.outgoing.values(), ...this.closing];
    this.incoming.clear();
    this.outgoing.clear();
    const closedSockets = sockets.map((socket) => new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve()))));
    for (const socket of sockets) socket.destroy();
    const listener = this.server.listening ? new Promise<void>((resolve) => this.server.close(() => resolve())) : Promise.resolve();
    await Promise.all([...closedSockets, listener]);
  }

  private accept(socket: net.Socket): void {
    if (this.closed) return void socket.destroy();
    this.incoming.add(socket);
    socket.on('close', () => this.incoming.delete(socket));
    socket.on('error', () => socket.destroy());
    const decoder = new FrameDecoder({ maxFrameBytes: this.options.maxFrameBytes ?? 64 * 1024 });
    socket.on('data', (chunk: Buffer) => {
      this.reads++;
      try {
        for (const frame of decoder.push(chunk)) {
          if (socket.destroyed) return;
          this.frames++;
          this.receive(frame.toString('utf8'));
        }
      } catch (error) {
        this.reject(error);
        socket.destroy();
      }
    });
  }

  private receive(frame: string): void {
    const { from, message } = parseEnvelope(frame);
    if (message.type === 'Post' || message.type === 'Ack') throw new MalformedMessageError(`${message.type} no viaja entre pares`);
    if (message.type === 'Join' && message.port !== undefined) this.ports.set(from, message.port);
    this.apply(this.node.step({ type: 'message', from, message }));
  }

  private reject(error: unknown): void {
    if (error instanceof FrameTooLargeError) {
      this.errors.push({ peer: this.id, kind: 'tooLarge', text: `${this.id}: una conexión anunció una trama de más de ${error.maxFrameBytes} bytes; cierro esa conexión y sigo`, detail: error.message });
    } else if (error instanceof MalformedMessageError) {
      this.errors.push({ peer: this.id, kind: 'malformed', text: `${this.id}: ${error.message}; cierro esa conexión y sigo`, detail: error.message });
    } else {
      // Protocol code that throws (a student's unfinished flood rule, say) must not kill the process.
      const reason = error instanceof Error ? error.message : String(error);
      this.errors.push({ peer: this.id, kind: 'handler', text: `${this.id}: el manejador del par lanzó una excepción (${reason}); cierro esa conexión y sigo`, detail: reason });
    }
  }

  /** Interprets the node's effects: sends become frames, outputs are recorded; no timers are used over TCP. */
  private apply(effects: readonly Effect<P2PMessage>[]): void {
    for (const effect of effects) {
      if (effect.type === 'output') this.outputs.push(effect.data === undefined ? { label: effect.label } : { label: effect.label, data: effect.data });
      else if (effect.type === 'send') this.sendTo(effect.to, effect.message.type === 'Join' ? { ...effect.message, port: this.port } : effect.message);
    }
  }

  private sendTo(to: NodeId, message: P2PMessage): void {
    if (this.closed) return;
    const frame = encodeFrame(JSON.stringify({ from: this.id, message }));
    const open = this.outgoing.get(to);
    if (open && !open.destroyed) return void open.write(frame);
    const port = this.ports.get(to);
    if (port === undefined) return this.giveUp(to, 'puerto desconocido');
    const socket = net.connect(port, LOOPBACK);
    socket.setNoDelay(true);
    this.outgoing.set(to, socket);
    socket.on('error', (error: NodeJS.ErrnoException) => this.giveUp(to, error.code ?? error.message));
    socket.on('close', () => {
      if (this.outgoing.get(to) === socket) this.outgoing.delete(to);
      this.closing.delete(socket);
    });
    // Writes before 'connect' are buffered by the socket and sent once it connects.
    socket.write(frame);
  }

  /** A neighbour that does not answer: reported once, and forgotten as if it had said Leave. */
  private giveUp(to: NodeId, detail: string): void {
    const socket = this.outgoing.get(to);
    this.outgoing.delete(to);
    if (socket && !socket.closed) {
      this.closing.add(socket);
      socket.once('close', () => this.closing.delete(socket));
      socket.destroy();
    }
    if (this.closed || !this.node.neighbours.includes(to)) return;
    this.errors.push({ peer: this.id, kind: 'deadPeer', text: `${this.id}: ${to} no responde; lo quito de mis vecinos y sigo`, detail });
    this.apply(this.node.step({ type: 'message', from: to, message: { type: 'Leave', peer: to } }));
  }
}

/**
 * Polls `predicate` every 5 ms until it holds; rejects with a Spanish error naming `what`
 * after `timeoutMs`. The timer is always cleared.
 */
export function waitUntil(predicate: () => boolean, options: { timeoutMs: number; what: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > options.timeoutMs) return reject(new Error(`tiempo agotado (${options.timeoutMs} ms) esperando ${options.what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}
