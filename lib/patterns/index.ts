export type { PatternName, PatternSummary } from './comparison';
export { comparisonRows, showComparison } from './comparison';
