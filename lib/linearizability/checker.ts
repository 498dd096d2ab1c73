// @real-io: the optional time budget (timeoutMs) reads performance.now(); it only cuts the
// search short (verdict 'unknown'), so a check that completes answers the same on any machine.
/**
 * `checkLinearizability`: is there a legal sequential order of a history's operations that
 * respects real time? Splits the history with the model's `partition` and searches each part.
 * @packageDocumentation
 */
import type { History, Operation } from './history';
import { validateOperation } from './history';
import type { Model } from './model';
import { UNKNOWN } from './model';
import { searchPartition } from './search';
import type { SearchOperation } from './search';

/** The answer: linearizable, certainly not, or not decided within the budget. */
export type Verdict = 'ok' | 'illegal' | 'unknown';

/** Options of {@link checkLinearizability}. */
export interface CheckOptions {
  /**
   * Wall-clock budget in ms for the whole check (measured with `performance.now()`); past it
   * the verdict is 'unknown'. The budget only cuts the search short: a check that finishes
   * answers the same verdict and the same orders whatever the machine's speed.
   */
  readonly timeoutMs?: number;
  /** A deterministic budget: at most this many search steps over all parts, then 'unknown'. */
  readonly maxSteps?: number;
  /** Memoise (linearized set, state) pairs (Lowe's cache); `false` only to measure its effect. */
  readonly memoize?: boolean;
  /**
   * Step budget (per illegal part, default 100 000) of the second, exhaustive search that
   * finds the longest linearizable prefix; it also counts against `maxSteps` and `timeoutMs`.
   * Past it the part keeps the longest prefix found and `prefixExact: false`.
   */
  readonly prefixMaxSteps?: number;
}

/** The result for one part of the history (one key, for a per-key model). */
export interface PartitionResult<S = unknown> {
  /** The part's key (the common `key` of its operations), or `#i` for its index. */
  readonly key: string;
  readonly verdict: Verdict;
  /** Ids of the part's operations that the search considers (ok and info; fail ones dropped). */
  readonly operationIds: number[];
  /**
   * Operation ids in linearization order: all of them (info ones that took effect) when
   * 'ok'; when 'illegal', the longest linearizable prefix: a legal, real-time-respecting order
   * of some operations with the most ok operations, ties broken by the most operations placed
   * (ok and info) — the true maximum when `prefixExact`; when 'unknown', the longest found.
   */
  readonly linearization: number[];
  /**
   * Whether `linearization` is the true longest prefix: true when 'ok', and when 'illegal' and
   * the exhaustive prefix search finished within budget; false otherwise.
   */
  readonly prefixExact: boolean;
  /** The model state after each operation of `linearization`. */
  readonly states: S[];
  /** 'illegal': the operation that cannot be placed after the longest prefix. */
  readonly firstImpossible?: number;
  /** 'illegal': the ok operations not in the longest prefix. */
  readonly unplaced: number[];
  /** Search steps spent on this part. */
  readonly steps: number;
}

/** The result of {@link checkLinearizability}. */
export interface LinearizabilityResult<S = unknown> {
  /** 'illegal' if some part is illegal; else 'unknown' if some part ran out of budget; else 'ok'. */
  readonly verdict: Verdict;
  readonly partitions: PartitionResult<S>[];
  /** Search steps over all parts. */
  readonly steps: number;
}

/**
 * Checks that `history` is linearizable with respect to `model` (Herlihy & Wing 1990), with
 * the Wing & Gong / Lowe search porcupine uses, memoised, part by part.
 *
 * Operation semantics: `ok` took effect between invoke and completion with its output;
 * `fail` certainly took no effect and is dropped; `info` (unknown outcome) may take effect
 * at any point after its invoke, or never. Operation A precedes B in real time only when
 * `A.completeMs < B.invokeMs`; equal instants overlap.
 *
 * @example
 * const result = checkLinearizability(registerModel(), history, { timeoutMs: 5_000 });
 * if (result.verdict === 'illegal') console.log(describeResult(registerModel(), history, result));
 */
