/**
 * The sequential specification a history is checked against: a model.
 * @packageDocumentation
 */
import type { History, Operation } from './history';

/** The output the checker passes to `step` for an operation whose outcome is unknown ('info'). */
export const UNKNOWN: unique symbol = Symbol('unknown-output');

/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

/** What a model's `step` answers: whether the operation is legal here, and the next state. */
export type StepResult<S> = { readonly ok: true; readonly state: S } | { readonly ok: false };

/**
 * A sequential specification, porcupine's `Model` in TypeScript: an initial state and a
 * `step` that applies one operation and says whether the observed output is possible.
 *
 * - `step` must be pure: return a new state, never mutate `state`.
 * - For an `info` operation (unknown outcome) `output` is {@link UNKNOWN}: accept every
 *   output the operation could have returned (a read of anything, a cas that did or did not
 *   swap). The checker handles "it never took effect" itself, so `step` need not.
 * - `hash` and `equal` decide when two search states are the same for memoisation: equal
 *   states must have equal hashes. Without `equal`, two states are equal when their hashes
 *   are, so a `hash` alone must then be canonical (the default is `JSON.stringify`).
 * - `partition` splits a history into independent parts checked separately
 *   (P-compositionality, Herlihy & Wing §3.3): a key-value store by key.
 *
 * @example
 * const counter: Model<number, { f: 'add'; delta: number } | { f: 'read' }, number> = {
 *   name: 'contador',
 *   init: () => 0,
 *   step: (n, input, output) =>
 *     input.f === 'add' ? { ok: true, state: n + input.delta }
 *     : output === UNKNOWN || output === n ? { ok: true, state: n } : { ok: false },
 * };
 */
export interface Model<S = unknown, I = unknown, O = unknown> {
  /** A short name for reports ("registro", "cola FIFO"). */
  readonly name: string;
  /** The state before any operation. */
  init(): S;
  /** Applies `input` observed to return `output` (or {@link UNKNOWN}) in `state`. */
  step(state: S, input: I, output: O | Unknown): StepResult<S>;
  /**
   * Whether this operation, with this output, leaves EVERY state where it is legal unchanged
   * (a read; a cas that answered "not swapped"). The search then never tries alternatives
   * to placing it as soon as it is legal. Wrong answers make wrong verdicts: a write of the
   * current value is NOT read-only (elsewhere it changes the state). Optional.
   */
  readOnly?(input: I, output: O | Unknown): boolean;
  /** Splits the history into independent parts; without it the history is one part. */
  partition?(history: History<I, O>): History<I, O>[];
  /** A hash of a state (number or string); equal states must hash the same. */
  hash?(state: S): string | number;
  /** Whether two states are the same; defaults to comparing `hash`es. */
  equal?(a: S, b: S): boolean;
  /** A short human text for a state, shown on hover and in reports. */
  describe?(state: S): string;
  /** A short human text for an operation, e.g. `write(3)` or `read() → 3`. */
  describeOperation?(input: I, output: O | Unknown): string;
}

/** The partition key of an operation: its `key`, else its input's `key`, else `''`. */
export function operationKey(op: Operation): string {
  if (op.key !== undefined) return op.key;
  const input = op.input as { key?: unknown } | null;
  if (input !== null && typeof input === 'object' && input.key !== undefined) return String(input.key);
  return '';
}

/**
 * Splits a history by {@link operationKey}, parts in order of first appearance: the
 * partition of every per-key model (a key's value does not depend on other keys).
 */
export function partitionByKey<I, O>(history: History<I, O>): History<I, O>[] {
  const parts = new Map<string, Operation<I, O>[]>();
  for (const op of history) {
    const key = operationKey(op as Operation);
    let part = parts.get(key);
    if (part === undefined) {
      part = [];
      parts.set(key, part);
    }
    part.push(op);
  }
  return [...parts.values()];
}

/** Whether two plain JSON values are equal (primitives by `===`, the rest by their JSON). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The value an output carries: `{ value: v }` gives `v`, anything else is itself. */
export function outputValue(output: unknown): unknown {
  if (output !== null && typeof output === 'object' && !Array.isArray(output) && 'value' in output) {
    return (output as { value: unknown }).value;
  }
  return output;
}

/** Short text for a JSON value in descriptions (`null` as `∅`). */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
}
