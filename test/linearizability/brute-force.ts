/**
 * The naive reference for the differential tests: tries every order of the operations that
 * respects real time, with every subset of the 'info' operations (each took effect or did
 * not), and asks the model whether that sequence is legal. Exponential: tiny histories only.
 */
import type { History, Model, Operation } from '../../lib/linearizability/index';
import { UNKNOWN } from '../../lib/linearizability/index';

/** Whether some real-time-respecting order of `history` is legal for `model`. */
export function bruteForceLinearizable<S, I, O>(model: Model<S, I, O>, history: History<I, O>): boolean {
  const ops = history.filter((op) => op.status !== 'fail');
  const end = (op: Operation<I, O>): number => (op.status === 'info' ? Infinity : (op.completeMs as number));
  const used = new Array<boolean>(ops.length).fill(false);
  const search = (state: S, placedOk: number, totalOk: number): boolean => {
    if (placedOk === totalOk) return true; // the remaining info ops never took effect
    for (let i = 0; i < ops.length; i++) {
      if (used[i]) continue;
      const op = ops[i] as Operation<I, O>;
      // op may go next only if no other remaining op finished before op was invoked.
      const blocked = ops.some((other, j) => !used[j] && j !== i && end(other) < op.invokeMs);
      if (blocked) continue;
      const result = model.step(state, op.input, op.status === 'info' ? UNKNOWN : (op.output as O));
      if (!result.ok) continue;
      used[i] = true;
      const found = search(result.state, placedOk + (op.status === 'ok' ? 1 : 0), totalOk);
      used[i] = false;
      if (found) return true;
    }
    return false;
  };
  return search(model.init(), 0, ops.filter((op) => op.status === 'ok').length);
}

/**
 * Checks that `order` (operation ids) is a legal sequence for `model` that respects real
 * time among its own operations and places no operation before one that completed earlier
 * and is missing; returns a Spanish complaint, or undefined when it is a valid witness.
 */
export function witnessProblem<S, I, O>(model: Model<S, I, O>, history: History<I, O>, order: readonly number[], complete: boolean): string | undefined {
  const byId = new Map(history.map((op) => [op.id, op]));
  let state = model.init();
  const seen = new Set<number>();
  for (const id of order) {
    const op = byId.get(id);
    if (op === undefined) return `id ${id} no está en la historia`;
    if (op.status === 'fail') return `la operación fallida ${id} aparece en el orden`;
    if (seen.has(id)) return `id ${id} repetido`;
    for (const other of history) {
      if (other.status === 'fail' || seen.has(other.id) || other.id === id) continue;
      if (other.status === 'ok' && (other.completeMs as number) < op.invokeMs) return `${id} va antes que ${other.id}, que terminó antes de que ${id} empezara`;
    }
    const result = model.step(state, op.input, op.status === 'info' ? UNKNOWN : (op.output as O));
    if (!result.ok) return `el modelo rechaza ${id} en el estado ${JSON.stringify(state)}`;
    state = result.state;
    seen.add(id);
  }
  if (complete) {
    const missing = history.filter((op) => op.status === 'ok' && !seen.has(op.id));
    if (missing.length > 0) return `faltan operaciones ok: ${missing.map((op) => op.id).join(', ')}`;
  }
  return undefined;
}

/** How long a linearizable prefix is: ok operations placed, then all operations placed. */
export interface PrefixSize {
  readonly ok: number;
  readonly total: number;
}

/**
 * The longest linearizable prefix by the checker's definition (most ok operations, ties broken
 * by most operations), by trying every real-time-respecting sequence of some operations.
 */
export function bruteForceLongestPrefix<S, I, O>(model: Model<S, I, O>, history: History<I, O>): PrefixSize {
  const ops = history.filter((op) => op.status !== 'fail');
  const end = (op: Operation<I, O>): number => (op.status === 'info' ? Infinity : (op.completeMs as number));
  const used = new Array<boolean>(ops.length).fill(false);
  let best: PrefixSize = { ok: 0, total: 0 };
  const search = (state: S, ok: number, total: number): void => {
    if (ok > best.ok || (ok === best.ok && total > best.total)) best = { ok, total };
    for (let i = 0; i < ops.length; i++) {
      if (used[i]) continue;
      const op = ops[i] as Operation<I, O>;
      if (ops.some((other, j) => !used[j] && j !== i && other.status === 'ok' && end(other) < op.invokeMs)) continue;
      const result = model.step(state, op.input, op.status === 'info' ? UNKNOWN : (op.output as O));
      if (!result.ok) continue;
      used[i] = true;
      search(result.state, ok + (op.status === 'ok' ? 1 : 0), total + 1);
      used[i] = false;
    }
  };
  search(model.init(), 0, 0);
  return best;
}

/** The size of `order` (operation ids of `history`) as a {@link PrefixSize}. */
export function prefixSize(history: History, order: readonly number[]): PrefixSize {
  const byId = new Map(history.map((op) => [op.id, op]));
  return { ok: order.filter((id) => byId.get(id)?.status === 'ok').length, total: order.length };
}
