/**
 * Raft (Ongaro & Ousterhout 2014) in full: elections, replication with fast backup, the §5.4.2
 * commit rule, fsynced persistence, snapshots with InstallSnapshot, a KV state machine with
 * client sessions; its checkers, scenarios, 6.5840's unreliable network, plot data and a
 * catalogue of bugs.
 * @packageDocumentation
 */
export { raftNode, RaftNode } from './node';
export type { AppendEntries, AppendEntriesReply, ClientReply, ClientRequest, InstallSnapshot, InstallSnapshotReply, KvCommand, KvOperation, LogEntry, RaftApply, RaftMessage, RaftRole, RequestVote, RequestVoteReply, Snapshot, SnapshotState } from './messages';
export { DEFAULT_RAFT_CONFIG, defaultAdvanceCommitIndex, defaultUpToDate, LAB_TIMING, validateRaftConfig } from './config';
export type { CommitInput, CommitRule, LogPosition, RaftBugs, RaftConfig, UpToDateRule } from './config';
export { RaftLog } from './log';
export { describeCommand, KvStateMachine, parseClientRequest } from './kv';
export type { KvResult } from './kv';
export { electionSafety, leaderCompleteness, logMatching, raftCheckers, stateMachineSafety } from './checkers';
export { linearizableKv, raftClient } from './client';
export type { RaftClientOptions } from './client';
export { LAB_UNRELIABLE_NETWORK, labUnreliable } from './labrpc';
export type { LabCounters } from './labrpc';
export { raftNemesis } from './nemesis';
export type { RaftNemesisPlan } from './nemesis';
export { raftNodeIds, raftScenario, raftSweep } from './scenario';
export type { RaftFaults, RaftScenarioOptions, RaftSweepScenario } from './scenario';
export { commitIndexSeries, electionTimeCdf, FIGURE_16_ANCHORS, FIGURE_16_RANGES, messagesPerCommand, raftRoles, rolesByNode } from './plots';
export type { CommitIndexRecorder, ElectionCdf, ElectionCdfOptions, MessagesPerCommand } from './plots';
export { figure8Script } from './figure8';
export type { Figure8Run, Figure8Step } from './figure8';
export { RAFT_BUGS, RAFT_SWEEP_CATALOGUE } from './catalogue';
export type { RaftBugEntry, RaftCatalogueSweep } from './catalogue';
export { currentLeader, raftProcessThroughput, runRaftProcesses } from './processes';
export type { RaftProcessesOptions, RaftProcessesResult } from './processes';
