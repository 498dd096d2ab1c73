// @real-io: the optional time budget (timeoutMs) reads performance.now(); it only cuts the
// search short (verdict 'unknown'), so a check that completes answers the same on any machine.
/**
 * The search for one partition: Wing & Gong's algorithm with Lowe's memoisation ("JIT
 * linearization"), as in porcupine's `checkSingle`.
 *
 * Calls and returns sit in one doubly linked list in time order. The search walks it from
 * the head: at a call it tries to linearize that operation now (the model accepts it) and,
 * if the pair (set of linearized operations, model state) was never seen, lifts the call and
 * its return out of the list and starts again from the head; at a return it has reached the
 * deadline of an operation it could not place, so it backtracks: it pops the last linearized
 * operation, puts it back and tries the next candidate after it.
 *
 * Three additions to porcupine's search, all sound (test/linearizability/differential.test.ts
 * checks them against a brute-force checker): info operations (return at +∞, optional),
 * tried after the ok ones when they are older (so the cache in cache.ts can subsume them);
 * read-only operations (`model.readOnly`) are forced; and the longest prefix is kept
 * incrementally, with the operation that blocked it. The first two prune configurations (sound
 * for the verdict), so the prefix kept is only the longest met; `exhaustive` turns them off
 * (porcupine's plain memoised search) to find the true longest prefix of an illegal part.
 * @packageDocumentation
 */
import type { Model } from './model';
import { UNKNOWN } from './model';
import { ConfigCache, configKey } from './cache';
import { hashNumber, lift, mix32, timeOrder, unlift } from './entries';

/** One operation as the search sees it (fail operations are already dropped). */
export interface SearchOperation {
  readonly input: unknown;
  readonly output: unknown;
  readonly invokeMs: number;
  /** `Infinity` for an operation with unknown outcome. */
  readonly completeMs: number;
  /** True for an 'info' operation: it may be linearized anywhere after its invoke, or never. */
  readonly unknown: boolean;
}

/** Limits on one search; `deadline` is a `performance.now()` value. */
export interface SearchLimits {
  readonly memoize: boolean;
  readonly deadline: number;
  readonly maxSteps: number;
  /**
   * Visit every reachable (linearized set, state) once: no forced read-only placement and an
   * exact cache (no info subsumption), so an illegal answer carries the longest prefix (see
   * {@link SearchOutcome.order}), not just the longest met. Much slower; implies memoisation.
   */
  readonly exhaustive?: boolean;
}

/** What one search found: indices into its operations array. */
export interface SearchOutcome<S> {
  readonly verdict: 'ok' | 'illegal' | 'unknown';
  /**
   * The full linearization (ok) or the longest linearizable prefix found (otherwise):
   * "longest" means the most ok operations placed, ties broken by the most operations placed
   * (ok and info); it is the true maximum when `exhaustive` and the verdict is 'illegal'.
   */
  readonly order: number[];
  /** The model state after each operation of `order`. */
  readonly states: S[];
  /** The operation that could not be placed after `order` (illegal), else -1. */
  readonly blocked: number;
  readonly steps: number;
}

const CHECK_CLOCK_EVERY = 4096;

