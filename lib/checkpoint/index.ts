/**
 * Checkpointing and recovery: uncoordinated checkpoints and the domino effect, coordinated
 * checkpoints, the Chandy–Lamport snapshot of a bank, and recovery from a checkpoint plus a log.
 * @packageDocumentation
 */
export { markerRuleReference, parseBankMessage } from './messages';
export type { BankMessage, MarkerDecision } from './messages';
export { BankBranch, bankBranch } from './bank';
export type { BankOptions, LocalSnapshot } from './bank';
export { chandyLamportScenario, snapshotConservesMoney, snapshotTotal } from './snapshot-checker';
export type { ChandyLamportScenarioOptions } from './snapshot-checker';
export { computeRecoveryLine, coordinatedCheckpoints, dominoFigure, lostWorkMs, uncoordinatedRun } from './domino';
export type { CheckpointRun, RecoveryLineResult, RollbackStep } from './domino';
export { markerRule, recoveryLine, validateRun } from './exercises';
export type { RunMessage } from './exercises';
export { AccountServer, accountServer, recoverAccount } from './recovery';
export type { AccountMessage, AccountServerOptions, AccountState, DepositInput } from './recovery';
export { noAcknowledgedDepositLost, recoveryScenario } from './recovery-scenario';
export type { RecoveryScenarioOptions } from './recovery-scenario';
