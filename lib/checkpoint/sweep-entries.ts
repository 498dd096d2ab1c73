/**
 * Chapter 08's entries for `npm run sweep` (lib/sim/examples/sweep-catalogue.ts spreads them in):
 * Chandy–Lamport with and without FIFO, and recovery from checkpoint plus log with its two bugs.
 */
import type { CatalogueSweep } from '../sim/examples/sweep-catalogue';

// Absolute when the module system gives a directory (Node, tsx, vitest); relative to the checkout otherwise.
const here = (file: string) => `${typeof __dirname === 'string' ? __dirname : 'lib/checkpoint'}/${file}`;

/** The five sweeps: the correct ones must pass every seed, each bug must be caught. */
export const CHECKPOINT_SWEEPS: readonly CatalogueSweep[] = [
  { name: 'chandy-lamport-fifo', scenario: { module: here('snapshot-checker.ts'), export: 'chandyLamportScenario', args: [{ fifo: true }] }, expect: 'pass' },
  { name: 'chandy-lamport-no-fifo', scenario: { module: here('snapshot-checker.ts'), export: 'chandyLamportScenario', args: [{ fifo: false }] }, expect: ['snapshotConservesMoney'] },
  { name: 'checkpoint-log-recovery', scenario: { module: here('recovery-scenario.ts'), export: 'recoveryScenario', args: [{}] }, expect: 'pass' },
  { name: 'checkpoint-ack-before-log', scenario: { module: here('recovery-scenario.ts'), export: 'recoveryScenario', args: [{ server: { ackBeforeLog: true } }] }, expect: ['noAcknowledgedDepositLost'] },
  { name: 'checkpoint-only-no-log', scenario: { module: here('recovery-scenario.ts'), export: 'recoveryScenario', args: [{ server: { checkpointOnly: true } }] }, expect: ['noAcknowledgedDepositLost'] },
];
