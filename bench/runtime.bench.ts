/**
 * Real-process runtime: the round-trip time of a message between two node processes
 * (lib/sim's ping-pong, unchanged, launched with lib/runtime), next to the reference measured
 * in the same run: a bare framed TCP echo between two processes over 127.0.0.1 (lib/net's
 * framing, no runtime), with a message of the same size.
 *
 * The runtime's figure is read from its own records (the shared monotonic clock of the node
 * processes): from the send of Ping k to the delivery of Pong k+n, over n round trips after a
 * warm-up. It includes everything the runtime adds per message: JSON encoding with the value
 * codec, the records each node sends to the launcher, the durable-store check after each step.
 * Rounds of reference and runtime runs alternate; the median ratio is reported.
 *
 * Run: `npm run bench -- runtime` (or `npx tsx bench/runtime.bench.ts`).
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { connectFramed, startFramedServer } from '../lib/net/index';
import { launchCluster } from '../lib/runtime/index';

const WARMUP = 300;
const TRIPS = 2_000;
const ROUNDS = 5;

/** Child mode: a framed echo server; prints its port. */
async function echoServer(): Promise<void> {
  const server = await startFramedServer({ onMessage: (m) => m });
  process.send?.(server.port);
  process.on('disconnect', () => process.exit(0));
}

/** The reference: µs per round trip of a framed message to an echo server in another process. */
async function bareEcho(): Promise<number> {
  const child = fork(__filename, ['--echo-server'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((resolve) => child.once('message', (p) => resolve(p as number)));
    const conn = await connectFramed(port);
    // About the size of a runtime frame carrying a Ping.
    const message = JSON.stringify({ k: 'n1.1.1234', t: 1234.567891, m: { type: 'Ping', seq: 1234 } });
    for (let i = 0; i < WARMUP; i++) {
      conn.send(message);
      await conn.receive();
    }
    const start = process.hrtime.bigint();
    for (let i = 0; i < TRIPS; i++) {
      conn.send(message);
      await conn.receive();
    }
    const us = Number(process.hrtime.bigint() - start) / 1e3 / TRIPS;
    await conn.close();
    return us;
  } finally {
    child.kill('SIGKILL');
  }
}

/** The runtime: µs per Ping→Pong round trip between two node processes, from their records. */
async function runtimeRoundTrip(): Promise<number> {
  const rounds = WARMUP + TRIPS;
  const cluster = await launchCluster<{ type: 'Ping' | 'Pong'; seq: number }>({
    module: join(__dirname, '..', 'lib', 'sim', 'examples', 'ping-pong'),
    factory: 'pingPong',
    args: [rounds],
    nodeIds: ['n1', 'n2'],
  });
  try {
    // An incremental predicate: the launcher shares the machine's two cores with the nodes.
    let scanned = 0;
    const lastPong = () => {
      const found = cluster.records.slice(scanned).some((r) => r.kind === 'deliver' && r.message.type === 'Pong' && r.message.seq === rounds);
      scanned = cluster.records.length;
      return found;
    };
    await cluster.waitFor(lastPong, { timeoutMs: 60_000 });
    const at = (type: 'Ping' | 'Pong', kind: 'send' | 'deliver', seq: number) => {
      const found = cluster.records.find((r) => r.kind === kind && r.message.type === type && r.message.seq === seq);
      if (found === undefined) throw new Error(`no ${kind} of ${type} ${seq}`);
      return found.timeMs;
    };
    return ((at('Pong', 'deliver', rounds) - at('Ping', 'send', WARMUP + 1)) * 1e3) / TRIPS;
  } finally {
    await cluster.stop();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function main(): Promise<void> {
  console.log(`Round trip of one message between two processes over 127.0.0.1 (${TRIPS} trips after ${WARMUP} of warm-up, ${ROUNDS} rounds).`);
  const rounds: { echoUs: number; runtimeUs: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push({ echoUs: await bareEcho(), runtimeUs: await runtimeRoundTrip() });
  const echoUs = median(rounds.map((r) => r.echoUs));
  const runtimeUs = median(rounds.map((r) => r.runtimeUs));
  const ratio = median(rounds.map((r) => r.runtimeUs / r.echoUs));
  console.log(`bare framed TCP echo (reference)      ${echoUs.toFixed(1)} µs per round trip (median of rounds)`);
  console.log(`lib/runtime ping-pong, node ↔ node    ${runtimeUs.toFixed(1)} µs per round trip (median; ratio ${ratio.toFixed(2)}x the echo)`);
}

if (process.argv.includes('--echo-server')) void echoServer();
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
