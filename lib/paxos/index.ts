/**
 * Paxos: single-decree (proposers, acceptors, learners; the lecture's sushi example and its
 * two slips under the explorer) and Multi-Paxos for a replicated log with a distinguished
 * proposer, with agreement checkers and a sweep scenario.
 * @packageDocumentation
 */
export type { AcceptedProposal, MultiPaxosMessage, PaxosMessage, SlotProposal } from './messages';
export { malformedMultiPaxos, malformedPaxos } from './messages';
export { paxos, PaxosNode } from './single-decree';
export type { LectureSlips, PaxosOptions } from './single-decree';
export { multiPaxos, MultiPaxosNode } from './multi-paxos';
export type { MultiPaxosOptions, MultiPaxosRole } from './multi-paxos';
export { paxosAgreement, slotAgreement } from './checkers';
export { exploreSushi, sushiExploreOptions } from './lecture';
export { multiPaxosScenario, SUSHI, sushiRun } from './scenarios';
export type { MultiPaxosScenario, MultiPaxosScenarioOptions } from './scenarios';
export { choosePaxosValue } from './exercises';
