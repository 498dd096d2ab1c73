/**
 * Gossip and forks on lib/sim: push, pull and push–pull dissemination with fan-out, the
 * lecture's `GossipNetwork` and its bugs, miners that flood blocks and follow the most-work
 * chain, stale blocks against propagation delay, and Nakamoto's double-spend probability.
 * @packageDocumentation
 */
export { formatGossipMessage, gossipMessageProblem } from './messages';
export type { GossipMessage, GossipMode } from './messages';
export { GossipNode, gossipNode } from './node';
export type { GossipNodeOptions } from './node';
export { gossipIds, gossipRun, gossipScaling, pushPullRoundsTheory, pushRoundsTheory } from './experiment';
export type { GossipRunOptions, GossipRunResult, GossipScalingOptions, GossipScalingRow } from './experiment';
export { lecturePropagate, PythonTypeError, pythonSample, selfPickRate } from './lecture';
export type { LecturePropagation, PythonPopulation, PythonVersion } from './lecture';
export { blockHash, GENESIS, MinerNode } from './miner';
export type { MinerMessage, MinerOptions, SimBlock } from './miner';
export { forkRun, randomOverlay, staleRateExperiment } from './forks';
export type { ForkRunOptions, ForkRunResult, StaleRow } from './forks';
export { attackerSuccessExact, attackerSuccessNakamoto, attackerSuccessSimulated } from './nakamoto';
export { pushPullRoundRule, roundGossip } from './rounds';
export type { RoundGossipOptions, RoundGossipResult } from './rounds';
export { pushPullRound } from './exercises';
export type { PushPullRoundResult } from './exercises';
export { chainConvergence, gossipCoverage, gossipIntegrity } from './checkers';
export { gossipPlan, gossipScenario } from './scenario';
export type { GossipPlan, GossipScenarioOptions } from './scenario';
export { messagesFigure, nakamotoFigure, roundsFigure, staleFigure } from './plots';
export type { NakamotoRow } from './plots';
