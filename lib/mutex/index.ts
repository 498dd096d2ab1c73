/**
 * Distributed mutual exclusion (chapter 07): central coordinator, Ricart–Agrawala, Lamport's
 * queue, token ring and Maekawa as simulator nodes, with safety and liveness checkers,
 * measurements over N and sweep scenarios.
 * @packageDocumentation
 */
export type { CentralMessage, LamportQueueMessage, MaekawaMessage, MutexMessage, RicartAgrawalaMessage, TimestampedRequest, TokenRingMessage } from './messages';
export { requestPrecedes } from './messages';
export { MutexNode } from './node';
export type { MutexPhase, MutexWorkload } from './node';
export { centralCoordinator, CentralNode } from './central';
export type { CentralOptions } from './central';
export { ricartAgrawala, RicartAgrawalaNode } from './ricart-agrawala';
export type { RicartAgrawalaOptions } from './ricart-agrawala';
export { lamportQueue, LamportQueueNode } from './lamport-queue';
export type { LamportQueueOptions } from './lamport-queue';
export { tokenRing, TokenRingNode } from './token-ring';
export type { TokenRingOptions } from './token-ring';
export { maekawa, MaekawaNode } from './maekawa';
export type { MaekawaOptions } from './maekawa';
export { gridQuorums, quorumsIntersect } from './quorums';
export { mutualExclusion, requestsServed } from './checkers';
export { MUTEX_ALGORITHMS, mutexCosts, mutexFactory, mutexFormulas, mutexNodeIds, runMutex } from './experiment';
export type { MutexAlgorithm, MutexCostRow, MutexRunOptions, MutexRunResult } from './experiment';
export { mutexCostFigure } from './plots';
export { mutexScenario } from './scenario';
export type { MutexScenario, MutexScenarioOptions } from './scenario';
export { ricartAgrawalaDefers } from './exercises';
export type { RequestStamp } from './exercises';
