/**
 * The NFS client: path lookup, retransmission with the same xid, and the two caches a real
 * client keeps (attributes with an acregmin/acregmax timeout, file data checked against the
 * change attribute), with close-to-open consistency: flush on close, GETATTR on open.
 */
import { cacheDecision, checkPolicy, LINUX_DEFAULTS } from './cache-policy';
import { ClientCache } from './client-cache';
import type { AttributeCacheEntry, CacheDecision, CacheEvent, CachePolicy } from './cache-policy';
import { RetransmittingCaller } from './retransmit';
import { NfsError } from './messages';
import type { FileHandle, HandleResult, NfsAttributes, ReadResult, WriteResult } from './messages';
import { MAX_TRANSFER } from './server';
import type { NfsTransport } from './transport';

/** The decision function the client consults (the kit's {@link cacheDecision} or exercise 10.4's). */
export type DecideFn = (entry: AttributeCacheEntry | null, event: CacheEvent, nowMs: number, policy: CachePolicy) => CacheDecision;

/** Options of an {@link NfsClient}. */
export interface NfsClientOptions {
  /** The client's name, sent with every call (the DRC keys on it, as on a client's address). */
  name: string;
  transport: NfsTransport;
  /** Client time, ms (a {@link ManualClock}'s `now` in the chapter). */
  clock: () => number;
  /** Mount options (default Linux's: acregmin 3 s, acregmax 60 s, cto). */
  policy?: CachePolicy;
  /** The cache decision (default the kit's `cacheDecision`). */
  decide?: DecideFn;
  /** Retransmissions of a call that got no answer (default 3; NFS "hard" mounts never give up). */
  retries?: number;
}

interface OpenFile {
  readonly path: string;
  readonly handle: FileHandle;
  readonly pending: { offset: number; data: string }[];
}

/**
 * An NFS client over any {@link NfsTransport}. Every method is one application call (`open`,
 * `read`, `write`, `close`, `stat`, …); `log` records the RPCs each one cost.
 *
 * @example
 * const a = new NfsClient({ name: 'A', transport: httpTransport(front.url), clock: clock.now });
 * await a.writeFile('notas.txt', 'v1');
 * const fd = await a.open('notas.txt'); await a.read(fd); await a.close(fd);
 */
export class NfsClient extends RetransmittingCaller {
  readonly policy: CachePolicy;
  /** Accesses answered from the attribute cache without a GETATTR. */
  attributeHits = 0;
  private readonly decide: DecideFn;
  private readonly cache: ClientCache;
  private readonly files = new Map<number, OpenFile>();
  private root: FileHandle | undefined;
  private nextFd = 3;

  constructor(options: NfsClientOptions) {
    super(options.name, options.transport, options.clock, options.retries ?? 3);
    this.policy = checkPolicy(options.policy ?? LINUX_DEFAULTS);
    this.decide = options.decide ?? cacheDecision;
    this.cache = new ClientCache(this.policy, this.clock);
  }

  /** MNT: asks for the root directory's handle. */
  async mount(): Promise<FileHandle> {
    return this.operation('mount', async () => {
      const { handle } = (await this.rpc('MNT', {})) as { handle: FileHandle };
      this.root = handle;
      return handle;
    }, (h) => h);
  }

  /** Opens a file: LOOKUP (once per name), then, with close-to-open, a GETATTR. */
  async open(path: string): Promise<number> {
    return this.operation(`open ${path}`, async () => {
      const handle = await this.resolve(path);
      await this.revalidate(handle, 'open');
      const fd = this.nextFd++;
      this.files.set(fd, { path, handle, pending: [] });
      return fd;
    }, (fd) => `fd ${fd}`);
  }

  /** Reads a whole open file: from the data cache when the attributes say it is current. */
  async read(fd: number): Promise<string> {
    const file = this.file(fd);
    return this.operation(`read ${file.path}`, async () => {
      await this.flush(file);
      const attributes = await this.revalidate(file.handle, 'read');
      return this.cache.dataAt(file.handle, attributes.change) ?? this.fetchData(file.handle);
    }, (text) => `«${text}»`);
  }

  /** Writes `text` at `offset` (default: the start) into the client's buffer; sent on close. */
  write(fd: number, text: string, offset = 0): void {
    const file = this.file(fd);
    if (typeof text !== 'string' || !Number.isSafeInteger(offset) || offset < 0) throw new RangeError('write: texto y desplazamiento entero ≥ 0');
    file.pending.push({ offset, data: text });
    this.log.push({ tMs: this.clock(), client: this.name, operation: `write ${file.path}`, rpcs: [], result: 'en el búfer del cliente' });
  }

  /** Closes a file: close-to-open flushes every buffered write to the server first. */
  async close(fd: number): Promise<void> {
    const file = this.file(fd);
    await this.operation(`close ${file.path}`, async () => {
      await this.flush(file);
      this.files.delete(fd);
    }, () => 'ok');
  }

