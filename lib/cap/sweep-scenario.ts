/**
 * The bank's sweep scenario (`npm run sweep`, and a small sweep in `npm test`): each seed
 * draws a partition between the regions (start and length) plus swarm faults (no crashes: the
 * replicas keep their state in memory), runs the bank, and judges it at the end: CP must be
 * linearizable and never diverge; AP must converge after the heal.
 * @packageDocumentation
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import type { Simulation } from '../sim/simulation';
import { swarmFaults } from '../sim/swarm';
import type { SwarmPlan } from '../sim/swarm';
import type { Fault } from '../sim/faults';
import type { BankReplica } from './bank';
import { apConvergence, bankLinearizable, cpNoDivergence } from './checkers';
import type { BankMessage } from './messages';
import type { CapMode } from './options';
import type { ReconcileStrategy } from './reconcile';
import { REPLICAS, bankSimulation } from './scenario';

type PnParts = { p: Record<string, number>; n: Record<string, number> };

/** Options of {@link capScenario}. */
export interface CapScenarioOptions {
  readonly mode?: CapMode;
  readonly strategy?: ReconcileStrategy;
  /** Swarm faults on top of the regional partition (default true). */
  readonly swarm?: boolean;
  /** Clients' active time (default 2,000 ms) and quiet time after it (default 1,000 ms). */
  readonly activeMs?: number;
  readonly settleMs?: number;
  /** A catalogued bug: AP replicas keep their own copy on every merge (LWW's comparison always says «mine»). */
  readonly brokenMerge?: boolean;
}

/** The scenario object a sweep runs, plus the seeds whose linearizability search was undecided. */
export interface CapScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<BankMessage, BankReplica>;
  run(sim: Simulation<BankMessage, BankReplica>): void;
  describe(seed: Seed): string;
  readonly unknownSeeds: Seed[];
}

/**
 * The bank under a regional partition and swarm faults, judged at the end of the run.
 *
 * @example
 * const result = sweep({ seeds: 200, scenario: capScenario({ mode: 'cp' }) });
 * result.violations; // 0: linearizable, never diverges
 */
export function capScenario(options: CapScenarioOptions = {}): CapScenario {
  const mode = options.mode ?? 'cp';
  const activeMs = options.activeMs ?? 2_000;
  const settleMs = options.settleMs ?? 1_000;
  const unknownSeeds: Seed[] = [];
  const plan = (seed: Seed): { partition: { atMs: number; healAtMs: number }; swarm?: SwarmPlan; faults: Fault[] } => {
    const rng = createRng(`${seed}/cap`);
    const atMs = Math.round(rng.uniform(100, activeMs / 2));
    const partition = { atMs, healAtMs: atMs + Math.round(rng.uniform(100, activeMs / 2)) };
    if (options.swarm === false) return { partition, faults: [] };
    const swarm = swarmFaults(rng.fork('swarm'), { nodeIds: REPLICAS, durationMs: activeMs, exclude: ['crashes', 'flashCrashes'] });
    // Every swarm partition heals by the time the clients stop, so the run ends connected.
    const faults = swarm.faults.map((f) => (f.type === 'partition' ? { ...f, healAtMs: Math.min(f.healAtMs ?? activeMs, activeMs) } : f));
    return { partition, swarm, faults };
  };
  return {
    unknownSeeds,
    setup(seed, { trace }) {
      const p = plan(seed);
      const checkers =
        mode === 'cp'
          ? [cpNoDivergence, bankLinearizable({ onUnknown: () => unknownSeeds.push(seed) })]
          : [apConvergence];
      return bankSimulation({
        seed,
        trace,
        activeMs,
        settleMs,
        bank: {
          mode,
          gossipMs: 100,
          ...(options.strategy === undefined ? {} : { strategy: options.strategy }),
          ...(options.brokenMerge ? { reconcile: { lwwWinner: () => 'a' as const, mergePn: (a: PnParts) => a } } : {}),
        },
        partition: p.partition,
        faults: p.faults,
        checkers,
        ...(p.swarm === undefined ? {} : { network: p.swarm.network, ...(p.swarm.clocks ? { clocks: p.swarm.clocks } : {}) }),
      });
    },
    run(sim) {
      sim.runFor(activeMs + settleMs);
    },
    describe(seed) {
      const p = plan(seed);
      return `partición Europa | América de ${p.partition.atMs} a ${p.partition.healAtMs} ms\n${p.swarm?.description ?? 'sin fallos aleatorios'}`;
    },
  };
}
