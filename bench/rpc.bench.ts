/**
 * JSON-RPC over HTTP: the kit's server against two popular npm servers (json-rpc-2.0 on
 * node:http, jayson) and a bare node:http server answering fixed JSON (the reference).
 * Each server runs in its own process and reports its own CPU time (process.cpuUsage);
 * this process is the load generator: raw keep-alive HTTP/1.1 clients, sequential, 32
 * concurrent flat out, and 32 paced to a fixed rate. CPU per request at the paced rate is
 * the headline figure: steadier on a 2-core machine, and the same load for every server.
 * Servers run compiled to plain JavaScript on bare node, pinned to one core (taskset).
 *
 * Run: npx tsx bench/rpc.bench.ts
 */
import { fork, spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';

type ServerKind = 'node:http' | 'kit' | 'json-rpc-2.0' | 'jayson';
const KINDS: ServerKind[] = ['node:http', 'kit', 'json-rpc-2.0', 'jayson'];
const BODY = '{"jsonrpc":"2.0","method":"add","params":{"a":10,"b":20},"id":1}';
const FIXED = '{"jsonrpc":"2.0","result":30,"id":1}';
const ROUNDS = 6;
const SEQUENTIAL_MS = 400;
const CONCURRENT_MS = 600;
const CONNECTIONS = 32;
const PACED_RATE = 6000;
const PACED_MS = 700;

// ---------- server side (a child process) ----------

async function serve(kind: ServerKind): Promise<void> {
  let requests = 0;
  let server: http.Server;
  if (kind === 'node:http') {
    server = http.createServer((req, res) => {
      req.on('data', () => undefined);
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(FIXED) });
        res.end(FIXED);
      });
    });
  } else if (kind === 'kit') {
    const { createLectureDispatcher, createRequestListener } = await import('../lib/rpc/index');
    server = http.createServer(createRequestListener(createLectureDispatcher()));
  } else if (kind === 'json-rpc-2.0') {
    const { JSONRPCServer } = await import('json-rpc-2.0');
    const rpc = new JSONRPCServer();
    rpc.addMethod('add', ({ a, b }: { a: number; b: number }) => a + b);
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        rpc.receive(JSON.parse(Buffer.concat(chunks).toString())).then((response) => {
          if (!response) {
            res.writeHead(204);
            res.end();
            return;
          }
          const text = JSON.stringify(response);
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
          res.end(text);
        });
      });
    });
  } else {
    const jayson = (await import('jayson')).default;
    server = jayson
      .server({ add: (args: { a: number; b: number }, callback: (e: null, r: number) => void) => callback(null, args.a + args.b) })
      .http();
  }
  server.on('request', () => requests++);
  server.listen(0, '127.0.0.1', () => {
    process.send!({ type: 'ready', port: (server.address() as net.AddressInfo).port });
  });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      process.send!({ type: 'stats', cpuMicros: cpu.user + cpu.system, requests });
    } else if (message.type === 'stop') {
      server.close();
      server.closeAllConnections();
      process.exit(0);
    }
  });
}

// ---------- load generator (this process) ----------

const REQUEST = Buffer.from(
  `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`,
);

/** One keep-alive connection sending requests back to back until `deadline`; resolves with the count. */
function drive(port: number, deadline: number, check: (body: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let done = 0;
    socket.on('connect', () => socket.write(REQUEST));
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        const head = buffer.subarray(0, end).toString('latin1');
        const match = /content-length:\s*(\d+)/i.exec(head);
        const length = match ? Number(match[1]) : 0;
        if (buffer.length < end + 4 + length) return;
        if (done === 0) check(buffer.subarray(end + 4, end + 4 + length).toString());
        buffer = buffer.subarray(end + 4 + length);
        done++;
        if (Date.now() >= deadline) {
          socket.destroy();
          resolve(done);
          return;
        }
        socket.write(REQUEST);
      }
    });
  });
}

/**
 * 32 keep-alive connections paced to a fixed total rate: every server sees the same arrival
 * pattern, so CPU per request compares work, not how many requests one wake-up happened to
 * batch (which, flat out, favours whichever server is slower).
 */
