// @real-io: runs HTTP backends and HAProxy on 127.0.0.1 and times requests with setTimeout.
/**
 * The kit's balancers next to real HAProxy: N small `node:http` backends on 127.0.0.1 that
 * answer their own name (and sleep `?ms=` × their slowdown), one HAProxy with three frontends
 * (`balance roundrobin`, `leastconn`, `balance uri` + `hash-type consistent`), the same request
 * sequences through HAProxy and through the kit's algorithms, and one backend put in
 * maintenance through the admin socket to count the keys HAProxy and the kit's ring remap.
 * Everything is stopped in `finally`.
 */
import { Agent, createServer, get } from 'node:http';
import type { Server } from 'node:http';
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { haproxyBinary, startHaproxy } from '../services/haproxy';
import { ServiceMissing } from '../services/process';
import { LeastConnectionsBalancer, RoundRobinBalancer } from './balancers';
import { lectureLeastConnectionsDemo, replayRequests } from './policies';
import { ConsistentHashRing } from './ring';

/** A running backend: its name, port and the server to close. */
interface Backend {
  readonly name: string;
  readonly port: number;
  readonly server: Server;
}

/** Starts one backend on 127.0.0.1 that answers its name after `?ms=` × `slowdown` ms. */
function startBackend(name: string, slowdown: number): Promise<Backend> {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      const ms = Number(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('ms') ?? '0');
      const answer = () => { res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }); res.end(name); };
      if (Number.isFinite(ms) && ms > 0) setTimeout(answer, Math.min(ms * slowdown, 5_000));
      else answer();
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('backend sin puerto'));
      resolve({ name, port: address.port, server });
    });
  });
}

