/**
 * The failure types (crash, omission, timing, response, Byzantine) as runnable servers, and what
 * a client with a deadline sees of each.
 * @packageDocumentation
 */
export { FAILURE_TYPE_LABELS, FAILURE_TYPES, failureTypesFigure, runFailureType } from './failure-types';
export type { FailureType, FaultyServerOptions, Outcome, OutcomeCounts, SquareMessage } from './failure-types';
