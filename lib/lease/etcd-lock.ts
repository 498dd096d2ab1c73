// @real-io: spawns `etcdctl lock` processes, serves the fenced store over HTTP on 127.0.0.1 and waits on real time.
/**
 * The chapter's real experiment with etcd's lease-based lock (`etcdctl lock --ttl`): two OS
 * processes contend for one lock; each runs, while it holds it, a small Node program that gets
 * the lock's revision from etcd (`ETCD_LOCK_REV`) and writes to a storage service with it as
 * fencing token. Process A gets the lock and is frozen with SIGSTOP (its keep-alives stop) for
 * longer than the lease's TTL; etcd expires the lease and deletes A's key, B gets the lock with a
 * higher revision and writes; A is resumed, still believes it holds the lock, and writes with
 * its old revision: the fenced store refuses it, where a store without fencing would have let
 * it overwrite B's value.
 */
import { findBinary, missingServiceMessage, serviceDataDir, startService } from '../services/process';
import type { ServiceHandle } from '../services/process';
import { startFencedStore, waitForLog } from './fenced-store';
import type { FencedStoreWrite } from './fenced-store';

export type { FencedStoreWrite } from './fenced-store';

/** What the experiment saw. */
export interface EtcdLockResult {
  /** The revisions (fencing tokens) A and B got from etcd. */
  readonly tokenA: number;
  readonly tokenB: number;
  /** Every write, in arrival order. */
  readonly writes: readonly FencedStoreWrite[];
  /** The fenced store's final value, and what an unfenced store (last write wins) would hold. */
  readonly fencedValue: string | null;
  readonly unfencedValue: string | null;
  /** A timeline for the notebook (Spanish). */
  readonly timeline: readonly { readonly atMs: number; readonly event: string }[];
}

/** Options of {@link etcdLockExperiment}. */
export interface EtcdLockOptions {
  /** The etcd client URLs (`http://127.0.0.1:port`). */
  readonly endpoints: readonly string[];
  /** Lease TTL of each `etcdctl lock` session, in s (default 2). */
  readonly ttlSeconds?: number;
  /** How long A stays frozen at least (default TTL + 0.5 s; it stays frozen until B has written). */
  readonly pauseMs?: number;
  /** The lock's name (default `cap07-cerrojo`). */
  readonly lockName?: string;
  /** Give up on any step after this long (default 20 s). */
  readonly stepTimeoutMs?: number;
}

// The program each holder runs under `etcdctl lock`: report the revision, work, write with it.
const CONTENDER = [
  "const http = require('node:http');",
  'const [name, port, workMs] = process.argv.slice(1);',
  'const token = Number(process.env.ETCD_LOCK_REV);',
  "console.log('LOCKED ' + name + ' ' + token);",
  'setTimeout(() => {',
  "  const req = http.request({ host: '127.0.0.1', port: Number(port), method: 'POST', path: '/write' }, (res) => {",
  "    res.resume(); res.on('end', () => { console.log('WROTE ' + name + ' ' + res.statusCode); process.exit(0); });",
  '  });',
  "  req.on('error', (e) => { console.log('WRITE-ERROR ' + name + ' ' + e.message); process.exit(1); });",
  '  req.end(JSON.stringify({ who: name, token, value: name + ' + "'@'" + ' + token }));',
  '}, Number(workMs));',
].join('\n');

/** Runs the experiment; throws `ServiceMissing`-style Spanish errors when etcdctl is absent. */
export async function etcdLockExperiment(options: EtcdLockOptions): Promise<EtcdLockResult> {
  const etcdctl = findBinary('etcdctl');
  if (etcdctl === undefined) throw new Error(missingServiceMessage('etcd', 'etcdctl', 'etcd-client'));
  const ttl = options.ttlSeconds ?? 2;
  const pauseMs = options.pauseMs ?? ttl * 1_000 + 500;
  const stepTimeoutMs = options.stepTimeoutMs ?? 20_000;
  const lockName = options.lockName ?? 'cap07-cerrojo';
  const t0 = Date.now();
  const now = () => Date.now() - t0;
  const timeline: { atMs: number; event: string }[] = [];
  const note = (event: string) => timeline.push({ atMs: now(), event });
  const store = await startFencedStore(now, note);
  const port = store.port;
  const contenders: ServiceHandle[] = [];
  const spawn = async (name: string, workMs: number) => {
    const handle = await startService({
      name: `contendiente-${name}`,
      command: etcdctl,
      args: [`--endpoints=${options.endpoints.join(',')}`, 'lock', `--ttl=${ttl}`, lockName, '--', process.execPath, '-e', CONTENDER, name, String(port), String(workMs)],
      dataDir: serviceDataDir(`etcd-lock-${name}`, port),
      ready: async () => true,
    });
    contenders.push(handle);
    return handle;
  };
  const waitFor = (handle: ServiceHandle, pattern: RegExp, what: string) => waitForLog(handle, pattern, what, stepTimeoutMs);
  try {
    const a = await spawn('A', 1_000);
    const tokenA = Number((await waitFor(a, /LOCKED A (\d+)/, 'el cerrojo de A'))[1]);
    note(`A obtiene el cerrojo (revisión ${tokenA}) y empieza a trabajar`);
    a.kill('SIGSTOP');
    note(`A se congela (SIGSTOP, como una pausa de GC) al menos ${pauseMs} ms y hasta que B escriba: deja de renovar su arrendamiento de ${ttl} s`);
    const b = await spawn('B', 100);
    note('B pide el cerrojo y espera');
    const tokenB = Number((await waitFor(b, /LOCKED B (\d+)/, 'el cerrojo de B'))[1]);
    note(`etcd caduca el arrendamiento de A; B obtiene el cerrojo (revisión ${tokenB})`);
    await waitFor(b, /WROTE B/, 'la escritura de B');
    const left = pauseMs - (now() - (timeline.find((e) => e.event.startsWith('A se congela'))?.atMs ?? 0));
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    a.kill('SIGCONT');
    note('A despierta (SIGCONT), cree que aún tiene el cerrojo y escribe');
    await waitFor(a, /WROTE A|WRITE-ERROR A/, 'la escritura de A');
    return { tokenA, tokenB, writes: store.writes, fencedValue: store.fencedValue(), unfencedValue: store.unfencedValue(), timeline };
  } finally {
    for (const handle of contenders) {
      handle.kill('SIGCONT');
      await handle.stop(1_000);
    }
    await store.close();
  }
}
