/**
 * The messages of the three election algorithms, named after the lecture and the papers:
 * Bully (Garcia-Molina 1982) `Election` / `Answer` / `Coordinator`; the lecture's ring, whose
 * `Election` collects every id on its way round; Chang and Roberts (1979), whose `Election`
 * carries one candidate and whose `Elected` announces the winner.
 */
import type { NodeId } from '../sim/types';

/**
 * What a node's local failure detector tells it: "the leader looks dead, start an election".
 * Injected by the scenario (`sim.inject(id, { type: 'StartElection', suspect: 'n5' })`).
 */
export interface StartElection {
  readonly type: 'StartElection';
  /** The node that looks dead (the initiator does not send it an ELECTION). */
  readonly suspect?: NodeId;
}

/** Bully's messages. */
export type BullyMessage =
  | StartElection
  /** "I am holding an election": sent to every node with a higher id, with the sender's epoch. */
  | { readonly type: 'Election'; readonly epoch?: number }
  /** "I am alive and higher than you: I take over" (the lecture's reply of the higher nodes). */
  | { readonly type: 'Answer' }
  /** "I am the new leader", with the epoch it was elected in. */
  | { readonly type: 'Coordinator'; readonly epoch: number };

/** The lecture's ring algorithm: the ELECTION message collects the ids of the whole ring. */
export type RingMessage =
  | StartElection
  | { readonly type: 'Election'; readonly ids: readonly NodeId[] }
  | { readonly type: 'Coordinator'; readonly leader: NodeId; readonly initiator: NodeId };

/** Chang–Roberts: only the largest candidate survives its way round the ring. */
export type ChangRobertsMessage =
  | StartElection
  | { readonly type: 'Election'; readonly candidate: NodeId }
  | { readonly type: 'Elected'; readonly leader: NodeId };

/** Any election message (for counters and formatters). */
export type ElectionMessage = BullyMessage | RingMessage | ChangRobertsMessage;

/** What every election node exposes to checkers and plots. */
export interface ElectionView {
  readonly id: NodeId;
  /** The leader this node believes in (`undefined` before the first election). */
  readonly leader: NodeId | undefined;
  /** True while this node believes it is the leader. */
  readonly isLeader: boolean;
}

/**
 * Compares two node ids as the election's priority: numerically when both are integers
 * ("9" < "10"), otherwise as strings. Negative if `a` ranks below `b`.
 */
export function compareIds(a: NodeId, b: NodeId): number {
  const x = Number(a);
  const y = Number(b);
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The highest id of a list by {@link compareIds} (`undefined` for an empty list). */
export function highestId(ids: readonly NodeId[]): NodeId | undefined {
  let best: NodeId | undefined;
  for (const id of ids) if (best === undefined || compareIds(id, best) > 0) best = id;
  return best;
}

/** Why a node refused a message: the output a node gives instead of crashing. */
export interface Rejection {
  readonly from: NodeId;
  readonly type: string;
  /** Spanish, shown to students. */
  readonly reason: string;
}

/** A node's successor on the logical ring (the order of `nodeIds`, wrapping round). */
export function successorOf(id: NodeId, nodeIds: readonly NodeId[]): NodeId {
  const i = nodeIds.indexOf(id);
  return nodeIds[(i + 1) % nodeIds.length] as NodeId;
}

/** The `type` of an untrusted message, or `'?'` when it has none. */
export function typeOf(message: unknown): string {
  if (typeof message !== 'object' || message === null) return '?';
  const t = (message as { type?: unknown }).type;
  return typeof t === 'string' ? t : '?';
}
