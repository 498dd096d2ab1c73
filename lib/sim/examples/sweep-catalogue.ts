/**
 * The catalogue of sweeps `npm run sweep` runs: every example protocol with the verdict its
 * sweep must reach — the correct ones pass, each seeded bug is caught. Scenarios are named by
 * module and export so that worker processes can load them.
 */
import { Simulation } from '../simulation';
import type { ScenarioModule } from '../sweep-workers';
import { mutualExclusion, unsafeLock } from './unsafe-lock';
import type { UnsafeLockNode } from './unsafe-lock';

/** One sweep of the catalogue and what it must find. */
export interface CatalogueSweep {
  /** A short name (`--only` matches it). */
  readonly name: string;
  readonly scenario: ScenarioModule;
  /** `'pass'`: no seed may fail; otherwise the checkers that must catch it (at least one seed each). */
  readonly expect: 'pass' | readonly string[];
}

/**
 * The unsafe lock (3 nodes, 3 s) as a sweep scenario: two nodes end up in the critical section.
 *
 * @example
 * sweep({ seeds: 1_000, scenario: unsafeLockScenario });
 */
export function unsafeLockScenario(seed: number | string, { trace }: { trace: boolean }): Simulation<never, UnsafeLockNode> {
  const sim = new Simulation<never, UnsafeLockNode>({ seed, trace, nodeIds: ['n1', 'n2', 'n3'], createNode: unsafeLock({ thinkMsMean: 2_000, criticalMs: 10 }), checkers: [mutualExclusion] });
  sim.runFor(3_000);
  return sim;
}

// Absolute when the module system gives a directory (Node, tsx, vitest); relative to the checkout otherwise.
const here = (file: string) => `${typeof __dirname === 'string' ? __dirname : 'lib/sim/examples'}/${file}`;

/** Every sweep `npm run sweep` runs, in order. */
export const SWEEP_CATALOGUE: readonly CatalogueSweep[] = [
  { name: 'unsafe-lock', scenario: { module: here('sweep-catalogue.ts'), export: 'unsafeLockScenario' }, expect: ['mutualExclusion'] },
  { name: 'raft-lite', scenario: { module: here('raft-lite-scenario.ts'), export: 'raftLiteScenario', args: [{}] }, expect: 'pass' },
  { name: 'raft-lite-figure8', scenario: { module: here('raft-lite-scenario.ts'), export: 'raftLiteScenario', args: [{ raft: { figure8Bug: true } }] }, expect: ['leaderCompleteness'] },
  { name: 'raft-lite-unpersisted-votes', scenario: { module: here('raft-lite-scenario.ts'), export: 'raftLiteScenario', args: [{ raft: { unpersistedVotes: true } }] }, expect: ['electionSafety'] },
  { name: 'raft-lite-liveness', scenario: { module: here('raft-lite-scenario.ts'), export: 'raftLiteScenario', args: [{ liveness: true }] }, expect: 'pass' },
  { name: 'kv-register', scenario: { module: here('kv-register-scenario.ts'), export: 'kvRegisterScenario', args: [{}] }, expect: 'pass' },
  { name: 'kv-register-stale-reads', scenario: { module: here('kv-register-scenario.ts'), export: 'kvRegisterScenario', args: [{ kv: { staleReads: true } }] }, expect: ['linearizability'] },
];
