/**
 * Consistency models and session guarantees a checker can tell apart, over register
 * histories from lib/linearizability: linearizable, sequential, causal, eventual, and
 * read-your-writes, monotonic reads, writes-follow-reads; plus example histories.
 * @packageDocumentation
 */
export { checkLinearizable, checkSequential, checkCausal, checkEventual } from './models';
export { checkReadYourWrites, checkMonotonicReads, checkWritesFollowReads } from './session';
export { CONSISTENCY_CHECKERS, checkAll } from './all';
export { CONSISTENCY_EXAMPLES } from './examples';
export type { ConsistencyExample } from './examples';
export { registerView, describeOp } from './view';
export type { ConsistencyRule, ConsistencyResult, ConsistencyViolation, ConsistencyOptions, ReadSource, RegisterView } from './view';
