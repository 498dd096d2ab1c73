// @real-io: serves the fenced store over HTTP on 127.0.0.1 and polls process logs on real time.
/**
 * The pieces the real etcd experiments share ({@link etcdLockExperiment} and
 * {@link etcdElectionExperiment}): a storage service on 127.0.0.1 that checks fencing tokens
 * (it keeps the highest token it accepted and refuses a write with a lower one), and a wait on
 * a process's log for a line.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { ServiceHandle } from '../services/process';

/** One write the store received. */
export interface FencedStoreWrite {
  readonly who: string;
  readonly token: number;
  readonly value: string;
  /** Accepted by the fenced store (token ≥ the highest it had accepted). */
  readonly accepted: boolean;
  /** Ms since the experiment started. */
  readonly atMs: number;
}

/** A running fenced store, returned by {@link startFencedStore}. */
export interface FencedStore {
  /** Its port on 127.0.0.1; `POST /write` with `{ who, token, value }` (200 accepted, 409 refused, 400 malformed). */
  readonly port: number;
  /** Every well-formed write, in arrival order. */
  readonly writes: readonly FencedStoreWrite[];
  /** The fenced store's value, and what an unfenced store (last write wins) would hold. */
  fencedValue(): string | null;
  unfencedValue(): string | null;
  /** Closes the server. */
  close(): Promise<void>;
}

/**
 * Starts a fenced store on 127.0.0.1 (a free port); `now()` stamps the writes and `note(event)`
 * gets a Spanish line per write for the experiment's timeline.
 */
export async function startFencedStore(now: () => number, note: (event: string) => void): Promise<FencedStore> {
  const writes: FencedStoreWrite[] = [];
  let highest = 0;
  let fencedValue: string | null = null;
  let unfencedValue: string | null = null;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      let parsed: { who?: unknown; token?: unknown; value?: unknown };
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        res.writeHead(400).end('JSON inválido');
        return;
      }
      const { who, token, value } = parsed ?? {};
      if (typeof who !== 'string' || typeof token !== 'number' || !Number.isSafeInteger(token) || typeof value !== 'string') {
        res.writeHead(400).end('escritura mal formada');
        return;
      }
      const accepted = token >= highest;
      if (accepted) {
        highest = token;
        fencedValue = value;
      }
      unfencedValue = value;
      writes.push({ who, token, value, accepted, atMs: now() });
      note(`el almacenamiento ${accepted ? 'acepta' : 'RECHAZA'} la escritura de ${who} con token ${token}${accepted ? '' : ` (ya vio ${highest})`}`);
      res.writeHead(accepted ? 200 : 409).end(accepted ? 'ok' : 'token antiguo');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    writes,
    fencedValue: () => fencedValue,
    unfencedValue: () => unfencedValue,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Waits until `pattern` matches the last 200 lines of `handle`'s log; throws a Spanish error
 * with the log's tail if the process exits first or `timeoutMs` passes.
 */
export async function waitForLog(handle: ServiceHandle, pattern: RegExp, what: string, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(handle.logTail(200));
    if (match !== null) return match;
    if (handle.hasExited) throw new Error(`etcd: ${handle.name} terminó antes de ${what}. Registro:\n${handle.logTail(20)}`);
    if (Date.now() > deadline) throw new Error(`etcd: ${what} no llegó en ${timeoutMs} ms. Registro:\n${handle.logTail(20)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
