/**
 * Shape checks for incoming messages: a Raft server never trusts the wire. A message that is not
 * one of {@link RaftMessage}'s shapes is reported and dropped, never a crash (bad input in, a
 * clear record out).
 */
import type { RaftMessage } from './messages';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStr = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

function isEntry(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  if (!isInt(e.term)) return false;
  if (e.command === null) return true;
  const c = e.command as Record<string, unknown> | undefined;
  return c !== undefined && typeof c === 'object' && isStr(c.clientId) && isInt(c.seq) && c.op !== null && typeof c.op === 'object';
}

function isSnapshotState(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return Array.isArray(s.data) && Array.isArray(s.sessions);
}

/**
 * Why `message` is not a well-formed Raft message (a Spanish reason), or `undefined` if it is.
 * Client requests are checked further by `parseClientRequest`.
 */
export function malformedReason(message: unknown): string | undefined {
  if (message === null || typeof message !== 'object') return 'el mensaje no es un objeto';
  const m = message as Record<string, unknown>;
  const ok = (() => {
    switch (m.type) {
      case 'RequestVote':
        return isInt(m.term) && isStr(m.candidateId) && isInt(m.lastLogIndex) && isInt(m.lastLogTerm);
      case 'RequestVoteReply':
        return isInt(m.term) && isBool(m.voteGranted);
      case 'AppendEntries':
        return isInt(m.term) && isStr(m.leaderId) && isInt(m.prevLogIndex) && isInt(m.prevLogTerm) && Array.isArray(m.entries) && m.entries.every(isEntry) && isInt(m.leaderCommit);
      case 'AppendEntriesReply':
        return isInt(m.term) && isBool(m.success) && isInt(m.matchIndex) && typeof m.conflictTerm === 'number' && isInt(m.conflictIndex);
      case 'InstallSnapshot':
        return isInt(m.term) && isStr(m.leaderId) && isInt(m.lastIncludedIndex) && isInt(m.lastIncludedTerm) && isSnapshotState(m.data);
      case 'InstallSnapshotReply':
        return isInt(m.term) && isInt(m.lastIncludedIndex);
      case 'ClientRequest':
      case 'ClientReply':
        return true;
      default:
        return false;
    }
  })();
  return ok ? undefined : `mensaje mal formado: ${JSON.stringify(message).slice(0, 120)}`;
}

/** True for the messages only servers send each other (a client may not send these). */
export function isPeerMessage(message: RaftMessage): boolean {
  return message.type !== 'ClientRequest' && message.type !== 'ClientReply';
}
