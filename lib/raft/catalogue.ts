/**
 * Raft's catalogue of known bugs: for each, the sweep that finds it, the checkers that must
 * catch it, the budget it is found within and the seeds that replay it (measured with
 * {@link raftSweep}; a test replays them and re-runs the small budgets). `RAFT_SWEEP_CATALOGUE`
 * is the shape of `lib/sim/examples/sweep-catalogue.ts`, for `npm run sweep`.
 */
import type { RaftBugs } from './config';
import type { RaftScenarioOptions } from './scenario';

/** One catalogued bug. */
export interface RaftBugEntry {
  /** The flag in `RaftConfig.bugs`. */
  readonly bug: keyof RaftBugs;
  /** What it does wrong, in Spanish (for a notebook table). */
  readonly description: string;
  /** The sweep scenario's options (the bug flag included). */
  readonly options: RaftScenarioOptions;
  /** Checkers that catch it (any one of them). */
  readonly checkers: readonly string[];
  /** The checker a large sweep must see fail at least once (what `npm run sweep` demands). */
  readonly mustFind: string;
  /** It is found within this many seeds of the sweep (seeds 1…budget). */
  readonly budget: number;
  /** Failing seeds measured, the first one first: replaying any of them must fail. */
  readonly seeds: readonly number[];
}

/**
 * Figure 8 needs a leader with nothing new to replicate when its old entry reaches a majority:
 * one slow client over 10 s leaves those gaps; three busy clients almost never do.
 */
const FIGURE_8: RaftScenarioOptions = { clients: 1, durationMs: 10_000, operationsPerClient: 60 };

/** The catalogue (seeds measured on this kit's simulator; same seed, same run on any machine). */
export const RAFT_BUGS: readonly RaftBugEntry[] = [
  {
    bug: 'commitOldTerms',
    description: 'el líder compromete entradas de términos anteriores contando réplicas (Figura 8, §5.4.2)',
    options: { ...FIGURE_8, raft: { bugs: { commitOldTerms: true } } },
    checkers: ['leaderCompleteness', 'stateMachineSafety', 'linearizability'],
    mustFind: 'leaderCompleteness',
    budget: 300,
    seeds: [38, 211, 214, 378],
  },
  {
    bug: 'unpersistedVotes',
    description: 'currentTerm y votedFor solo en memoria: un servidor reiniciado vota dos veces en un término (Figura 2)',
    options: { raft: { bugs: { unpersistedVotes: true } } },
    checkers: ['electionSafety', 'leaderCompleteness', 'stateMachineSafety'],
    mustFind: 'electionSafety',
    budget: 30,
    seeds: [7, 12, 13, 20, 23],
  },
  {
    bug: 'truncateAlways',
    description: 'el seguidor trunca su log tras prevLogIndex en cada AppendEntries, aunque las entradas coincidan (§5.3)',
    options: { raft: { bugs: { truncateAlways: true } } },
    checkers: ['leaderCompleteness', 'stateMachineSafety', 'logMatching'],
    mustFind: 'leaderCompleteness',
    budget: 30,
    seeds: [5, 17, 18, 21, 37],
  },
  {
    bug: 'readsWithoutLeadership',
    description: 'el líder responde lecturas con su estado sin confirmar que sigue siéndolo (§8)',
    options: { raft: { bugs: { readsWithoutLeadership: true } } },
    checkers: ['linearizability'],
    mustFind: 'linearizability',
    budget: 10,
    seeds: [1, 2, 4, 6, 7],
  },
];

/** One sweep of `npm run sweep` (the shape of lib/sim's `CatalogueSweep`). */
export interface RaftCatalogueSweep {
  readonly name: string;
  readonly scenario: { readonly module: string; readonly export: string; readonly args: readonly unknown[] };
  readonly expect: 'pass' | readonly string[];
}

// Absolute when the module system gives a directory (Node, tsx, vitest); relative to the checkout otherwise.
const here = (file: string) => `${typeof __dirname === 'string' ? __dirname : 'lib/raft'}/${file}`;

/** The Raft sweeps for `npm run sweep`: the correct protocol (both scenario shapes) passes, each bug is caught. */
export const RAFT_SWEEP_CATALOGUE: readonly RaftCatalogueSweep[] = [
  { name: 'raft', scenario: { module: here('scenario.ts'), export: 'raftSweep', args: [{}] }, expect: 'pass' },
  { name: 'raft-one-client', scenario: { module: here('scenario.ts'), export: 'raftSweep', args: [FIGURE_8] }, expect: 'pass' },
  ...RAFT_BUGS.map((b) => ({ name: `raft-${b.bug}`, scenario: { module: here('scenario.ts'), export: 'raftSweep', args: [b.options] }, expect: [b.mustFind] })),
];
