/**
 * Balancers' speed (chapter 09, part B), each figure next to a reference measured in the same
 * run, in rounds that alternate reference and measured code; the median round is reported.
 *
 * - picks per second of every policy (getServer + releaseServer) against a bare loop that
 *   only advances an index modulo N (the least any balancer can do);
 * - the queueing model's simulated requests per second, checkers off and on, against the bare
 *   simulator's ping-pong deliveries per second (4 events per request in the model);
 * - requests per second through real HAProxy (sequential, one connection per request) against
 *   the same requests sent straight to a backend (skipped without haproxy).
 *
 * Run: `npx tsx bench/balancers.bench.ts` (or `npm run bench -- balancers`).
 */
import { createServer, get } from 'node:http';
import type { Server } from 'node:http';
import { createBalancer, POLICY_NAMES, runQueueing } from '../lib/balance/index';
import { createRng } from '../lib/random/index';
import { latency, pingPong, Simulation } from '../lib/sim/index';
import { haproxyBinary, startHaproxy } from '../lib/services/haproxy';

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const now = () => performance.now();

function barePicks(n: number, picks: number): number {
  let i = 0;
  let sink = 0;
  const t = now();
  for (let k = 0; k < picks; k++) { i = (i + 1) % n; sink += i; }
  const ms = now() - t;
  if (sink < 0) console.log(sink);
  return (picks / ms) * 1000;
}

function policyPicks(policy: (typeof POLICY_NAMES)[number], n: number, picks: number): number {
  const servers = Array.from({ length: n }, (_, i) => `s${i}`);
  const b = createBalancer(policy, { servers, rng: createRng(1), weights: servers.map((_, i) => 1 + (i % 3)) });
  const t = now();
  for (let k = 0; k < picks; k++) b.releaseServer(b.getServer());
  return (picks / (now() - t)) * 1000;
}

function pingPongEventsPerS(): number {
  const sim = new Simulation({ seed: 1, trace: false, nodeIds: ['a', 'b'], network: { latency: latency.constant(1) }, createNode: pingPong(20_000) });
  const t = now();
  sim.runUntilIdle({ limitMs: 1e9 });
  return (sim.stats.events / (now() - t)) * 1000;
}

function queueingRequestsPerS(checkers: boolean): number {
  const t = now();
  runQueueing({ seed: 1, policy: 'least-connections', speeds: [1, 1, 1, 1, 2, 2], utilisation: 0.9, requests: 5_000, checkers });
  return (5_000 / (now() - t)) * 1000;
}

function fetchOnce(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => { res.resume(); res.on('end', () => resolve()); }).on('error', reject);
  });
}

async function sequentialPerS(port: number, requests: number): Promise<number> {
  const t = now();
  for (let i = 0; i < requests; i++) await fetchOnce(port);
  return (requests / (now() - t)) * 1000;
}

async function main(): Promise<void> {
  for (const n of [3, 100]) {
    const rows: string[] = [];
    for (const policy of POLICY_NAMES) {
      const ratios: number[] = [];
      const rates: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const bare = barePicks(n, 1_000_000);
        const rate = policyPicks(policy, n, 200_000);
        ratios.push(bare / rate);
        rates.push(rate);
      }
      rows.push(`  ${policy.padEnd(22)} ${(median(rates) / 1e6).toFixed(2)} M picks/s, ${median(ratios).toFixed(1)} × the bare index loop's time per pick`);
    }
    console.log(`Picks with release, ${n} servers:\n${rows.join('\n')}`);
  }

  const q: { off: number; on: number; pp: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) q.push({ pp: pingPongEventsPerS(), off: queueingRequestsPerS(false), on: queueingRequestsPerS(true) });
  const pp = median(q.map((x) => x.pp));
  const off = median(q.map((x) => x.off));
  const on = median(q.map((x) => x.on));
  console.log(`Queueing model (6 servers, 90 %, 5,000 requests): ${off.toFixed(0)} requests/s with checkers off, ${on.toFixed(0)} with them on; ` +
    `bare ping-pong ${pp.toFixed(0)} events/s, so a request costs ${(pp / off).toFixed(1)} ping-pong events (≈ 4 events each)`);

  if (haproxyBinary() === undefined) {
    console.log('HAProxy: skipped (not installed; sudo apt-get install haproxy)');
    return;
  }
  const backend: Server = createServer((_req, res) => { res.writeHead(200, { connection: 'close' }); res.end('s1'); });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', () => resolve()));
  const port = (backend.address() as { port: number }).port;
  const lb = await startHaproxy([{ name: 'rr', balance: 'roundrobin', servers: [{ name: 's1', port }] }]);
  try {
    const ratios: number[] = [];
    const direct: number[] = [];
    const via: number[] = [];
    await sequentialPerS(port, 100);
    for (let r = 0; r < ROUNDS; r++) {
      const d = await sequentialPerS(port, 300);
      const h = await sequentialPerS(lb.ports.get('rr') as number, 300);
      direct.push(d);
      via.push(h);
      ratios.push(d / h);
    }
    console.log(`HAProxy: ${median(via).toFixed(0)} sequential requests/s through it, ${median(direct).toFixed(0)} straight to the backend; ` +
      `time per request through HAProxy = ${median(ratios).toFixed(2)} × direct`);
  } finally {
    await lb.stop();
    backend.close();
  }
}

void main();
