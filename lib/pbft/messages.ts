/**
 * PBFT messages, named as in Castro & Liskov, "Practical Byzantine Fault Tolerance" (OSDI
 * 1999): the normal case `Request` → `PrePrepare` → `Prepare` → `Commit` → `Reply` (the
 * lecture's five steps), `Checkpoint` for garbage collection, and `ViewChange` / `NewView`
 * to replace a faulty primary. The network authenticates senders (the paper's MACs);
 * the paper's signatures on view-change messages are modelled by the kit's liars never
 * forging another replica's message.
 */
import type { NodeId } from '../sim/types';

/** A client's operation: a transfer between accounts, as in the lecture ("Transferir $10 de A a B"). */
export interface ClientRequest {
  readonly op: string;
  readonly client: NodeId;
  /** The client's own request counter (C&L's timestamp t): replies and duplicates are matched on it. */
  readonly timestamp: number;
}

/** A request as the primary ordered it: `null` is the null request a new primary fills holes with. */
export type OrderedRequest = ClientRequest | null;

/** One prepared request a replica reports in a view change (C&L's P set: pre-prepare plus its prepares). */
export interface PreparedProof {
  readonly seq: number;
  readonly view: number;
  readonly digest: string;
  readonly request: OrderedRequest;
}

/** PBFT's messages. `replica` fields are the sender's id (the network already authenticates `from`). */
export type PbftMessage =
  | ({ readonly type: 'Request' } & ClientRequest)
  | { readonly type: 'PrePrepare'; readonly view: number; readonly seq: number; readonly digest: string; readonly request: OrderedRequest }
  | { readonly type: 'Prepare'; readonly view: number; readonly seq: number; readonly digest: string }
  | { readonly type: 'Commit'; readonly view: number; readonly seq: number; readonly digest: string }
  | { readonly type: 'Reply'; readonly view: number; readonly timestamp: number; readonly client: NodeId; readonly result: string }
  | { readonly type: 'Checkpoint'; readonly seq: number; readonly stateDigest: string }
  | ViewChangeMessage
  | { readonly type: 'NewView'; readonly view: number; readonly viewChanges: readonly ViewChangeMessage[]; readonly prePrepares: readonly PreparedProof[] };

/** VIEW-CHANGE: "move to `view`; my last stable checkpoint is `stableSeq`, and these requests prepared here after it". */
export interface ViewChangeMessage {
  readonly type: 'ViewChange';
  readonly view: number;
  readonly replica: NodeId;
  readonly stableSeq: number;
  readonly stableDigest: string;
  /** The state at that checkpoint (the kit's stand-in for the paper's state transfer). */
  readonly stableState: ReplicaState;
  readonly prepared: readonly PreparedProof[];
}

/** A replica's service state: account balances and the last reply sent to each client. */
export interface ReplicaState {
  readonly balances: readonly (readonly [string, number])[];
  readonly lastReply: readonly (readonly [NodeId, { readonly timestamp: number; readonly result: string }])[];
}

/** A request's digest (FNV-1a over its fields; `'null'` for the null request). Deterministic, not cryptographic. */
export function digestOf(request: OrderedRequest): string {
  if (request === null) return 'null';
  return hashText(`${request.client}\u0000${request.timestamp}\u0000${request.op}`);
}

/** FNV-1a of a string, as 8 hex digits. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isText = (x: unknown): x is string => typeof x === 'string';
const isRequest = (r: unknown): boolean => r === null || (typeof r === 'object' && isText((r as ClientRequest).op) && isText((r as ClientRequest).client) && isCount((r as ClientRequest).timestamp));

/** Why a received PBFT message is malformed, or undefined when it is well formed. Replicas drop malformed messages. */
export function malformedPbft(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return 'no es un objeto';
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'Request':
      return isRequest(m) ? undefined : 'Request mal formada (op, client, timestamp)';
    case 'PrePrepare':
      return isCount(m.view) && isCount(m.seq) && isText(m.digest) && isRequest(m.request) ? undefined : 'PrePrepare mal formado';
    case 'Prepare':
    case 'Commit':
      return isCount(m.view) && isCount(m.seq) && isText(m.digest) ? undefined : `${String(m.type)} mal formado`;
    case 'Reply':
      return isCount(m.view) && isCount(m.timestamp) && isText(m.result) ? undefined : 'Reply mal formado';
    case 'Checkpoint':
      return isCount(m.seq) && isText(m.stateDigest) ? undefined : 'Checkpoint mal formado';
    case 'ViewChange':
      return isCount(m.view) && isCount(m.stableSeq) && Array.isArray(m.prepared) ? undefined : 'ViewChange mal formado';
    case 'NewView':
      return isCount(m.view) && Array.isArray(m.viewChanges) && Array.isArray(m.prePrepares) ? undefined : 'NewView mal formado';
    default:
      return `tipo desconocido ${JSON.stringify(m.type)}`;
  }
}
