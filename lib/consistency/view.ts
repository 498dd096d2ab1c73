/**
 * A register history seen by the consistency checkers: who read from which write, each
 * client's session order, and the causal order (session order ∪ reads-from, transitive).
 * @packageDocumentation
 */
import type { History, Operation } from '../linearizability/history';
import { operationKey, outputValue, showValue } from '../linearizability/model';

/** A consistency model or session guarantee the kit can check. */
export type ConsistencyRule =
  | 'linearizable'
  | 'sequential'
  | 'causal'
  | 'read-your-writes'
  | 'monotonic-reads'
  | 'writes-follow-reads'
  | 'eventual';

/** A counterexample: the rule broken, the operations (ids) involved, a Spanish explanation. */
export interface ConsistencyViolation {
  readonly rule: ConsistencyRule;
  readonly ops: readonly number[];
  readonly explanation: string;
}

/** The answer of a checker: `ok`, or a violation; `unknown` when a search budget ran out. */
export interface ConsistencyResult {
  readonly ok: boolean;
  readonly violation?: ConsistencyViolation;
  /** Set (with `ok: false`) only when the checker could not decide within its budget. */
  readonly unknown?: string;
}

/** The write a read returned: an operation id, or the register's initial value. */
export type ReadSource = number | 'initial';

/** Options shared by the checkers. */
export interface ConsistencyOptions {
  /** The registers' initial value (default `null`). */
  readonly initial?: unknown;
}

/** The register view of a history (reads and writes only; failed operations dropped). */
export interface RegisterView {
  /** Operations kept: ok reads, ok and info writes (an info write may have taken effect). */
  readonly ops: ReadonlyMap<number, Operation>;
  /** Each kept operation's key. */
  readonly keyOf: ReadonlyMap<number, string>;
  /** Each ok read's source write. */
  readonly readsFrom: ReadonlyMap<number, ReadSource>;
  /** Each client's operations, in session (invoke) order. */
  readonly sessions: ReadonlyMap<string, readonly Operation[]>;
  /** The causal past of each operation (ids), or undefined if the causal order has a cycle. */
  readonly past: ReadonlyMap<number, ReadonlySet<number>> | undefined;
  /** Operations on a causal cycle, when there is one. */
  readonly cycle: readonly number[];
  /** A read of a value nobody wrote (thin air), if any. */
  readonly thinAir?: Operation;
}

/** Whether an operation is a write (`{ f: 'write', value }`). */
export function isWrite(op: Operation): boolean {
  return inputOf(op).f === 'write';
}

/** Whether an operation is a read (`{ f: 'read' }`). */
export function isRead(op: Operation): boolean {
  return inputOf(op).f === 'read';
}

/** The value a write wrote or a read returned. */
export function valueOf(op: Operation): unknown {
  return isWrite(op) ? inputOf(op).value ?? null : outputValue(op.output) ?? null;
}

/** A short Spanish text for an operation: `#3 c2 lee x=1`. */
export function describeOp(op: Operation): string {
  const key = operationKey(op);
  const verb = isWrite(op) ? 'escribe' : 'lee';
  return `#${op.id} ${op.client} ${verb} ${key === '' ? '' : key + '='}${showValue(valueOf(op))}`;
}

function inputOf(op: Operation): { f?: unknown; value?: unknown } {
  const input = op.input as { f?: unknown; value?: unknown } | null;
  return input !== null && typeof input === 'object' ? input : {};
}

/**
 * Builds the register view of a history. Throws a Spanish error on operations that are not
 * reads or writes, and on two writes of the same value to one key (the checkers need to know
 * which write a read saw, so written values must be distinct per key).
 */
