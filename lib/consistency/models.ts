/**
 * Consistency models checked over a register history: linearizable (the linearizability
 * checker), sequential (Lamport 1979: one interleaving of the sessions), causal (no read
 * returns a value overwritten in its causal past) and eventual (by the end, every client's
 * last read of a key agrees).
 * @packageDocumentation
 */
import { checkLinearizability, describeResult } from '../linearizability/checker';
import type { History, Operation } from '../linearizability/history';
import { registerModel } from '../linearizability/models';
import {
  basicViolation,
  causallyBefore,
  describeOp,
  isRead,
  isWrite,
  registerView,
  valueOf,
  violation,
} from './view';
import type { ConsistencyOptions, ConsistencyResult } from './view';

/**
 * Checks linearizability with lib/linearizability's register model (real-time order counts).
 * @example
 * checkLinearizable(history).ok;
 */
export function checkLinearizable(history: History, options: ConsistencyOptions & { timeoutMs?: number } = {}): ConsistencyResult {
  const model = registerModel({ initial: options.initial ?? null });
  const result = checkLinearizability(model, history, { timeoutMs: options.timeoutMs ?? 5_000 });
  if (result.verdict === 'ok') return { ok: true };
  const text = describeResult(model, history, result);
  if (result.verdict === 'unknown') return { ok: false, unknown: text };
  const part = result.partitions.find((p) => p.verdict === 'illegal');
  const first = part?.firstImpossible;
  return violation('linearizable', first === undefined ? [] : [first], text);
}

/**
 * Checks sequential consistency: some interleaving of the clients' sessions (each in its own
 * order, real time ignored) is a legal run of one copy. Exhaustive search with memoisation,
 * for small histories; past `maxSteps` the answer is `unknown`.
 * @example
 * checkSequential(CONSISTENCY_EXAMPLES[2]!.history).ok; // causal, not sequential: false
 */
export function checkSequential(history: History, options: ConsistencyOptions & { maxSteps?: number } = {}): ConsistencyResult {
  const view = registerView(history, options);
  const basic = basicViolation('sequential', view);
  if (basic !== undefined && view.thinAir !== undefined) return basic;
  const sessions = [...view.sessions.values()];
  const initial = JSON.stringify(options.initial ?? null);
  const maxSteps = options.maxSteps ?? 200_000;
  const visited = new Set<string>();
  let steps = 0;
  let deepest = -1;
  let stuck: readonly number[] = [];
  const positions = sessions.map(() => 0);
  const state = new Map<string, string>();
  const total = sessions.reduce((n, s) => n + s.length, 0);
  const search = (placed: number): boolean | 'budget' => {
    if (placed === total) return true;
    if (++steps > maxSteps) return 'budget';
    const memo = positions.join(',') + '|' + [...state.entries()].sort().join(';');
    if (visited.has(memo)) return false;
    visited.add(memo);
    const blocked: number[] = [];
    for (let s = 0; s < sessions.length; s++) {
      const op: Operation | undefined = sessions[s]![positions[s]!];
      if (op === undefined) continue;
      const key = view.keyOf.get(op.id) ?? '';
      const value = JSON.stringify(valueOf(op));
      const options: ('apply' | 'skip')[] = isWrite(op) && op.status === 'info' ? ['apply', 'skip'] : ['apply'];
      for (const choice of options) {
        const before = state.get(key);
        if (choice === 'apply' && isRead(op) && (before ?? initial) !== value) {
          blocked.push(op.id);
          continue;
        }
        if (choice === 'apply' && isWrite(op)) state.set(key, value);
        positions[s]!++;
        const found = search(placed + 1);
        positions[s]!--;
        if (before === undefined) state.delete(key);
        else state.set(key, before);
        if (found !== false) return found;
      }
    }
    if (placed > deepest) {
      deepest = placed;
      stuck = blocked;
    }
    return false;
  };
  const found = search(0);
  if (found === true) return { ok: true };
  if (found === 'budget') return { ok: false, unknown: `búsqueda agotada tras ${maxSteps} pasos: no sé decidir` };
  const names = stuck.map((id) => describeOp(view.ops.get(id)!)).join('; ');
  return violation(
    'sequential',
    stuck,
    `ninguna intercalación de las sesiones es válida: la más larga coloca ${deepest} de ${total} operaciones y ` +
      `después ninguna encaja (${names})`,
  );
}