export function checkLinearizability<S, I, O>(
  model: Model<S, I, O>, history: History<I, O>, options: CheckOptions = {},
): LinearizabilityResult<S> {
  if (!Array.isArray(history)) throw new TypeError('checkLinearizability: la historia debe ser un array de operaciones');
  const ids = new Set<number>();
  history.forEach((op, index) => {
    validateOperation(op, `historia, operación #${index}`);
    if (ids.has(op.id)) throw new Error(`historia, operación #${index}: id ${op.id} repetido`);
    ids.add(op.id);
  });
  const timeoutMs = options.timeoutMs ?? Infinity;
  const maxSteps = options.maxSteps ?? Infinity;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs debe ser > 0, es ${timeoutMs}`);
  if (!(maxSteps > 0)) throw new RangeError(`maxSteps debe ser > 0, es ${maxSteps}`);
  const deadline = performance.now() + timeoutMs;
  const memoize = options.memoize ?? true;
  const prefixMaxSteps = options.prefixMaxSteps ?? 100_000;
  if (!(prefixMaxSteps >= 0)) throw new RangeError(`prefixMaxSteps debe ser >= 0, es ${prefixMaxSteps}`);
  const parts: readonly History<I, O>[] = model.partition ? model.partition(history) : [history];
  const partitions: PartitionResult<S>[] = [];
  let steps = 0;
  parts.forEach((part: History<I, O>, index: number) => {
    const ops: Operation<I, O>[] = part.filter((op: Operation<I, O>) => op.status !== 'fail')
      .slice().sort((a, b) => a.invokeMs - b.invokeMs || a.id - b.id);
    const searchOps: SearchOperation[] = ops.map((op) => ({
      input: op.input,
      output: op.output,
      invokeMs: op.invokeMs,
      completeMs: op.status === 'info' ? Infinity : (op.completeMs as number),
      unknown: op.status === 'info',
    }));
    let found = searchPartition(model as Model<S>, searchOps, {
      memoize, deadline, maxSteps: maxSteps - steps,
    });
    steps += found.steps;
    let partSteps = found.steps;
    let prefixExact = found.verdict === 'ok';
    if (found.verdict === 'illegal') {
      // The verdict search prunes configurations, so its prefix is only the longest it met:
      // rerun without prunings for the true longest (keep the better one if the budget ends).
      const budget = Math.min(prefixMaxSteps, maxSteps - steps);
      const full = budget > 0 ? searchPartition(model as Model<S>, searchOps, { memoize: true, deadline, maxSteps: budget, exhaustive: true }) : undefined;
      if (full !== undefined) {
        steps += full.steps;
        partSteps += full.steps;
        if (full.verdict === 'ok') throw new Error('checkLinearizability: las dos búsquedas no coinciden (error interno)');
        if (full.verdict === 'illegal') {
          found = { ...full, verdict: 'illegal' };
          prefixExact = true;
        } else if (better(full.order, found.order, searchOps)) {
          found = { ...full, verdict: 'illegal', blocked: firstBlocked(full.order, searchOps) };
        }
      }
    }
    const linearization = found.order.map((i) => (ops[i] as Operation).id);
    const placed = new Set(linearization);
    partitions.push({
      key: partKey(part, index),
      verdict: found.verdict,
      operationIds: ops.map((op) => op.id),
      linearization,
      states: found.states,
      ...(found.verdict === 'illegal' && found.blocked >= 0 ? { firstImpossible: (ops[found.blocked] as Operation).id } : {}),
      unplaced: found.verdict === 'illegal' ? ops.filter((op) => op.status === 'ok' && !placed.has(op.id)).map((op) => op.id) : [],
      prefixExact,
      steps: partSteps,
    });
  });
  const verdict: Verdict = partitions.some((p) => p.verdict === 'illegal') ? 'illegal'
    : partitions.some((p) => p.verdict === 'unknown') ? 'unknown' : 'ok';
  return { verdict, partitions, steps };
}

/** Whether prefix `a` beats `b`: more ok operations, then more operations. */
function better(a: readonly number[], b: readonly number[], ops: readonly SearchOperation[]): boolean {
  const okCount = (order: readonly number[]): number => order.filter((i) => !(ops[i] as SearchOperation).unknown).length;
  const okA = okCount(a);
  const okB = okCount(b);
  return okA > okB || (okA === okB && a.length > b.length);
}

/** The ok operation not in `order` with the earliest completion (its deadline blocks `order`). */
function firstBlocked(order: readonly number[], ops: readonly SearchOperation[]): number {
  const placed = new Set(order);
  let blocked = -1;
  ops.forEach((op, i) => {
    if (!op.unknown && !placed.has(i) && (blocked < 0 || op.completeMs < (ops[blocked] as SearchOperation).completeMs)) blocked = i;
  });
  return blocked;
}

function partKey(part: History, index: number): string {
  const first = part[0];
  if (first !== undefined && first.key !== undefined && part.every((op) => op.key === first.key)) return first.key;
  const inputKey = (op: Operation): unknown => (op.input as { key?: unknown } | null)?.key;
  if (first !== undefined && inputKey(first) !== undefined && part.every((op) => inputKey(op) === inputKey(first))) {
    return String(inputKey(first));
  }
  return `#${index}`;
}

