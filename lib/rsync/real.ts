// @real-io: runs Debian's rsync binary on files under build/rsync/, with a hard timeout.
/**
 * Real rsync beside the kit: the same file pair, synchronised by `rsync --no-whole-file --stats
 * --block-size=B` (local copies default to whole-file, which skips the delta algorithm) with its
 * debug output of every block checksum and every match, parsed into the kit's shapes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findBinary, missingServiceMessage } from '../services/index';
import type { DeltaMatch } from './delta';

// realpathSync: under tslab the notebook loads lib/ through the notebooks/lib symlink, and
// `__dirname` keeps that path; the repository root is two levels above the real lib/rsync.
const ROOT = resolve(realpathSync(__dirname), '..', '..');

/** The output of one command run by {@link runCommand}. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
  readonly timedOut: boolean;
}

/**
 * Runs `command` in its own process group, collecting its output; after `timeoutMs` (default
 * 20 s) the whole group is killed with SIGKILL, so rsync's receiver child never outlives it.
 */
export function runCommand(command: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<CommandResult> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(command, [...args], { cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs ?? 20_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      killGroup();
      resolveRun({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), elapsedMs: performance.now() - started, timedOut });
    });
  });
}

/** The path of rsync, or `undefined` when it is not installed (or hidden with `KIT_HIDE_BINARIES=rsync`). */
export function rsyncBinary(): string | undefined {
  return findBinary('rsync');
}

/** The Spanish message a chapter prints when rsync is missing (with the apt-get command). */
export function rsyncMissingMessage(): string {
  return missingServiceMessage('rsync', 'rsync', 'rsync');
}

/** A fresh, empty working folder `build/rsync/<name>` (an old one is removed first). */
export function rsyncWorkDir(name: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`rsyncWorkDir: nombre no válido «${name}»`);
  const dir = join(ROOT, 'build', 'rsync', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The figures of one real rsync delta transfer. */
export interface RealRsyncRun {
  /** «Literal data» of `--stats`. */
  readonly literalBytes: number;
  /** «Matched data» of `--stats`. */
  readonly matchedBytes: number;
  /** «Total bytes sent» (sender → receiver: file list, delta, file checksum). */
  readonly bytesSent: number;
  /** «Total bytes received» (receiver → sender: mostly the signature). */
  readonly bytesReceived: number;
  /** The block size rsync used (its `blength`). */
  readonly blockSize: number;
  /** Bytes of each block's strong checksum rsync sent (`s2length`). */
  readonly strongLength: number;
  /** The weak checksum rsync computed for each block of the basis (`sum1`), in order. */
  readonly weakSums: readonly number[];
  /** Every match, in order («match at OFFSET … j=INDEX len=LENGTH»). */
  readonly matches: readonly DeltaMatch[];
  /** True if the destination file ended byte-identical to the source. */
  readonly identical: boolean;
  /** Wall-clock time of the rsync process, ms. */
  readonly elapsedMs: number;
}

const statNumber = (text: string, label: string): number => {
  const m = new RegExp(`${label}: ([\\d,.]+)`).exec(text);
  if (m === null) throw new Error(`rsync no imprimió «${label}» en --stats`);
  return Number((m[1] as string).replace(/[,.]/g, ''));
};

/** Parses the `--stats --debug=deltasum3` output of a one-file rsync run. */
export function parseRsyncOutput(stdout: string): Omit<RealRsyncRun, 'identical' | 'elapsedMs'> {
  const head = /blength=(\d+) s2length=(\d+)/.exec(stdout);
  const weakSums: number[] = [];
  for (const m of stdout.matchAll(/^chunk\[(\d+)\] offset=\d+ len=\d+ sum1=([0-9a-f]+)$/gm)) weakSums[Number(m[1])] = parseInt(m[2] as string, 16);
  const matches: DeltaMatch[] = [];
  for (const m of stdout.matchAll(/^match at (\d+) last_match=\d+ j=(\d+) len=(\d+)/gm)) matches.push({ offset: Number(m[1]), index: Number(m[2]), length: Number(m[3]) });
  return {
    literalBytes: statNumber(stdout, 'Literal data'),
    matchedBytes: statNumber(stdout, 'Matched data'),
    bytesSent: statNumber(stdout, 'Total bytes sent'),
    bytesReceived: statNumber(stdout, 'Total bytes received'),
    blockSize: head === null ? 0 : Number(head[1]),
    strongLength: head === null ? 0 : Number(head[2]),
    weakSums,
    matches,
  };
}

/**
 * Synchronises `basis` into `target` with real rsync, in `build/rsync/<name>/`: the old file in
 * `dst/f`, the new one in `src/f`, then `rsync --no-whole-file -I --stats --debug=deltasum3
 * [--block-size=B] src/f dst/f` (`-I`: never skip the file by size and time). Throws
 * `ServiceMissing`-style Spanish text when rsync is absent; the folder is removed at the end.
 * @example
 * const real = await runRealRsync({ name: 'prueba', basis, target, blockSize: 700 });
 * real.literalBytes; // compare with computeDelta(signature(basis, 700), target).stats.literalBytes
 */
export async function runRealRsync(options: { name: string; basis: Uint8Array; target: Uint8Array; blockSize?: number; timeoutMs?: number; debug?: boolean }): Promise<RealRsyncRun> {
  const binary = rsyncBinary();
  if (binary === undefined) throw new Error(rsyncMissingMessage());
  const dir = rsyncWorkDir(options.name);
  try {
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'dst'));
    writeFileSync(join(dir, 'src', 'f'), options.target);
    writeFileSync(join(dir, 'dst', 'f'), options.basis);
    const args = ['--no-whole-file', '-I', '--stats', ...(options.debug === false ? [] : ['--debug=deltasum3'])];
    if (options.blockSize !== undefined) args.push(`--block-size=${options.blockSize}`);
    const run = await runCommand(binary, [...args, 'src/f', 'dst/f'], { cwd: dir, timeoutMs: options.timeoutMs ?? 20_000 });
    if (run.timedOut) throw new Error(`rsync no terminó en ${options.timeoutMs ?? 20_000} ms y se mató`);
    if (run.code !== 0) throw new Error(`rsync terminó con código ${String(run.code)}: ${run.stderr.trim().slice(0, 300)}`);
    const identical = Buffer.from(readFileSync(join(dir, 'dst', 'f'))).equals(Buffer.from(options.target));
    return { ...parseRsyncOutput(run.stdout), identical, elapsedMs: run.elapsedMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
