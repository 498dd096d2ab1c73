/**
 * Leader election (chapter 07): Bully, the lecture's ring and Chang–Roberts as simulator
 * nodes, their checkers, the measurements over N with the textbook formulas, and sweeps.
 * @packageDocumentation
 */
export type { BullyMessage, ChangRobertsMessage, ElectionMessage, ElectionView, Rejection, RingMessage, StartElection } from './messages';
export { compareIds, highestId, successorOf } from './messages';
export { bully, BullyNode } from './bully';
export type { BullyOptions, BullyRole } from './bully';
export { ring, RingNode } from './ring';
export { changRoberts, ChangRobertsNode } from './chang-roberts';
export { leaderAgreement, singleLeader, splitBrain } from './checkers';
export { countMessages, harmonic } from './metrics';
export type { MessageCounts } from './metrics';
export { electionCosts, electionFormulas, runElection } from './experiment';
export type { ElectionAlgorithm, ElectionCost, ElectionCostRow, ElectionRunOptions } from './experiment';
export { electionCostFigure, electionTimeFigure } from './plots';
export { electionScenario } from './scenario';
export type { ElectionScenario, ElectionScenarioOptions } from './scenario';
export { bullyOnElection } from './exercises';
export type { BullyReaction } from './exercises';
