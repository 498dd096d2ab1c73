// @real-io: real HTTP origin and edge servers on 127.0.0.1, an injected origin delay (setTimeout) and latencies measured with performance.now.
/**
 * A CDN for real, on loopback: an origin HTTP server that answers each object after an injected
 * delay (the round trip to a far data centre), an edge HTTP server with an LRU/LFU/FIFO cache in
 * front of it, and a client that replays a request stream and measures what users wait.
 * Path: `GET /objects/<id>` with id an integer in 0 … N−1; anything else is a 4xx, never a crash.
 */
import * as http from 'node:http';
import { listenOnLoopback, LOOPBACK } from '../net/loopback';
import { createCache } from './caches';
import type { CachePolicy, EdgeCache } from './caches';

/** A running server of this module. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Requests answered with 200 so far. */
  readonly served: number;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** The origin: every object, after `delayMs`. */
export interface OriginServer extends RunningServer {
  /** The injected delay; change it between phases (e.g. 0 while warming the edge). */
  delayMs: number;
  /** Requests received and still waiting for their delay (not answered yet). */
  readonly pending: number;
}

/** How long the edge waits for the origin by default before answering 504, ms. */
export const DEFAULT_ORIGIN_TIMEOUT_MS = 5000;

/** How long {@link replayStream} waits for one answer by default before giving up, ms. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** The edge: a cache in front of the origin. */
export interface EdgeServer extends RunningServer {
  /**
   * Requests answered from the cache (`x-cache: HIT`): the policy held the id and the edge had
   * its body (stored, or being fetched by an earlier miss that this request joins).
   */
  readonly hits: number;
  /** Requests that needed a new origin fetch (`x-cache: MISS`), answered or not. */
  readonly misses: number;
  /** Resets the hit and miss counters (not the cache). */
  resetCounters(): void;
  /**
   * Warms the cache as if `ids` had been requested, without timing them: the policy sees every
   * id, then the objects it kept are fetched from the origin (at most `capacity` fetches).
   */
  warm(ids: ArrayLike<number>): Promise<void>;
}

/** Parses `/objects/<id>`: `{ id }`, or `{ status }` (400 malformed path, 404 unknown object). */
export function parseObjectPath(url: string | undefined, objects: number): { readonly id: number } | { readonly status: 400 | 404 } {
  const match = /^\/objects\/(\d{1,9})$/.exec(url ?? '');
  if (!match) return { status: 400 };
  const id = Number(match[1]);
  return id < objects ? { id } : { status: 404 };
}

function checkServerOptions(objects: unknown, objectBytes: unknown): void {
  if (typeof objects !== 'number' || !Number.isInteger(objects) || objects < 1) throw new RangeError(`objects debe ser un entero ≥ 1, recibido ${String(objects)}`);
  if (typeof objectBytes !== 'number' || !Number.isInteger(objectBytes) || objectBytes < 1 || objectBytes > 1 << 20) throw new RangeError(`objectBytes debe ser un entero entre 1 y 1 MiB, recibido ${String(objectBytes)}`);
}

/** Checks that `url` is an http URL on 127.0.0.1 (the kit does real I/O on loopback only). */
function checkLoopbackUrl(url: unknown, name: string): string {
  if (typeof url !== 'string' || !/^http:\/\/127\.0\.0\.1:\d{1,5}$/.test(url)) throw new RangeError(`${name} debe ser una URL http://127.0.0.1:<puerto> (sin barra final), recibido ${String(url)}`);
  return url;
}

function reject(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}

async function listen(server: http.Server): Promise<string> {
  return `http://${LOOPBACK}:${await listenOnLoopback(server)}`;
}