/**
 * A Spanish, human report of a result: the verdict and, for each illegal part, the longest
 * linearizable prefix (the most ok operations, then the most operations; "más largo
 * encontrado" when not `prefixExact`) and the operation that cannot be placed after it.
 */
export function describeResult<S, I, O>(model: Model<S, I, O>, history: History<I, O>, result: LinearizabilityResult<S>): string {
  const byId = new Map<number, Operation<I, O>>(history.map((op) => [op.id, op]));
  const op = (id: number): string => {
    const o = byId.get(id);
    if (o === undefined) return `#${id}`;
    const output = o.status === 'info' ? UNKNOWN : (o.output as O);
    const text = model.describeOperation ? model.describeOperation(o.input, output) : JSON.stringify(o.input);
    return `#${id} ${o.client}: ${text}`;
  };
  const state = (s: S): string => (model.describe ? model.describe(s) : JSON.stringify(s) ?? String(s));
  const lines = [`${model.name}: ${VERDICT_TEXT[result.verdict]} (${result.partitions.length} parte(s), ${result.steps} pasos)`];
  for (const p of result.partitions) {
    if (p.verdict === 'ok') continue;
    const part = p.key.startsWith('#') ? `parte ${p.key}` : `clave ${p.key}`;
    const longest = p.prefixExact ? 'prefijo linealizable más largo' : 'prefijo linealizable más largo encontrado';
    lines.push(`  ${part}: ${VERDICT_TEXT[p.verdict]}; ${longest} (el de más operaciones ok; ${p.linearization.length} de ${p.operationIds.length}):`);
    const shown = p.linearization.slice(-8);
    if (shown.length < p.linearization.length) lines.push(`    … ${p.linearization.length - shown.length} operaciones antes`);
    shown.forEach((id, k) => {
      const s = p.states[p.linearization.length - shown.length + k];
      lines.push(`    ${op(id)}  → estado ${s === undefined ? '?' : state(s)}`);
    });
    if (p.firstImpossible !== undefined) lines.push(`  no se puede colocar: ${op(p.firstImpossible)}`);
  }
  return lines.join('\n');
}

/** A verdict in Spanish, as the reports print it: `'illegal'` → `'NO linealizable'`. */
export function verdictText(verdict: Verdict): string {
  return VERDICT_TEXT[verdict];
}

const VERDICT_TEXT: Record<Verdict, string> = {
  ok: 'linealizable',
  illegal: 'NO linealizable',
  unknown: 'sin veredicto (se agotó el presupuesto)',
};
