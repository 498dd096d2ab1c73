/**
 * NFS-style remote files over chapter 01's JSON-RPC: a stateless server with file handles
 * (MNT, LOOKUP, GETATTR, READ, WRITE, CREATE, REMOVE), a duplicate request cache, and a client
 * with retransmissions, an attribute cache (acregmin/acregmax) and close-to-open consistency.
 * @packageDocumentation
 */
export { IDEMPOTENT_PROCEDURES, NFS_PROCEDURES, NfsError, NfsStatus, statusName } from './messages';
export type { FileHandle, HandleResult, NfsAttributes, NfsProcedure, NfsStatusName, ReadResult, RemoveResult, WriteResult } from './messages';
export { FILE_MAX, NAME_MAX, NfsStore } from './store';
export type { NfsStoreOptions } from './store';
export { CACHED_PROCEDURES, MAX_TRANSFER, NfsServer } from './server';
export type { CallInfo, NfsServerOptions, ServerLogEntry } from './server';
export { inProcessTransport } from './transport';
export type { NfsTransport } from './transport';
export { httpTransport, startNfsHttpServer } from './http';
export type { NfsHttpServer } from './http';
export { actimeo, cacheDecision, checkPolicy, LINUX_DEFAULTS, nextAttributeTimeout, NOAC } from './cache-policy';
export type { AttributeCacheEntry, CacheDecision, CacheEvent, CachePolicy } from './cache-policy';
export { manualClock } from './clock';
export type { ManualClock } from './clock';
export { NfsClient } from './client';
export type { DecideFn, NfsClientOptions } from './client';
export { RetransmittingCaller } from './retransmit';
export type { ClientLogEntry } from './retransmit';
export { ClientCache } from './client-cache';
export type { CachedAttributes } from './client-cache';
export { badInputDemo, retryDemo, staleReadDemo } from './demo';
export type { BadInputRow, RetryRow, RetryRun, StaleRow } from './demo';
export { stalenessExperiment } from './experiment';
export type { PolicyCase, ReaderMode, StalenessOptions, StalenessRow } from './experiment';
export { getattrFigure, stalenessFigure, versionTimelineFigure } from './plots';
export { lossyTransport } from './transport';
export type { LossOptions } from './transport';
export { retransmissionSweep } from './sweep';
export type { SweepFailure, SweepOptions, SweepResult } from './sweep';
export { attributeCacheDecision } from './exercises';
