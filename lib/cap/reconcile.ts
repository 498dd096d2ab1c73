/**
 * How an AP replica keeps one account and reconciles it with another replica's copy after a
 * partition: (a) last-writer-wins on hybrid logical clocks, (b) a PN-counter CRDT (Shapiro et
 * al. 2011), (c) Dynamo-style siblings with version vectors and an application merge
 * (DeCandia et al. 2007). Every state also records which operations (by request id, with their
 * change to this account) it contains, so lost updates can be counted.
 * @packageDocumentation
 */
import type { HlcTimestamp } from '../clocks/hlc';
import { compareHlc } from '../clocks/hlc';

/** The reconciliation strategy of an AP bank. */
export type ReconcileStrategy = 'lww' | 'pn-counter' | 'siblings';

/** Operations contained in a state: request id → change to this account. */
export type IncludedOps = Readonly<Record<string, number>>;

/** An LWW account: one balance, stamped with the HLC time and node of its last write. */
export interface LwwAccount {
  readonly kind: 'lww';
  readonly balance: number;
  readonly stamp: HlcTimestamp;
  readonly node: string;
  readonly ops: IncludedOps;
}

/** A PN-counter account: per replica, money in (`p`) and money out (`n`). */
export interface PnAccount {
  readonly kind: 'pn-counter';
  readonly p: Readonly<Record<string, number>>;
  readonly n: Readonly<Record<string, number>>;
  readonly ops: IncludedOps;
}

/** One sibling: a version vector and the operations of that version. */
export interface Sibling {
  readonly vv: Readonly<Record<string, number>>;
  readonly ops: IncludedOps;
}

/** A Dynamo-style account: concurrent versions kept side by side until the application merges them. */
export interface SiblingsAccount {
  readonly kind: 'siblings';
  readonly siblings: readonly Sibling[];
}

/** One account's replicated state under some strategy. */
export type AccountState = LwwAccount | PnAccount | SiblingsAccount;

/** The functions an AP node uses; the chapter's exercises can replace the first two. */
export interface ReconcileFunctions {
  /** PN-counter merge: entry-wise maximum of `p` and of `n` (exercise 03.1). */
  readonly mergePn: (a: { p: Record<string, number>; n: Record<string, number> }, b: { p: Record<string, number>; n: Record<string, number> }) => { p: Record<string, number>; n: Record<string, number> };
  /** LWW: which stamp wins, `'a'`, `'b'` or `'equal'` (exercise 03.2). */
  readonly lwwWinner: (a: { l: number; c: number; node: string }, b: { l: number; c: number; node: string }) => 'a' | 'b' | 'equal';
}

/** The kit's own reconciliation functions (teacher code; nodes use these by default). */
export const DEFAULT_RECONCILE: ReconcileFunctions = {
  mergePn(a, b) {
    const max = (x: Record<string, number>, y: Record<string, number>) => {
      const out: Record<string, number> = { ...x };
      for (const [k, v] of Object.entries(y)) out[k] = Math.max(out[k] ?? 0, v);
      return out;
    };
    return { p: max(a.p, b.p), n: max(a.n, b.n) };
  },
  lwwWinner(a, b) {
    const order = compareHlc(a, b) || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
    return order > 0 ? 'a' : order < 0 ? 'b' : 'equal';
  },
};

/** An account as it opens (`opening` euros), the same on every replica. */
export function openingAccount(strategy: ReconcileStrategy, opening: number): AccountState {
  switch (strategy) {
    case 'lww':
      return { kind: 'lww', balance: opening, stamp: { l: 0, c: 0 }, node: '', ops: {} };
    case 'pn-counter':
      return { kind: 'pn-counter', p: { apertura: opening }, n: {}, ops: {} };
    case 'siblings':
      return { kind: 'siblings', siblings: [{ vv: {}, ops: {} }] };
  }
}

/** The balance a replica shows: LWW's value, Σp − Σn, or the application merge of the siblings. */
export function accountBalance(state: AccountState, opening: number): number {
  switch (state.kind) {
    case 'lww':
      return state.balance;
    case 'pn-counter':
      return sum(state.p) - sum(state.n);
    case 'siblings':
      return opening + sum(unionOps(state.siblings));
  }
}

