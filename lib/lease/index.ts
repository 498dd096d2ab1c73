/**
 * Leases and fencing tokens (chapter 07, after Kleppmann's "How to do distributed locking"):
 * a lock service with leases and growing tokens, clients that pause, a storage that checks
 * tokens, the `staleWrite` checker, sweep scenarios, and the real experiment on etcd.
 * @packageDocumentation
 */
export type { LeaseMessage, LockMessage, StorageMessage } from './messages';
export { LOCK_SERVICE, STORAGE } from './messages';
export { leaseLock, LeaseClientNode, LockServiceNode } from './lease';
export type { LeaseClientOptions, LeaseLockOptions, LeasePause } from './lease';
export { staleWrite, StorageNode } from './storage';
export type { StorageOptions } from './storage';
export { leaseExperiment, leaseScenario } from './scenario';
export type { LeaseScenario } from './scenario';
export { fencedWrite } from './exercises';
export type { FencedStorage, FencedWrite } from './exercises';
export { etcdLockExperiment } from './etcd-lock';
export type { EtcdLockOptions, EtcdLockResult, FencedStoreWrite } from './etcd-lock';
export { etcdElectionExperiment } from './etcd-election';
export type { EtcdElectionOptions, EtcdElectionResult } from './etcd-election';
export { startFencedStore } from './fenced-store';
export type { FencedStore } from './fenced-store';
