/**
 * The messages of the P2P chat, as plain JSON objects: the same union crosses the simulated
 * network and, one per frame, the real TCP sockets. `parseP2PMessage` is the gate every byte
 * from a socket goes through: anything that is not one of these messages is rejected with a
 * Spanish reason, never half-accepted.
 */
import type { NodeId } from '../sim/types';

/**
 * One chat line, flooded through the overlay. `id` is unique per message (origin and a
 * counter: `p1#3`), which is what de-duplication keys on; `origin` is the peer that wrote it.
 */
export interface Chat {
  readonly type: 'Chat';
  readonly id: string;
  readonly origin: NodeId;
  readonly text: string;
  /** The link-level sequence number when the sender asks for an `Ack` (simulated reliable links), else absent. */
  readonly linkSeq?: number;
}

/** A peer announces itself to the peers of its bootstrap list (they add it as a neighbour). */
export interface Join {
  readonly type: 'Join';
  readonly peer: NodeId;
  /** The joiner's listening port (real TCP only), so the receiver can connect back. */
  readonly port?: number;
  readonly linkSeq?: number;
}

/** A peer says goodbye: its neighbours remove it and stop forwarding to it. */
export interface Leave {
  readonly type: 'Leave';
  readonly peer: NodeId;
  readonly linkSeq?: number;
}

/** Link-level acknowledgement of a message that carried `linkSeq` (simulated reliable links only). */
export interface Ack {
  readonly type: 'Ack';
  readonly linkSeq: number;
}

/** The local user types a line (injected by the runtime, never sent between peers). */
export interface Post {
  readonly type: 'Post';
  readonly text: string;
}

/** Every message of the P2P chat. */
export type P2PMessage = Chat | Join | Leave | Ack | Post;

/** Thrown for bytes or objects that are not a valid P2P message; the message says why, in Spanish. */
export class MalformedMessageError extends Error {
  constructor(reason: string) {
    super(`mensaje P2P mal formado: ${reason}`);
    this.name = 'MalformedMessageError';
  }
}

const MAX_TEXT_CHARS = 4_096;
const ID_PATTERN = /^[A-Za-z0-9_.:#-]{1,64}$/;

function text(value: unknown, field: string, max = 64): string {
  if (typeof value !== 'string') throw new MalformedMessageError(`«${field}» debe ser un texto, es ${value === null ? 'null' : typeof value}`);
  if (value.length === 0 || value.length > max) throw new MalformedMessageError(`«${field}» debe tener entre 1 y ${max} caracteres`);
  return value;
}

function peerId(value: unknown, field: string): string {
  const id = text(value, field);
  if (!ID_PATTERN.test(id)) throw new MalformedMessageError(`«${field}» tiene caracteres no permitidos: ${JSON.stringify(id)}`);
  return id;
}

function optionalSeq(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new MalformedMessageError('«linkSeq» debe ser un entero ≥ 0');
  return value as number;
}

/**
 * Checks that `value` is a P2P message and returns a clean copy (unknown fields dropped).
 * Throws {@link MalformedMessageError} naming the first problem.
 *
 * @example
 * validateP2PMessage({ type: 'Chat', id: 'p1#1', origin: 'p1', text: 'hola' }); // ok
 * validateP2PMessage({ type: 'Chat', id: 7 }); // MalformedMessageError: «id» debe ser un texto, es number
 */
export function validateP2PMessage(value: unknown): P2PMessage {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MalformedMessageError('no es un objeto JSON');
  const m = value as Record<string, unknown>;
  const linkSeq = optionalSeq(m.linkSeq);
  const withSeq = <T extends object>(base: T): T => (linkSeq === undefined ? base : { ...base, linkSeq });
  switch (m.type) {
    case 'Chat':
      return withSeq({ type: 'Chat', id: peerId(m.id, 'id'), origin: peerId(m.origin, 'origin'), text: text(m.text, 'text', MAX_TEXT_CHARS) } as Chat);
    case 'Join': {
      if (m.port !== undefined && (!Number.isInteger(m.port) || (m.port as number) < 1 || (m.port as number) > 65_535)) throw new MalformedMessageError('«port» debe ser un puerto entre 1 y 65535');
      const base: Join = { type: 'Join', peer: peerId(m.peer, 'peer'), ...(m.port === undefined ? {} : { port: m.port as number }) };
      return withSeq(base);
    }
    case 'Leave':
      return withSeq({ type: 'Leave', peer: peerId(m.peer, 'peer') } as Leave);
    case 'Ack':
      if (linkSeq === undefined) throw new MalformedMessageError('un Ack necesita «linkSeq»');
      return { type: 'Ack', linkSeq };
    case 'Post':
      return { type: 'Post', text: text(m.text, 'text', MAX_TEXT_CHARS) };
    default:
      throw new MalformedMessageError(`tipo desconocido ${JSON.stringify(m.type)}`);
  }
}

/** What travels in one TCP frame: the sender's id and one message. */
export interface Envelope {
  readonly from: NodeId;
  readonly message: P2PMessage;
}

/**
 * Parses one frame's text into an {@link Envelope}; throws {@link MalformedMessageError} for
 * text that is not JSON, a missing sender, or an invalid message.
 */
export function parseEnvelope(frame: string): Envelope {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    throw new MalformedMessageError(`no es JSON: ${JSON.stringify(frame.slice(0, 40))}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MalformedMessageError('la trama no es un objeto { from, message }');
  const e = value as Record<string, unknown>;
  return { from: peerId(e.from, 'from'), message: validateP2PMessage(e.message) };
}

/** One trace line for a P2P message: `Chat p1#2 «hola»`, `Join p6`, `Ack 3`. */
export function formatP2PMessage(message: P2PMessage): string {
  switch (message.type) {
    case 'Chat':
      return `Chat ${message.id} «${message.text}»`;
    case 'Join':
      return `Join ${message.peer}`;
    case 'Leave':
      return `Leave ${message.peer}`;
    case 'Ack':
      return `Ack ${message.linkSeq}`;
    case 'Post':
      return `Post «${message.text}»`;
  }
}
