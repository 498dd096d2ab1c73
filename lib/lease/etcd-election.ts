// @real-io: spawns campaigning processes and an `etcdctl elect -l` observer, serves the fenced store on 127.0.0.1, waits on real time.
/**
 * The chapter's real leader election with etcd's lease-based election API: two or three OS
 * processes (A, B, C…) campaign for one election name, each with its own lease of `ttlSeconds`
 * that it renews every 500 ms; etcd makes leader the candidate whose key is oldest, and the
 * leader's key revision (`leader.rev`) is its fencing token. An `etcdctl elect -l` process
 * watches who leads. The leader A is frozen (SIGSTOP) past its TTL: its lease expires, etcd
 * deletes its key and B's campaign returns, with a higher revision; B writes to the fenced
 * store; A is resumed, still believes it leads, writes with its old revision and is refused.
 *
 * Why not `etcdctl elect NAME PROPOSAL` as the candidates: etcd 3.4's `elect` has no
 * TTL option (see `etcdctl elect --help`), so its session lease is the default 60 s (a 60 s
 * freeze per run); the candidates call the same API (`/v3/election/campaign` of the v3 JSON gateway) with a 2 s lease.
 */
import { findBinary, missingServiceMessage, serviceDataDir, startService } from '../services/process';
import type { ServiceHandle } from '../services/process';
import { etcdClient } from '../services/etcd-client';
import { startFencedStore, waitForLog } from './fenced-store';
import type { FencedStoreWrite } from './fenced-store';

/** What {@link etcdElectionExperiment} saw. */
export interface EtcdElectionResult {
  /** The candidates, in the order they campaigned (the first one leads first). */
  readonly candidates: readonly string[];
  /** Each leader with its key's revision (its fencing token), in the order they led. */
  readonly leaders: readonly { readonly who: string; readonly revision: number }[];
  /** The leader etcd reports (`/v3/election/leader`) after the failover, with its revision. */
  readonly reportedLeader: { readonly who: string; readonly revision: number } | null;
  /** The proposals `etcdctl elect -l` printed, in order (each change of leader). */
  readonly observed: readonly string[];
  /** Every write the fenced store received, in arrival order. */
  readonly writes: readonly FencedStoreWrite[];
  /** The fenced store's final value, and what an unfenced store (last write wins) would hold. */
  readonly fencedValue: string | null;
  readonly unfencedValue: string | null;
  /** A timeline for the notebook (Spanish). */
  readonly timeline: readonly { readonly atMs: number; readonly event: string }[];
}

/** Options of {@link etcdElectionExperiment}. */
export interface EtcdElectionOptions {
  /** The etcd client URLs (`http://127.0.0.1:port`). */
  readonly endpoints: readonly string[];
  /** Number of candidates, 2 or 3 (default 3). */
  readonly candidates?: number;
  /** Lease TTL of each candidate, in s (default 2). */
  readonly ttlSeconds?: number;
  /** The election's name (default `cap07-eleccion`). */
  readonly electionName?: string;
  /** Give up (stopping every process) when the whole run takes longer than this (default 20 s). */
  readonly timeoutMs?: number;
}

// Each candidate: grant a lease, renew it every 500 ms, campaign (blocks until it leads), then
// after workMs write to the store with the leader key's revision as token, and keep renewing.
const CANDIDATE = [
  "const http = require('node:http');",
  'const [name, storePort, endpointsCsv, election, ttl, workMs] = process.argv.slice(1);',
  "const endpoints = endpointsCsv.split(',');",
  "const b64 = (s) => Buffer.from(s).toString('base64');",
  'const post = (url, path, body) => new Promise((resolve, reject) => {',
  "  const req = http.request(new URL(path, url), { method: 'POST', agent: false }, (res) => {",
  "    let text = ''; res.on('data', (c) => (text += c)); res.on('end', () => { try { resolve({ status: res.statusCode, body: JSON.parse(text) }); } catch { resolve({ status: res.statusCode, body: {} }); } });",
  '  });',
  "  req.on('error', reject); req.end(JSON.stringify(body));",
  '});',
  'const etcd = async (path, body) => { let last; for (const e of endpoints) { try { return (await post(e, path, body)).body; } catch (err) { last = err; } } throw last; };',
  '(async () => {',
  "  const lease = String((await etcd('/v3/lease/grant', { TTL: ttl })).ID);",
  "  setInterval(() => { etcd('/v3/lease/keepalive', { ID: lease }).catch(() => {}); }, 500);",
  "  console.log('CAMPAIGN ' + name + ' ' + lease);",
  "  const r = await etcd('/v3/election/campaign', { name: b64(election), lease, value: b64(name) });",
  "  const rev = Number(r.leader && r.leader.rev);",
  "  if (!Number.isSafeInteger(rev)) { console.log('CAMPAIGN-ERROR ' + name + ' ' + JSON.stringify(r)); process.exit(1); }",
  "  console.log('LEADER ' + name + ' ' + rev);",
  '  setTimeout(() => {',
  "    post('http://127.0.0.1:' + storePort, '/write', { who: name, token: rev, value: name + '@' + rev })",
  "      .then((a) => console.log('WROTE ' + name + ' ' + a.status), (e) => console.log('WRITE-ERROR ' + name + ' ' + e.message));",
  '  }, Number(workMs));',
  "})().catch((e) => { console.log('CAMPAIGN-ERROR ' + name + ' ' + e.message); process.exit(1); });",
].join('\n');

