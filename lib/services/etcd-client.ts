// @real-io: HTTP requests to etcd's JSON gateway on 127.0.0.1, with timeouts.
/**
 * A small etcd v3 client over the JSON gateway (`/v3/kv/put`, `/v3/kv/range`, `/v3/kv/txn`,
 * leases, `/v3/lock`, `/v3/election`, `/v3/maintenance/status`) with node:http: keys and
 * values are base64 inside, plain strings outside. Loopback endpoints only. Errors say
 * whether the request surely did not happen (`'unavailable'`: refused before sending) or
 * may have (`'timeout'`), which is what a history needs to record `fail` vs `info`.
 */
import { request } from 'node:http';

/** What went wrong with an etcd request. */
export type EtcdErrorKind = 'unavailable' | 'timeout' | 'server';

/** An etcd request that failed; `kind` says whether it may have taken effect (`'timeout'`, `'server'`) or surely not (`'unavailable'`). */
export class EtcdError extends Error {
  constructor(readonly kind: EtcdErrorKind, message: string, readonly endpoint: string) {
    super(message);
    this.name = 'EtcdError';
  }
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string | undefined) => (text === undefined ? undefined : Buffer.from(text, 'base64').toString('utf8'));
const num = (x: unknown) => (x === undefined ? 0 : Number(x));

interface Header {
  readonly revision?: string;
  readonly member_id?: string;
  readonly raft_term?: string;
}

/** The client returned by {@link etcdClient}. */
export interface EtcdClient {
  put(key: string, value: string, opts?: { lease?: string; endpoint?: string }): Promise<{ revision: number }>;
  get(key: string, opts?: { serializable?: boolean; endpoint?: string }): Promise<{ value?: string; modRevision?: number; revision: number }>;
  /** Compare-and-swap in one transaction: `from` undefined means "the key does not exist". */
  cas(key: string, from: string | undefined, to: string, opts?: { endpoint?: string }): Promise<{ succeeded: boolean; revision: number }>;
  leaseGrant(ttlSeconds: number): Promise<string>;
  leaseKeepAlive(id: string): Promise<void>;
  leaseRevoke(id: string): Promise<void>;
  lock(name: string, lease: string): Promise<{ key: string; revision: number }>;
  unlock(key: string): Promise<void>;
  campaign(name: string, lease: string, value: string): Promise<{ key: string; revision: number }>;
  status(endpoint: string): Promise<{ leader: string; memberId: string; raftTerm: number }>;
  /** POSTs any gateway path (e.g. `/v3/cluster/member/list`) to one endpoint and returns the parsed JSON. */
  call(endpoint: string, path: string, body: unknown): Promise<Record<string, unknown>>;
}

/**
 * An etcd v3 client for `endpoints` (`http://127.0.0.1:PORT`). Each call tries the endpoints
 * in turn, starting with the one that last answered, moving on only when one refuses the
 * connection (so a request is never sent twice); a timeout (default 2,000 ms) is an
 * `EtcdError` of kind `'timeout'`. `opts.endpoint` pins a call to one member.
 *
 * @example
 * const etcd = etcdClient(cluster.endpoints());
 * await etcd.put('x', '1');
 * (await etcd.get('x')).value;              // '1'
 * (await etcd.cas('x', '1', '2')).succeeded; // true
 */
