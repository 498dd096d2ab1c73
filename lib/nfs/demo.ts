/**
 * The chapter's NFS scenarios over real HTTP on 127.0.0.1: retransmissions after lost replies
 * with and without a duplicate request cache, the stale read a second client sees, and bad
 * input (stale and malformed handles, wrong params). Every server is closed, also on failure.
 */
import { postRaw } from '../rpc/raw';
import type { CachePolicy } from './cache-policy';
import { NfsClient } from './client';
import type { DecideFn } from './client';
import type { ClientLogEntry } from './retransmit';
import { manualClock } from './clock';
import { httpTransport, startNfsHttpServer } from './http';
import { NfsServer } from './server';
import type { CallInfo, ServerLogEntry } from './server';
import { NfsStore } from './store';

/** One row of {@link retryDemo}: what the client saw after a lost reply and its retransmission. */
export interface RetryRow {
  readonly procedure: string;
  readonly duplicateRequestCache: boolean;
  /** What the application got: `ok` or the error's status. */
  readonly clientSees: string;
  /** Times the server ran it on the store. */
  readonly executions: number;
  readonly answeredFromCache: number;
  /** Did the operation do what the application asked, exactly once? */
  readonly correct: boolean;
}

/** Everything a server run left, for tables. */
export interface RetryRun {
  readonly rows: RetryRow[];
  readonly serverLog: ServerLogEntry[];
  readonly clientLog: ClientLogEntry[];
}

/**
 * Creates, writes and removes a file over HTTP while the first reply to each of CREATE, WRITE
 * and REMOVE is lost (the server ran the call, then the connection died), so the client
 * retransmits it with the same xid. Without a DRC the retried CREATE answers NFS3ERR_EXIST and
 * the retried REMOVE NFS3ERR_NOENT although both did their job; with it, both answer ok.
 */
export async function retryDemo(options: { duplicateRequestCache: boolean }): Promise<RetryRun> {
  const clock = manualClock();
  const lose = (c: CallInfo) => c.seenBefore === 0 && (c.procedure === 'CREATE' || c.procedure === 'WRITE' || c.procedure === 'REMOVE');
  const server = new NfsServer({ store: new NfsStore({ clock: clock.now }), duplicateRequestCache: options.duplicateRequestCache, loseReply: lose });
  const front = await startNfsHttpServer({ server });
  const client = new NfsClient({ name: 'A', transport: httpTransport(front.url), clock: clock.now });
  const rows: RetryRow[] = [];
  const attempt = async (procedure: string, run: () => Promise<unknown>, done: () => boolean) => {
    const before = { ran: executions(server.log, procedure), cached: fromCache(server.log, procedure) };
    let clientSees = 'ok';
    try {
      await run();
    } catch (error) {
      clientSees = error instanceof Error ? error.message : String(error);
    }
    const ran = executions(server.log, procedure) - before.ran;
    rows.push({ procedure, duplicateRequestCache: options.duplicateRequestCache, clientSees, executions: ran, answeredFromCache: fromCache(server.log, procedure) - before.cached, correct: clientSees === 'ok' && done() });
  };
  try {
    await client.mount();
    await attempt('CREATE', () => client.create('informe.txt'), () => server.store.list().includes('informe.txt'));
    await attempt('WRITE', async () => {
      const fd = await client.open('informe.txt');
      client.write(fd, 'ventas: 42');
      await client.close(fd);
    }, () => server.store.read(server.store.lookup(server.store.rootHandle, 'informe.txt').handle, 0, 100).data === 'ventas: 42');
    await attempt('REMOVE', () => client.remove('informe.txt'), () => !server.store.list().includes('informe.txt'));
    return { rows, serverLog: [...server.log], clientLog: [...client.log] };
  } finally {
    client.disconnect();
    await front.close();
  }
}

function executions(log: readonly ServerLogEntry[], procedure: string): number {
  return log.filter((e) => e.procedure === procedure && e.how === 'ejecutada').length;
}

function fromCache(log: readonly ServerLogEntry[], procedure: string): number {
  return log.filter((e) => e.procedure === procedure && e.how === 'caché').length;
}

/** One row of {@link staleReadDemo}: an application call, its RPCs, and whether it saw the server's current data. */
export interface StaleRow extends ClientLogEntry {
  /** What the server held at that moment (for reads), or '' for other calls. */
  readonly serverHas: string;
  /** 'al día', 'OBSOLETO' or '' (not a read). */
  readonly verdict: string;
}

/**
 * Two clients over HTTP, simulated time: A writes «v1»; B opens the file and reads it; A writes
 * «v2» at t = 1 s (flushed on close); B reads again through its open file at 1,5 s and 2,5 s
 * (attribute cache fresh: it serves «v1», a stale read) and at 3,5 s (expired: GETATTR, new change
 * counter, READ: «v2»); C opens the file at 1,5 s and gets «v2» (close-to-open). A client made
 * with `policy`/`decide` replaces B's (exercise 10.4 passes its own decision).
 */
