// @real-io: TCP connections between node processes on 127.0.0.1.
/**
 * The network of one node process: a framed TCP server on 127.0.0.1 for its peers' messages,
 * one outgoing connection per peer, and the firewall the launcher sets (a blocked peer's
 * connections are dropped both ways and new ones refused).
 *
 * Delivery is what TCP gives and no more: per connection in order and without duplicates; a
 * message queued while connecting to a peer that is not listening is dropped (`crashed`), one
 * to or from a blocked peer is dropped (`partition`), and one written into a connection that
 * then breaks (the peer was killed) may be lost without a trace, as in any real system.
 */
import * as net from 'node:net';
import { encodeFrame, FrameDecoder } from '../net/framing';
import { LOOPBACK } from '../net/loopback';
import type { DropReason } from '../sim/trace';
import type { NodeId } from '../sim/types';
import { fromJsonValue, toJsonValue } from './codec';
import { parseHello, parseMessageFrame } from './wire';
import type { MessageFrame } from './wire';

/** A message waiting for its connection. */
interface Pending {
  readonly key: string;
  readonly message: unknown;
  readonly frame: Buffer;
  readonly sentAtMs: number;
}

interface Outgoing {
  readonly socket: net.Socket;
  readonly port: number;
  connected: boolean;
  queue: Pending[];
}

/** What the node host gives its network. */
export interface PeerNetworkOptions {
  readonly id: NodeId;
  readonly nodeIds: readonly NodeId[];
  readonly maxFrameBytes: number;
  /** A message arrived from a peer that is not blocked. */
  readonly onMessage: (from: NodeId, key: string, sentAtMs: number, message: unknown) => void;
  /** A message was not delivered. */
  readonly onDrop: (to: NodeId, from: NodeId, key: string, sentAtMs: number, message: unknown, reason: DropReason) => void;
  /** A connection failed in a way worth reporting (a malformed frame, an unknown caller). */
  readonly onError: (message: string) => void;
}

/** The TCP side of a node process. */
export class PeerNetwork {
  private readonly server: net.Server;
  private ports: Readonly<Record<NodeId, number>> = {};
  private readonly outgoing = new Map<NodeId, Outgoing>();
  private readonly incoming = new Map<NodeId, Set<net.Socket>>();
  private blocked = new Set<NodeId>();

  constructor(private readonly options: PeerNetworkOptions) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  /** Listens on 127.0.0.1 on a port the system picks; resolves with it. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, LOOPBACK, () => resolve((this.server.address() as net.AddressInfo).port));
    });
  }

  /** Installs the peers' ports; a connection to a peer whose port changed (it restarted) is replaced. */
  setPorts(ports: Readonly<Record<NodeId, number>>): void {
    this.ports = ports;
    for (const [peer, out] of [...this.outgoing]) {
      if (ports[peer] === out.port) continue;
      this.outgoing.delete(peer);
      out.socket.removeAllListeners('error');
      out.socket.on('error', () => undefined);
      out.socket.destroy();
      for (const p of out.queue) this.write(peer, p);
    }
  }

  /** Refuses `peers` from now on, both ways, dropping their open connections (replaces the previous set). */
  block(peers: readonly NodeId[]): void {
    this.blocked = new Set(peers.filter((p) => p !== this.options.id));
    for (const peer of this.blocked) {
      const out = this.outgoing.get(peer);
      if (out !== undefined) this.abandon(peer, out, 'partition');
      for (const socket of this.incoming.get(peer) ?? []) socket.destroy();
      this.incoming.delete(peer);
    }
  }

  /** True if the firewall refuses `peer`. */
  isBlocked(peer: NodeId): boolean {
    return this.blocked.has(peer);
  }

  /** Sends `message` (plain data) to a peer, or to this node itself. */
  send(to: NodeId, key: string, message: unknown, sentAtMs: number): void {
    const frame = encodeFrame(JSON.stringify({ k: key, t: sentAtMs, m: toJsonValue(message, `message to ${to}`) }));
    if (to === this.options.id) {
      // Like a message to 127.0.0.1 itself: a copy, delivered after the current step.
      const copy = fromJsonValue(toJsonValue(message));
      setImmediate(() => this.options.onMessage(to, key, sentAtMs, copy));
      return;
    }
    if (this.blocked.has(to)) return this.options.onDrop(to, this.options.id, key, sentAtMs, message, 'partition');
    this.write(to, { key, message, frame, sentAtMs });
  }

  /** Closes the server and every connection. */
  close(): void {
    this.server.close();
    for (const out of this.outgoing.values()) out.socket.destroy();
    for (const sockets of this.incoming.values()) for (const socket of sockets) socket.destroy();
  }

  private write(to: NodeId, pending: Pending): void {
    let out = this.outgoing.get(to);
    if (out === undefined) {
      const port = this.ports[to];
      if (port === undefined) return this.options.onDrop(to, this.options.id, pending.key, pending.sentAtMs, pending.message, 'crashed');
      out = this.connect(to, port);
    }
    if (out.connected) out.socket.write(pending.frame);
    else out.queue.push(pending);
  }

  private connect(peer: NodeId, port: number): Outgoing {
    const socket = net.connect({ port, host: LOOPBACK });
    socket.setNoDelay(true);
    const out: Outgoing = { socket, port, connected: false, queue: [] };
    this.outgoing.set(peer, out);
    socket.on('connect', () => {
      out.connected = true;
      socket.write(encodeFrame(JSON.stringify({ hello: this.options.id })));
      for (const p of out.queue) socket.write(p.frame);
      out.queue = [];
    });
    // Nothing is ever read on an outgoing connection; its end means the peer went away.
    socket.on('data', () => undefined);
    socket.on('error', () => this.abandon(peer, out, 'crashed'));
    socket.on('close', () => {
      if (this.outgoing.get(peer) === out) this.outgoing.delete(peer);
    });
    return out;
  }

  /** Drops a connection and the messages still waiting for it. */
  private abandon(peer: NodeId, out: Outgoing, reason: DropReason): void {
    if (this.outgoing.get(peer) === out) this.outgoing.delete(peer);
    const queue = out.queue;
    out.queue = [];
    out.socket.destroy();
    for (const p of queue) this.options.onDrop(peer, this.options.id, p.key, p.sentAtMs, p.message, reason);
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    const decoder = new FrameDecoder({ maxFrameBytes: this.options.maxFrameBytes });
    let from: NodeId | undefined;
    const fail = (error: unknown) => {
      this.options.onError(`conexión entrante${from === undefined ? '' : ` de ${from}`} cerrada: ${error instanceof Error ? error.message : String(error)}`);
      socket.destroy();
    };
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (from !== undefined) this.incoming.get(from)?.delete(socket);
    });
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = decoder.push(chunk);
      } catch (error) {
        return fail(error);
      }
      for (const bytes of frames) {
        if (socket.destroyed) return;
        const text = bytes.toString('utf8');
        let frame: MessageFrame;
        let message: unknown;
        try {
          if (from === undefined) {
            from = parseHello(text, this.options.nodeIds);
            if (this.blocked.has(from)) return void socket.destroy();
            let set = this.incoming.get(from);
            if (set === undefined) this.incoming.set(from, (set = new Set()));
            set.add(socket);
            continue;
          }
          frame = parseMessageFrame(text);
          message = fromJsonValue(frame.m);
        } catch (error) {
          return fail(error);
        }
        if (this.blocked.has(from)) {
          this.options.onDrop(this.options.id, from, frame.k, frame.t, message, 'partition');
          return void socket.destroy();
        }
        this.options.onMessage(from, frame.k, frame.t, message);
      }
    });
  }
}
