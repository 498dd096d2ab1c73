/**
 * Chapter 12's entries for `npm run sweep` (lib/sim/examples/sweep-catalogue.ts spreads them in):
 * ring AllReduce with acknowledgements and retransmission on a lossy, duplicating, reordering
 * network, its three seeded bugs, and a crashed node (the operation cannot finish).
 */
import type { CatalogueSweep } from '../sim/examples/sweep-catalogue';

// Absolute when the module system gives a directory (Node, tsx, vitest); relative to the checkout otherwise.
const here = (file: string) => `${typeof __dirname === 'string' ? __dirname : 'lib/allreduce'}/${file}`;

/** The five sweeps: the correct one must pass every seed, each bug and the crash must be caught. */
export const ALLREDUCE_SWEEPS: readonly CatalogueSweep[] = [
  { name: 'ring-allreduce', scenario: { module: here('scenario.ts'), export: 'allReduceScenario', args: [{}] }, expect: 'pass' },
  { name: 'ring-allreduce-duplicate-applied-twice', scenario: { module: here('scenario.ts'), export: 'allReduceScenario', args: [{ node: { acceptDuplicates: true } }] }, expect: ['allReduceEqualsSum'] },
  { name: 'ring-allreduce-wrong-chunk', scenario: { module: here('scenario.ts'), export: 'allReduceScenario', args: [{ node: { wrongChunk: true } }] }, expect: ['allReduceEqualsSum'] },
  { name: 'ring-allreduce-no-retransmit', scenario: { module: here('scenario.ts'), export: 'allReduceScenario', args: [{ node: { noRetransmit: true } }] }, expect: ['allReduceFinishes'] },
  { name: 'ring-allreduce-crash', scenario: { module: here('scenario.ts'), export: 'allReduceScenario', args: [{ crash: true }] }, expect: ['allReduceFinishes'] },
];
