/**
 * Replication for chapter 05: primary-backup with synchronous, semi-synchronous, asynchronous and
 * per-write (criticality) acknowledgement plus failover; a leaderless Dynamo-style quorum store
 * with read repair and hinted handoff; staleness (PBS) measurements; Spanner's commit wait; and
 * the real Redis experiment (`redis-lab.ts`, real I/O).
 * @packageDocumentation
 */
export type { LogEntry, PrimaryBackupMessage, QuorumMessage, ReadInput, ReplicationInput, Version, Versioned, WriteInput } from './messages';
export { failover, primaryBackup, PrimaryBackupNode } from './primary-backup';
export type { FailoverTarget, PrimaryBackupOptions, ReplicationMode } from './primary-backup';
export { BACKUP_LATENCY_MS, CRASH_NODES, crashNetworkLinks, runCrashExperiment, summariseCrashes, writerClient } from './crash-experiment';
export type { CrashExperimentOptions, CrashExperimentResult, CrashSummary } from './crash-experiment';
export { lostAcknowledgedWrites, noLostAcknowledgedWrites, replicationCrashScenario } from './crash-scenario';
export type { ReplicationCrashScenario, ReplicationCrashScenarioOptions } from './crash-scenario';
export { hashKey, preferenceList, quorumStore, QuorumNode } from './quorum';
export type { QuorumOptions } from './quorum';
export { hintedHandoffDemo, readRepairDemo, sloppyQuorumDemo } from './quorum-demos';
export type { ReplicaSnapshot } from './quorum-demos';
export { stalenessCurve } from './pbs';
export type { StalenessCurve, StalenessOptions } from './pbs';
export { checkExternalConsistency, runSpanner, spannerLeader, SpannerLeader } from './spanner';
export type { ExternalConsistencyViolation, SpannerMessage, SpannerOptions, SpannerRun } from './spanner';
export { commitIndexOf, compareVersions, planReadRepair } from './rules';
export { quorumProperties, readRepairPlan, semiSyncCommitIndex } from './exercises';
export type { QuorumProperties, ReadReply, ReadRepairPlan } from './exercises';
export { commitWaitFigure, latencyLossFigure, stalenessFigure } from './plots';
export type { LatencyLossPanel, LatencyLossRow } from './plots';
export { readScalingHistory } from './read-scaling';
