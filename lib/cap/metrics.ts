/**
 * What the chapter measures on a bank run: balances per replica over time, the fraction of
 * requests answered, and the anomalies (lost updates, overdrafts, stale reads).
 * @packageDocumentation
 */
import type { History, Operation } from '../linearizability/history';
import type { Simulation } from '../sim/simulation';
import type { NodeId } from '../sim/types';
import type { BankReplica } from './bank';
import { replicaBalances } from './checkers';
import type { BankMessage } from './messages';
import { operationDeltas } from './operations';
import type { BankOperation } from './operations';
import { includedOps } from './reconcile';

/** Balances of one account on every replica, sampled over time. */
export interface BalanceSeries {
  readonly account: string;
  readonly timesMs: number[];
  readonly byReplica: Map<NodeId, number[]>;
}

/**
 * Runs `sim` until `untilMs` (or until it stops with a violation), sampling `account`'s balance
 * on every replica every `everyMs`.
 *
 * @example
 * const series = sampleBalances(bankSimulation({ seed: 1, bank: { mode: 'ap' }, partition }), { account: 'ana', untilMs: 4_000 });
 */
export function sampleBalances(sim: Simulation<BankMessage, BankReplica>, options: { account: string; untilMs: number; everyMs?: number }): BalanceSeries {
  const everyMs = options.everyMs ?? 25;
  const timesMs: number[] = [];
  const byReplica = new Map<NodeId, number[]>();
  // A stopped run (a violation, e.g. an exception in an injected exercise function) does not
  // advance its clock: stop sampling there instead of looping.
  while (sim.nowMs <= options.untilMs && sim.violation === undefined) {
    timesMs.push(sim.nowMs);
    for (const [id, node] of sim.nodes) {
      let list = byReplica.get(id);
      if (list === undefined) byReplica.set(id, (list = []));
      list.push(replicaBalances(node, [options.account])[0] ?? 0);
    }
    sim.runFor(everyMs);
  }
  return { account: options.account, timesMs, byReplica };
}

/** How a history's requests ended. */
export interface Answered {
  readonly total: number;
  readonly ok: number;
  readonly fail: number;
  readonly info: number;
  /** ok / total (1 for an empty history). */
  readonly fraction: number;
}

/** Counts answered (ok), refused (fail) and unknown (info) requests. */
export function answered(history: History): Answered {
  let ok = 0;
  let fail = 0;
  let info = 0;
  for (const op of history) {
    if (op.status === 'ok') ok++;
    else if (op.status === 'fail') fail++;
    else info++;
  }
  return { total: history.length, ok, fail, info, fraction: history.length === 0 ? 1 : ok / history.length };
}

/** The anomalies of one run. */
export interface Anomalies {
  /** Acknowledged changes (ok, applied) missing from the final state of some account they touched. */
  readonly lostUpdates: number;
  /** Accounts whose final balance is negative. */
  readonly overdrafts: number;
  /** Balance reads that missed a change acknowledged before the read began. */
  readonly staleReads: number;
  /** Reads in the history. */
  readonly reads: number;
}

/**
 * The anomalies as one Spanish line for a notebook (the field names stay in code):
 * `actualizaciones perdidas: 2 · cuentas en descubierto: 0 · lecturas obsoletas: 6 de 8`.
 */
export function describeAnomalies(a: Anomalies): string {
  return `actualizaciones perdidas: ${a.lostUpdates} · cuentas en descubierto: ${a.overdrafts} · lecturas obsoletas: ${a.staleReads} de ${a.reads}`;
}

/** The request id the closed-loop client gave each operation (`client:n`, n-th of that client). */
export function requestIds(history: History): Map<number, string> {
  const perClient = new Map<string, Operation[]>();
  for (const op of history) {
    const list = perClient.get(op.client) ?? [];
    list.push(op);
    perClient.set(op.client, list);
  }
  const ids = new Map<number, string>();
  for (const [client, ops] of perClient) {
    ops.sort((a, b) => a.invokeMs - b.invokeMs || a.id - b.id);
    ops.forEach((op, i) => ids.set(op.id, `${client}:${i + 1}`));
  }
  return ids;
}

/**
 * Counts the run's anomalies, judged on the first replica's final state (call it after the
 * heal and the quiet time, when the replicas have converged).
 */
export function anomalies(sim: Simulation<BankMessage, BankReplica>): Anomalies {
  const history = sim.history as History<BankOperation>;
  const ids = requestIds(history);
  const first = [...sim.nodes.values()][0];
  if (first === undefined) return { lostUpdates: 0, overdrafts: 0, staleReads: 0, reads: 0 };
  // What the final state contains, per account.
  const contains = (account: string): Set<string> =>
    first.mode === 'cp'
      ? new Set(first.log.slice(0, first.commitIndex).filter((e) => operationDeltas(e.op).has(account)).map((e) => e.requestId))
      : new Set(Object.keys(includedOps(first.accounts.get(account)!)));
  const finalOps = new Map<string, Set<string>>();
  const accounts = first.mode === 'cp' ? [...first.balances.keys()] : [...first.accounts.keys()];
  for (const account of accounts) finalOps.set(account, contains(account));
  const acknowledged = history.filter((op) => op.status === 'ok' && op.input.f !== 'balance' && op.output === 'ok');
  let lostUpdates = 0;
  for (const op of acknowledged) {
    const id = ids.get(op.id)!;
    if ([...operationDeltas(op.input).keys()].some((account) => !finalOps.get(account)?.has(id))) lostUpdates++;
  }
  const overdrafts = replicaBalances(first, accounts).filter((b) => b < 0).length;
  // Stale reads: what each read saw (CP: the log before the read's entry; AP: the replica's snapshot).
  const seenBy = new Map<string, Set<string>>();
  for (const node of sim.nodes.values()) {
    if (node.mode === 'ap') for (const [id, seen] of node.readSnapshots) seenBy.set(id, new Set(seen));
  }
  if (first.mode === 'cp') {
    const before: string[] = [];
    for (const entry of first.log) {
      if (entry.op.f === 'balance') seenBy.set(entry.requestId, new Set(before));
      before.push(entry.requestId);
    }
  }
  const reads = history.filter((op) => op.status === 'ok' && op.input.f === 'balance');
  let staleReads = 0;
  for (const read of reads) {
    const seen = seenBy.get(ids.get(read.id)!);
    if (seen === undefined || read.input.f !== 'balance') continue;
    const account = read.input.account;
    const missed = acknowledged.some((w) => (w.completeMs ?? Infinity) < read.invokeMs && operationDeltas(w.input).has(account) && !seen.has(ids.get(w.id)!));
    if (missed) staleReads++;
  }
  return { lostUpdates, overdrafts, staleReads, reads: reads.length };
}