export function registerView(history: History, options: ConsistencyOptions = {}): RegisterView {
  if (!Array.isArray(history)) throw new TypeError('consistencia: la historia debe ser una lista de operaciones');
  const initial = JSON.stringify(options.initial ?? null);
  const ops = new Map<number, Operation>();
  const keyOf = new Map<number, string>();
  const writers = new Map<string, Map<string, number>>();
  for (const op of history) {
    if (op.status === 'fail') continue;
    const f = inputOf(op).f;
    if (f !== 'read' && f !== 'write') {
      throw new Error(`consistencia: la operación #${op.id} no es una lectura ni una escritura (f=${String(f)})`);
    }
    if (f === 'read' && op.status !== 'ok') continue;
    if (ops.has(op.id)) throw new Error(`consistencia: id ${op.id} repetido`);
    const key = operationKey(op);
    ops.set(op.id, op);
    keyOf.set(op.id, key);
    if (f === 'write') {
      const value = JSON.stringify(valueOf(op));
      let byValue = writers.get(key);
      if (byValue === undefined) writers.set(key, (byValue = new Map()));
      if (byValue.has(value) || value === initial) {
        throw new Error(
          `consistencia: el valor ${value} se escribe dos veces en la clave «${key}» (o es el inicial); ` +
            'los valores escritos en una clave deben ser distintos',
        );
      }
      byValue.set(value, op.id);
    }
  }
  const readsFrom = new Map<number, ReadSource>();
  let thinAir: Operation | undefined;
  for (const op of ops.values()) {
    if (!isRead(op)) continue;
    const value = JSON.stringify(valueOf(op));
    const writer = writers.get(keyOf.get(op.id) ?? '')?.get(value);
    if (writer !== undefined) readsFrom.set(op.id, writer);
    else if (value === initial) readsFrom.set(op.id, 'initial');
    else if (thinAir === undefined) thinAir = op;
  }
  const sessions = new Map<string, Operation[]>();
  for (const op of ops.values()) {
    let session = sessions.get(op.client);
    if (session === undefined) sessions.set(op.client, (session = []));
    session.push(op);
  }
  for (const session of sessions.values()) session.sort((a, b) => a.invokeMs - b.invokeMs || a.id - b.id);
  const { past, cycle } = causalPast(ops, sessions, readsFrom);
  return { ops, keyOf, readsFrom, sessions, past, cycle, ...(thinAir === undefined ? {} : { thinAir }) };
}

/** Direct causal predecessors: the previous operation of the session and, for a read, its write. */
function causalPast(
  ops: ReadonlyMap<number, Operation>,
  sessions: ReadonlyMap<string, readonly Operation[]>,
  readsFrom: ReadonlyMap<number, ReadSource>,
): { past: Map<number, Set<number>> | undefined; cycle: number[] } {
  const parents = new Map<number, number[]>();
  for (const session of sessions.values()) {
    session.forEach((op, index) => {
      const previous = index > 0 ? session[index - 1] : undefined;
      const list: number[] = previous === undefined ? [] : [previous.id];
      const source = readsFrom.get(op.id);
      if (typeof source === 'number') list.push(source);
      parents.set(op.id, list);
    });
  }
  const past = new Map<number, Set<number>>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  let cycle: number[] = [];
  // Iterative DFS (histories from a simulation can be long sessions).
  for (const root of ops.keys()) {
    if (past.has(root) || cycle.length > 0) continue;
    const frames: { id: number; next: number }[] = [{ id: root, next: 0 }];
    onStack.add(root);
    stack.push(root);
    while (frames.length > 0 && cycle.length === 0) {
      const frame = frames[frames.length - 1]!;
      const list = parents.get(frame.id) ?? [];
      if (frame.next < list.length) {
        const parent = list[frame.next++]!;
        if (past.has(parent)) continue;
        if (onStack.has(parent)) {
          cycle = stack.slice(stack.indexOf(parent));
          break;
        }
        onStack.add(parent);
        stack.push(parent);
        frames.push({ id: parent, next: 0 });
        continue;
      }
      const mine = new Set<number>();
      for (const parent of list) {
        mine.add(parent);
        for (const id of past.get(parent) ?? []) mine.add(id);
      }
      past.set(frame.id, mine);
      onStack.delete(frame.id);
      stack.pop();
      frames.pop();
    }
  }
  return cycle.length > 0 ? { past: undefined, cycle } : { past, cycle };
}

/** A violation result. */
export function violation(rule: ConsistencyRule, ops: readonly number[], explanation: string): ConsistencyResult {
  return { ok: false, violation: { rule, ops: [...ops], explanation } };
}

/** The checks every model shares: a value nobody wrote, a causal cycle. */
export function basicViolation(rule: ConsistencyRule, view: RegisterView): ConsistencyResult | undefined {
  if (view.thinAir !== undefined) {
    return violation(rule, [view.thinAir.id], `${describeOp(view.thinAir)}: lee un valor que nadie escribió`);
  }
  if (view.past === undefined) {
    return violation(rule, view.cycle, `ciclo causal: ${view.cycle.map((id) => `#${id}`).join(' → ')} (una lectura ve una escritura que depende de ella)`);
  }
  return undefined;
}

/** Whether write (or initial) `older` is strictly in the causal past of write `newer`. */
export function causallyBefore(view: RegisterView, older: ReadSource, newer: ReadSource): boolean {
  if (older === newer || newer === 'initial') return false;
  if (older === 'initial') return true;
  return view.past?.get(newer)?.has(older) ?? false;
}
