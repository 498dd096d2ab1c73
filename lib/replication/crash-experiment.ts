/**
 * The chapter's key experiment: clients write to a primary with three backups (one near, one in
 * the same country, one across the ocean), the primary crashes at a random moment, the operator
 * promotes the most up-to-date backup, and we count the acknowledged writes the new primary does
 * not have. Same seed, same run.
 */
import { closedLoopClient } from '../sim/closed-loop-client';
import type { ClosedLoopClient } from '../sim/closed-loop-client';
import { percentile } from '../sim/metrics';
import { latency } from '../sim/network';
import type { LinkOverride } from '../sim/network';
import { Simulation } from '../sim/simulation';
import type { NodeFactory, NodeId } from '../sim/types';
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { PrimaryBackupMessage, WriteInput } from './messages';
import { failover, primaryBackup } from './primary-backup';
import type { PrimaryBackupNode, PrimaryBackupOptions, ReplicationMode } from './primary-backup';

/** The four nodes: primary n1 (Lima), backups n2 (Lima, 2 ms), n3 (Cusco, 10 ms), n4 (Madrid, 60 ms). */
export const CRASH_NODES: readonly NodeId[] = ['n1', 'n2', 'n3', 'n4'];

/** One-way mean latencies between the primary and each backup, in ms. */
export const BACKUP_LATENCY_MS: Readonly<Record<string, number>> = { n2: 2, n3: 10, n4: 60 };

/** Options of {@link runCrashExperiment}. */
export interface CrashExperimentOptions {
  readonly seed: Seed;
  readonly mode: ReplicationMode;
  /** Acks a semisync primary waits for (default 1). */
  readonly acks?: number;
  /** Also crash the most up-to-date backup at the same moment (a double failure; default false). */
  readonly crashBestBackup?: boolean;
  /** The primary crashes at a time drawn uniformly in this window (default [300, 700] ms). */
  readonly crashWindowMs?: readonly [number, number];
  /** The operator notices the crash and fails over this long after it (default 50 ms). */
  readonly detectMs?: number;
  /** Client actors (default 4). */
  readonly clients?: number;
  /** Fraction of critical writes in the `criticality` mode (default 0.3). */
  readonly criticalFraction?: number;
  /** Record the trace (default false). */
  readonly trace?: boolean;
  /** Promote this backup instead of the most up-to-date one (default: the most up-to-date). */
  readonly failoverTo?: NodeId;
  /** Replace the commit-point rule (exercise 05.2). */
  readonly commitIndex?: PrimaryBackupOptions['commitIndex'];
}

/** What one run measured. */
export interface CrashExperimentResult {
  readonly seed: Seed;
  readonly crashMs: number;
  readonly newPrimary: NodeId | undefined;
  /** Latencies of the writes acknowledged before the crash, ms. */
  readonly latenciesMs: number[];
  /** Writes acknowledged to a client over the whole run. */
  readonly acked: number;
  /** Acknowledged writes missing from the new primary's log. */
  readonly lost: number;
  readonly lostValues: string[];
  /** Split by criticality (the `criticality` mode): acknowledged and lost critical writes. */
  readonly ackedCritical: number;
  readonly lostCritical: number;
  readonly sim: Simulation<PrimaryBackupMessage, PrimaryBackupNode>;
}

/** Link models: each backup at its distance from the primary, clients 1 ms from everyone. */
export function crashNetworkLinks(): LinkOverride[] {
  const links: LinkOverride[] = [];
  const nodes = Object.keys(BACKUP_LATENCY_MS);
  for (const b of nodes) links.push({ from: 'n1', to: b, bothWays: true, latency: latency.exponential((BACKUP_LATENCY_MS[b] as number) * 0.3, (BACKUP_LATENCY_MS[b] as number) * 0.7) });
  for (const a of nodes) for (const b of nodes) if (a < b) links.push({ from: a, to: b, bothWays: true, latency: latency.exponential(Math.abs((BACKUP_LATENCY_MS[a] as number) - (BACKUP_LATENCY_MS[b] as number)) + 2, 1) });
  return links;
}