export async function staleReadDemo(options: { policy?: CachePolicy; decide?: DecideFn } = {}): Promise<StaleRow[]> {
  const clock = manualClock();
  const store = new NfsStore({ clock: clock.now });
  const server = new NfsServer({ store, duplicateRequestCache: true });
  const front = await startNfsHttpServer({ server });
  const make = (name: string, extra: { policy?: CachePolicy; decide?: DecideFn } = {}) =>
    new NfsClient({ name, transport: httpTransport(front.url), clock: clock.now, ...extra });
  const a = make('A');
  const b = make('B', options);
  const c = make('C');
  const rows: StaleRow[] = [];
  const serverHas = () => store.read(store.lookup(store.rootHandle, 'notas.txt').handle, 0, 1_000).data;
  const record = async (client: NfsClient, run: () => Promise<unknown>, isRead: boolean) => {
    const from = client.log.length;
    const value = await run();
    const now = serverHas();
    for (const entry of client.log.slice(from)) {
      const read = isRead && entry.operation.startsWith('read');
      rows.push({ ...entry, serverHas: read ? `«${now}»` : '', verdict: read ? (value === now ? 'al día' : 'OBSOLETO') : '' });
    }
  };
  try {
    await record(a, () => a.writeFile('notas.txt', 'v1'), false);
    const fd = await b.open('notas.txt');
    rows.push(...b.log.slice(-1).map((e) => ({ ...e, serverHas: '', verdict: '' })));
    await record(b, () => b.read(fd), true);
    clock.set(1_000);
    await record(a, () => a.writeFile('notas.txt', 'v2'), false);
    clock.set(1_500);
    await record(b, () => b.read(fd), true);
    await record(c, () => c.readFile('notas.txt'), true);
    clock.set(2_500);
    await record(b, () => b.read(fd), true);
    await record(b, () => b.stat('notas.txt'), false);
    clock.set(3_500);
    await record(b, () => b.read(fd), true);
    await b.close(fd);
    return rows;
  } finally {
    for (const client of [a, b, c]) client.disconnect();
    await front.close();
  }
}

/** One case of {@link badInputDemo}: what was sent and the server's answer. */
export interface BadInputRow {
  readonly case: string;
  readonly answer: string;
}

/**
 * Bad input over real HTTP: a handle of a removed file (NFS3ERR_STALE), a forged handle
 * (NFS3ERR_BADHANDLE), a negative offset, a wrong parameter type, a WRITE far past the largest
 * file (NFS3ERR_FBIG), a file used as a directory,
 * a path-like name, a body that is not JSON; and then a restart: a new server process over the
 * same store (the "disk") answers the old handle, because the server kept no state about it.
 */
export async function badInputDemo(): Promise<BadInputRow[]> {
  const clock = manualClock();
  const store = new NfsStore({ clock: clock.now });
  const rows: BadInputRow[] = [];
  let front = await startNfsHttpServer({ server: new NfsServer({ store }) });
  let client = new NfsClient({ name: 'A', transport: httpTransport(front.url), clock: clock.now, retries: 0 });
  const probe = async (label: string, run: () => Promise<unknown>) => {
    try {
      const value = await run();
      rows.push({ case: label, answer: `ok: ${JSON.stringify(value)}` });
    } catch (error) {
      const e = error as { message?: string; data?: unknown };
      rows.push({ case: label, answer: `${e.message ?? String(error)}${typeof e.data === 'string' ? ` — ${e.data}` : ''}` });
    }
  };
  try {
    await client.writeFile('a.txt', 'hola');
    await client.writeFile('b.txt', 'adiós');
    const root = store.rootHandle;
    const a = store.lookup(root, 'a.txt').handle;
    const b = store.lookup(root, 'b.txt').handle;
    await probe(`READ de ${b} tras borrar b.txt`, async () => { await client.remove('b.txt'); return client.rpc('READ', { handle: b, offset: 0, count: 10 }); });
    await probe('GETATTR de un handle inventado «fh:9:9»', () => client.rpc('GETATTR', { handle: 'fh:9:9' }));
    await probe('READ con offset −1', () => client.rpc('READ', { handle: a, offset: -1, count: 10 }));
    await probe('READ con count "diez" (texto)', () => client.rpc('READ', { handle: a, offset: 0, count: 'diez' }));
    await probe('WRITE de 1 carácter en el offset 2⁴⁰', () => client.rpc('WRITE', { handle: a, offset: 2 ** 40, data: 'x' }));
    await probe('LOOKUP dentro de un archivo', () => client.rpc('LOOKUP', { dir: a, name: 'x' }));
    await probe('LOOKUP de «../etc/passwd»', () => client.rpc('LOOKUP', { dir: root, name: '../etc/passwd' }));
    await probe('cuerpo que no es JSON', async () => {
      const r = await postRaw(front.url, '{READ');
      const error = (JSON.parse(r.body) as { error: { code: number; message: string } }).error;
      throw new Error(`HTTP ${r.status}, ${error.message} (${error.code})`);
    });
    await front.close();
    client.disconnect();
    front = await startNfsHttpServer({ server: new NfsServer({ store }) });
    client = new NfsClient({ name: 'A', transport: httpTransport(front.url), clock: clock.now, retries: 0 });
    await probe(`tras reiniciar el servidor: READ de ${a}`, async () => ((await client.rpc('READ', { handle: a, offset: 0, count: 10 })) as { data: string }).data);
    return rows;
  } finally {
    client.disconnect();
    await front.close();
  }
}