/**
 * Runs the election experiment on a running cluster (about TTL + 2 s); throws a Spanish error
 * when etcdctl is absent or the run does not finish within `timeoutMs`. Every process it starts is stopped
 * before it returns or throws.
 *
 * @example
 * const etcd = await startEtcdCluster({ members: 3 });
 * try {
 *   const r = await etcdElectionExperiment({ endpoints: etcd.endpoints() });
 *   r.leaders; // [{ who: 'A', revision: 8 }, { who: 'B', revision: 9 }]
 * } finally { await etcd.stop(); }
 */
export async function etcdElectionExperiment(options: EtcdElectionOptions): Promise<EtcdElectionResult> {
  const etcdctl = findBinary('etcdctl');
  if (etcdctl === undefined) throw new Error(missingServiceMessage('etcd', 'etcdctl', 'etcd-client'));
  const count = options.candidates ?? 3;
  if (count !== 2 && count !== 3) throw new RangeError(`etcdElectionExperiment: candidates debe ser 2 o 3, no ${count}`);
  const ttl = options.ttlSeconds ?? 2;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 10) throw new RangeError(`etcdElectionExperiment: ttlSeconds debe ser un entero de 1 a 10, no ${ttl}`);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const election = options.electionName ?? 'cap07-eleccion';
  const endpoints = options.endpoints.join(',');
  const names = ['A', 'B', 'C'].slice(0, count);
  const t0 = Date.now();
  const deadline = t0 + timeoutMs;
  const now = () => Date.now() - t0;
  const timeline: { atMs: number; event: string }[] = [];
  const note = (event: string) => timeline.push({ atMs: now(), event });
  const client = etcdClient(options.endpoints, { timeoutMs: 2_000 });
  const store = await startFencedStore(now, note);
  const handles: ServiceHandle[] = [];
  const start = async (name: string, command: string, args: readonly string[]) => {
    const handle = await startService({ name, command, args, dataDir: serviceDataDir(`etcd-elect-${name}`, store.port), ready: async () => true, env: { ETCDCTL_API: '3' } });
    handles.push(handle);
    return handle;
  };
  const waitFor = (handle: ServiceHandle, pattern: RegExp, what: string) => waitForLog(handle, pattern, what, Math.max(0, deadline - Date.now()));
  const candidate = (name: string, workMs: number) =>
    start(`candidato-${name}`, process.execPath, ['-e', CANDIDATE, name, String(store.port), endpoints, election, String(ttl), String(workMs)]);
  const leaderNow = async () => {
    const r = await client.call(options.endpoints[0] ?? '', '/v3/election/leader', { name: Buffer.from(election).toString('base64') });
    const kv = r.kv as { value?: string; create_revision?: string } | undefined;
    return kv === undefined ? null : { who: Buffer.from(kv.value ?? '', 'base64').toString('utf8'), revision: Number(kv.create_revision) };
  };
  try {
    const observer = await start('observador', etcdctl, [`--endpoints=${endpoints}`, 'elect', '-l', election]);
    const leaders: { who: string; revision: number }[] = [];
    const a = await candidate('A', 1_000);
    const revA = Number((await waitFor(a, /LEADER A (\d+)/, 'el liderazgo de A'))[1]);
    a.kill('SIGSTOP');
    leaders.push({ who: 'A', revision: revA });
    note(`A gana la elección (revisión de su clave ${revA}) y se congela enseguida (SIGSTOP): deja de renovar su arrendamiento de ${ttl} s`);
    const others: ServiceHandle[] = [];
    for (const name of names.slice(1)) {
      const h = await candidate(name, 100);
      await waitFor(h, new RegExp(`CAMPAIGN ${name} `), `la candidatura de ${name}`);
      others.push(h);
      note(`${name} se presenta y espera (su clave es más nueva que la de A)`);
    }
    const b = others[0] as ServiceHandle;
    const revB = Number((await waitFor(b, /LEADER B (\d+)/, 'el liderazgo de B'))[1]);
    leaders.push({ who: 'B', revision: revB });
    note(`etcd caduca el arrendamiento de A y borra su clave; B pasa a ser líder (revisión ${revB})`);
    await waitFor(b, /WROTE B/, 'la escritura de B');
    const reportedLeader = await leaderNow();
    note(`/v3/election/leader dice: líder ${reportedLeader?.who ?? 'ninguno'} (revisión ${reportedLeader?.revision ?? '—'})`);
    await waitFor(observer, /(^|\n)B\s*(\n|$)/, 'el cambio de líder en etcdctl elect -l');
    a.kill('SIGCONT');
    note('A despierta (SIGCONT), cree que sigue siendo líder y escribe con su revisión');
    await waitFor(a, /WROTE A|WRITE-ERROR A/, 'la escritura de A');
    for (const [i, h] of others.slice(1).entries()) {
      if (/LEADER/.test(h.logTail(200))) throw new Error(`etcd: ${names[i + 2] ?? '?'} también se cree líder. Registro:\n${h.logTail(20)}`);
    }
    const observed = observer.logTail(200).split('\n').map((l) => l.trim()).filter((l) => names.includes(l));
    return { candidates: names, leaders, reportedLeader, observed, writes: store.writes, fencedValue: store.fencedValue(), unfencedValue: store.unfencedValue(), timeline };
  } finally {
    for (const handle of handles) {
      handle.kill('SIGCONT');
      await handle.stop(1_000);
    }
    await store.close();
  }
}
