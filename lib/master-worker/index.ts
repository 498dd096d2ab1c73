/**
 * Master–worker (chapter 04): the lecture's cloud video render on real worker threads — split
 * into 10-second fragments, render (effect + DEFLATE) in the workers, join in order — with
 * deadlines and reassignment when a worker dies, Amdahl's law against the measured speed-up,
 * and the lecture's `Pool(5).map` in TypeScript.
 * @packageDocumentation
 */
export { LECTURE_FRAGMENT_S, LECTURE_VIDEO, splitIntoFragments, validateFragment, validateVideo } from './video';
export type { Fragment, VideoSpec } from './video';
export { applyEffect, drawFrame, ENCODER_LEVEL, renderFragment, sha256Hex, videoKey } from './render';
export type { RenderedFragment, RenderHooks } from './render';
export { joinFragments, renderSerially } from './join';
export type { JoinedVideo } from './join';
export { FAULT_KINDS, parseWorkerMessage, validateFaults } from './messages';
export type { CallRequest, FaultKind, InvalidWorkerMessage, PlantedFault, RenderRequest, WorkerMessage } from './messages';
export { checkPlan, planAssignmentsReference, validatePlanInput } from './scheduler';
export type { MasterPlan, MasterPlanState, PlanFunction, RunningFragment } from './scheduler';
export { planAssignments } from './exercises';
export { liveWorkerThreads, ThreadPool } from './threads';
export type { ThreadHandlers, WorkerThread } from './threads';
export { runMasterWorker } from './master';
export type { MasterWorkerOptions } from './master';
export type { MasterEvent, MasterWorkerRun } from './run';
export { LECTURE_MODULE, poolMap } from './pool-map';
export type { PoolMapOptions, PoolMapResult } from './pool-map';
export { lectureFrames, renderFrame } from './lecture';
export { amdahlSpeedup, karpFlatt, scalingChart, scalingFromRuns, scalingRows } from './amdahl';
export type { Scaling, ScalingPoint } from './amdahl';
export { fragmentTries, masterNotices, renderTimeline } from './timeline';
export type { FragmentTry } from './timeline';
export { simulateMaster } from './simulated';
export type { SimulatedMasterOptions, SimulatedMasterRun } from './simulated';
export { summarizeMasterWorker } from './summary';
export type { MasterWorkerSummaryInput } from './summary';
