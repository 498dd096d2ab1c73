/**
 * The chapter's measurements of mutual exclusion: run an algorithm on n nodes, count the
 * messages per entry, and measure the synchronisation delay (from one node's exit to the next
 * node's entry, when that node was already waiting) and the waiting time.
 */
import type { Seed } from '../random/index';
import { countMessages } from '../election/metrics';
import type { AnyChecker } from '../sim/checkers';
import { latency as latencyModels } from '../sim/network';
import type { LatencyModel } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { Violation } from '../sim/checkers';
import type { NodeFactory, NodeId } from '../sim/types';
import { centralCoordinator } from './central';
import { mutualExclusion, requestsServed } from './checkers';
import { lamportQueue } from './lamport-queue';
import { maekawa } from './maekawa';
import { gridQuorums } from './quorums';
import type { MutexMessage } from './messages';
import type { MutexNode, MutexWorkload } from './node';
import { ricartAgrawala } from './ricart-agrawala';
import { tokenRing } from './token-ring';

/** The five algorithms of the chapter. */
export type MutexAlgorithm = 'central' | 'ricartAgrawala' | 'lamport' | 'tokenRing' | 'maekawa';

/** Every algorithm with its Spanish label, in the chapter's order. */
export const MUTEX_ALGORITHMS: readonly { readonly algorithm: MutexAlgorithm; readonly label: string }[] = [
  { algorithm: 'central', label: 'coordinador central' },
  { algorithm: 'ricartAgrawala', label: 'Ricart–Agrawala' },
  { algorithm: 'lamport', label: 'cola de Lamport' },
  { algorithm: 'tokenRing', label: 'anillo con testigo' },
  { algorithm: 'maekawa', label: 'Maekawa (√n)' },
];

/** A node factory for an algorithm, with a workload (and, for Lamport and Maekawa, their switches). */
export function mutexFactory(algorithm: MutexAlgorithm, workload: MutexWorkload & { fifo?: boolean; deadlockFree?: boolean } = {}): NodeFactory<MutexMessage, MutexNode<MutexMessage>> {
  switch (algorithm) {
    case 'central':
      return centralCoordinator(workload) as never;
    case 'ricartAgrawala':
      return ricartAgrawala(workload) as never;
    case 'lamport':
      return lamportQueue(workload) as never;
    case 'tokenRing':
      return tokenRing(workload) as never;
    case 'maekawa':
      return maekawa(workload) as never;
  }
}

/** Options of {@link runMutex}. */
export interface MutexRunOptions extends MutexWorkload {
  readonly algorithm: MutexAlgorithm;
  readonly n: number;
  readonly seed: Seed;
  /** Simulated run length (default 5,000 ms). */
  readonly durationMs?: number;
  /** Link latency (default uniform 1–9 ms). */
  readonly latency?: LatencyModel;
  /** Extra checkers (mutualExclusion is always on). */
  readonly checkers?: readonly AnyChecker<MutexMessage, MutexNode<MutexMessage>>[];
}

/** What a run measured. */
export interface MutexRunResult {
  readonly algorithm: MutexAlgorithm;
  readonly n: number;
  readonly entries: number;
  readonly messages: number;
  readonly messagesPerEntry: number;
  /** Mean ms from an exit to the next entry, over entries whose node was waiting at that exit. */
  readonly syncDelayMs: number;
  /** Mean ms from `request` to `enterCritical`. */
  readonly waitMs: number;
  readonly violation: Violation | undefined;
}

/** Node ids n1…nN; the central coordinator gets an extra node `c` (it does not ask itself). */
export function mutexNodeIds(algorithm: MutexAlgorithm, n: number): NodeId[] {
  const ids = Array.from({ length: n }, (_, i) => `n${i + 1}`);
  return algorithm === 'central' ? ['c', ...ids] : ids;
}

/**
 * Runs one algorithm with n requesting nodes and measures it.
 *
 * @example
 * runMutex({ algorithm: 'ricartAgrawala', n: 8, seed: 1, thinkMsMean: 2_000 }).messagesPerEntry; // 14 = 2(n − 1)
 */
