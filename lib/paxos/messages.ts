/**
 * Paxos messages, named as in "Paxos Made Simple" (Lamport 2001): phase 1 is `Prepare` /
 * `Promise`, phase 2 is `Accept` / `Accepted`. A ballot (the lecture's "número de propuesta
 * n") is a positive integer unique per proposer. Multi-Paxos adds a slot to phase 2, the
 * leader's `Heartbeat`, the `Decide` that tells learners, and the client's `ClientRequest`.
 */
import type { NodeId } from '../sim/types';

/** What an acceptor reports it accepted: the proposal with the highest ballot (none: ballot 0, value null). */
export interface AcceptedProposal {
  readonly acceptedBallot: number;
  readonly acceptedValue: string | null;
}

/** Single-decree Paxos messages. */
export type PaxosMessage =
  /** Phase 1a: "promise not to accept ballots below `ballot`, and tell me what you accepted". */
  | { readonly type: 'Prepare'; readonly ballot: number }
  /** Phase 1b: the promise, with the highest-ballot proposal this acceptor accepted. */
  | ({ readonly type: 'Promise'; readonly ballot: number } & AcceptedProposal)
  /** A refusal (an optimisation from the paper's §2.3): "I promised `promised` already". */
  | { readonly type: 'Nack'; readonly ballot: number; readonly promised: number }
  /** Phase 2a: "accept `value` in `ballot`". */
  | { readonly type: 'Accept'; readonly ballot: number; readonly value: string }
  /** Phase 2b: an acceptor tells the learners what it accepted. */
  | { readonly type: 'Accepted'; readonly ballot: number; readonly value: string };

/** One slot's accepted proposal, as a Multi-Paxos acceptor reports it in phase 1. */
export interface SlotProposal {
  readonly slot: number;
  readonly ballot: number;
  readonly value: string;
}

/** Multi-Paxos messages: phase 1 once per leader for every slot from `fromSlot` on, phase 2 per slot. */
export type MultiPaxosMessage =
  | { readonly type: 'ClientRequest'; readonly command: string }
  | { readonly type: 'Prepare'; readonly ballot: number; readonly fromSlot: number }
  | { readonly type: 'Promise'; readonly ballot: number; readonly accepted: readonly SlotProposal[] }
  | { readonly type: 'Nack'; readonly ballot: number; readonly promised: number }
  | { readonly type: 'Accept'; readonly ballot: number; readonly slot: number; readonly value: string }
  | { readonly type: 'Accepted'; readonly ballot: number; readonly slot: number }
  | { readonly type: 'Decide'; readonly slot: number; readonly value: string }
  | { readonly type: 'Heartbeat'; readonly ballot: number; readonly leader: NodeId; readonly decidedUpTo: number };

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isText = (x: unknown): x is string => typeof x === 'string';

/**
 * Why a received single-decree message is malformed (a wrong field type, a negative ballot…),
 * or undefined when it is well formed. Nodes drop malformed messages instead of crashing.
 */
export function malformedPaxos(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return 'no es un objeto';
  const m = message as Record<string, unknown>;
  if (!isCount(m.ballot)) return 'ballot no es un entero ≥ 0';
  switch (m.type) {
    case 'Prepare':
      return undefined;
    case 'Promise':
      return isCount(m.acceptedBallot) && (m.acceptedValue === null || isText(m.acceptedValue)) ? undefined : 'Promise sin propuesta aceptada válida';
    case 'Nack':
      return isCount(m.promised) ? undefined : 'Nack sin promised';
    case 'Accept':
    case 'Accepted':
      return isText(m.value) ? undefined : `${String(m.type)} sin valor`;
    default:
      return `tipo desconocido ${JSON.stringify(m.type)}`;
  }
}

/** Why a received Multi-Paxos message is malformed, or undefined when it is well formed. */
export function malformedMultiPaxos(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return 'no es un objeto';
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ClientRequest':
      return isText(m.command) ? undefined : 'ClientRequest sin command';
    case 'Prepare':
      return isCount(m.ballot) && isCount(m.fromSlot) ? undefined : 'Prepare mal formado';
    case 'Promise':
      return isCount(m.ballot) && Array.isArray(m.accepted) && m.accepted.every((p: unknown) => typeof p === 'object' && p !== null && isCount((p as SlotProposal).slot) && isCount((p as SlotProposal).ballot) && isText((p as SlotProposal).value))
        ? undefined
        : 'Promise mal formado';
    case 'Nack':
      return isCount(m.ballot) && isCount(m.promised) ? undefined : 'Nack mal formado';
    case 'Accept':
      return isCount(m.ballot) && isCount(m.slot) && isText(m.value) ? undefined : 'Accept mal formado';
    case 'Accepted':
      return isCount(m.ballot) && isCount(m.slot) ? undefined : 'Accepted mal formado';
    case 'Decide':
      return isCount(m.slot) && isText(m.value) ? undefined : 'Decide mal formado';
    case 'Heartbeat':
      return isCount(m.ballot) && isText(m.leader) && isCount(m.decidedUpTo) ? undefined : 'Heartbeat mal formado';
    default:
      return `tipo desconocido ${JSON.stringify(m.type)}`;
  }
}
