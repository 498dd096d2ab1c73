/**
 * The kv-register sweep scenario: the whole path of issue 9 in one place. Closed-loop client
 * actors talk to the register store over the simulated network, each seed draws swarm faults,
 * and at the end of the run a run-level checker judges the clients' history with the
 * linearizability checker. The correct store passes; `staleReads: true` is caught.
 */
import { createRng } from '../../random/index';
import type { Seed } from '../../random/index';
import { checkLinearizability, registerModel } from '../../linearizability/index';
import { checker } from '../checkers';
import type { CheckerFactory } from '../checkers';
import { Simulation } from '../simulation';
import { swarmFaults } from '../swarm';
import type { SwarmPlan } from '../swarm';
import type { NodeId } from '../types';
import { kvRegister, kvRegisterClient } from './kv-register';
import type { KvMessage, KvRegisterNode, KvRegisterOptions } from './kv-register';

/** Options of {@link kvRegisterScenario}. */
export interface KvRegisterScenarioOptions {
  /** The store's options (default: the correct store; `{ staleReads: true }` is the bug). */
  readonly kv?: KvRegisterOptions;
  /** Store nodes (default 3) and client actors (default 3). */
  readonly nodes?: number;
  readonly clients?: number;
  /** Operations per client (default 20). */
  readonly operationsPerClient?: number;
  /** Simulated length of a run (default 3,000 ms). */
  readonly durationMs?: number;
  /** Draw a swarm fault plan per seed (default true). */
  readonly swarm?: boolean;
  /** Search steps the linearizability check may spend per run (default 200,000; a deterministic budget). */
  readonly maxSteps?: number;
  /**
   * What a run whose check ran out of budget counts as: `'pass'` (default; the seed is added to
   * `unknownSeeds`) or `'fail'` (a violation of checker `linearizabilityUnknown`).
   */
  readonly unknown?: 'pass' | 'fail';
}

/** What a sweep needs from the scenario, plus the seeds whose check was undecided in this process. */
export interface KvRegisterScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<KvMessage, KvRegisterNode>;
  run(sim: Simulation<KvMessage, KvRegisterNode>): void;
  describe(seed: Seed): string;
  /** Seeds (run in this process) whose linearizability check answered 'unknown' and passed. */
  readonly unknownSeeds: Seed[];
}

/**
 * End-of-run checkers over the clients' history: `linearizability` fails when
 * `checkLinearizability(registerModel(), history)` answers 'illegal', naming the first
 * operation that cannot be placed. 'unknown' (the search spent `maxSteps`, a deterministic
 * budget, so every machine answers alike) passes and calls `onUnknown`; with `unknown: 'fail'`
 * a second checker, `linearizabilityUnknown`, reports it as a violation of its own. Make a
 * fresh pair for each simulation (the two share the run's result).
 *
 * @example
 * const sim = new Simulation({ …, checkers: linearizableHistory() });
 * sim.runFor(3_000);
 * sim.finish()?.checker; // 'linearizability' when some read saw a stale value
 */
export function linearizableHistory(
  options: { readonly maxSteps?: number; readonly unknown?: 'pass' | 'fail'; readonly onUnknown?: (steps: number) => void } = {},
): CheckerFactory<unknown, unknown>[] {
  let undecided: string | undefined;
  const main = checker<unknown, unknown>('linearizability', () => {
    undecided = undefined;
    return {
      atEnd(cluster) {
        const model = registerModel();
        const result = checkLinearizability(model, cluster.history, { maxSteps: options.maxSteps ?? 200_000 });
        if (result.verdict === 'illegal') {
          const part = result.partitions.find((p) => p.verdict === 'illegal');
          const op = part?.firstImpossible === undefined ? undefined : cluster.history.find((o) => o.id === part.firstImpossible);
          const what = op === undefined ? '' : `: la operación ${op.id} de ${op.client} (${model.describeOperation?.(op.input as never, op.output as never) ?? JSON.stringify(op.input)}) no cabe en ningún orden`;
          return `la historia de ${cluster.history.length} operaciones no es linealizable (clave ${part?.key ?? '?'})${what}`;
        }
        if (result.verdict === 'unknown') {
          undecided = `linealizabilidad sin decidir tras ${result.steps} pasos de búsqueda (${cluster.history.length} operaciones)`;
          options.onUnknown?.(result.steps);
        }
        return undefined;
      },
    };
  });
  if (options.unknown !== 'fail') return [main];
  return [main, checker<unknown, unknown>('linearizabilityUnknown', () => ({ atEnd: () => undecided }))];
}

/**
 * The kv-register scenario for {@link sweep}: seed → simulation with clients, swarm faults
 * (no crashes: the store keeps its registers in memory, so a restarted leader would forget
 * acknowledged writes) and the end-of-run linearizability checker.
 *
 * @example
 * const result = sweep({ seeds: 1_000, scenario: kvRegisterScenario({ kv: { staleReads: true } }) });
 * console.log(result.violationsByChecker); // { linearizability: … }
 */
export function kvRegisterScenario(options: KvRegisterScenarioOptions = {}): KvRegisterScenario {
  const nodeIds: NodeId[] = Array.from({ length: options.nodes ?? 3 }, (_, i) => `n${i + 1}`);
  const clientIds: NodeId[] = Array.from({ length: options.clients ?? 3 }, (_, i) => `c${i + 1}`);
  const durationMs = options.durationMs ?? 3_000;
  const plan = (seed: Seed): SwarmPlan | undefined =>
    options.swarm === false ? undefined : swarmFaults(createRng(`${seed}/swarm`).fork('faults'), { nodeIds, durationMs, exclude: ['crashes', 'flashCrashes'] });
  const unknownSeeds: Seed[] = [];
  return {
    unknownSeeds,
    setup(seed, { trace }) {
      const swarm = plan(seed);
      const linearizability = linearizableHistory({
        ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
        ...(options.unknown === undefined ? {} : { unknown: options.unknown }),
        onUnknown: () => {
          if (!trace) unknownSeeds.push(seed);
        },
      });
      return new Simulation<KvMessage, KvRegisterNode>({
        seed,
        trace,
        nodeIds,
        createNode: kvRegister(options.kv),
        clients: { ids: clientIds, createClient: kvRegisterClient({ operationsPerClient: options.operationsPerClient ?? 20 }) },
        checkers: linearizability,
        ...(swarm === undefined ? {} : { network: swarm.network, faults: swarm.faults, ...(swarm.clocks ? { clocks: swarm.clocks } : {}) }),
      });
    },
    run(sim) {
      sim.runFor(durationMs);
    },
    describe(seed) {
      return plan(seed)?.description ?? 'sin fallos aleatorios';
    },
  };
}
