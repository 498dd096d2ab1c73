/**
 * Linearizability checking of operation histories (Wing & Gong / Lowe, porcupine's design):
 * histories and their formats, models, the checker and its timeline picture.
 * @packageDocumentation
 */
export { historyToJsonLines, historyFromJsonLines, historyToEdn, validateOperation } from './history';
export type { History, Operation, OperationStatus } from './history';
export { UNKNOWN, operationKey, partitionByKey, sameValue, outputValue, showValue } from './model';
export type { Model, StepResult, Unknown } from './model';
export { registerModel, keyValueModel, counterModel, queueModel } from './models';
export type { RegisterInput, KeyValueInput, CounterInput, QueueInput } from './models';
export { checkLinearizability, describeResult, verdictText } from './checker';
export { generateHistory } from './generate';
export { linearizabilityTimeline } from './timeline';
export type { TimelineOptions } from './timeline';
export type { GenerateOptions, GeneratedHistory } from './generate';
export type { CheckOptions, LinearizabilityResult, PartitionResult, Verdict } from './checker';
