/**
 * Chapter 03 (Teorema CAP): a replicated bank on the simulator, CP (majority through a
 * primary) or AP (every replica answers; LWW on HLC, PN-counter or siblings), its checkers,
 * metrics, pictures, sweep scenario and exercises.
 * @packageDocumentation
 */
export { bankReplica, bankClient, bankWorkload } from './bank';
export type { BankReplica, BankClientOptions } from './bank';
export { CpReplica } from './cp-node';
export { ApReplica } from './ap-node';
export type { BankMessage, ClientAnswer, LogEntry } from './messages';
export { validateOperation, applyOperation, operationDeltas, openingBalances, describeOperation, BANK_ACCOUNTS, OPENING_BALANCE, MAX_AMOUNT } from './operations';
export type { BankOperation, BankResult } from './operations';
export { DEFAULT_BANK_OPTIONS } from './options';
export type { BankNodeOptions, CapMode } from './options';
export { DEFAULT_RECONCILE, accountBalance, includedOps, mergeAccounts, openingAccount, siblingCount, applyLocal } from './reconcile';
export type { AccountState, LwwAccount, PnAccount, SiblingsAccount, Sibling, ReconcileStrategy, ReconcileFunctions } from './reconcile';
export { bankModel } from './model';
export { bankLinearizable, cpNoDivergence, apConvergence, replicaBalances } from './checkers';
export { bankSimulation, twoRegionNetwork, LECTURE_SCRIPT, EUROPE, AMERICA, REPLICAS, EUROPE_CLIENTS, AMERICA_CLIENTS } from './scenario';
export type { BankSimulationOptions } from './scenario';
export { capScenario } from './sweep-scenario';
export type { CapScenario, CapScenarioOptions } from './sweep-scenario';
export { sampleBalances, answered, anomalies, describeAnomalies, requestIds } from './metrics';
export type { Anomalies, Answered, BalanceSeries } from './metrics';
export { balancesFigure, availabilityFigure, anomaliesFigure } from './plots';
export { CAP_SYSTEMS } from './systems';
export type { CapSystem } from './systems';
export { mergePnCounters, lwwWinner, readYourWritesViolations } from './exercises';
export type { PnCounter, LwwStamp, SessionStep } from './exercises';
