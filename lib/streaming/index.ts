/**
 * Chapter 12's Netflix case: the transcoding ladder (480p, 720p, 1080p, 4K) on chapter 04's
 * worker threads, every (segment, rung) task in parallel, byte-identical to the serial render
 * whatever dies; and adaptive bitrate streaming in simulated time — a rate-based rule against
 * BBA-0 (Huang et al., SIGCOMM 2014) on seeded bandwidth traces.
 * @packageDocumentation
 */
export { joinRenditions, ladderTasks, NETFLIX_LADDER, rungVideo, SEGMENT_S, STREAMING_SOURCE, transcodeSerially, validateLadder } from './ladder';
export type { LadderTask, Rendition, Rung, SourceVideo } from './ladder';
export { timeSerially, transcodeLadder } from './transcode';
export type { LadderFault, TaskTry, TranscodeOptions, TranscodeRun } from './transcode';
export { bandwidthAt, downloadSeconds, markovTrace, stepTrace, validateTrace } from './trace';
export type { BandwidthTrace, MarkovTraceOptions } from './trace';
export { bbaRule, bufferBasedRateReference, harmonicMean, throughputRule } from './rules';
export type { AbrRule, AbrState, BufferBasedInput, BufferBasedRate } from './rules';
export { bufferBasedBitrate } from './exercises';
export { CHAPTER_LADDER_KBPS, NETFLIX_FIXED_LADDER_KBPS, simulatePlayer } from './player';
export type { PlayerOptions, PlayerRun, SegmentRecord } from './player';
export { chapterRules, compareAbr, dropTrace } from './experiment';
export type { AbrRow, CompareAbrOptions } from './experiment';
export { abrSessionFigure, ladderScalingFigure, ladderTimelineFigure } from './plots';
export { liveWorkerThreads } from '../master-worker/threads';
