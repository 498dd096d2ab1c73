/**
 * The NFS-style protocol's vocabulary: procedures, file handles, attributes and status codes,
 * named after NFSv3 (RFC 1813) and carried as JSON-RPC 2.0 calls (lib/rpc).
 */
import { RpcError } from '../rpc/messages';

/** The procedures the server answers (RFC 1813 names; `MNT` is the MOUNT protocol's). */
export type NfsProcedure = 'MNT' | 'LOOKUP' | 'GETATTR' | 'READ' | 'WRITE' | 'CREATE' | 'REMOVE';

/** Every procedure, in RFC 1813's order (MNT first). */
export const NFS_PROCEDURES: readonly NfsProcedure[] = ['MNT', 'LOOKUP', 'GETATTR', 'READ', 'WRITE', 'CREATE', 'REMOVE'];

/**
 * Procedures whose second execution has the same effect as the first, so a client may resend
 * them freely (RFC 1813 §4.4 lists CREATE and REMOVE among the non-idempotent ones).
 */
export const IDEMPOTENT_PROCEDURES: ReadonlySet<NfsProcedure> = new Set(['MNT', 'LOOKUP', 'GETATTR', 'READ', 'WRITE']);

/**
 * A file handle: an opaque string naming a file on the server, `fh:<fsid>:<fileid>:<generation>`.
 * It names the inode, not the path, so it survives renames and server restarts; the generation
 * changes when an inode number is reused, so an old handle is detected as stale.
 */
export type FileHandle = string;

/** What the server knows of a file or directory (a subset of RFC 1813's fattr3). */
export interface NfsAttributes {
  readonly type: 'file' | 'directory';
  readonly fileid: number;
  /** Length in characters (the kit's files hold text). */
  readonly size: number;
  /** Server time of the last change of the data, ms. */
  readonly mtimeMs: number;
  /** A counter that grows on every change of the data (NFSv4's change attribute). */
  readonly change: number;
}

/** NFSv3 status codes the server returns (RFC 1813 §2.6), with their numbers. */
export const NfsStatus = {
  NFS3ERR_NOENT: 2,
  NFS3ERR_EXIST: 17,
  NFS3ERR_NOTDIR: 20,
  NFS3ERR_ISDIR: 21,
  NFS3ERR_INVAL: 22,
  NFS3ERR_FBIG: 27,
  NFS3ERR_NAMETOOLONG: 63,
  NFS3ERR_STALE: 70,
  NFS3ERR_BADHANDLE: 10001,
} as const;

/** The name of an NFS status code (`'NFS3ERR_STALE'`, …). */
export type NfsStatusName = keyof typeof NfsStatus;

/**
 * An NFS error answer: a JSON-RPC error whose `code` is the NFS status number, whose `message`
 * is its name and whose `data` is a Spanish explanation.
 */
export class NfsError extends RpcError {
  /** The status name, e.g. `'NFS3ERR_STALE'`. */
  readonly status: NfsStatusName;

  constructor(status: NfsStatusName, reason: string) {
    super(NfsStatus[status], status, reason);
    this.name = 'NfsError';
    this.status = status;
  }
}

/** The status name of an NFS error code, or undefined when the code is not one of {@link NfsStatus}. */
export function statusName(code: number): NfsStatusName | undefined {
  for (const [name, value] of Object.entries(NfsStatus)) if (value === code) return name as NfsStatusName;
  return undefined;
}

/** Result of LOOKUP and CREATE: the handle and the file's attributes after the call. */
export interface HandleResult {
  readonly handle: FileHandle;
  readonly attributes: NfsAttributes;
}

/** Result of READ: the characters read, whether the end was reached, and post-op attributes. */
export interface ReadResult {
  readonly data: string;
  readonly eof: boolean;
  readonly attributes: NfsAttributes;
}

/** Result of WRITE: characters written and post-op attributes (weak cache consistency). */
export interface WriteResult {
  readonly count: number;
  readonly attributes: NfsAttributes;
}

/** Result of REMOVE: the directory's attributes after the removal. */
export interface RemoveResult {
  readonly directory: NfsAttributes;
}