/** Runs the search on `ops` (sorted by invoke) against `model`. */
export function searchPartition<S>(model: Model<S>, ops: readonly SearchOperation[], limits: SearchLimits): SearchOutcome<S> {
  const n = ops.length;
  // Entry e in [0, 2n): call of op (e >> 1) if even, its return if odd. Node 2n is the head.
  const head = 2 * n;
  const next = new Int32Array(2 * n + 1).fill(-1);
  const prev = new Int32Array(2 * n + 1).fill(-1);
  const order = timeOrder(ops);
  let last = head;
  for (const e of order) {
    next[last] = e;
    prev[e] = last;
    last = e;
  }
  function lowestPendingOk(from: number): number {
    let j = from;
    while (j < n && (unknown[j] === 1 || linearized[j] === 1)) j++;
    return j;
  }
  const zobrist = new Int32Array(n);
  for (let i = 0; i < n; i++) zobrist[i] = mix32(i + 1);
  const linearized = new Uint8Array(n);
  const unknown = new Uint8Array(n);
  let required = 0;
  ops.forEach((op, i) => {
    if (op.unknown) unknown[i] = 1;
    else required += 1;
  });
  let zobOk = 0; // Zobrist hash of the linearized ok operations
  let placedRequired = 0;
  let okHighest = -1; // highest linearized ok operation
  let okLow = lowestPendingOk(0); // lowest unlinearized ok operation (n if none)
  // One bit per info operation, in invoke order: which of them are linearized.
  const infoOrdinal = new Int32Array(n).fill(-1);
  let infoCount = 0;
  for (let i = 0; i < n; i++) if (unknown[i] === 1) infoOrdinal[i] = infoCount++;
  const infoBits = new Uint32Array(Math.ceil(infoCount / 32));

  const hashOf = model.hash ?? ((s: S) => JSON.stringify(s) ?? 'undefined');
  const exhaustive = limits.exhaustive === true;
  const memoize = limits.memoize || exhaustive;
  const cache = new ConfigCache<S>(model.equal, exhaustive);

  const stackEntry = new Int32Array(n);
  const stackState: S[] = [];
  const stackOkHighest = new Int32Array(n);
  const stackOkLow = new Int32Array(n);
  const stackPass = new Uint8Array(n);
  // A frame is forced when its operation is read-only (the model's `readOnly`: a read, a
  // failed cas): such an operation, legal now, can always be linearized now rather than
  // later (it changes no state wherever it goes, and nothing unplaced must precede it), so
  // if the configuration after it fails, the one before fails too: no sibling needs trying.
  const stackForced = new Uint8Array(n);
  const readOnly = new Uint8Array(n);
  if (model.readOnly && !exhaustive) {
    ops.forEach((op, i) => {
      if (model.readOnly?.(op.input, op.unknown ? UNKNOWN : op.output)) readOnly[i] = 1;
    });
  }
  let depth = 0;
  let state = model.init();
  if (memoize) {
    const rootHash = hashOf(state);
    cache.seenOrAdd(hashNumber(rootHash), configKey(linearized, unknown, okLow, -1, infoBits), state, rootHash);
  }

  const best = { order: [] as number[], states: [] as S[], blocked: -1 };
  let bestShared = 0;
  let bestOk = 0; // ok operations in best.order
  let recorded = false;
  // Keeps the longest prefix met at a dead end (most ok operations, then most operations; or
  // the full order at the end). Only the part of the stack that changed since the last record
  // is copied, so the total copying is bounded by the number of pushes, not depth × dead ends.
  const record = (force: boolean): void => {
    if (!force && recorded && (placedRequired < bestOk || (placedRequired === bestOk && depth <= best.order.length))) return;
    recorded = true;
    // The operation that blocks: the first pending return (its deadline came first).
    let blockedOp = -1;
    if (!force) {
      for (let e = next[head] as number; e !== -1; e = next[e] as number) {
        if ((e & 1) === 1) {
          blockedOp = e >> 1;
          break;
        }
      }
    }
    best.order.length = bestShared;
    best.states.length = bestShared;
    for (let k = bestShared; k < depth; k++) {
      best.order.push((stackEntry[k] as number) >> 1);
      best.states.push(k + 1 < depth ? (stackState[k + 1] as S) : state);
    }
    bestShared = depth;
    bestOk = placedRequired;
    best.blocked = blockedOp;
  };

  // Candidates (the calls before the first pending return) are tried in two passes. Pass 0:
  // the ok operations, and the info ones invoked after the first pending ok one, in list
  // order. Pass 1: the older info operations, those still pending from before: most often
  // they never took effect, and trying them last lets the cache subsume the configurations
  // that include them (see cache.ts). Every candidate is tried in exactly one pass.
  let pass = 0;
  let seenOk = false;
  let steps = 0;
  let entry = next[head] as number;
  for (;;) {
    if (placedRequired === required) {
      record(true);
      return { verdict: 'ok', order: best.order, states: best.states, blocked: -1, steps };
    }
    steps += 1;
    if (steps > limits.maxSteps || (steps % CHECK_CLOCK_EVERY === 0 && performance.now() > limits.deadline)) {
      return { verdict: 'unknown', order: best.order, states: best.states, blocked: -1, steps };
    }
    if (entry !== -1 && (entry & 1) === 0 && pass === 1 && unknown[entry >> 1] === 0) {
      entry = -1; // pass 1 ends at the first ok call: everything after it was tried in pass 0
    }
    if (entry !== -1 && (entry & 1) === 0) {
      const i = entry >> 1;
      if (pass === 0) {
        if (unknown[i] === 0) seenOk = true;
        else if (!seenOk) {
          entry = next[entry] as number;
          continue;
        }
      }
      const op = ops[i] as SearchOperation;
      const result = model.step(state, op.input, op.unknown ? UNKNOWN : op.output);
      if (!result.ok) {
        entry = next[entry] as number;
        continue;
      }
      const isOk = unknown[i] === 0;
      const newOkHighest = isOk && i > okHighest ? i : okHighest;
      const newZobOk = isOk ? zobOk ^ (zobrist[i] as number) : zobOk;
      if (memoize) {
        linearized[i] = 1;
        const newOkLow = isOk && i === okLow ? lowestPendingOk(i + 1) : okLow;
        const ordinal = infoOrdinal[i] as number;
        if (ordinal >= 0) infoBits[ordinal >>> 5] = (infoBits[ordinal >>> 5] as number) | (1 << (ordinal & 31));
        const key = configKey(linearized, unknown, newOkLow, newOkHighest, infoBits);
        if (ordinal >= 0) infoBits[ordinal >>> 5] = (infoBits[ordinal >>> 5] as number) & ~(1 << (ordinal & 31));
        const stateHash = hashOf(result.state);
        if (cache.seenOrAdd((newZobOk ^ hashNumber(stateHash)) | 0, key, result.state, stateHash)) {
          linearized[i] = 0;
          entry = next[entry] as number;
          continue;
        }
      }
      linearized[i] = 1;
      zobOk = newZobOk;
      if (isOk) placedRequired += 1;
      stackEntry[depth] = entry;
      stackOkHighest[depth] = okHighest;
      stackOkLow[depth] = okLow;
      stackPass[depth] = pass;
      stackForced[depth] = readOnly[i] as number;
      stackState[depth] = state;
      depth += 1;
      state = result.state;
      okHighest = newOkHighest;
      if (isOk && i === okLow) okLow = lowestPendingOk(i + 1);
      const ordinal = infoOrdinal[i] as number;
      if (ordinal >= 0) infoBits[ordinal >>> 5] = (infoBits[ordinal >>> 5] as number) | (1 << (ordinal & 31));
      lift(next, prev, entry);
      pass = 0;
      seenOk = false;
      entry = next[head] as number;
    } else if (pass === 0) {
      // Pass 0 is over: now the older info operations, from the head again.
      pass = 1;
      entry = next[head] as number;
    } else {
      // A return (or the end): the operation it belongs to can no longer be placed.
      record(false);
      if (depth === 0) {
        return { verdict: 'illegal', order: best.order, states: best.states, blocked: best.blocked, steps };
      }
      depth -= 1;
      if (depth < bestShared) bestShared = depth;
      const top = stackEntry[depth] as number;
      const i = top >> 1;
      state = stackState[depth] as S;
      stackState.length = depth;
      okHighest = stackOkHighest[depth] as number;
      okLow = stackOkLow[depth] as number;
      linearized[i] = 0;
      const ordinal = infoOrdinal[i] as number;
      if (ordinal >= 0) infoBits[ordinal >>> 5] = (infoBits[ordinal >>> 5] as number) & ~(1 << (ordinal & 31));
      if (unknown[i] === 0) {
        zobOk ^= zobrist[i] as number;
        placedRequired -= 1;
      }
      unlift(next, prev, top);
      pass = stackPass[depth] as number;
      seenOk = true; // a frame of pass 0 was tried after the first ok call
      entry = next[top] as number;
      if (stackForced[depth] === 1) {
        // The configuration before a forced operation fails with it: backtrack again.
        pass = 1;
        entry = -1;
      }
    }
  }
}