/** The operations a state contains (for siblings: the union, what the application merge keeps). */
export function includedOps(state: AccountState): IncludedOps {
  return state.kind === 'siblings' ? unionOps(state.siblings) : state.ops;
}

/** Applies a local change `delta` (operation `requestId`) at `node`, HLC time `stamp`. */
export function applyLocal(state: AccountState, change: { requestId: string; delta: number; node: string; stamp: HlcTimestamp }): AccountState {
  const { requestId, delta, node } = change;
  switch (state.kind) {
    case 'lww':
      return { kind: 'lww', balance: state.balance + delta, stamp: change.stamp, node, ops: { ...state.ops, [requestId]: delta } };
    case 'pn-counter': {
      const side = delta >= 0 ? 'p' : 'n';
      const counts = { ...state[side], [node]: (state[side][node] ?? 0) + Math.abs(delta) };
      return { ...state, [side]: counts, ops: { ...state.ops, [requestId]: delta } };
    }
    case 'siblings': {
      // A write at a replica supersedes every sibling it has seen: the application merges
      // them (union of operations), then the replica bumps its own entry of the vector.
      const vv: Record<string, number> = {};
      for (const s of state.siblings) for (const [k, v] of Object.entries(s.vv)) vv[k] = Math.max(vv[k] ?? 0, v);
      vv[node] = (vv[node] ?? 0) + 1;
      return { kind: 'siblings', siblings: [{ vv, ops: { ...unionOps(state.siblings), [requestId]: delta } }] };
    }
  }
}

/** Reconciles two copies of one account (same strategy) into the state both should hold. */
export function mergeAccounts(a: AccountState, b: AccountState, functions: ReconcileFunctions = DEFAULT_RECONCILE): AccountState {
  if (a.kind === 'lww' && b.kind === 'lww') {
    const winner = functions.lwwWinner({ ...a.stamp, node: a.node }, { ...b.stamp, node: b.node });
    return winner === 'b' ? b : a;
  }
  if (a.kind === 'pn-counter' && b.kind === 'pn-counter') {
    const merged = functions.mergePn({ p: { ...a.p }, n: { ...a.n } }, { p: { ...b.p }, n: { ...b.n } });
    return { kind: 'pn-counter', p: merged.p, n: merged.n, ops: unionInto(a.ops, b.ops) };
  }
  if (a.kind === 'siblings' && b.kind === 'siblings') return { kind: 'siblings', siblings: keepMaximal([...a.siblings, ...b.siblings]) };
  throw new Error(`reconciliación: estrategias distintas (${a.kind} y ${b.kind})`);
}

/** The siblings not dominated by another (version-vector order), one per distinct vector. */
function keepMaximal(all: readonly Sibling[]): Sibling[] {
  const kept: Sibling[] = [];
  for (const s of all) {
    if (all.some((t) => t !== s && compareVersions(s.vv, t.vv) === 'before')) continue;
    if (kept.some((k) => compareVersions(k.vv, s.vv) === 'equal')) continue;
    kept.push(s);
  }
  return kept;
}

/** Version-vector order (missing entries are 0). Kept here so chapter 03 does not need exercise 02.2. */
function compareVersions(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): 'before' | 'after' | 'equal' | 'concurrent' {
  let less = false;
  let more = false;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    if (x < y) less = true;
    if (x > y) more = true;
  }
  return less && more ? 'concurrent' : less ? 'before' : more ? 'after' : 'equal';
}

/** `a ∪ b`, reusing `a` (no copy) when `b` adds nothing: the common case once replicas agree. */
function unionInto(a: IncludedOps, b: IncludedOps): IncludedOps {
  for (const id in b) if (!(id in a)) return { ...a, ...b };
  return a;
}

function unionOps(siblings: readonly Sibling[]): IncludedOps {
  const out: Record<string, number> = {};
  for (const s of siblings) Object.assign(out, s.ops);
  return out;
}

function sum(record: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const v of Object.values(record)) total += v;
  return total;
}

/** How many siblings an account holds (1 unless concurrent writes are unreconciled). */
export function siblingCount(state: AccountState): number {
  return state.kind === 'siblings' ? state.siblings.length : 1;
}