  /** The attributes of a file, from the attribute cache while it is fresh (what `ls -l` sees). */
  async stat(path: string): Promise<NfsAttributes> {
    return this.operation(`stat ${path}`, async () => this.revalidate(await this.resolve(path), 'stat'), (a) => `tamaño ${a.size}, cambio ${a.change}`);
  }

  /** CREATE (guarded): fails with NFS3ERR_EXIST if the name exists. */
  async create(path: string): Promise<FileHandle> {
    return this.operation(`create ${path}`, async () => {
      const r = (await this.rpc('CREATE', { dir: await this.rootHandle(), name: nameOf(path), mode: 'guarded' })) as HandleResult;
      this.cache.names.set(nameOf(path), r.handle);
      this.cache.remember(r.handle, r.attributes);
      return r.handle;
    }, (h) => h);
  }

  /** REMOVE: deletes the name; every handle to the file turns stale. */
  async remove(path: string): Promise<void> {
    await this.operation(`remove ${path}`, async () => {
      await this.rpc('REMOVE', { dir: await this.rootHandle(), name: nameOf(path) });
      const handle = this.cache.names.get(nameOf(path));
      this.cache.names.delete(nameOf(path));
      if (handle !== undefined) this.cache.forget(handle);
    }, () => 'ok');
  }

  /** open + read + close, as `cat` does. */
  async readFile(path: string): Promise<string> {
    const fd = await this.open(path);
    try {
      return await this.read(fd);
    } finally {
      await this.close(fd).catch(() => undefined);
    }
  }

  /** Creates the file if missing (CREATE unchecked), then open + write at 0 + close. */
  async writeFile(path: string, text: string): Promise<void> {
    if (!this.cache.names.has(nameOf(path))) {
      await this.operation(`create ${path}`, async () => {
        const r = (await this.rpc('CREATE', { dir: await this.rootHandle(), name: nameOf(path), mode: 'unchecked' })) as HandleResult;
        this.cache.names.set(nameOf(path), r.handle);
        this.cache.remember(r.handle, r.attributes);
      }, () => 'ok');
    }
    const fd = await this.open(path);
    this.write(fd, text, 0);
    await this.close(fd);
  }

  private async rootHandle(): Promise<FileHandle> {
    if (this.root !== undefined) return this.root;
    const { handle } = (await this.rpc('MNT', {})) as { handle: FileHandle };
    this.root = handle;
    return handle;
  }

  private async resolve(path: string): Promise<FileHandle> {
    const name = nameOf(path);
    const known = this.cache.names.get(name);
    if (known !== undefined) return known;
    const r = (await this.rpc('LOOKUP', { dir: await this.rootHandle(), name })) as HandleResult;
    this.cache.names.set(name, r.handle);
    this.cache.remember(r.handle, r.attributes);
    return r.handle;
  }

  /** Consults the decision; on 'getattr', asks the server and drops the data cache if the file changed. */
  private async revalidate(handle: FileHandle, event: CacheEvent): Promise<NfsAttributes> {
    const entry = this.cache.attributesOf(handle);
    const now = this.clock();
    const decision = this.decide(entry === undefined ? null : { fetchedAtMs: entry.fetchedAtMs, timeoutMs: entry.timeoutMs, change: entry.change }, event, now, this.policy);
    if (decision === 'cache' && entry !== undefined) {
      this.attributeHits++;
      return entry.attributes;
    }
    if (decision !== 'cache' && decision !== 'getattr') throw new TypeError(`la decisión de caché debe ser 'cache' o 'getattr', llegó ${JSON.stringify(decision)}`);
    try {
      const attributes = (await this.rpc('GETATTR', { handle })) as NfsAttributes;
      this.cache.remember(handle, attributes);
      return attributes;
    } catch (error) {
      if (error instanceof NfsError && error.status === 'NFS3ERR_STALE') this.cache.forget(handle);
      throw error;
    }
  }

  private async fetchData(handle: FileHandle): Promise<string> {
    let text = '';
    for (;;) {
      const r = (await this.rpc('READ', { handle, offset: text.length, count: MAX_TRANSFER })) as ReadResult;
      text += r.data;
      this.cache.remember(handle, r.attributes);
      if (r.eof || r.data.length === 0) {
        this.cache.storeData(handle, text, r.attributes.change);
        return text;
      }
    }
  }

  private async flush(file: OpenFile): Promise<void> {
    while (file.pending.length > 0) {
      const { offset, data } = file.pending[0]!;
      for (let at = 0; at < Math.max(data.length, 1); at += MAX_TRANSFER) {
        const r = (await this.rpc('WRITE', { handle: file.handle, offset: offset + at, data: data.slice(at, at + MAX_TRANSFER) })) as WriteResult;
        this.cache.remember(file.handle, r.attributes);
      }
      file.pending.shift();
    }
  }

  private file(fd: number): OpenFile {
    const file = this.files.get(fd);
    if (file === undefined) throw new RangeError(`descriptor ${fd} no abierto (EBADF)`);
    return file;
  }
}

function nameOf(path: string): string {
  if (typeof path !== 'string') throw new TypeError('la ruta debe ser un texto');
  return path.startsWith('/') ? path.slice(1) : path;
}
