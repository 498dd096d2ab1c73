/**
 * The messages of the lease experiment (Kleppmann, "How to do distributed locking", 2016):
 * clients ask a lock service for a lease, which comes with a fencing token (a number that
 * grows with every grant), and write to a storage service with that token.
 */

/** Client ↔ lock service. */
export type LockMessage =
  | { readonly type: 'Acquire' }
  | { readonly type: 'Granted'; readonly token: number; readonly leaseMs: number }
  | { readonly type: 'Busy' }
  | { readonly type: 'Release'; readonly token: number };

/** Client ↔ storage. */
export type StorageMessage =
  | { readonly type: 'Write'; readonly token: number; readonly value: string }
  | { readonly type: 'WriteAccepted'; readonly token: number }
  | { readonly type: 'WriteRejected'; readonly token: number; readonly highestToken: number };

/** Every message of the experiment. */
export type LeaseMessage = LockMessage | StorageMessage;

/** The ids the experiment uses for its two services. */
export const LOCK_SERVICE = 'lock';
export const STORAGE = 'storage';