function closeServer(server: http.Server, timers: Set<NodeJS.Timeout>): Promise<void> {
  for (const t of timers) clearTimeout(t);
  timers.clear();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The body of object `id`: `objectBytes` bytes that name it (so a client can check it). */
export function objectBody(id: number, objectBytes: number): Buffer {
  const tag = `objeto ${id};`;
  return Buffer.from(tag.repeat(Math.ceil(objectBytes / tag.length)).slice(0, objectBytes));
}

/**
 * Starts the origin on 127.0.0.1 (a port from the OS).
 *
 * @example
 * const origin = await startOrigin({ objects: 1000, delayMs: 20 });
 * // … await origin.close();
 */
export async function startOrigin(options: { objects: number; delayMs: number; objectBytes?: number }): Promise<OriginServer> {
  const objectBytes = options.objectBytes ?? 1024;
  checkServerOptions(options.objects, objectBytes);
  if (!(options.delayMs >= 0 && options.delayMs <= 10_000)) throw new RangeError(`delayMs debe estar entre 0 y 10 000 ms, recibido ${String(options.delayMs)}`);
  const timers = new Set<NodeJS.Timeout>();
  let served = 0;
  let pending = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    if (req.method !== 'GET') return reject(res, 405, 'origen: solo GET');
    const parsed = parseObjectPath(req.url, options.objects);
    if ('status' in parsed) return reject(res, parsed.status, parsed.status === 400 ? 'origen: ruta mal formada (usa /objects/<id>)' : 'origen: no existe ese objeto');
    const id = parsed.id;
    const answer = () => {
      pending--;
      served++;
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': objectBytes }).end(objectBody(id, objectBytes));
    };
    pending++;
    if (origin.delayMs === 0) return answer();
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, origin.delayMs);
    timers.add(timer);
  });
  const url = await listen(server);
  const origin: OriginServer = {
    url,
    delayMs: options.delayMs,
    get served() { return served; },
    get pending() { return pending; },
    close: async () => {
      await closeServer(server, timers);
      pending = 0;
    },
  };
  return origin;
}

/** An origin fetch that got no answer within the edge's timeout (the edge answers 504). */
class OriginTimeoutError extends Error {}

function checkTimeout(ms: unknown, name: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > 600_000) throw new RangeError(`${name} debe ser un número de ms mayor que 0 y como mucho 600 000, recibido ${String(ms)}`);
  return ms;
}