/** One HTTP GET on 127.0.0.1 without keep-alive; resolves with the body (the backend's name). */
function fetchName(port: number, path: string, agent: Agent | false = false, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${String(res.statusCode)} en ${path}: ${body.slice(0, 80)}`))));
    });
    req.on('timeout', () => req.destroy(new Error(`sin respuesta en ${timeoutMs} ms (${path})`)));
    req.on('error', reject);
  });
}

/** Runs `jobs` with at most `limit` at a time, keeping results in order; after a failure no new job starts. */
async function inBatches<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < jobs.length && !failed) {
      const i = next++;
      try {
        results[i] = await (jobs[i] as () => Promise<T>)();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/**
 * Starts `run(r)` at `r.startMs` ms after the call for every request (real time). On the first
 * failure the timers not yet fired are cleared, so no request starts after it, and the promise
 * rejects once the requests already started have settled.
 */
function scheduled<R extends { readonly startMs: number }, T>(requests: readonly R[], run: (r: R) => Promise<T>): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const results: T[] = new Array<T>(requests.length);
    let started = 0;
    let settled = 0;
    let failure: { error: unknown } | undefined;
    const finish = () => {
      if (settled < started || (failure === undefined && settled < requests.length)) return;
      if (failure !== undefined) reject(failure.error);
      else resolve(results);
    };
    const t0 = Date.now();
    requests.forEach((r, i) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        started++;
        run(r).then(
          (value) => { results[i] = value; settled++; finish(); },
          (error: unknown) => {
            settled++;
            if (failure === undefined) {
              failure = { error };
              for (const t of timers) clearTimeout(t);
              timers.clear();
            }
            finish();
          },
        );
      }, Math.max(0, r.startMs - (Date.now() - t0)));
      timers.add(timer);
    });
    if (requests.length === 0) resolve(results);
  });
}

function counts(names: readonly string[], picks: readonly string[]): Map<string, number> {
  const m = new Map<string, number>(names.map((n) => [n, 0]));
  for (const p of picks) m.set(p, (m.get(p) ?? 0) + 1);
  return m;
}

/** Options of {@link compareWithHaproxy}. */
export interface HaproxyComparisonOptions {
  readonly seed: Seed;
  /** Backends (default 4: s1…s4). */
  readonly servers?: number;
  /** Slowdown of each backend for the concurrent leastconn run (default: the last one 4× slower). */
  readonly slowdown?: readonly number[];
  /** Sequential requests for round robin and leastconn (default 20). */
  readonly requests?: number;
  /** Overlapping requests for leastconn, one every 10 ms (default 60). */
  readonly concurrentRequests?: number;
  /** Distinct URIs for the consistent-hash run (default 150). */
  readonly keys?: number;
}

/** What {@link compareWithHaproxy} measured. */
export interface HaproxyComparison {
  readonly servers: string[];
  /** Sequential requests: HAProxy's `roundrobin` and the kit's round robin. */
  readonly roundRobin: { readonly haproxy: string[]; readonly kit: string[] };
  /** Sequential requests (each ends before the next): HAProxy `leastconn` and the lecture's class. */
  readonly leastconnSequential: { readonly haproxy: Map<string, number>; readonly lecture: Map<string, number> };
  /** Overlapping requests on backends of different speeds: HAProxy `leastconn` and the kit's, replayed in simulated time. */
  readonly leastconnConcurrent: { readonly slowdown: Map<string, number>; readonly haproxy: Map<string, number>; readonly kit: Map<string, number>; readonly kitRoundRobin: Map<string, number> };
  /** `balance uri` + `hash-type consistent` vs the kit's ring (16 virtual nodes per server, like HAProxy's weight 1). */
  readonly uri: {
    readonly keys: number;
    readonly haproxy: Map<string, number>;
    readonly kit: Map<string, number>;
    readonly removed: string;
    /** Fraction of all keys that changed server when `removed` went to maintenance. */
    readonly haproxyMoved: number;
    readonly kitMoved: number;
    /** Keys that moved although their server stayed (0 for consistent hashing). */
    readonly haproxyMovedNeedlessly: number;
    readonly kitMovedNeedlessly: number;
  };
  /** Wall-clock milliseconds of each step (real time: varies from run to run). */
  readonly wallMs: Readonly<Record<'start' | 'roundRobin' | 'leastconnSequential' | 'leastconnConcurrent' | 'uri', number>>;
}

/**
 * Starts the backends and HAProxy, runs the four comparisons, stops everything (also on
 * failure). Throws `ServiceMissing` when haproxy is not installed.
 *
 * @example
 * const c = await compareWithHaproxy({ seed: 9 });
 * c.uri.haproxyMoved; // ≈ 1/4 of the keys, the removed server's share
 */
export async function compareWithHaproxy(options: HaproxyComparisonOptions): Promise<HaproxyComparison> {
  const rng = createRng(`${String(options.seed)}/haproxy`);
  const count = options.servers ?? 4;
  if (!Number.isInteger(count) || count < 2 || count > 16) throw new RangeError(`servers debe ser un entero entre 2 y 16, no ${String(count)}`);
  const names = Array.from({ length: count }, (_, i) => `s${i + 1}`);
  const slowdownList = options.slowdown ?? names.map((_, i) => (i === count - 1 ? 4 : 1));
  if (slowdownList.length !== count || slowdownList.some((s) => !(s >= 1))) throw new RangeError('slowdown: un factor ≥ 1 por servidor');
  for (const [name, value] of [['requests', options.requests], ['concurrentRequests', options.concurrentRequests], ['keys', options.keys]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 10_000)) throw new RangeError(`${name} debe ser un entero entre 1 y 10 000, no ${String(value)}`);
  }
  // Before any backend starts: without haproxy there is nothing to compare with.
  if (haproxyBinary() === undefined) throw new ServiceMissing('haproxy', 'haproxy', 'haproxy');
  const backends: Backend[] = [];
  let keepAlive: Agent | undefined;
  let lb: Awaited<ReturnType<typeof startHaproxy>> | undefined;
  let mark = Date.now();
  const wall = { start: 0, roundRobin: 0, leastconnSequential: 0, leastconnConcurrent: 0, uri: 0 };
  const lap = (step: keyof typeof wall) => { const now = Date.now(); wall[step] = now - mark; mark = now; };
  try {
    for (const [i, name] of names.entries()) backends.push(await startBackend(name, slowdownList[i] as number));
    const servers = backends.map((b) => ({ name: b.name, port: b.port }));
    lb = await startHaproxy([
      { name: 'rr', balance: 'roundrobin', servers },
      { name: 'lc', balance: 'leastconn', servers },
      { name: 'uri', balance: 'uri-consistent', servers },
    ]);
    const port = (pool: string) => lb?.ports.get(pool) as number;
    lap('start');
    const requests = options.requests ?? 20;

    // 1. Round robin, one request after another.
    const rrHaproxy: string[] = [];
    for (let i = 0; i < requests; i++) rrHaproxy.push(await fetchName(port('rr'), `/r${i}`));
    lap('roundRobin');
    const rrKit = new RoundRobinBalancer(names);
    const rrKitPicks = Array.from({ length: requests }, () => { const s = rrKit.getServer(); rrKit.releaseServer(s); return s; });

    // 2. Least connections, one request after another: every server is idle at each pick.
    const lcSequential: string[] = [];
    for (let i = 0; i < requests; i++) lcSequential.push(await fetchName(port('lc'), `/r${i}`));
    lap('leastconnSequential');

    // 3. Least connections with overlapping requests on servers of different speeds.
    // Long enough (50–150 ms, one every 10 ms) that concurrency, not the machine's jitter, decides.
    const concurrent = Array.from({ length: options.concurrentRequests ?? 60 }, (_, i) => ({ startMs: i * 10, durationMs: Math.round(rng.uniform(50, 150)) }));
    const lcConcurrent = await scheduled(concurrent, (r) => fetchName(port('lc'), `/c?ms=${r.durationMs}`));
    lap('leastconnConcurrent');
    const slowdown = new Map(names.map((n, i) => [n, slowdownList[i] as number]));
    const kitLc = replayRequests(new LeastConnectionsBalancer(names), concurrent, { slowdown });
    const kitRr = replayRequests(new RoundRobinBalancer(names), concurrent, { slowdown });

    // 4. Consistent hashing on the URI, then one server into maintenance.
    const keyCount = options.keys ?? 150;
    const paths = Array.from({ length: keyCount }, (_, i) => `/objeto/${i}-${rng.int(0, 1_000_000)}`);
    // Keep-alive towards HAProxy (it balances every request; `http-server-close` closes the server side).
    keepAlive = new Agent({ keepAlive: true, maxSockets: 8 });
    const agent = keepAlive;
    const jobs = (list: readonly string[]) => list.map((p) => () => fetchName(port('uri'), p, agent));
    const before = await inBatches(jobs(paths), 8);
    const removed = names[Math.min(1, count - 1)] as string;
    await lb.setServerState('uri', removed, 'maint');
    const after = await inBatches(jobs(paths), 8);
    lap('uri');
    const ring = new ConsistentHashRing(names, { virtualNodes: 16 });
    const kitBefore = paths.map((p) => ring.lookup(p));
    ring.remove(removed);
    const kitAfter = paths.map((p) => ring.lookup(p));
    const moved = (a: readonly string[], b: readonly string[]) => a.filter((s, i) => s !== b[i]).length / a.length;
    const needless = (a: readonly string[], b: readonly string[]) => a.filter((s, i) => s !== removed && s !== b[i]).length;
    return {
      servers: names,
      roundRobin: { haproxy: rrHaproxy, kit: rrKitPicks },
      leastconnSequential: { haproxy: counts(names, lcSequential), lecture: counts(['S1', 'S2', 'S3'], lectureLeastConnectionsDemo(requests)) },
      leastconnConcurrent: { slowdown, haproxy: counts(names, lcConcurrent), kit: kitLc.countByServer, kitRoundRobin: kitRr.countByServer },
      uri: {
        keys: keyCount, haproxy: counts(names, before), kit: counts(names, kitBefore), removed,
        haproxyMoved: moved(before, after), kitMoved: moved(kitBefore, kitAfter),
        haproxyMovedNeedlessly: needless(before, after), kitMovedNeedlessly: needless(kitBefore, kitAfter),
      },
      wallMs: wall,
    };
  } finally {
    keepAlive?.destroy();
    try {
      if (lb !== undefined) await lb.stop();
    } finally {
      await Promise.all(backends.map((b) => new Promise<void>((resolve) => { b.server.closeAllConnections(); b.server.close(() => resolve()); })));
    }
  }
}