function paced(port: number, connections: number, ratePerSecond: number, durationMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const idle: net.Socket[] = [];
    const sockets: net.Socket[] = [];
    let sent = 0;
    let answered = 0;
    const started = Date.now();
    for (let i = 0; i < connections; i++) {
      const socket = net.connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let buffer: Buffer = Buffer.alloc(0);
      socket.on('error', reject);
      socket.on('connect', () => idle.push(socket));
      socket.on('data', (chunk: Buffer) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        const end = buffer.indexOf('\r\n\r\n');
        if (end === -1) return;
        const match = /content-length:\s*(\d+)/i.exec(buffer.subarray(0, end).toString('latin1'));
        const length = match ? Number(match[1]) : 0;
        if (buffer.length < end + 4 + length) return;
        buffer = buffer.subarray(end + 4 + length);
        answered++;
        idle.push(socket);
      });
      sockets.push(socket);
    }
    const timer = setInterval(() => {
      const elapsed = Date.now() - started;
      if (elapsed >= durationMs) {
        clearInterval(timer);
        const finish = (): void => {
          if (answered < sent) return void setTimeout(finish, 5);
          for (const socket of sockets) socket.destroy();
          resolve(answered);
        };
        finish();
        return;
      }
      const due = Math.floor((elapsed * ratePerSecond) / 1000);
      while (sent < due && idle.length > 0) {
        idle.shift()!.write(REQUEST);
        sent++;
      }
    }, 1);
  });
}

interface Phase {
  rps: number;
  cpuMicrosPerRequest: number;
}

function ask(child: ChildProcess): Promise<{ cpuMicros: number; requests: number }> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string; cpuMicros: number; requests: number }): void => {
      if (message.type !== 'stats') return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.send({ type: 'stats' });
  });
}

async function phase(child: ChildProcess, port: number, connections: number, durationMs: number, kind: ServerKind): Promise<Phase> {
  const check = (body: string): void => {
    if (!body.includes('"result":30')) throw new Error(`${kind} answered ${body}`);
  };
  const before = await ask(child);
  const started = Date.now();
  const counts = await Promise.all(Array.from({ length: connections }, () => drive(port, started + durationMs, check)));
  const elapsed = Date.now() - started;
  const after = await ask(child);
  const total = counts.reduce((a, b) => a + b, 0);
  const served = after.requests - before.requests;
  return { rps: (total * 1000) / elapsed, cpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / Math.max(1, served) };
}

interface Running {
  kind: ServerKind;
  child: ChildProcess;
  port: number;
  sequential: Phase[];
  concurrent: Phase[];
  paced: number[];
}

/**
 * Compiles this file and lib/rpc to plain JavaScript, so every server runs on bare `node`:
 * under tsx the kit's code would pay for the loader and esbuild's `__name` wrappers while the
 * npm peers, already JavaScript, would not.
 */
