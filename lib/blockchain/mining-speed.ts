// @real-io: measures hashing speed with the wall clock, starts worker threads and openssl.
/**
 * Mining speed on this machine: double SHA-256 of an 80-byte header per attempt, by four
 * methods: the naive one (JSON.stringify the block and hex-digest it), `node:crypto` on the
 * header, the kit's midstate loop in plain JavaScript on one core, and the same on every core
 * (`worker_threads`, always terminated); next to `openssl speed -evp sha256 -bytes 80`, the
 * machine's ceiling (SHA-NI where the CPU has it). One SHA-256 of 80 bytes is two compressions,
 * as is one midstate attempt, so openssl's hashes per second and our attempts per second compare
 * like for like.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { tsxHookPath } from '../runtime/processes';
import { findBinary, missingServiceMessage } from '../services/binaries';
import { createHeaderMiner } from './sha256-midstate';

/** A measured rate. */
export interface HashRate {
  readonly method: string;
  /** Attempts per second of wall-clock time. */
  readonly hashesPerSecond: number;
  /** Attempts per second of this process's CPU time (user + system), as `openssl speed` counts by default; single-thread methods only. */
  readonly cpuHashesPerSecond?: number;
}

function header80(): Buffer {
  const header = Buffer.alloc(80);
  for (let i = 0; i < 80; i++) header[i] = (i * 37 + 11) & 0xff;
  return header;
}

function timed(durationMs: number, chunk: (done: number) => number): { hashesPerSecond: number; cpuHashesPerSecond: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let done = 0;
  while (performance.now() - started < durationMs) done += chunk(done);
  const used = process.cpuUsage(cpu);
  return { hashesPerSecond: done / ((performance.now() - started) / 1000), cpuHashesPerSecond: done / Math.max(1e-6, (used.user + used.system) / 1e6) };
}

/** The lecture's way: `JSON.stringify` of the block and a hex SHA-256 per attempt. */
export function naiveRate(durationMs: number): HashRate {
  const block = { index: 1, previous_hash: '0'.repeat(64), data: 'Transacción 1', timestamp: 1738161300, nonce: 0 };
  return { method: 'ingenuo: JSON.stringify + hex por intento', ...timed(durationMs, () => {
    for (let i = 0; i < 2_000; i++) { block.nonce += 1; createHash('sha256').update(JSON.stringify(block)).digest('hex'); }
    return 2_000;
  }) };
}

/** Double SHA-256 of the 80-byte header with `node:crypto`, two `createHash` per attempt. */
export function nodeCryptoRate(durationMs: number): HashRate {
  const header = header80();
  return { method: 'node:crypto, doble SHA-256 de 80 bytes', ...timed(durationMs, (done) => {
    for (let i = 0; i < 5_000; i++) { header.writeUInt32LE((done + i) >>> 0, 76); createHash('sha256').update(createHash('sha256').update(header).digest()).digest(); }
    return 5_000;
  }) };
}

/** The kit's midstate loop on this thread. */
export function midstateRate(durationMs: number): HashRate {
  const miner = createHeaderMiner(header80());
  return { method: 'JS con midstate, 1 núcleo', ...timed(durationMs, (done) => { miner.search(done, 20_000, 256); return 20_000; }) };
}

/**
 * The midstate loop on `threads` worker threads at once (default: one per core); sums their rates.
 * Every worker is terminated and every watchdog timer cleared when it ends, also when it fails.
 */
export async function allCoresRate(durationMs: number, threads = cpus().length): Promise<HashRate> {
  if (!Number.isFinite(durationMs) || durationMs <= 0) throw new RangeError(`durationMs debe ser un número > 0, no ${durationMs}`);
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads debe ser un entero ≥ 1, no ${threads}`);
  const code = `require(${JSON.stringify(tsxHookPath())}); require(${JSON.stringify(join(__dirname, 'mining-worker.ts'))});`;
  const workers: Worker[] = [];
  const timers: ReturnType<typeof setTimeout>[] = [];
  try {
    const results = await Promise.all(Array.from({ length: threads }, (_, t) => new Promise<number>((resolve, reject) => {
      const worker = new Worker(code, { eval: true, stdout: false, stderr: false });
      workers.push(worker);
      const header = header80();
      header[0] = t;
      timers.push(setTimeout(() => reject(new Error(`el hilo de minado ${t} no respondió a tiempo`)), durationMs + 30_000));
      worker.on('error', reject);
      worker.on('exit', (exitCode: number) => reject(new Error(`el hilo de minado ${t} terminó (código ${exitCode}) sin dar su medida`)));
      worker.on('message', (m: { ready?: boolean; hashes?: number; elapsedMs?: number }) => {
        if (m.ready === true) { worker.postMessage({ header, durationMs }); return; }
        resolve((m.hashes ?? 0) / ((m.elapsedMs ?? 1) / 1000));
      });
    })));
    return { method: `JS con midstate, ${threads} hilos`, hashesPerSecond: results.reduce((s, r) => s + r, 0) };
  } finally {
    // When one worker fails, Promise.all rejects at once: the others' timers and threads are still live.
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * `openssl speed` on 80-byte SHA-256 (per CPU second, openssl's default, in both `hashesPerSecond`
 * and `cpuHashesPerSecond`; per wall-clock second with `elapsed`), or a Spanish message saying
 * how to install openssl.
 */
export function opensslRate(seconds = 1, multi = 1, elapsed = false): Promise<HashRate | { missing: string }> {
  const binary = findBinary('openssl');
  if (binary === undefined) return Promise.resolve({ missing: missingServiceMessage('openssl', 'openssl', 'openssl') });
  const args = ['speed', ...(elapsed ? ['-elapsed'] : []), ...(multi > 1 ? ['-multi', String(multi)] : []), '-seconds', String(seconds), '-bytes', '80', '-evp', 'sha256'];
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: (seconds * 2 + 20) * 1000, encoding: 'utf8' }, (error, stdout) => {
      if (error) { reject(new Error(`openssl speed falló: ${error.message}`)); return; }
      const line = stdout.split('\n').reverse().find((l) => /^sha256\s/.test(l.trim()) || /^evp\s/.test(l.trim()) || /^sha256:/.test(l.trim()));
      const match = line === undefined ? null : /([\d.]+)k\s*$/.exec(line.trim());
      if (match === null) { reject(new Error(`no entiendo la salida de openssl speed: ${stdout.slice(-200)}`)); return; }
      const rate = (Number(match[1]) * 1000) / 80;
      resolve({ method: multi > 1 ? `openssl speed, ${multi} procesos` : 'openssl speed, 1 núcleo', hashesPerSecond: rate, ...(elapsed || multi > 1 ? {} : { cpuHashesPerSecond: rate }) });
    });
  });
}