function fetchBuffer(url: string, agent: http.Agent, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`el origen respondió ${res.statusCode}`))));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('el origen cortó la respuesta')));
    });
    // No answer (not even headers, or a stalled body) for timeoutMs: give up on this fetch.
    req.setTimeout(timeoutMs, () => req.destroy(new OriginTimeoutError(`el origen no respondió en ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/**
 * Starts an edge cache on 127.0.0.1 in front of `originUrl`: a hit answers from memory, a miss
 * fetches from the origin, stores the object (evicting by `policy`) and answers. Concurrent
 * misses of one object share one origin fetch. The header `x-cache` says HIT or MISS. An origin
 * that fails gives 502; one that does not answer within `originTimeoutMs` (default
 * {@link DEFAULT_ORIGIN_TIMEOUT_MS}) gives 504. A failed fetch leaves no body, so the next request
 * for that id is a MISS again even if the policy still lists it.
 *
 * @example
 * const edge = await startEdge({ originUrl: origin.url, objects: 1000, capacity: 100, policy: 'lru' });
 * // … await edge.close();
 */
export async function startEdge(options: { originUrl: string; objects: number; capacity: number; policy?: CachePolicy; originTimeoutMs?: number }): Promise<EdgeServer> {
  checkServerOptions(options.objects, 1);
  checkLoopbackUrl(options.originUrl, 'originUrl');
  const timeoutMs = checkTimeout(options.originTimeoutMs ?? DEFAULT_ORIGIN_TIMEOUT_MS, 'originTimeoutMs');
  const cache: EdgeCache<number> = createCache<number>(options.policy ?? 'lru', options.capacity);
  const bodies = new Map<number, Promise<Buffer>>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let served = 0;
  let hits = 0;
  let misses = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    if (req.method !== 'GET') return reject(res, 405, 'borde: solo GET');
    const parsed = parseObjectPath(req.url, options.objects);
    if ('status' in parsed) return reject(res, parsed.status, parsed.status === 400 ? 'borde: ruta mal formada (usa /objects/<id>)' : 'borde: no existe ese objeto');
    const id = parsed.id;
    const policyHit = cache.access(id);
    if (cache.lastEvicted !== undefined) bodies.delete(cache.lastEvicted);
    // A HIT needs the body too: after a failed fetch the policy may still list the id without it.
    const stored = policyHit ? bodies.get(id) : undefined;
    const fromCache = stored !== undefined;
    const body = stored ?? fetchBuffer(`${options.originUrl}/objects/${id}`, agent, timeoutMs);
    // Capacity 0 stores nothing; otherwise the body stays while the policy keeps the id.
    if (!fromCache && cache.has(id)) bodies.set(id, body);
    if (fromCache) hits++;
    else misses++;
    body.then(
      (bytes) => {
        served++;
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length, 'x-cache': fromCache ? 'HIT' : 'MISS' }).end(bytes);
      },
      (error: unknown) => {
        if (bodies.get(id) === body) bodies.delete(id);
        if (res.headersSent) return;
        if (error instanceof OriginTimeoutError) reject(res, 504, `borde: el origen no respondió en ${timeoutMs} ms`);
        else reject(res, 502, 'borde: el origen no respondió');
      },
    );
  });
  const url = await listen(server);
  return {
    url,
    get served() { return served; },
    get hits() { return hits; },
    get misses() { return misses; },
    resetCounters() { hits = 0; misses = 0; },
    async warm(ids: ArrayLike<number>) {
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        if (!Number.isInteger(id) || id < 0 || id >= options.objects) throw new RangeError(`warm: el objeto ${String(id)} no está en el catálogo`);
        cache.access(id);
        if (cache.lastEvicted !== undefined) bodies.delete(cache.lastEvicted);
      }
      const missing = cache.keys().filter((id) => !bodies.has(id));
      for (const id of missing) {
        const body = fetchBuffer(`${options.originUrl}/objects/${id}`, agent, timeoutMs);
        bodies.set(id, body);
        body.catch(() => { if (bodies.get(id) === body) bodies.delete(id); });
      }
      await Promise.all(missing.map((id) => bodies.get(id)));
    },
    close: async () => {
      await closeServer(server, new Set());
      agent.destroy();
    },
  };
}

/** What {@link replayStream} measured. */
export interface ReplayResult {
  /** Latency of each request in ms, in stream order. */
  readonly latenciesMs: number[];
  /** Whether each request was an edge hit (`x-cache: HIT`). */
  readonly hits: boolean[];
  /** Wall time of the whole replay, ms. */
  readonly wallMs: number;
}

/**
 * Replays `stream` (object ids) against `url` with `concurrency` requests in flight, over
 * keep-alive connections, and measures each request's latency. A request that gets no answer
 * within `timeoutMs` (default {@link DEFAULT_REQUEST_TIMEOUT_MS}) or any status other than 200
 * rejects the whole replay; no new request starts after that and every connection is closed.
 *
 * @example
 * const { latenciesMs } = await replayStream({ url: edge.url, stream: [0, 1, 0, 2], concurrency: 8 });
 */
export async function replayStream(options: { url: string; stream: ArrayLike<number>; concurrency?: number; timeoutMs?: number }): Promise<ReplayResult> {
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new RangeError(`concurrency debe ser un entero entre 1 y 256, recibido ${String(concurrency)}`);
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, 'timeoutMs');
  const { stream } = options;
  if (stream === null || typeof stream !== 'object' || !Number.isInteger(stream.length)) throw new TypeError('stream debe ser una lista de ids de objeto');
  const url = checkLoopbackUrl(options.url, 'url');
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs = new Array<number>(stream.length).fill(0);
  const hits = new Array<boolean>(stream.length).fill(false);
  let next = 0;
  const one = (i: number) => new Promise<void>((resolve, reject) => {
    const started = performance.now();
    const req = http.get(`${url}/objects/${stream[i] as number}`, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        latenciesMs[i] = performance.now() - started;
        hits[i] = res.headers['x-cache'] === 'HIT';
        if (res.statusCode === 200) resolve();
        else reject(new Error(`la petición ${i} (objeto ${stream[i] as number}) respondió ${res.statusCode}`));
      });
      res.on('error', reject);
      res.on('aborted', () => reject(new Error(`la petición ${i} (objeto ${stream[i] as number}): el servidor cortó la respuesta`)));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`la petición ${i} (objeto ${stream[i] as number}) no recibió respuesta en ${timeoutMs} ms`)));
    req.on('error', reject);
  });
  let failed = false;
  const lane = async () => {
    while (!failed && next < stream.length) {
      try {
        await one(next++);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, stream.length) }, lane));
  } finally {
    agent.destroy();
  }
  return { latenciesMs, hits, wallMs: performance.now() - started };
}
