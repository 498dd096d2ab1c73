/**
 * The primary-backup crash as a sweep scenario: swarm faults (loss, duplication, reordering,
 * slow links, partitions, clock skew), the primary's crash at a seed-drawn moment, failover to
 * the most up-to-date backup, and an end-of-run checker, `noLostAcknowledgedWrites`, that fails
 * when an acknowledged write is missing from the new primary's log. Sync and semi-sync pass on a
 * single crash; async is caught, and its losses are counted per seed.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { checker } from '../sim/checkers';
import type { CheckerFactory, ClusterView } from '../sim/checkers';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import { swarmFaults } from '../sim/swarm';
import type { SwarmPlan } from '../sim/swarm';
import { CRASH_NODES, crashNetworkLinks, writerClient } from './crash-experiment';
import type { PrimaryBackupMessage, WriteInput } from './messages';
import { failover, primaryBackup } from './primary-backup';
import type { PrimaryBackupNode, ReplicationMode } from './primary-backup';

/** The acknowledged writes of `history` missing from the log of the live primary with the highest epoch. */
export function lostAcknowledgedWrites(cluster: Pick<ClusterView<PrimaryBackupNode>, 'nodes' | 'history'>): string[] {
  const primaries = [...cluster.nodes.values()].filter((n) => n.role === 'primary');
  if (primaries.length === 0) return [];
  const primary = primaries.reduce((a, b) => (b.epoch > a.epoch ? b : a));
  const kept = new Set(primary.log.map((e) => e.value));
  return cluster.history
    .filter((op) => op.status === 'ok' && (op.input as WriteInput).f === 'write' && !kept.has((op.input as WriteInput).value))
    .map((op) => (op.input as WriteInput).value);
}

/** The end-of-run checker: no acknowledged write is missing from the surviving primary. */
export function noLostAcknowledgedWrites(onLoss?: (lost: number) => void): CheckerFactory<PrimaryBackupMessage, PrimaryBackupNode> {
  return checker<PrimaryBackupMessage, PrimaryBackupNode>('noLostAcknowledgedWrites', () => ({
    atEnd(cluster) {
      const lost = lostAcknowledgedWrites(cluster);
      if (lost.length === 0) return undefined;
      onLoss?.(lost.length);
      return `${lost.length} escrituras confirmadas no están en el nuevo primario (${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', …' : ''})`;
    },
  }));
}

/** Options of {@link replicationCrashScenario}. */
export interface ReplicationCrashScenarioOptions {
  readonly mode?: ReplicationMode;
  readonly acks?: number;
  /** Swarm faults per seed (default true; crashes are the scenario's own). */
  readonly swarm?: boolean;
  /** Also crash the most up-to-date backup (default false). */
  readonly crashBestBackup?: boolean;
}

/** What a sweep needs, plus the count of acknowledged writes lost over the seeds run here. */
export interface ReplicationCrashScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<PrimaryBackupMessage, PrimaryBackupNode>;
  run(sim: Simulation<PrimaryBackupMessage, PrimaryBackupNode>): void;
  describe(seed: Seed): string;
  /** Acknowledged writes lost, summed over the seeds this process ran (trace-off runs only). */
  readonly totals: { seeds: number; lost: number };
}

/**
 * The crash scenario for `sweep`: seed → 4 nodes, 4 writers, swarm faults, a crash of the
 * primary in [200, 800] ms, failover 50 ms later, 600 ms more.
 * @example
 * sweep({ seeds: 500, scenario: replicationCrashScenario({ mode: 'sync' }) }).violations; // 0
 */
export function replicationCrashScenario(options: ReplicationCrashScenarioOptions = {}): ReplicationCrashScenario {
  const durationMs = 1_500;
  const plan = (seed: Seed): SwarmPlan | undefined =>
    options.swarm === false ? undefined : swarmFaults(createRng(`${seed}/swarm`).fork('faults'), { nodeIds: [...CRASH_NODES], durationMs, exclude: ['crashes', 'flashCrashes'], maxLoss: 0.1 });
  const crashAt = new WeakMap<object, number>();
  const totals = { seeds: 0, lost: 0 };
  return {
    totals,
    setup(seed, { trace }) {
      const swarm = plan(seed);
      const links = crashNetworkLinks();
      const sim = new Simulation<PrimaryBackupMessage, PrimaryBackupNode>({
        seed,
        trace,
        nodeIds: [...CRASH_NODES],
        createNode: primaryBackup({ mode: options.mode ?? 'sync', acks: options.acks ?? 1 }),
        network: swarm === undefined ? { latency: latency.exponential(0.5, 0.5), links } : { ...swarm.network, links: [...links.map((l) => ({ ...swarm.network, ...l })), ...(swarm.network.links ?? [])] },
        ...(swarm === undefined ? {} : { faults: swarm.faults, ...(swarm.clocks ? { clocks: swarm.clocks } : {}) }),
        clients: { ids: ['c1', 'c2', 'c3', 'c4'], createClient: writerClient() },
        checkers: [
          noLostAcknowledgedWrites((lost) => {
            if (!trace) totals.lost += lost;
          }),
        ],
      });
      if (!trace) totals.seeds++;
      crashAt.set(sim, createRng(`${seed}/crash`).uniform(200, 800));
      return sim;
    },
    run(sim) {
      const crashMs = crashAt.get(sim) ?? 500;
      sim.runUntilTime(crashMs);
      sim.crash('n1');
      if (options.crashBestBackup) {
        const backups = CRASH_NODES.slice(1).map((id) => sim.node(id) as PrimaryBackupNode);
        sim.crash(backups.reduce((a, b) => (b.log.length > a.log.length ? b : a)).id);
      }
      sim.runUntilTime(crashMs + 50);
      failover(sim);
      sim.runUntilTime(crashMs + 650);
    },
    describe(seed) {
      return `caída del primario n1 en t=${createRng(`${seed}/crash`).uniform(200, 800).toFixed(0)} ms; ${plan(seed)?.description ?? 'sin fallos aleatorios'}`;
    },
  };
}