/** A closed-loop writer: unique values `<client>-<n>`, a fraction of them critical. */
export function writerClient(criticalFraction = 0.3): NodeFactory<PrimaryBackupMessage, ClosedLoopClient<PrimaryBackupMessage, WriteInput, unknown>> {
  return closedLoopClient<PrimaryBackupMessage, WriteInput, unknown>({
    operations: ({ index, rng, client }) => ({ f: 'write', key: `k${rng.int(1, 5)}`, value: `${client}-${index + 1}`, critical: rng.bernoulli(criticalFraction) }),
    thinkMs: { minMs: 0, maxMs: 4 },
    timeoutMs: 400,
    retries: 6,
    retryDelayMs: 20,
    encode: (input, { requestId }) => ({ type: 'Request', requestId, input }),
    decode: (m) => {
      if (m.type === 'Reply') return { kind: 'ok', requestId: m.requestId, output: m.output };
      if (m.type === 'NotPrimary') return { kind: 'redirect', requestId: m.requestId, ...(m.primary === undefined ? {} : { leader: m.primary }) };
      return undefined;
    },
  });
}

/**
 * Runs one crash: writes, the primary's crash (and the best backup's, with `crashBestBackup`),
 * failover to the most up-to-date live backup (or to `failoverTo`), 600 ms more of writes,
 * then counts.
 * @example
 * const r = runCrashExperiment({ seed: 1, mode: 'async' });
 * r.lost; // acknowledged writes the new primary never got
 */
export function runCrashExperiment(options: CrashExperimentOptions): CrashExperimentResult {
  const rng = createRng(`${options.seed}/crash`);
  const [lo, hi] = options.crashWindowMs ?? [300, 700];
  const crashMs = rng.uniform(lo, hi);
  const clientIds = Array.from({ length: options.clients ?? 4 }, (_, i) => `c${i + 1}`);
  const sim = new Simulation<PrimaryBackupMessage, PrimaryBackupNode>({
    seed: options.seed,
    trace: options.trace ?? false,
    nodeIds: [...CRASH_NODES],
    createNode: primaryBackup({ mode: options.mode, acks: options.acks ?? 1, ...(options.commitIndex ? { commitIndex: options.commitIndex } : {}) }),
    network: { latency: latency.exponential(0.5, 0.5), links: crashNetworkLinks() },
    clients: { ids: clientIds, createClient: writerClient(options.criticalFraction ?? 0.3) },
  });
  sim.runUntilTime(crashMs);
  sim.crash('n1');
  if (options.crashBestBackup) {
    const backups = CRASH_NODES.slice(1).map((id) => sim.node(id) as PrimaryBackupNode);
    const best = backups.reduce((a, b) => (b.log.length > a.log.length ? b : a));
    sim.crash(best.id);
  }
  sim.runUntilTime(crashMs + (options.detectMs ?? 50));
  const newPrimary = failover(sim, options.failoverTo);
  sim.runUntilTime(crashMs + (options.detectMs ?? 50) + 600);
  const survivor = newPrimary === undefined ? undefined : sim.node(newPrimary);
  const kept = new Set((survivor?.log ?? []).map((e) => e.value));
  const writes = sim.history.filter((op) => op.status === 'ok' && (op.input as WriteInput).f === 'write');
  const lostOps = writes.filter((op) => !kept.has((op.input as WriteInput).value));
  const latenciesMs = writes.filter((op) => (op.completeMs as number) <= crashMs).map((op) => (op.completeMs as number) - op.invokeMs);
  return {
    seed: options.seed,
    crashMs,
    newPrimary,
    latenciesMs,
    acked: writes.length,
    lost: lostOps.length,
    lostValues: lostOps.map((op) => (op.input as WriteInput).value),
    ackedCritical: writes.filter((op) => (op.input as WriteInput).critical === true).length,
    lostCritical: lostOps.filter((op) => (op.input as WriteInput).critical === true).length,
    sim,
  };
}

/** One row of the key plot: a configuration summarised over many seeds. */
export interface CrashSummary {
  readonly label: string;
  readonly seeds: number;
  readonly latencyMsP50: number;
  readonly latencyMsP99: number;
  readonly acked: number;
  readonly lost: number;
  /** Seeds in which at least one acknowledged write was lost. */
  readonly seedsWithLoss: number;
}

/** Runs {@link runCrashExperiment} over `seeds` seeds and summarises latencies and losses. */
export function summariseCrashes(label: string, seeds: readonly Seed[], options: Omit<CrashExperimentOptions, 'seed'>): CrashSummary {
  const latencies: number[] = [];
  let acked = 0;
  let lost = 0;
  let seedsWithLoss = 0;
  for (const seed of seeds) {
    const r = runCrashExperiment({ ...options, seed });
    for (const l of r.latenciesMs) latencies.push(l);
    acked += r.acked;
    lost += r.lost;
    if (r.lost > 0) seedsWithLoss++;
  }
  return { label, seeds: seeds.length, latencyMsP50: percentile(latencies, 50), latencyMsP99: percentile(latencies, 99), acked, lost, seedsWithLoss };
}
