/**
 * Load distribution (chapter 09): consistent hashing (ring with virtual nodes, jump hash,
 * rendezvous, Maglev, bounded loads) and balancers (round robin, least connections, …).
 * Each file adds its own export lines below; do not rewrite other parts' lines.
 * @packageDocumentation
 */
export { ConsistentHashRing, DEFAULT_VIRTUAL_NODES, moduloLookup, ringHash, virtualNodeName } from './ring';
export type { RingOptions, RingPoint } from './ring';
export { checkServers, checkWeights, LeastConnectionsBalancer, PowerOfTwoChoicesBalancer, RandomBalancer, RoundRobinBalancer, SmoothWeightedRoundRobin, WeightedStepBalancer } from './balancers';
export type { Balancer, WeightedServer, WeightedStepFunction } from './balancers';
export { createBalancer, lectureLeastConnectionsDemo, lectureRoundRobinDemo, POLICY_KIND, POLICY_LABELS, POLICY_NAMES, replayRequests } from './policies';
export type { BalancerOptions, PolicyName, ReplayResult, TimedRequest } from './policies';
export { checkQueueingOptions, FrontEnd, QueueServer, queueingSimulation, runQueueing, serverNames } from './queueing';
export type { QueueingBug, QueueingMessage, QueueingOptions, QueueingResult, ServedRequest, ServiceDistribution } from './queueing';
export { latencyAtLeastService, queueingCheckers, servedOnce, withinCapacity } from './queueing-checkers';
export { maxLoad, maxLoadSweep, maxLoadTheory } from './queueing-bins';
export type { MaxLoadRow } from './queueing-bins';
export { latencyVsUtilisation, maxLoadFigure, p99Figure, perServerFigure } from './queueing-plots';
export type { UtilisationRow, UtilisationSweepOptions } from './queueing-plots';
export { smoothWeightedStep } from './exercises-balancers';
export type { WeightedPeer, WeightedStep } from './exercises-balancers';
export { describeQueueingPlan, queueingPlan, queueingScenario } from './queueing-scenario';
export type { QueueingScenarioOptions } from './queueing-scenario';
export { digestUint32BE, md5Hex, md5Words } from './hashing-md5';
export { checkJumpArguments, JUMP_MULTIPLIER, jumpHash, jumpHashBigInt, jumpKey, jumpLookup } from './jump';
export { murmurScore, RendezvousHash } from './rendezvous';
export { isPrime, MAGLEV_DEFAULT_SIZE, maglevPermutation, maglevTable, MaglevTable } from './maglev';
export { BoundedLoadRing } from './bounded';
export type { BoundedLoadOptions } from './bounded';
export {
  arcShares, expectedMaxNormal, HASHING_ALGORITHMS, HASHING_LABELS, hashingLookup, loadPerServer, loadStats, movedExperiment, normalCdf,
  sampleKeys, virtualNodesExperiment,
} from './hashing';
export type { HashingAlgorithm, HashingOptions, LoadStats, MovedRow, VirtualNodesRow } from './hashing';
export { jumpConsistentHash, keysMovedByJoin } from './exercises';
export type { JoinMoves, RingEntry } from './exercises';
export { loadFigure, movedFigure, ringFigure, virtualNodesFigure } from './hashing-plots';
export { FIXED_RING_PYTHON, INDENT_FIXED_RING_PYTHON, LECTURE_RING_PYTHON, parseLectureAssignments, runPython } from './hashing-lecture';
export type { PythonRun } from './hashing-lecture';
export { compareWithHaproxy } from './policies-haproxy';
export type { HaproxyComparison, HaproxyComparisonOptions } from './policies-haproxy';