function compileServers(): string {
  const root = path.resolve(__dirname, '..');
  const outDir = path.join(root, 'build', 'bench-rpc');
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [
    tsc, '--outDir', outDir, '--rootDir', root, '--module', 'commonjs', '--target', 'ES2022', '--esModuleInterop',
    '--skipLibCheck', '--strict', '--types', 'node', path.join(root, 'bench', 'rpc.bench.ts'),
  ], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc failed:\n${result.stdout}${result.stderr}`);
  return path.join(outDir, 'bench', 'rpc.bench.js');
}

let compiled: string | undefined;

// Servers on one core, the load generator on the other: fewer migrations, steadier figures.
const SERVER_CPU = 1;
const CLIENT_CPU = 0;

/** Pins a process to one CPU with taskset, when there is one and the machine has 2+ cores. */
function pin(pid: number | undefined, cpu: number): void {
  if (pid === undefined || os.cpus().length < 2) return;
  spawnSync('taskset', ['-pc', String(cpu), String(pid)], { stdio: 'ignore' });
}

async function launch(kind: ServerKind): Promise<Running> {
  compiled ??= compileServers();
  const child = fork(compiled, ['--serve', kind], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  pin(child.pid, SERVER_CPU);
  const port = await new Promise<number>((resolve) =>
    child.on('message', (m: { type: string; port: number }) => m.type === 'ready' && resolve(m.port)),
  );
  return { kind, child, port, sequential: [], concurrent: [], paced: [] };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function line(name: string, value: number, unit: string, reference: number, digits = 1): string {
  return `${name.padEnd(46)} ${value.toFixed(digits)} ${unit}  (reference: ${reference.toFixed(digits)} ${unit}, ratio ${(value / reference).toFixed(2)})`;
}

async function main(): Promise<void> {
  // All servers stay up; short windows are interleaved round by round, so background load on
  // a shared machine falls on every server alike; each figure is the median of its windows.
  pin(process.pid, CLIENT_CPU);
  const servers = await Promise.all(KINDS.map(launch));
  for (const s of servers) await phase(s.child, s.port, 8, 600, s.kind); // warm up the JIT
  for (let round = 0; round < ROUNDS; round++) {
    const order = servers.map((_, i) => servers[(i + round) % servers.length]!);
    for (const s of order) {
      s.concurrent.push(await phase(s.child, s.port, CONNECTIONS, CONCURRENT_MS, s.kind));
      s.sequential.push(await phase(s.child, s.port, 1, SEQUENTIAL_MS, s.kind));
      const before = await ask(s.child);
      await paced(s.port, CONNECTIONS, PACED_RATE, PACED_MS);
      const after = await ask(s.child);
      s.paced.push((after.cpuMicros - before.cpuMicros) / Math.max(1, after.requests - before.requests));
    }
  }
  for (const s of servers) {
    s.child.send({ type: 'stop' });
    await new Promise((resolve) => s.child.on('exit', resolve));
  }
  if (process.env.BENCH_DEBUG) {
    for (const s of servers) console.log(s.kind, s.paced.map((v) => v.toFixed(1)).join(' '), '|', s.concurrent.map((p) => p.cpuMicrosPerRequest.toFixed(1)).join(' '), '|', s.sequential.map((p) => p.cpuMicrosPerRequest.toFixed(1)).join(' '));
  }
  const summary = new Map(
    servers.map((s) => [
      s.kind,
      {
        cpu: median(s.paced),
        cpuFlatOut: median(s.concurrent.map((p) => p.cpuMicrosPerRequest)),
        cpuSeq: median(s.sequential.map((p) => p.cpuMicrosPerRequest)),
        concRps: median(s.concurrent.map((p) => p.rps)),
        seqRps: median(s.sequential.map((p) => p.rps)),
      },
    ]),
  );
  const reference = summary.get('node:http')!;
  console.log(`# JSON-RPC over HTTP: medians of ${ROUNDS} interleaved windows; reference = bare node:http answering fixed JSON`);
  for (const kind of KINDS) {
    const r = summary.get(kind)!;
    console.log(line(`rpc.server_cpu_per_request.paced${PACED_RATE}.${kind}`, r.cpu, 'µs', reference.cpu));
    console.log(line(`rpc.server_cpu_per_request.concurrent32.${kind}`, r.cpuFlatOut, 'µs', reference.cpuFlatOut));
    console.log(line(`rpc.server_cpu_per_request.sequential.${kind}`, r.cpuSeq, 'µs', reference.cpuSeq));
    console.log(line(`rpc.requests_per_second.sequential.${kind}`, r.seqRps, 'req/s', reference.seqRps, 0));
    console.log(line(`rpc.requests_per_second.concurrent32.${kind}`, r.concRps, 'req/s', reference.concRps, 0));
  }
  const kit = summary.get('kit')!.cpu;
  const peers = Math.min(summary.get('json-rpc-2.0')!.cpu, summary.get('jayson')!.cpu);
  console.log(
    `# target: kit CPU/request ≤ 1.25 × node:http (${(kit / reference.cpu).toFixed(2)}×) and below both peers (best peer ${peers.toFixed(1)} µs): ` +
      (kit <= 1.25 * reference.cpu && kit < peers ? 'met' : 'NOT met'),
  );
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt !== -1) void serve(process.argv[serveAt + 1] as ServerKind);
else main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
