/**
 * Distributed machine learning for chapter 12: logistic regression trained data-parallel with a
 * parameter server and with ring AllReduce on real worker threads over MessagePorts, the α–β
 * bandwidth model, ring AllReduce as a lib/sim protocol with retransmission and its bug
 * catalogue, and exercise 12.4.
 * @packageDocumentation
 */
export { chunkBounds, mod, plainSum, ringAllReduceInMemory, ringBytesPerNode, ringOrderSum, ringStepChunks } from './ring';
export type { RingPhase } from './ring';
export { datasetToCsv, generateLogisticDataset, kitRoot, loadLogisticDataset, LOGISTIC_DATASET, parseDatasetCsv } from './dataset';
export type { LogisticDataset, LogisticDatasetOptions } from './dataset';
export { accuracy, applyGradient, gradientSum, logLoss, maxRelativeDifference, shardRows, sigmoid, trainDataParallelInMemory, trainLogistic, trainSettings } from './logistic';
export type { TrainOptions, TrainResult } from './logistic';
export { AllReducePool, liveAllReduceThreads } from './threads';
export type { AllReduceRun, OperationOptions, ThreadTraining } from './threads';
export type { PlantedFault } from './messages';
export { bandwidthModel, DATACENTER_LINK, parameterServerMs, ringAllReduceMs } from './bandwidth';
export type { AlphaBetaLink, BandwidthRow } from './bandwidth';
export { formatRingMessage, RingAllReduceNode, ringAllReduceNode } from './sim-node';
export type { RingMessage, RingNodeOptions } from './sim-node';
export { allReduceDamage, allReduceEqualsSum, allReduceFinishes, allReducePlan, allReduceScenario } from './scenario';
export type { AllReduceDamage, AllReducePlan, AllReduceScenarioOptions } from './scenario';
export { parallelismTable } from './lecture';
export type { ParallelismRow } from './lecture';
export { bytesFigure, timeFigure } from './plots';
export type { MeasuredExchange } from './plots';
export { ringAllReduceChunk } from './exercises';
export type { RingChunkStep } from './exercises';
