/**
 * The server's "disk": an in-memory tree of inodes with generation numbers, so that file
 * handles name inodes (not paths) and a handle to a removed file is detected as stale.
 */
import { NfsError } from './messages';
import type { FileHandle, NfsAttributes } from './messages';

/** Longest name in a directory (NFS servers commonly allow 255 bytes). */
export const NAME_MAX = 255;

/** Largest file the store keeps, in characters (16 Mi): a WRITE that would end past it is NFS3ERR_FBIG. */
export const FILE_MAX = 1 << 24;

interface Inode {
  readonly fileid: number;
  readonly generation: number;
  readonly type: 'file' | 'directory';
  data: string;
  readonly entries: Map<string, number>;
  mtimeMs: number;
  change: number;
}

/** Options of an {@link NfsStore}. */
export interface NfsStoreOptions {
  /** The server's clock (ms); simulated time in the chapter. */
  clock: () => number;
  /** File system id, part of every handle (default 1). */
  fsid?: number;
}

/**
 * An in-memory file system with NFS-style handles. It outlives any server process that
 * serves it, as a disk does: a restarted server over the same store accepts the old handles.
 *
 * @example
 * const store = new NfsStore({ clock: () => 0 });
 * const f = store.create(store.rootHandle, 'a.txt', 'guarded');
 * store.write(f.handle, 0, 'hola'); store.read(f.handle, 0, 100).data; // 'hola'
 */
export class NfsStore {
  private readonly inodes = new Map<number, Inode>();
  private readonly clock: () => number;
  private readonly fsid: number;
  private nextFileid = 2;
  private nextGeneration = 1;
  /** The root directory's handle (what MNT returns). */
  readonly rootHandle: FileHandle;

  constructor(options: NfsStoreOptions) {
    this.clock = options.clock;
    this.fsid = options.fsid ?? 1;
    const root = this.newInode('directory', 1);
    this.rootHandle = this.handleOf(root);
  }

  /** The attributes of the file or directory a handle names. */
  getattr(handle: unknown): NfsAttributes {
    return attributesOf(this.resolve(handle));
  }

  /** Looks `name` up in a directory. */
  lookup(directory: unknown, name: unknown): { handle: FileHandle; attributes: NfsAttributes } {
    const dir = this.directory(directory);
    const fileid = dir.entries.get(checkName(name));
    const inode = fileid === undefined ? undefined : this.inodes.get(fileid);
    if (inode === undefined) throw new NfsError('NFS3ERR_NOENT', `no existe «${String(name)}» en el directorio`);
    return { handle: this.handleOf(inode), attributes: attributesOf(inode) };
  }

  /**
   * Creates an empty file. `guarded` fails with NFS3ERR_EXIST if the name exists (RFC 1813
   * CREATE's GUARDED mode); `unchecked` returns the existing file as is.
   */
  create(directory: unknown, name: unknown, mode: 'guarded' | 'unchecked'): { handle: FileHandle; attributes: NfsAttributes } {
    const dir = this.directory(directory);
    const checked = checkName(name);
    const existing = dir.entries.get(checked);
    if (existing !== undefined) {
      const inode = this.inodes.get(existing)!;
      if (mode === 'guarded') throw new NfsError('NFS3ERR_EXIST', `«${checked}» ya existe`);
      return { handle: this.handleOf(inode), attributes: attributesOf(inode) };
    }
    const inode = this.newInode('file', this.nextFileid++);
    dir.entries.set(checked, inode.fileid);
    this.touch(dir);
    return { handle: this.handleOf(inode), attributes: attributesOf(inode) };
  }

  /** Removes a file from a directory; its handle becomes stale. */
  remove(directory: unknown, name: unknown): NfsAttributes {
    const dir = this.directory(directory);
    const checked = checkName(name);
    const fileid = dir.entries.get(checked);
    if (fileid === undefined) throw new NfsError('NFS3ERR_NOENT', `no existe «${checked}» en el directorio`);
    const inode = this.inodes.get(fileid)!;
    if (inode.type === 'directory') throw new NfsError('NFS3ERR_ISDIR', `«${checked}» es un directorio`);
    dir.entries.delete(checked);
    this.inodes.delete(fileid);
    this.touch(dir);
    return attributesOf(dir);
  }