export function etcdClient(endpoints: readonly string[], options: { timeoutMs?: number } = {}): EtcdClient {
  if (endpoints.length === 0) throw new RangeError('etcdClient: hace falta al menos un endpoint');
  for (const e of endpoints) if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(e)) throw new RangeError(`etcdClient: solo endpoints http://127.0.0.1:PUERTO, no «${e}»`);
  const timeoutMs = options.timeoutMs ?? 2_000;
  let preferred = 0;

  const post = (endpoint: string, path: string, body: unknown) => postJson(endpoint, path, body, timeoutMs);
  async function call(path: string, body: unknown, pinned?: string): Promise<Record<string, unknown>> {
    if (pinned !== undefined) return post(pinned, path, body);
    let last: unknown;
    for (let k = 0; k < endpoints.length; k++) {
      const i = (preferred + k) % endpoints.length;
      try {
        const answer = await post(endpoints[i] as string, path, body);
        preferred = i;
        return answer;
      } catch (error) {
        if (!(error instanceof EtcdError) || error.kind !== 'unavailable') throw error;
        last = error;
      }
    }
    throw last;
  }
  const revisionOf = (r: Record<string, unknown>) => num((r.header as Header | undefined)?.revision);

  return {
    async put(key, value, opts = {}) {
      const r = await call('/v3/kv/put', { key: b64(key), value: b64(value), ...(opts.lease ? { lease: opts.lease } : {}) }, opts.endpoint);
      return { revision: revisionOf(r) };
    },
    async get(key, opts = {}) {
      const r = await call('/v3/kv/range', { key: b64(key), ...(opts.serializable ? { serializable: true } : {}) }, opts.endpoint);
      const kv = (r.kvs as { value?: string; mod_revision?: string }[] | undefined)?.[0];
      return { ...(kv === undefined ? {} : { value: unb64(kv.value) ?? '', modRevision: num(kv.mod_revision) }), revision: revisionOf(r) };
    },
    async cas(key, from, to, opts = {}) {
      const compare = from === undefined
        ? { key: b64(key), target: 'CREATE', result: 'EQUAL', create_revision: '0' }
        : { key: b64(key), target: 'VALUE', result: 'EQUAL', value: b64(from) };
      const r = await call('/v3/kv/txn', { compare: [compare], success: [{ request_put: { key: b64(key), value: b64(to) } }] }, opts.endpoint);
      return { succeeded: r.succeeded === true, revision: revisionOf(r) };
    },
    async leaseGrant(ttlSeconds) {
      const r = await call('/v3/lease/grant', { TTL: String(ttlSeconds) });
      return String(r.ID);
    },
    async leaseKeepAlive(id) {
      await call('/v3/lease/keepalive', { ID: id });
    },
    async leaseRevoke(id) {
      await call('/v3/lease/revoke', { ID: id });
    },
    async lock(name, lease) {
      const r = await call('/v3/lock/lock', { name: b64(name), lease });
      return { key: unb64(r.key as string) ?? '', revision: revisionOf(r) };
    },
    async unlock(key) {
      await call('/v3/lock/unlock', { key: b64(key) });
    },
    async campaign(name, lease, value) {
      const r = await call('/v3/election/campaign', { name: b64(name), lease, value: b64(value) });
      const leader = r.leader as { key?: string; rev?: string } | undefined;
      return { key: unb64(leader?.key) ?? '', revision: num(leader?.rev) };
    },
    async status(endpoint) {
      const r = await post(endpoint, '/v3/maintenance/status', {});
      const header = r.header as Header | undefined;
      return { leader: String(r.leader ?? '0'), memberId: String(header?.member_id ?? '0'), raftTerm: num(r.raftTerm ?? header?.raft_term) };
    },
    call: (endpoint, path, body) => post(endpoint, path, body),
  };
}

/** One POST of JSON to the gateway; resolves with the parsed answer, rejects with an {@link EtcdError}. */
function postJson(endpoint: string, path: string, body: unknown, timeoutMs: number): Promise<Record<string, unknown>> {
  const url = new URL(path, endpoint);
  const payload = JSON.stringify(body);
  return new Promise((resolveAnswer, reject) => {
    let sent = false;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(new EtcdError('timeout', `respuesta cortada: ${e.message}`, endpoint)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          reject(new EtcdError('server', `respuesta no JSON de ${endpoint}${path}: ${text.slice(0, 200)}`, endpoint));
          return;
        }
        if ((res.statusCode ?? 500) >= 400 || typeof parsed.error === 'string') reject(new EtcdError('server', `etcd ${endpoint}${path}: ${String(parsed.error ?? parsed.message ?? res.statusCode)}`, endpoint));
        else resolveAnswer(parsed);
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new EtcdError('timeout', `sin respuesta de ${endpoint}${path} en ${timeoutMs} ms`, endpoint)));
    req.on('socket', (socket) => socket.on('connect', () => (sent = true)));
    req.on('error', (error) => {
      if (error instanceof EtcdError) reject(error);
      else reject(new EtcdError(sent ? 'timeout' : 'unavailable', `${endpoint}${path}: ${error.message}`, endpoint));
    });
    req.end(payload);
  });
}