/**
 * Checks causal consistency (the "bad patterns" of Bouajjani et al., POPL 2017, for
 * registers): no causal cycle, and no read returns a write that another write to the same
 * key, causally between them, had already overwritten (or the initial value when a write to
 * that key is in its causal past).
 */
export function checkCausal(history: History, options: ConsistencyOptions = {}): ConsistencyResult {
  const view = registerView(history, options);
  const basic = basicViolation('causal', view);
  if (basic !== undefined) return basic;
  for (const op of view.ops.values()) {
    if (!isRead(op)) continue;
    const source = view.readsFrom.get(op.id);
    if (source === undefined) continue;
    const key = view.keyOf.get(op.id);
    for (const id of view.past?.get(op.id) ?? []) {
      const other = view.ops.get(id);
      if (other === undefined || !isWrite(other) || view.keyOf.get(id) !== key || id === source) continue;
      if (causallyBefore(view, source, id)) {
        return violation('causal', [id, op.id], `${describeOp(op)} aunque ${describeOp(other)} está en su pasado causal y es más nueva`);
      }
    }
  }
  return { ok: true };
}

/**
 * Checks eventual consistency on a finite history, as convergence: for each key, the last
 * read of every client that began at least `settleMs` after the key's last write ended
 * returns the same value, one that was written (or the initial value if none was).
 */
export function checkEventual(history: History, options: ConsistencyOptions & { settleMs?: number } = {}): ConsistencyResult {
  const view = registerView(history, options);
  const basic = basicViolation('eventual', view);
  if (basic !== undefined && view.thinAir !== undefined) return basic;
  const settleMs = options.settleMs ?? 0;
  const lastWriteEnd = new Map<string, number>();
  for (const op of view.ops.values()) {
    if (!isWrite(op)) continue;
    const key = view.keyOf.get(op.id) ?? '';
    const end = op.completeMs ?? Number.POSITIVE_INFINITY;
    lastWriteEnd.set(key, Math.max(lastWriteEnd.get(key) ?? Number.NEGATIVE_INFINITY, end));
  }
  const finalReads = new Map<string, Map<string, Operation>>();
  for (const op of view.ops.values()) {
    if (!isRead(op)) continue;
    const key = view.keyOf.get(op.id) ?? '';
    if (op.invokeMs < (lastWriteEnd.get(key) ?? Number.NEGATIVE_INFINITY) + settleMs) continue;
    let byClient = finalReads.get(key);
    if (byClient === undefined) finalReads.set(key, (byClient = new Map()));
    const previous = byClient.get(op.client);
    if (previous === undefined || previous.invokeMs <= op.invokeMs) byClient.set(op.client, op);
  }
  for (const [key, byClient] of finalReads) {
    const reads = [...byClient.values()];
    const first = reads[0];
    if (first === undefined) continue;
    const other = reads.find((r) => view.readsFrom.get(r.id) !== view.readsFrom.get(first.id));
    if (other !== undefined) {
      return violation('eventual', [first.id, other.id], `clave «${key}»: al final ${describeOp(first)} pero ${describeOp(other)}: las réplicas no convergen`);
    }
    if (view.readsFrom.get(first.id) === 'initial' && lastWriteEnd.has(key)) {
      return violation('eventual', [first.id], `clave «${key}»: al final ${describeOp(first)}, como si nadie hubiera escrito`);
    }
  }
  return { ok: true };
}