export function runMutex(options: MutexRunOptions): MutexRunResult {
  const { algorithm, n } = options;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`runMutex: n debe ser un entero ≥ 1, recibido ${n}`);
  const counter = countMessages();
  const sim = new Simulation<MutexMessage, MutexNode<MutexMessage>>({
    seed: options.seed,
    trace: false,
    nodeIds: mutexNodeIds(algorithm, n),
    createNode: mutexFactory(algorithm, options),
    network: { latency: options.latency ?? latencyModels.uniform(1, 9) },
    checkers: [mutualExclusion, counter.checker as never, ...(options.checkers ?? [])],
  });
  sim.runFor(options.durationMs ?? 5_000);
  sim.finish();
  let entries = 0;
  let lastExit: number | undefined;
  let syncSum = 0;
  let syncCount = 0;
  let waitSum = 0;
  const requestedAt = new Map<NodeId, number>();
  for (const o of sim.outputs) {
    if (o.label === 'request') requestedAt.set(o.node, o.timeMs);
    else if (o.label === 'exitCritical') lastExit = o.timeMs;
    else if (o.label === 'enterCritical') {
      entries++;
      const asked = requestedAt.get(o.node) ?? o.timeMs;
      waitSum += o.timeMs - asked;
      if (lastExit !== undefined && asked <= lastExit) {
        syncSum += o.timeMs - lastExit;
        syncCount++;
      }
    }
  }
  return {
    algorithm,
    n,
    entries,
    messages: counter.counts.total,
    messagesPerEntry: entries === 0 ? Number.NaN : counter.counts.total / entries,
    syncDelayMs: syncCount === 0 ? Number.NaN : syncSum / syncCount,
    waitMs: entries === 0 ? Number.NaN : waitSum / entries,
    violation: sim.violation,
  };
}

/**
 * The textbook messages per entry without contention, for n requesting nodes. Token ring: from
 * 1 (heavy load) upwards, unbounded at light load (no single figure). Maekawa on a grid: 3(K − 1)
 * with K = 2⌈√n⌉ − 1 at most (the node itself is in its quorum and needs no message).
 */
export function mutexFormulas(n: number): { central: number; ricartAgrawala: number; lamport: number; maekawa: number; maekawaGridMean: number } {
  const k = Math.ceil(Math.sqrt(n));
  const quorums = [...gridQuorums(Array.from({ length: n }, (_, i) => String(i))).values()];
  const meanOthers = quorums.reduce((sum, q) => sum + q.length - 1, 0) / n;
  return { central: 3, ricartAgrawala: 2 * (n - 1), lamport: 3 * (n - 1), maekawa: 3 * (2 * k - 2), maekawaGridMean: 3 * meanOthers };
}

/** One point of the chapter's plots: an algorithm's measurements at one N. */
export interface MutexCostRow {
  readonly algorithm: MutexAlgorithm;
  readonly n: number;
  readonly entries: number;
  readonly messagesPerEntry: number;
  readonly syncDelayMs: number;
  readonly waitMs: number;
}

/**
 * Runs every algorithm at every size. `'light'` load (each node thinks ~500·n ms between
 * entries: hardly any contention, the formulas' case) or `'heavy'` (everybody always waiting:
 * the synchronisation delay's case).
 *
 * @example
 * const rows = mutexCosts({ sizes: [3, 8, 16], load: 'light', seed: 1 });
 */
export function mutexCosts(options: { sizes: readonly number[]; load: 'light' | 'heavy'; seed: Seed; algorithms?: readonly MutexAlgorithm[]; durationMs?: number }): MutexCostRow[] {
  const rows: MutexCostRow[] = [];
  for (const algorithm of options.algorithms ?? MUTEX_ALGORITHMS.map((a) => a.algorithm)) {
    for (const n of options.sizes) {
      const light = options.load === 'light';
      const r = runMutex({ algorithm, n, seed: `${String(options.seed)}/${algorithm}/${n}`, thinkMsMean: light ? 500 * n : 5, durationMs: options.durationMs ?? (light ? 20_000 : 3_000) });
      rows.push({ algorithm, n, entries: r.entries, messagesPerEntry: r.messagesPerEntry, syncDelayMs: r.syncDelayMs, waitMs: r.waitMs });
    }
  }
  return rows;
}


