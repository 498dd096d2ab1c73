/**
 * Session guarantees (Terry et al., "Session Guarantees for Weakly Consistent Replicated
 * Data", 1994) checked over a register history: read-your-writes, monotonic reads and
 * writes-follow-reads. A session is a client; "older" means causally before (session order
 * plus reads-from) or, for monotonic reads, already superseded in the client's own view.
 * @packageDocumentation
 */
import type { History, Operation } from '../linearizability/history';
import {
  basicViolation,
  causallyBefore,
  describeOp,
  isRead,
  isWrite,
  registerView,
  violation,
} from './view';
import type { ConsistencyOptions, ConsistencyResult, ReadSource, RegisterView } from './view';

/**
 * Checks read-your-writes: a read sees the client's own latest earlier write to that key,
 * or something not older than it.
 * @example
 * checkReadYourWrites(CONSISTENCY_EXAMPLES.find((e) => e.name === 'ryw')!.history).ok; // false
 */
export function checkReadYourWrites(history: History, options: ConsistencyOptions = {}): ConsistencyResult {
  const view = registerView(history, options);
  const basic = basicViolation('read-your-writes', view);
  if (basic !== undefined) return basic;
  for (const session of view.sessions.values()) {
    const lastWrite = new Map<string, Operation>();
    for (const op of session) {
      const key = view.keyOf.get(op.id) ?? '';
      if (isWrite(op)) {
        if (op.status === 'ok') lastWrite.set(key, op);
        continue;
      }
      const own = lastWrite.get(key);
      const source = view.readsFrom.get(op.id);
      if (own === undefined || source === undefined) continue;
      if (causallyBefore(view, source, own.id)) {
        return violation('read-your-writes', [own.id, op.id], `${describeOp(op)} después de que ${describeOp(own)}: no ve su propia escritura`);
      }
    }
  }
  return { ok: true };
}

/**
 * Checks monotonic reads: once a client has seen a version of a key, it never reads an
 * older one (one causally before it, or one it saw earlier and then saw replaced).
 */
export function checkMonotonicReads(history: History, options: ConsistencyOptions = {}): ConsistencyResult {
  const view = registerView(history, options);
  const basic = basicViolation('monotonic-reads', view);
  if (basic !== undefined) return basic;
  for (const session of view.sessions.values()) {
    // Per key: the last source seen, the read that saw it, the sources it has superseded.
    const seen = new Map<string, { source: ReadSource; read: Operation; superseded: Set<ReadSource> }>();
    for (const op of session) {
      if (!isRead(op)) continue;
      const key = view.keyOf.get(op.id) ?? '';
      const source = view.readsFrom.get(op.id);
      if (source === undefined) continue;
      const before = seen.get(key);
      if (before === undefined) {
        seen.set(key, { source, read: op, superseded: new Set() });
        continue;
      }
      if (source === before.source) continue;
      if (before.superseded.has(source) || causallyBefore(view, source, before.source)) {
        return violation(
          'monotonic-reads',
          [before.read.id, op.id],
          `${describeOp(op)} después de que ${describeOp(before.read)}: vuelve a una versión más antigua`,
        );
      }
      before.superseded.add(before.source);
      seen.set(key, { source, read: op, superseded: before.superseded });
    }
  }
  return { ok: true };
}

/**
 * Checks writes-follow-reads as a reader can observe it: if client d read a write w that
 * client c made after reading x0 from key k, d's later reads of k see x0 or newer.
 */
export function checkWritesFollowReads(history: History, options: ConsistencyOptions = {}): ConsistencyResult {
  const view = registerView(history, options);
  const basic = basicViolation('writes-follow-reads', view);
  if (basic !== undefined) return basic;
  const dependencies = readsBeforeWrites(view);
  for (const session of view.sessions.values()) {
    // Per key: the newest dependency this session has seen through someone's write.
    const required: { key: string; source: ReadSource; via: Operation; read: Operation }[] = [];
    for (const op of session) {
      if (!isRead(op)) continue;
      const key = view.keyOf.get(op.id) ?? '';
      const source = view.readsFrom.get(op.id);
      if (source === undefined) continue;
      for (const need of required) {
        if (need.key === key && causallyBefore(view, source, need.source)) {
          return violation(
            'writes-follow-reads',
            [need.read.id, need.via.id, op.id],
            `${describeOp(op)} aunque ya vio ${describeOp(need.via)}, que se escribió después de que ${describeOp(need.read)}`,
          );
        }
      }
      if (typeof source === 'number') {
        const write = view.ops.get(source);
        if (write !== undefined && write.client !== op.client) {
          for (const read of dependencies.get(source) ?? []) {
            const readSource = view.readsFrom.get(read.id);
            if (readSource === undefined || readSource === 'initial') continue;
            required.push({ key: view.keyOf.get(read.id) ?? '', source: readSource, via: write, read });
          }
        }
      }
    }
  }
  return { ok: true };
}

/** For each write, its client's latest read of each key before it in its session. */
function readsBeforeWrites(view: RegisterView): Map<number, Operation[]> {
  const result = new Map<number, Operation[]>();
  for (const session of view.sessions.values()) {
    const latest = new Map<string, Operation>();
    for (const op of session) {
      if (isRead(op)) latest.set(view.keyOf.get(op.id) ?? '', op);
      else result.set(op.id, [...latest.values()]);
    }
  }
  return result;
}
