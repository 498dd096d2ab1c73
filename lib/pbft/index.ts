/**
 * PBFT (Castro & Liskov 1999): the normal case, checkpoints and view change; Byzantine
 * replicas that lie; honest agreement and client liveness checkers; the sweep scenario; and
 * the Byzantine generals' oral messages for n = 3 and n = 4.
 * @packageDocumentation
 */
export type { ClientRequest, OrderedRequest, PbftMessage, PreparedProof, ReplicaState, ViewChangeMessage } from './messages';
export { digestOf, hashText, malformedPbft } from './messages';
export { PbftReplica } from './replica';
export type { PbftOptions } from './replica';
export { AccompliceReplica, EquivocatingReplica, SilentReplica, WrongDigestReplica } from './byzantine';
export type { ByzantineBehaviour } from './byzantine';
export { pbftClient, PbftClient } from './client';
export type { PbftClientOptions } from './client';
export { honestAgreement } from './checkers';
export { newViewIsValid, planNewView } from './view-change';
export type { NewViewPlan } from './view-change';
export { applyOperation, INITIAL_BALANCES } from './state-machine';
export { clientsFinish, pbftReplica, pbftRun, pbftScenario, pbftSimulation, replicaIds } from './scenarios';
export type { PbftRunOptions, PbftScenario, PbftScenarioOptions, Traitors } from './scenarios';
export { oralMessages } from './generals';
export type { GeneralsOutcome, OralMessage, Order, TieBreak } from './generals';
export { pbftPrepared } from './exercises';
export type { PrepareRecord, VoteRecord } from './exercises';
