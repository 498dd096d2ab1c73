/**
 * P2P lookup (chapter 10): unstructured flooding with a TTL over chapter 04's overlay, Chord
 * (finger tables, successor lists) and Kademlia (XOR distance, k-buckets, α parallel
 * requests), a Napster-style central index; the measurements, plots and comparison table.
 * @packageDocumentation
 */
export { xorBucket } from './exercises';
export type { XorBucket } from './exercises';
export { checkId, clockwise, hashId, ID_BITS, ID_SPACE, inHalfOpen, inOpen, isId, randomIds, xor } from './ids';
export { ChordRing } from './chord';
export type { ChordOptions, DhtLookup, LookupOptions } from './chord';
export { bucketIndexOf, KademliaNetwork } from './kademlia';
export type { BucketIndexFn, KademliaOptions } from './kademlia';
export { floodSearch, randomOverlay } from './flood';
export type { FloodSearch } from './flood';
export { NapsterIndex } from './hybrid';
export type { IndexSearch } from './hybrid';
export { CHURN_SYSTEMS, churnExperiment, closestByXor, floodExperiment, lookupScaling, successorByScan } from './experiment';
export type { ChurnRow, ChurnSystem, FloodRow, ScalingRow } from './experiment';
export { churnFigure, floodFigure, hopsFigure, messagesFigure } from './plots';
export { compareLookups } from './compare';
export type { LookupComparisonRow } from './compare';
export { ChordNode, formatChordMessage } from './chord-node';
export type { ChordMessage, ChordNodeOptions, FoundData } from './chord-node';
export { chordPlan, chordScenario, lookupCorrect, lookupsComplete } from './scenario';
export type { ChordPlan, ChordScenario, ChordScenarioOptions } from './scenario';
