/**
 * Spark against MapReduce on an iterative job (chapter 12): PageRank over a seeded power-law
 * graph with a plain reference, a MapReduce-style engine (one job per iteration over fsynced
 * files) and a tiny RDD engine (partitions cached in memory, lineage, recomputation of a lost
 * partition); the lecture's trending words as a word count with chapter 04's MapReduce and the
 * RDD engine; the timings, the fault experiment and their plots.
 * @packageDocumentation
 */
export { generatePowerLawGraph, graphSummary, parseEdgeList, toEdgeList } from './graph';
export type { Links, PowerLawGraphOptions } from './graph';
export { generateTweets, tweetsToLines, TWEET_HASHTAGS, TWEET_WORDS, zipfSampler } from './tweets';
export type { Tweet } from './tweets';
export { buildGraphDatasetText, buildTweetsDatasetText, GRAPH_DATASET, loadGraphDataset, loadTweetsDataset, sha256Hex, TWEETS_DATASET, writeSparkDatasets } from './dataset';
export { checkPageRankInput, maxAbsDifference, pageRank, topRanked } from './pagerank';
export type { PageRankOptions } from './pagerank';
export { Rdd, SparkContext } from './rdd';
export type { Pair, PartitionComputation, SparkContextOptions } from './rdd';
export { pageRankSpark } from './spark-pagerank';
export type { CachedPartitionLoss, SparkPageRankOptions, SparkPageRankRun } from './spark-pagerank';
export { pageRankMapReduce } from './mr-pagerank';
export type { DurableFs, MapReducePageRankOptions, MapReducePageRankRun, OutputLoss } from './mr-pagerank';
export { compareEngines, losePartitionExperiment } from './measure';
export type { EngineComparison, IterationTimeRow, PartitionLossExperiment } from './measure';
export { trendingWords, wordCountSpark } from './trending';
export type { TrendingRun } from './trending';
export { degreeFigure, iterationTimeFigure, partitionLossFigure } from './plots';
export { pageRankStep } from './exercises';
