/**
 * The NFS-style server's speed, each figure next to a reference measured in the same run.
 *
 * 1. Real HTTP on 127.0.0.1: CALLS sequential GETATTR calls from an NfsClient (retransmission
 *    layer, NFS error mapping, server-side handle parsing and call log) against the same number of
 *    sequential calls of lib/rpc's lecture method `add` through a bare `JsonRpcHttpClient` to a
 *    `startHttpServer` (chapter 01's JSON-RPC over HTTP with nothing on top).
 * 2. In process: `cat` (open + read + close) of an unchanged 1 KiB file with the default mount
 *    (close-to-open: one GETATTR, data from the cache) and with `noac` (two GETATTRs), against a
 *    `Map.get` of the same text behind an `await` (the floor of a local read).
 *
 * Rounds alternate reference and measured runs; the median round's ratio is reported.
 * Run: `npx tsx bench/nfs.bench.ts` (or `npm run bench -- nfs`).
 */
import { LINUX_DEFAULTS, NOAC } from '../lib/nfs/cache-policy';
import type { CachePolicy } from '../lib/nfs/cache-policy';
import { NfsClient } from '../lib/nfs/client';
import { manualClock } from '../lib/nfs/clock';
import { httpTransport, startNfsHttpServer } from '../lib/nfs/http';
import { NfsServer } from '../lib/nfs/server';
import { NfsStore } from '../lib/nfs/store';
import { inProcessTransport } from '../lib/nfs/transport';
import { createLectureDispatcher } from '../lib/rpc/lecture';
import { startHttpServer } from '../lib/rpc/http-server';
import { JsonRpcHttpClient } from '../lib/rpc/http-client';

const CALLS = 2_000;
const CATS = 20_000;
const ROUNDS = 5;
const median = <T extends { ratio: number }>(xs: T[]) => [...xs].sort((a, b) => a.ratio - b.ratio)[Math.floor(xs.length / 2)] as T;

async function nfsGetattrs(): Promise<number> {
  const clock = manualClock();
  const server = new NfsServer({ store: new NfsStore({ clock: clock.now }) });
  const front = await startNfsHttpServer({ server });
  const client = new NfsClient({ name: 'bench', transport: httpTransport(front.url), clock: clock.now });
  try {
    const root = await client.mount();
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i++) await client.rpc('GETATTR', { handle: root });
    return performance.now() - t0;
  } finally {
    client.disconnect();
    await front.close();
  }
}

async function bareRpc(): Promise<number> {
  const server = await startHttpServer({ dispatcher: createLectureDispatcher() });
  const client = new JsonRpcHttpClient({ url: server.url, retries: 0 });
  try {
    await client.call('add', { a: 1, b: 2 });
    const t0 = performance.now();
    for (let i = 0; i < CALLS; i++) await client.call('add', { a: i, b: 2 });
    return performance.now() - t0;
  } finally {
    client.close();
    await server.close();
  }
}

async function cats(policy: CachePolicy): Promise<number> {
  const clock = manualClock();
  const server = new NfsServer({ store: new NfsStore({ clock: clock.now }) });
  const client = new NfsClient({ name: 'bench', transport: inProcessTransport(server), clock: clock.now, policy });
  await client.writeFile('f', 'x'.repeat(1_024));
  client.log.length = 0;
  const t0 = performance.now();
  for (let i = 0; i < CATS; i++) {
    clock.advance(1);
    await client.readFile('f');
    if (client.log.length > 1_000) client.log.length = 0;
  }
  return performance.now() - t0;
}

async function mapReads(): Promise<number> {
  const files = new Map([['f', 'x'.repeat(1_024)]]);
  const read = async (name: string) => files.get(name) ?? '';
  let total = 0;
  const t0 = performance.now();
  for (let i = 0; i < CATS; i++) total += (await read('f')).length;
  if (total < 0) console.log(total);
  return performance.now() - t0;
}

async function main(): Promise<void> {
  await nfsGetattrs();
  await bareRpc();
  const http: { ratio: number; nfs: number; bare: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const bare = await bareRpc();
    const nfs = await nfsGetattrs();
    http.push({ ratio: nfs / bare, nfs: (CALLS / nfs) * 1000, bare: (CALLS / bare) * 1000 });
  }
  const h = median(http);
  console.log(`HTTP on 127.0.0.1, ${CALLS} sequential calls: NFS GETATTR ${h.nfs.toFixed(0)} calls/s; bare lib/rpc 'add' ` +
    `${h.bare.toFixed(0)} calls/s; NFS time / bare JSON-RPC time = ${h.ratio.toFixed(2)}`);
  await cats(LINUX_DEFAULTS);
  const local: { ratio: number; cto: number; noac: number; map: number; noacRatio: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const map = await mapReads();
    const cto = await cats(LINUX_DEFAULTS);
    const noac = await cats(NOAC);
    local.push({ ratio: cto / map, noacRatio: noac / map, cto: (CATS / cto) * 1000, noac: (CATS / noac) * 1000, map: (CATS / map) * 1000 });
  }
  const l = median(local);
  console.log(`In process, cat of an unchanged 1 KiB file: default mount ${l.cto.toFixed(0)} cats/s, noac ${l.noac.toFixed(0)} cats/s; ` +
    `awaited Map.get ${l.map.toFixed(0)} reads/s; cost = ${l.ratio.toFixed(0)} × (default) and ${l.noacRatio.toFixed(0)} × (noac) a local read`);
  console.log(`(median of ${ROUNDS} rounds)`);
}

void main();
