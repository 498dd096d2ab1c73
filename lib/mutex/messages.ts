/**
 * The messages of the five mutual-exclusion algorithms, named after the lecture and the
 * papers. Every request carries a number that identifies it (a sequence number or a Lamport
 * timestamp), and every answer names the request it answers, so a duplicated or late message
 * is recognised as stale instead of granting the wrong request.
 */

/** Central coordinator: request, grant, release (3 messages per entry). */
export type CentralMessage =
  | { readonly type: 'Request'; readonly seq: number }
  | { readonly type: 'Grant'; readonly seq: number }
  | { readonly type: 'Release'; readonly seq: number };

/** Ricart–Agrawala (1981): REQUEST with a Lamport timestamp, REPLY ("OK") naming it. */
export type RicartAgrawalaMessage =
  | { readonly type: 'Request'; readonly time: number }
  | { readonly type: 'Reply'; readonly time: number };

/**
 * Lamport (1978), §"mutual exclusion": every message carries the sender's clock (`time`);
 * RELEASE also names the request it ends. `seq` numbers the messages of each link for the
 * FIFO delivery the algorithm assumes.
 */
export type LamportQueueMessage =
  | { readonly type: 'Request'; readonly time: number; readonly seq?: number }
  | { readonly type: 'Ack'; readonly time: number; readonly seq?: number }
  | { readonly type: 'Release'; readonly time: number; readonly request: number; readonly seq?: number };

/** Token ring: the single token, numbered on each pass so a duplicate copy is dropped. */
export type TokenRingMessage = { readonly type: 'Token'; readonly seq: number };

/**
 * Maekawa (1985): REQUEST, LOCKED (the arbiter's vote), RELEASE; and for deadlock freedom
 * FAILED, INQUIRE and RELINQUISH (the paper's YIELD). `time` is the request's timestamp;
 * `grant` numbers each vote an arbiter gives, so a copy of an old vote or of an old
 * RELINQUISH is recognised.
 */
export type MaekawaMessage =
  | { readonly type: 'Request'; readonly time: number }
  | { readonly type: 'Locked'; readonly time: number; readonly grant: number }
  | { readonly type: 'Release'; readonly time: number }
  | { readonly type: 'Failed'; readonly time: number }
  | { readonly type: 'Inquire'; readonly time: number }
  | { readonly type: 'Relinquish'; readonly time: number; readonly grant: number };

/** Any mutual-exclusion message. */
export type MutexMessage = CentralMessage | RicartAgrawalaMessage | LamportQueueMessage | TokenRingMessage | MaekawaMessage;

/** A request identified by its Lamport timestamp and its node: ordered by time, then id. */
export interface TimestampedRequest {
  readonly time: number;
  readonly node: string;
}

/** Lamport's total order on requests: earlier timestamp first, ties broken by node id (as strings). */
export function requestPrecedes(a: TimestampedRequest, b: TimestampedRequest): boolean {
  return a.time < b.time || (a.time === b.time && a.node < b.node);
}
