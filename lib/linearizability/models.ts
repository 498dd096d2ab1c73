/**
 * The models the course ships: a register, a key-value store, a counter and a FIFO queue.
 * Values are plain JSON; outputs may be the value itself or `{ value }`.
 * @packageDocumentation
 */
import type { Model, Unknown } from './model';
import { outputValue, partitionByKey, sameValue, showValue, UNKNOWN } from './model';

/** An operation on a register: read, write, or compare-and-set. */
export type RegisterInput =
  | { readonly f: 'read'; readonly key?: string }
  | { readonly f: 'write'; readonly value: unknown; readonly key?: string }
  | { readonly f: 'cas'; readonly from: unknown; readonly to: unknown; readonly key?: string };

/**
 * A read/write/compare-and-set register (one per key: the history is split by key).
 * A read's output is the value read; a cas's output is `true`/`false` or `{ ok }` (an 'ok'
 * cas with no output swapped). Unknown outcome: a read may have read anything, a cas may
 * or may not have swapped.
 * @example
 * checkLinearizability(registerModel({ initial: 0 }), history).verdict; // 'ok' | 'illegal' | 'unknown'
 */
export function registerModel(options: { readonly initial?: unknown } = {}): Model<unknown, RegisterInput, unknown> {
  const initial = options.initial ?? null;
  return {
    name: 'registro',
    init: () => initial,
    step(state, input, output) {
      switch (input.f) {
        case 'read':
          return output === UNKNOWN || sameValue(outputValue(output), state) ? { ok: true, state } : { ok: false };
        case 'write':
          return { ok: true, state: input.value };
        case 'cas': {
          const matches = sameValue(state, input.from);
          if (output === UNKNOWN) return { ok: true, state: matches ? input.to : state };
          const swapped = casSwapped(output);
          if (swapped !== matches) return { ok: false };
          return { ok: true, state: matches ? input.to : state };
        }
        default:
          return { ok: false };
      }
    },
    // A read, and a cas that answered "not swapped" (legal only where it changes nothing).
    readOnly: (input, output) => input.f === 'read' || (input.f === 'cas' && output !== UNKNOWN && !casSwapped(output)),
    partition: partitionByKey,
    hash: (state) => (typeof state === 'number' ? state : JSON.stringify(state) ?? 'undefined'),
    describe: showValue,
    describeOperation(input, output) {
      const out = output === UNKNOWN ? '?' : input.f === 'read' ? showValue(outputValue(output)) : casSwapped(output) ? 'ok' : 'fallo';
      switch (input.f) {
        // Spanish verbs: students read these lines (the `f` identifiers stay English in code).
        case 'read': return `lee → ${out}`;
        case 'write': return `escribe ${showValue(input.value)}`;
        case 'cas': return `cas(${showValue(input.from)}, ${showValue(input.to)}) → ${out}`;
        default: return JSON.stringify(input);
      }
    },
  };
}

function casSwapped(output: unknown): boolean {
  if (typeof output === 'boolean') return output;
  if (output !== null && typeof output === 'object' && 'ok' in output) return Boolean((output as { ok: unknown }).ok);
  return output === undefined || output === null;
}

/** An operation on a key-value store; the key is in the input (or the operation's `key`). */
export type KeyValueInput =
  | { readonly f: 'get'; readonly key?: string }
  | { readonly f: 'put'; readonly key?: string; readonly value: string }
  | { readonly f: 'append'; readonly key?: string; readonly value: string };

/**
 * A key-value store of strings with get / put / append, checked key by key
 * (P-compositionality): the state is one key's value, `''` when absent (porcupine's kv model).
 */
export function keyValueModel(): Model<string, KeyValueInput, unknown> {
  return {
    name: 'clave-valor',
    init: () => '',
    step(state, input, output) {
      switch (input.f) {
        case 'get':
          return output === UNKNOWN || outputValue(output) === state ? { ok: true, state } : { ok: false };
        case 'put':
          return { ok: true, state: String(input.value) };
        case 'append':
          return { ok: true, state: state + String(input.value) };
        default:
          return { ok: false };
      }
    },
    readOnly: (input) => input.f === 'get',
    partition: partitionByKey,
    hash: (state) => state,
    describe: (state) => JSON.stringify(state),
    describeOperation(input, output) {
      // Spanish verbs: students read these lines (the `f` identifiers stay English in code).
      const key = input.key === undefined ? undefined : JSON.stringify(input.key);
      if (input.f === 'get') return `lee${key === undefined ? '' : ` ${key}`} → ${output === UNKNOWN ? '?' : JSON.stringify(outputValue(output))}`;
      const value = JSON.stringify(input.value);
      if (input.f === 'append') return `añade ${value}${key === undefined ? '' : ` a ${key}`}`;
      return `escribe ${key === undefined ? '' : `${key} = `}${value}`;
    },
  };
}

/** An operation on a counter: add a (possibly negative) amount, or read. */
export type CounterInput = { readonly f: 'add'; readonly value: number; readonly key?: string } | { readonly f: 'read'; readonly key?: string };

/** A counter starting at 0 with `add` and `read` (one per key). */
export function counterModel(): Model<number, CounterInput, unknown> {
  return {
    name: 'contador',
    init: () => 0,
    step(state, input, output) {
      if (input.f === 'add') return { ok: true, state: state + input.value };
      if (input.f === 'read') return output === UNKNOWN || outputValue(output) === state ? { ok: true, state } : { ok: false };
      return { ok: false };
    },
    readOnly: (input) => input.f === 'read',
    partition: partitionByKey,
    hash: (state) => state,
    describe: (state) => String(state),
    describeOperation: (input, output) => input.f === 'add' ? `suma ${input.value}`
      : `lee → ${output === UNKNOWN ? '?' : showValue(outputValue(output))}`,
  };
}

/** An operation on a FIFO queue; a dequeue's output is the value, or `null` when empty. */
export type QueueInput = { readonly f: 'enqueue'; readonly value: unknown; readonly key?: string } | { readonly f: 'dequeue'; readonly key?: string };

/**
 * A FIFO queue (Herlihy & Wing's running example): `enqueue(v)`, and `dequeue()` returning
 * the oldest value or `null` on an empty queue. Unknown dequeue: it may have removed the head.
 */
export function queueModel(): Model<readonly unknown[], QueueInput, unknown> {
  return {
    name: 'cola FIFO',
    init: () => [],
    step(state, input, output) {
      if (input.f === 'enqueue') return { ok: true, state: [...state, input.value] };
      if (input.f !== 'dequeue') return { ok: false };
      if (output === UNKNOWN) return { ok: true, state: state.slice(1) };
      const value = outputValue(output);
      if (state.length === 0) return value === null || value === undefined ? { ok: true, state } : { ok: false };
      return sameValue(state[0], value) ? { ok: true, state: state.slice(1) } : { ok: false };
    },
    // A dequeue that found the queue empty is legal only on an empty queue, which it keeps.
    readOnly: (input, output) => input.f === 'dequeue' && output !== UNKNOWN && (outputValue(output) === null || outputValue(output) === undefined),
    partition: partitionByKey,
    hash: (state) => JSON.stringify(state),
    describe: (state) => `[${state.map(showValue).join(', ')}]`,
    describeOperation: (input, output) => input.f === 'enqueue' ? `encola ${showValue(input.value)}`
      : `desencola → ${output === UNKNOWN ? '?' : showValue(outputValue(output))}`,
  };
}

/** Re-exported so model authors need one import. */
export type { Unknown };
