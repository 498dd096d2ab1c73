/**
 * Clocks: Lamport, vector, physical (drift, Cristian, Berkeley) and hybrid logical clocks.
 * @packageDocumentation
 */
export { compareLamportTotal, lamportReceive, LamportClock } from './lamport';
export {
  compareVectorClocks,
  concurrent,
  formatVector,
  happenedBefore,
  mergeVectorClocks,
  vectorFromArray,
  vectorToArray,
  VectorClockState,
} from './vector';
export type { VectorClock, VectorOrder } from './vector';
export { berkeleyAdjustments, cristianEstimate, PERFECT_CLOCK, randomClockModel, readClock, trueDuration } from './physical';
export type { ClockModel, CristianEstimate } from './physical';
export { compareHlc, formatHlc, hlcLocal, hlcReceive } from './hlc';
export type { HlcTimestamp } from './hlc';
export { berkeley, BerkeleyNode, cristian, CristianNode } from './sync';
export type { SynchronisedNode, SyncOptions } from './sync';
export type { BerkeleyMessage, CristianMessage } from './messages';
export { clockErrorFigure, driftSeries, sampleClockErrors } from './plots';
export type { ClockErrorSeries } from './plots';
export { LECTURE_NODES, LECTURE_SLIDE_VECTORS, lectureExample } from './lecture-example';
export type { LectureExampleOptions } from './lecture-example';