  /** Reads up to `count` characters from `offset`. */
  read(handle: unknown, offset: number, count: number): { data: string; eof: boolean; attributes: NfsAttributes } {
    const inode = this.file(handle);
    checkRange(offset, count);
    const data = inode.data.slice(offset, offset + count);
    return { data, eof: offset + data.length >= inode.data.length, attributes: attributesOf(inode) };
  }

  /**
   * Writes `data` at `offset` (a gap before it is filled with spaces). Writing the same data
   * at the same offset twice leaves the same content, which is why WRITE is idempotent.
   */
  write(handle: unknown, offset: number, data: string): { count: number; attributes: NfsAttributes } {
    const inode = this.file(handle);
    if (typeof data !== 'string') throw new NfsError('NFS3ERR_INVAL', `los datos de WRITE deben ser texto, no ${data === null ? 'null' : typeof data}`);
    checkRange(offset, data.length);
    if (offset + data.length > FILE_MAX) {
      throw new NfsError('NFS3ERR_FBIG', `escribir ${data.length} ${data.length === 1 ? 'carácter' : 'caracteres'} desde el desplazamiento ${offset} dejaría un archivo de ${offset + data.length} caracteres; el máximo de este servidor es ${FILE_MAX}`);
    }
    const before = inode.data.length < offset ? inode.data.padEnd(offset, ' ') : inode.data;
    inode.data = before.slice(0, offset) + data + before.slice(offset + data.length);
    this.touch(inode);
    return { count: data.length, attributes: attributesOf(inode) };
  }

  /** The names in a directory, sorted (for tables and tests). */
  list(directory: unknown = this.rootHandle): string[] {
    return [...this.directory(directory).entries.keys()].sort();
  }

  private newInode(type: 'file' | 'directory', fileid: number): Inode {
    const inode: Inode = { fileid, generation: this.nextGeneration++, type, data: '', entries: new Map(), mtimeMs: this.clock(), change: 1 };
    this.inodes.set(fileid, inode);
    return inode;
  }

  private touch(inode: Inode): void {
    inode.mtimeMs = this.clock();
    inode.change += 1;
  }

  private handleOf(inode: Inode): FileHandle {
    return `fh:${this.fsid}:${inode.fileid}:${inode.generation}`;
  }

  /** Handle → inode: a malformed handle is BADHANDLE; a well-formed one whose inode is gone is STALE. */
  private resolve(handle: unknown): Inode {
    const match = typeof handle === 'string' ? /^fh:(\d+):(\d+):(\d+)$/.exec(handle) : null;
    if (match === null) throw new NfsError('NFS3ERR_BADHANDLE', `«${String(handle).slice(0, 40)}» no es un handle de este servidor`);
    const [, fsid, fileid, generation] = match;
    const inode = this.inodes.get(Number(fileid));
    if (Number(fsid) !== this.fsid || inode === undefined || inode.generation !== Number(generation)) {
      throw new NfsError('NFS3ERR_STALE', `el handle ${handle} ya no nombra ningún archivo (se borró o es de otro sistema de archivos)`);
    }
    return inode;
  }

  private directory(handle: unknown): Inode {
    const inode = this.resolve(handle);
    if (inode.type !== 'directory') throw new NfsError('NFS3ERR_NOTDIR', 'el handle no es de un directorio');
    return inode;
  }

  private file(handle: unknown): Inode {
    const inode = this.resolve(handle);
    if (inode.type !== 'file') throw new NfsError('NFS3ERR_ISDIR', 'el handle es de un directorio, no de un archivo');
    return inode;
  }
}

function attributesOf(inode: Inode): NfsAttributes {
  const size = inode.type === 'file' ? inode.data.length : inode.entries.size;
  return { type: inode.type, fileid: inode.fileid, size, mtimeMs: inode.mtimeMs, change: inode.change };
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw new NfsError('NFS3ERR_INVAL', `nombre no válido: ${JSON.stringify(name)} (ni vacío, ni «.», ni «..», ni con «/»)`);
  }
  if (name.length > NAME_MAX) throw new NfsError('NFS3ERR_NAMETOOLONG', `el nombre tiene ${name.length} caracteres (máximo ${NAME_MAX})`);
  return name;
}

function checkRange(offset: number, count: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(count) || count < 0) {
    throw new NfsError('NFS3ERR_INVAL', `desplazamiento ${offset} o longitud ${count} no válidos (enteros ≥ 0)`);
  }
}
