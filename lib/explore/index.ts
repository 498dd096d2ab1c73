/**
 * An exhaustive explorer for small clusters of protocol nodes: every interleaving of
 * deliveries, losses, duplicates, timer firings and crashes, breadth-first, with the
 * simulator's checkers as invariants; the shortest counterexample replays in the simulator.
 * @packageDocumentation
 */
export { explore } from './explore';
export { randomWalk } from './random-walk';
export { formatChoice, formatSchedule, replaySchedule } from './replay';
export { EXCEPTION_CHECKER } from './result';
export { canonical, cloneGraph, fingerprint } from './snapshot';
export type { Choice, ChoiceKind, Counterexample, ExploreFaults, ExploreOptions, ExploreResult, ExploreVerdict, RandomWalkOptions } from './types';
export { ManualSimulation } from '../sim/manual';
export type { HeldMessage } from '../sim/manual';
