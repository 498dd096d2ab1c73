/**
 * MapReduce over JSON-RPC worker processes (chapter 04): the lecture's sentiment count over
 * comments and a word count, a coordinator that assigns, tracks and re-executes tasks, workers
 * as separate OS processes writing intermediate files with atomic rename (MIT 6.5840 lab 1),
 * the lecture's split and its bug, a single-process reference, and the section's plots.
 * @packageDocumentation
 */
export { commentsToLines, generateComments, NEGATIVE_WORDS, parseCommentLine, POSITIVE_WORDS, sentimentOf, wordsOf } from './comments';
export type { Comment, MalformedLine } from './comments';
export { fnv1a, JOB_NAMES, mapComment, mapLines, partitionOf, runSequential, sortedEntries } from './jobs';
export type { JobName, MapOutput } from './jobs';
export { lectureSplit, lostItems, splitEvenly } from './split';
export { lectureDistributeAndReduce } from './lecture';
export type { LectureResult } from './lecture';
export { intermediateName, outputName, runMapTask, runReduceTask, writeAtomically } from './tasks';
export type { MapTaskParams, MapTaskResult, ReduceTaskParams, ReduceTaskResult } from './tasks';
export { createWorkerDispatcher } from './worker-dispatcher';
export { inputPathProblem, kitBuildRoot, workDirProblem } from './workdir';
export { startWorkerPool } from './pool';
export type { WorkerEndpoint, WorkerPool, WorkerProcess } from './pool';
export { defaultWorkDir, runMapReduce } from './coordinator';
export type { AttemptOutcome, MapReduceOptions, MapReduceRun, TaskAttempt } from './coordinator';
export { spanishTransportDetail } from './errors';
export { killDuring, pauseDuring } from './faults';
export { startFakeWorker } from './bad-workers';
export type { FakeWorker } from './bad-workers';
export type { FaultPlan } from './faults';
export { loadCommentsDataset, COMMENTS_DATASET } from './dataset';
export { jobTimeFigure, taskTimelineFigure } from './plots';
export type { JobTimePoint } from './plots';
export { summarizeMapReduce } from './summary';
export type { MapReduceSummaryOptions } from './summary';
export { splitBatches } from './exercises';
