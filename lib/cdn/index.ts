/**
 * CDN edge caches for chapter 12: a Zipf(α) request stream, LRU/LFU/FIFO caches, Che's
 * approximation, real loopback HTTP origin and edge servers, and Netflix Open Connect's
 * nightly push-fill against pull-on-miss.
 * @packageDocumentation
 */
export { ZIPF_ALPHA_RANGE, createZipfSampler, zipfPmf, zipfStream } from './zipf';
export type { ZipfSampler } from './zipf';
export { CACHE_POLICIES, FifoCache, LfuCache, LruCache, POLICY_NAMES, checkCapacity, createCache, hitRatioOf } from './caches';
export type { CachePolicy, EdgeCache } from './caches';
export { cheHitRatio, fifoApproxHitRatio, fifoCharacteristicTime, lruCharacteristicTime, topCHitRatio } from './che';
export { empiricalRates, hitRatioSweep, meanLatencyModel, percentileLatencyModel, shiftingZipfStream } from './experiment';
export type { HitRatioRow, HitRatioSweepOptions } from './experiment';
export { DEFAULT_ORIGIN_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, objectBody, parseObjectPath, replayStream, startEdge, startOrigin } from './http';
export type { EdgeServer, OriginServer, ReplayResult, RunningServer } from './http';
export { latencyExperiment } from './latency';
export type { LatencyExperiment, LatencyExperimentOptions, LatencyRow } from './latency';
export { DAY_START_HOUR, DIURNAL_PROFILE, simulateOpenConnect } from './open-connect';
export type { FillStrategy, OpenConnectDay, OpenConnectHour, OpenConnectOptions, OpenConnectRun } from './open-connect';
export { cheAlphaFigure, hitRatioFigure, latencyFigure, openConnectDaysFigure, openConnectHoursFigure } from './plots';
export { cheCharacteristicTime } from './exercises';
